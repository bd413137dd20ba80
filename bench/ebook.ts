/**
 * `npm run bench:ebook`: reading a whole e-book stored in sections (issue 16: p99 under 20 ms for
 * a 30-year book). BENCH_BOOKS (2,000) thirty-year books (bench/books.ts: 360 months in 30 year
 * sections, six employments, thirty HI cards, two claims) are loaded into a scratch database
 * through db/queries/bulk-load.ts loadEbooks, as `ansinh seed` stores them. Then BENCH_READS
 * (5,000) reads of a random book, each as the API, the PDF and the e-mail get it
 * (db/queries/ebooks.ts findEbook: the row and its sections in one statement, put back together
 * and hashed), and the same with the delivery's signature (services/ebooks.ts signEbook). Floor:
 * the same bytes read as one stored text (how books were kept before the sections). Also prints
 * what a month costs to write: the bytes of a year's section against the whole book.
 */
import { randomInt } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadEbooks, loadParticipants } from '../db/queries/bulk-load';
import { findEbook } from '../db/queries/ebooks';
import { renderEbook, renderSectionedEbook } from '../domain/ebook';
import { loadSigningKeys } from '../runtime/signing-keys';
import { signEbook } from '../services/ebooks';
import { thirtyYearBook } from './books';
import { appClock, percentiles, scratchDatabase, thousands, timesFloor } from './harness';

const BOOKS = Number(process.env.BENCH_BOOKS ?? 2000);
const READS = Number(process.env.BENCH_READS ?? 5000);
const WARMUP = 200;

const idOf = (i: number) => `0790${String(70_000_000 + i).padStart(8, '0')}`;
const bookOf = (i: number) => thirtyYearBook(idOf(i), String(7_912_000_000 + i));

async function timed(n: number, fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < WARMUP; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

async function main(): Promise<void> {
  const scratch = await scratchDatabase('ansinh_bench_ebook', { max: 4 });
  try {
    const { db, sql } = scratch.handle;
    const sqlc = sql!;
    const ids = Array.from({ length: BOOKS }, (_, i) => i);
    await loadParticipants(
      sqlc,
      ids.map((i) => bookOf(i).participant),
    );
    const l0 = performance.now();
    await loadEbooks(
      sqlc,
      (function* () {
        for (const i of ids) yield bookOf(i);
      })(),
    );
    const loadSeconds = (performance.now() - l0) / 1000;
    // The floor: the same canonical JSON as one stored text per book.
    await sqlc`create table bench_whole (personal_id text primary key, content text not null)`;
    await sqlc`insert into bench_whole ${sqlc(ids.map((i) => ({ personal_id: idOf(i), content: renderEbook(bookOf(i)).content })))}`;
    await sqlc`analyze`;

    const keys = await loadSigningKeys({
      home: mkdtempSync(path.join(tmpdir(), 'ansinh-bench-ebook-')),
      clock: appClock,
    });
    const random = () => idOf(randomInt(BOOKS));
    const whole = percentiles(
      await timed(READS, async () => sqlc`select content from bench_whole where personal_id = ${random()}`),
    );
    const read = percentiles(await timed(READS, async () => findEbook(db, random())));
    const signed = percentiles(await timed(READS, async () => signEbook(keys, (await findEbook(db, random()))!)));
    // Every book read back is the whole rendering, byte for byte.
    const check = (await findEbook(db, idOf(0)))!;
    const same = check.content === renderEbook(bookOf(0)).content;

    const stored = renderSectionedEbook(bookOf(0));
    const year = stored.sections.find((x) => x.key === 'months/2025')!;
    const f = (n: number) => n.toFixed(2);
    console.log(
      `books:                 ${thousands(BOOKS)} thirty-year books (${stored.sections.length} sections, ${thousands(check.content.length)} bytes each), loaded in ${loadSeconds.toFixed(1)} s`,
    );
    console.log(`floor (one text row):  p50 ${f(whole.p50)} ms  p99 ${f(whole.p99)} ms  max ${f(whole.max)} ms`);
    console.log(
      `whole book read:       p50 ${f(read.p50)} ms  p99 ${f(read.p99)} ms  max ${f(read.max)} ms  (${READS} reads; p99 ${timesFloor(read.p99, whole.p99)} the floor)  target p99 < 20 ms: ${read.p99 < 20 ? 'MET' : 'NOT MET'}`,
    );
    console.log(
      `read + signature:      p50 ${f(signed.p50)} ms  p99 ${f(signed.p99)} ms  max ${f(signed.max)} ms  target p99 < 20 ms: ${signed.p99 < 20 ? 'MET' : 'NOT MET'}`,
    );
    console.log(
      `a month's write:       the year's section ${thousands(year.content.length)} bytes + the manifest ${thousands(stored.manifest.length)} bytes, against ${thousands(check.content.length)} bytes for the whole book`,
    );
    console.log(`byte-identical:        ${same ? 'yes' : 'NO'}`);
    if (!same) process.exitCode = 1;
  } finally {
    await scratch.drop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

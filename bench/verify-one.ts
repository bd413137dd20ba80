/**
 * `npm run bench:verify-one`: `ansinh ebook verify --participant` (issue 16: one person checked "in
 * milliseconds"). Seeds BENCH_PEOPLE (5,000) participants with BENCH_HISTORY_MONTHS (180, the most
 * `ansinh seed --history-months` takes) of real history into a scratch database, then checks
 * BENCH_CHECKS (2,000) random people one at a time through services/ebooks.ts
 * verifyParticipantEbook, as the CLI does: the person looked up, every record read and the book's
 * sections re-rendered from them, compared section by section with what is stored, the hashes and
 * the version history checked. Beside it the floor: a person's whole stored book read
 * (db/queries/ebooks.ts findEbook, what the API hands out). p50/p99/max, the ratio, the 20 ms
 * target of a book's read, and the time of the command itself (a fresh process: start-up included).
 */
import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { findEbook } from '../db/queries/ebooks';
import { verifyParticipantEbook } from '../services/ebooks';
import { percentiles, scratchDatabase, seedNational, thousands, timesFloor } from './harness';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 5000);
const HISTORY = Number(process.env.BENCH_HISTORY_MONTHS ?? 180);
const CHECKS = Number(process.env.BENCH_CHECKS ?? 2000);
const COMMANDS = 3;
const WARMUP = 100;
const TARGET_P99_MS = 20;

async function main(): Promise<void> {
  const scratch = await scratchDatabase('ansinh_bench_verify_one', { max: 4 });
  try {
    const { db, sql } = scratch.handle;
    const s0 = performance.now();
    await seedNational(scratch.url, {
      employers: Math.max(1, Math.round(PEOPLE / 100)),
      participants: PEOPLE,
      period: '2026-10',
      historyMonths: HISTORY,
    });
    const seedSeconds = (performance.now() - s0) / 1000;
    const ids = (await sql!`select personal_id from participants order by personal_id`).map(
      (r) => r.personal_id as string,
    );
    const [size] = await sql!`select round(avg(months))::int as months, max(months) as max from (
        select personal_id, count(*) as months from contribution_months group by personal_id) m`;
    const random = () => ids[randomInt(ids.length)]!;

    // Warm both paths alike, then alternate them so that neither gets a quieter machine.
    for (let i = 0; i < WARMUP; i++) {
      await verifyParticipantEbook(db, random());
      await findEbook(db, random());
    }
    const checks: number[] = [];
    const reads: number[] = [];
    let mismatches = 0;
    let bytes = 0;
    for (let i = 0; i < CHECKS; i++) {
      const id = random();
      let t0 = performance.now();
      const report = await verifyParticipantEbook(db, id);
      checks.push(performance.now() - t0);
      mismatches += report.mismatches.length;
      t0 = performance.now();
      const book = await findEbook(db, random());
      reads.push(performance.now() - t0);
      bytes += book?.content.length ?? 0;
    }

    // The command as an operator runs it: a fresh process, start-up and connection included.
    const command: number[] = [];
    let commandOk = true;
    for (let i = 0; i < COMMANDS; i++) {
      const t0 = performance.now();
      const run = spawnSync(
        process.execPath,
        ['--import', 'tsx', 'cli/main.ts', 'ebook', 'verify', '--participant', random()],
        {
          env: {
            ...process.env,
            NODE_OPTIONS: '',
            DATABASE_URL: scratch.url,
            LOG_LEVEL: 'warn',
            ANSINH_MODE: 'development',
          },
          encoding: 'utf8',
        },
      );
      command.push(performance.now() - t0);
      if (run.status !== 0) {
        commandOk = false;
        console.error(run.stdout, run.stderr);
      }
    }

    const c = percentiles(checks);
    const r = percentiles(reads);
    const f = (n: number) => n.toFixed(2);
    console.log(
      `population:            ${thousands(PEOPLE)} participants, ${size!.months} months each on average (max ${size!.max}), seeded in ${seedSeconds.toFixed(1)} s`,
    );
    console.log(
      `floor (read the book): p50 ${f(r.p50)} ms  p99 ${f(r.p99)} ms  max ${f(r.max)} ms  (${thousands(bytes / CHECKS)} bytes a book)`,
    );
    console.log(
      `verify --participant:  p50 ${f(c.p50)} ms  p99 ${f(c.p99)} ms  max ${f(c.max)} ms  (${thousands(CHECKS)} people; p50 ${timesFloor(c.p50, r.p50)}, p99 ${timesFloor(c.p99, r.p99)} the floor)  target p99 < ${TARGET_P99_MS} ms: ${c.p99 < TARGET_P99_MS ? 'MET' : 'NOT MET'}`,
    );
    console.log(`mismatches:            ${mismatches}`);
    console.log(
      `the command:           ${command.map((ms) => `${(ms / 1000).toFixed(2)} s`).join(', ')} (a fresh process each: start-up, connection, one check)${commandOk ? '' : ' — FAILED'}`,
    );
    if (mismatches > 0 || !commandOk) process.exitCode = 1;
  } finally {
    await scratch.drop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

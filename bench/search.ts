/**
 * `npm run bench:search`: the lists and searches of issue #12 on a national-sized table —
 * BENCH_PEOPLE (1,000,000) participants with Vietnamese names (10 family × 8 middle × 14 given
 * names, so a full name is shared by ~900 people and a family name by ~100,000), BENCH_CLAIMS
 * (100,000) claims and 10,000 employers — through the real API (token, validation, policy, the
 * access-log insert for every person returned). Each request is timed alone, in a row; prints
 * p50 and p99 per request kind, beside the bare route (no auth, no I/O) as the floor.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createVerifier, DEV_AUDIENCE, DEV_ISSUER, ensureDevKeys, mintToken } from '../api/auth';
import { buildServer } from '../api/server';
import { loadSigningKeys } from '../runtime/signing-keys';
import { appClock, localTemporal, scratchDatabase, thousands } from './harness';
import { FAMILY, GIVEN, MIDDLE } from '../dev/sample';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 1_000_000);
const CLAIMS = Number(process.env.BENCH_CLAIMS ?? 100_000);
const EMPLOYERS = 10_000;
const RUNS = Number(process.env.BENCH_RUNS ?? 300);

const arr = (xs: string[]) => `array[${xs.map((x) => `'${x}'`).join(',')}]`;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

async function main(): Promise<void> {
  const scratch = await scratchDatabase('ansinh_bench_search', { max: 10 });
  const sql = scratch.handle.sql!;
  const env = await localTemporal();
  const home = mkdtempSync(path.join(tmpdir(), 'ansinh-bench-search-'));
  try {
    const t0 = performance.now();
    await sql.unsafe(`insert into participants (personal_id, si_number, full_name, date_of_birth, gender)
      select lpad(i::text, 12, '0'), lpad(i::text, 10, '0'),
             (${arr(FAMILY)})[1 + i % 10] || ' ' || (${arr(MIDDLE)})[1 + (i / 10) % 8] || ' ' || (${arr(GIVEN)})[1 + (i / 80) % 14],
             date '1970-01-01' + (i % 15000), case when i % 2 = 0 then 'male' else 'female' end
        from generate_series(1, ${PEOPLE}) as i`);
    await sql.unsafe(`insert into employers (tax_code, name, address, province_code, wage_region, category, status)
      select lpad((100000000 + i)::text, 10, '0'), 'Công ty TNHH ' || (${arr(GIVEN)})[1 + i % 14] || ' ' || i, 'Hà Nội',
             lpad((1 + i % 96)::text, 2, '0'), 'I', 'enterprise', 'pending'
        from generate_series(1, ${EMPLOYERS}) as i`);
    await sql.unsafe(`insert into ui_claims (personal_id, workflow_id, status, termination_date, filing_date, region,
                                             contract_months, termination_reason, filed_by, decision_deadline)
      select lpad(i::text, 12, '0'), 'claim:ui:bench-' || i,
             (array['awaiting_decision','rejected','completed','intake'])[1 + i % 4],
             date '2025-01-01' + (i % 600), date '2025-01-10' + (i % 600), 'I', 36, 'contract_expired', 'bench',
             date '2025-02-01' + (i % 600)
        from generate_series(1, ${CLAIMS}) as i`);
    await sql.unsafe('analyze');
    const loadSeconds = (performance.now() - t0) / 1000;

    const dev = await ensureDevKeys(home);
    const app = await buildServer({
      db: scratch.handle.db,
      client: env.client,
      taskQueue: 'bench-search',
      verifier: await createVerifier({ issuer: DEV_ISSUER, audience: DEV_AUDIENCE, jwksFile: dev.jwksPath }),
      clock: appClock,
      signingKeys: await loadSigningKeys({ home, clock: appClock }),
      logLevel: 'silent',
      benchRoute: true,
      rateLimits: { tight: 1e9, loose: 1e9, windowMs: 60_000, facilityAlert: 1e9 },
    });
    await app.ready();
    const auth = { authorization: `Bearer ${await mintToken(home, { role: 'officer', ttl: '1h' })}` };
    const get = async (url: string, headers: Record<string, string> = auth) => {
      const r = await app.inject({ url, headers });
      if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body}`);
      return r.json() as { items: unknown[]; nextCursor: string | null };
    };
    /** The cursor `pages` pages into a list (to time a deep page). */
    const deep = async (url: string, pages: number) => {
      let cursor: string | null = null;
      for (let i = 0; i < pages; i++) cursor = (await get(`${url}${cursor ? `&cursor=${cursor}` : ''}`)).nextCursor;
      return cursor;
    };
    const time = async (label: string, url: (i: number) => string, headers?: Record<string, string>) => {
      const first = await get(url(0), headers);
      const ms: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now();
        await get(url(i), headers);
        ms.push(performance.now() - t);
      }
      console.log(
        `${label.padEnd(58)} p50 ${pct(ms, 50).toFixed(2).padStart(6)} ms   p99 ${pct(ms, 99).toFixed(2).padStart(6)} ms   (${first.items?.length ?? '—'} items)`,
      );
    };

    console.log(
      `population: ${thousands(PEOPLE)} participants, ${thousands(CLAIMS)} claims, ${thousands(EMPLOYERS)} employers; loaded and analysed in ${loadSeconds.toFixed(1)} s`,
    );
    console.log(`${RUNS} requests per kind, one at a time, through app.inject (token, zod, policy, access log)\n`);
    await time('GET /bench/bare (floor: no auth, no I/O)', () => '/bench/bare', {});
    const id = (i: number) => String(1 + ((i * 7919) % PEOPLE)).padStart(12, '0');
    await time('participants ?q=<personal ID>', (i) => `/v1/participants?q=${id(i)}`);
    await time('participants ?q=<SI number>', (i) => `/v1/participants?q=${id(i).slice(2)}`);
    const names = ['nguyen van an', 'Trần Thị Lan', 'dang duc', 'LE MINH', 'vo ngoc'];
    await time(
      'participants ?q=<name prefix, ~900–12,500 match> (50)',
      (i) => `/v1/participants?q=${encodeURIComponent(names[i % names.length]!)}`,
    );
    await time('participants ?q=dang (100,000 match), first page (50)', () => '/v1/participants?q=dang');
    const dang = await deep('/v1/participants?q=dang&limit=200', 100);
    await time(
      'participants ?q=dang, page 101 of 200 (keyset)',
      () => `/v1/participants?q=dang&limit=200&cursor=${dang}`,
    );
    await time('claims ?status=awaiting_decision, first page (50)', () => '/v1/claims?status=awaiting_decision');
    const claims = await deep('/v1/claims?status=awaiting_decision&limit=200', 100);
    await time(
      'claims ?status=awaiting_decision, page 101 of 200',
      () => `/v1/claims?status=awaiting_decision&limit=200&cursor=${claims}`,
    );
    await time(
      'claims ?filedFrom=&filedTo= (a month), first page',
      () => '/v1/claims?filedFrom=2025-06-01&filedTo=2025-06-30',
    );
    await time(
      'claims ?status=awaiting_decision&province=79 (none match)',
      () => '/v1/claims?status=awaiting_decision&province=79',
    );
    await time('employers ?q=cong ty tnhh b (50)', () => `/v1/employers?q=${encodeURIComponent('cong ty tnhh b')}`);
    await time('employers ?q=01000 (tax-code prefix)', () => '/v1/employers?q=01000');
    await app.close();
  } finally {
    await env.teardown();
    await scratch.drop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

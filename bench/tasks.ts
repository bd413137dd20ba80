/**
 * `npm run bench:tasks`: the work queue (GET /v1/tasks) under load, beside the bare route
 * (GET /bench/bare: no auth, no I/O) of the same server. A scratch database on the PostgreSQL at
 * 127.0.0.1:5432 (BENCH_DATABASE_URL: the administrative database) gets BENCH_TASKS (100,000)
 * open tasks — five kinds, four in five an officer's, 63 provinces, due from 30 days ago to 60
 * ahead, one in fifty without a due date — and half as many closed ones, in one
 * INSERT … SELECT generate_series. autocannon (in a child process, bench/loadgen.ts) drives each
 * route for BENCH_DURATION seconds (10) with BENCH_CONNECTIONS connections (20) after a 2 s
 * warm-up: an officer's first page (50 tasks, the counts per kind and the overdue figure over all
 * 80,000 of theirs), a filtered page (one kind in one province) and a deep page (a cursor 20,000
 * tasks in). Prints req/s, p50/p99, the ratio to the bare route, the parts of one request (the
 * counts from `task_counts` beside a count(*) over the open tasks themselves) and the plans.
 * The floor: each page route serves at least FLOOR_RPS (250) requests a second in one API process
 * — a few thousand officers each loading a page every ten seconds. (Under a closed-loop load the
 * latency is the connections over the throughput, so the floor is a throughput.)
 * No Temporal server: the queue's routes never call it (the client is lazy and never connects).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from '@temporalio/client';
import { sql } from 'drizzle-orm';
import { createVerifier, DEV_AUDIENCE, DEV_ISSUER, ensureDevKeys, mintToken } from '../api/auth';
import { buildServer } from '../api/server';
import { queryRows } from '../db/client';
import { taskCounts, taskPage } from '../db/queries/tasks';
import { listTasks } from '../services/tasks';
import { addDays } from '../domain/calendar';
import { loadSigningKeys } from '../runtime/signing-keys';
import { appClock, scratchDatabase, thousands, timesFloor } from './harness';
import { driveApart, KINDS, seedQueue } from './work-queue';

const TASKS = Number(process.env.BENCH_TASKS ?? 100_000);
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const WARMUP = 2;
/** The floor: requests a second each page route serves under the load above, in one API process. */
const FLOOR_RPS = Number(process.env.FLOOR_RPS ?? 250);

interface Figures {
  route: string;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  total: number;
}

const quantile = (sorted: number[], q: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]! : Number.NaN;

const drive = (url: string, paths: string[], headers: Record<string, string>, duration: number) =>
  driveApart({ url, paths, headers, duration, connections: CONNECTIONS });

async function measure(route: string, url: string, paths: string[], headers: Record<string, string>): Promise<Figures> {
  await drive(url, paths, headers, WARMUP);
  const { result: r, latencies } = await drive(url, paths, headers, DURATION);
  return {
    route,
    rps: r.rpsMean,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    non2xx: r.non2xx,
    errors: r.errors,
    total: r.total,
  };
}

async function main(): Promise<void> {
  const scratch = await scratchDatabase('ansinh_bench_tasks', { max: 10 });
  const db = scratch.handle.db;
  const home = mkdtempSync(path.join(tmpdir(), 'ansinh-bench-tasks-'));
  let app: Awaited<ReturnType<typeof buildServer>> | undefined;
  try {
    const today = appClock.today();
    const t0 = performance.now();
    // One statement: TASKS open tasks, then half as many closed ones.
    await seedQueue(db, today, TASKS);
    await db.execute(sql`vacuum analyze tasks`);
    await db.execute(sql`vacuum analyze task_counts`);
    const seedSeconds = (performance.now() - t0) / 1000;

    const dev = await ensureDevKeys(home);
    const verifier = await createVerifier({ issuer: DEV_ISSUER, audience: DEV_AUDIENCE, jwksFile: dev.jwksPath });
    app = await buildServer({
      db,
      client: new Client(), // lazy: never connects, the queue's routes do not use it
      taskQueue: 'bench-tasks',
      verifier,
      clock: appClock,
      signingKeys: await loadSigningKeys({ home, clock: appClock }),
      logLevel: 'silent',
      benchRoute: true,
      rateLimits: { tight: 1e9, loose: 1e9, windowMs: 60_000, facilityAlert: 1e9 },
    });
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    const token = await mintToken(home, { role: 'officer', subject: 'officer:bench', ttl: '1h' });
    const auth = { authorization: `Bearer ${token}` };

    // The cursor 20,000 officers' tasks in, from the API itself (pages of 200).
    let cursor: string | null = null;
    for (let n = 0; n < 20_000; n += 200) {
      const r: { statusCode: number; body: string; json(): unknown } = await app.inject({
        url: `/v1/tasks?limit=200${cursor ? `&cursor=${cursor}` : ''}`,
        headers: auth,
      });
      if (r.statusCode !== 200) throw new Error(`paging answered ${r.statusCode}: ${r.body}`);
      cursor = (r.json() as { nextCursor: string | null }).nextCursor;
    }
    const first = await app.inject({ url: '/v1/tasks', headers: auth });
    const body = first.json() as { items: unknown[]; counts: { kind: string; open: number }[]; overdue: number };
    const officers = body.counts.reduce((n, c) => n + c.open, 0);
    if (first.statusCode !== 200 || body.items.length !== 50) throw new Error(`first page: ${first.statusCode}`);

    console.log(
      `tasks:       ${thousands(TASKS)} open (${thousands(officers)} an officer's, ${thousands(body.overdue)} of those overdue) + ${thousands(TASKS / 2)} closed, seeded in ${seedSeconds.toFixed(1)} s`,
    );
    console.log(
      `load test:   ${CONNECTIONS} connections, ${WARMUP} s warm-up + ${DURATION} s per route, autocannon in ${process.env.BENCH_LOADGEN === 'inprocess' ? 'this process' : 'a child process'}, ${base}`,
    );
    console.log('');

    const bare = await measure('GET /bench/bare', base, ['/bench/bare'], {});
    const firstPage = await measure('GET /v1/tasks (first page)', base, ['/v1/tasks'], auth);
    const filtered = await measure(
      'GET /v1/tasks?kind&province',
      base,
      Array.from({ length: 63 }, (_, p) => `/v1/tasks?kind=${KINDS[p % 4]}&province=${String(p + 1).padStart(2, '0')}`),
      auth,
    );
    const deep = await measure('GET /v1/tasks?cursor (20,000 in)', base, [`/v1/tasks?cursor=${cursor}`], auth);

    const rows = [bare, firstPage, filtered, deep];
    const pad = (s: string, n: number) => s.padEnd(n);
    const num = (x: number, d = 0) => x.toFixed(d).padStart(10);
    console.log(
      `${pad('route', 36)}${'req/s'.padStart(10)}${'p50 ms'.padStart(10)}${'p99 ms'.padStart(10)}${'non-2xx'.padStart(10)}${'errors'.padStart(10)}${'requests'.padStart(10)}`,
    );
    for (const r of rows)
      console.log(
        `${pad(r.route, 36)}${num(r.rps)}${num(r.p50, 2)}${num(r.p99, 2)}${num(r.non2xx)}${num(r.errors)}${num(r.total)}`,
      );
    console.log('');
    const ratio = (a: number, b: number) => (b > 0 ? a / b : Number.POSITIVE_INFINITY);
    console.log(`${pad('route / bare', 36)}${'req/s'.padStart(10)}${'p50'.padStart(10)}${'p99'.padStart(10)}`);
    for (const r of [firstPage, filtered, deep])
      console.log(
        `${pad(r.route, 36)}${num(ratio(r.rps, bare.rps), 3)}${num(ratio(r.p50, bare.p50), 1)}${num(ratio(r.p99, bare.p99), 1)}`,
      );
    const worst = Math.min(firstPage.rps, filtered.rps, deep.rps);
    console.log('');
    console.log(
      `floor "every page route at least ${FLOOR_RPS} req/s": ${worst >= FLOOR_RPS ? 'MET' : 'NOT MET'} (worst ${worst.toFixed(0)} req/s, ${timesFloor(worst, FLOOR_RPS, 2)} the floor)`,
    );

    // Where the time goes: the parts of one first-page request, each alone, one call at a time.
    const timeEach = async (n: number, fn: () => Promise<unknown>) => {
      for (let i = 0; i < 20; i++) await fn();
      const t = performance.now();
      for (let i = 0; i < n; i++) await fn();
      return (performance.now() - t) / n;
    };
    const filter = { state: 'open' as const, actor: 'officer' as const, today };
    const pageMs = await timeEach(200, () => taskPage(db, filter, { after: null, limit: 51 }));
    const countsMs = await timeEach(200, () => taskCounts(db, filter));
    const directMs = await timeEach(20, () =>
      queryRows(
        db,
        sql`select kind, count(*), count(*) filter (where due_date < ${today}::date) from tasks
             where status = 'open' and (opens_on is null or opens_on <= ${today}::date) and actor = 'officer' group by kind`,
      ),
    );
    const serviceMs = await timeEach(200, () => listTasks(db, { ...filter, limit: 50, after: null }));
    const jwtMs = await timeEach(200, () => verifier(auth.authorization));
    const injectMs = await timeEach(200, () => app!.inject({ url: '/v1/tasks', headers: auth }));
    const injectDeepMs = await timeEach(200, () => app!.inject({ url: `/v1/tasks?cursor=${cursor}`, headers: auth }));
    console.log('');
    console.log('where the time goes (mean of sequential calls, no load):');
    console.log(`  the page's SQL (51 rows):                  ${pageMs.toFixed(3)} ms`);
    console.log(`  the counts' SQL (of 80,000 tasks):         ${countsMs.toFixed(3)} ms`);
    console.log(`  the same counted over the tasks (count(*)): ${directMs.toFixed(3)} ms`);
    console.log(`  listTasks (both, in parallel, + items):    ${serviceMs.toFixed(3)} ms`);
    console.log(`  JWT verification:                          ${jwtMs.toFixed(3)} ms`);
    console.log(`  the whole first page via app.inject:       ${injectMs.toFixed(3)} ms`);
    console.log(`  a deep page via app.inject (its counts):   ${injectDeepMs.toFixed(3)} ms`);

    // Where the time goes: the plans of the page and the counts of an officer's first page.
    const explain = async (label: string, q: ReturnType<typeof sql>) => {
      const plan = await queryRows<{ 'QUERY PLAN': string }>(db, sql`explain (analyze, buffers off, costs off) ${q}`);
      console.log(`\n${label}:`);
      for (const l of plan) console.log(`  ${l['QUERY PLAN']}`);
    };
    await explain(
      'page (officer, open)',
      sql`select id from tasks where status = 'open' and (opens_on is null or opens_on <= ${today}::date) and actor = 'officer'
          order by coalesce(due_date, 'infinity'::date), id limit 51`,
    );
    await explain(
      'counts (officer, open)',
      sql`select kind, sum(n), sum(n) filter (where due_date < ${today}::date) from task_counts
           where province_code = '' and opens_on <= ${today}::date and actor = 'officer' group by kind`,
    );
    await explain(
      'page 20,000 in',
      sql`select id from tasks where status = 'open' and actor = 'officer'
            and (coalesce(due_date, 'infinity'::date), id) > (${addDays(today, 30)}::date, 0::bigint)
          order by coalesce(due_date, 'infinity'::date), id limit 51`,
    );

    if (rows.slice(1).some((r) => r.non2xx + r.errors > 0)) {
      console.error('some queue requests were not 2xx');
      process.exitCode = 1;
    }
  } finally {
    await app?.close();
    await scratch.drop();
    rmSync(home, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

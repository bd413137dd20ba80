/**
 * `npm run bench:console`: time to first byte of the officer's work-queue page (GET /console/officer,
 * issue 12) with BENCH_TASKS (100,000) open tasks, beside GET /v1/tasks (what the page reads, in
 * process) and the bare route of the same server. The tasks are seeded as bench:tasks seeds them (five
 * kinds, four in five an officer's, 63 provinces, due from 30 days ago to 60 ahead, one in fifty
 * without a due date, half as many closed ones). An officer signs in through the development form;
 * then BENCH_REQUESTS (400) requests one after another over a kept-alive connection, each timed from
 * sending to the first byte of the answer (Fastify sends a page's head and body together, so that is
 * the whole page rendered), after 40 of warm-up: p50, p99, the mean. Then BENCH_CONNECTIONS (20)
 * connections for BENCH_DURATION seconds (10) by autocannon in a child process: req/s and latency.
 * The floor: the page's p99 time to first byte at most FLOOR_P99_MS (100 ms) with no load.
 */
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from '@temporalio/client';
import { sql } from 'drizzle-orm';
import { createVerifier, DEV_AUDIENCE, DEV_ISSUER, ensureDevKeys, mintToken, type MintRequest } from '../api/auth';
import { buildServer } from '../api/server';
import { loadSigningKeys } from '../runtime/signing-keys';
import { appClock, scratchDatabase, thousands } from './harness';
import { driveApart, seedQueue } from './work-queue';

const TASKS = Number(process.env.BENCH_TASKS ?? 100_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 400);
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const FLOOR_P99_MS = Number(process.env.FLOOR_P99_MS ?? 100);
const COOKIE_SECRET = 'bench-console-cookie-secret-0123456789abcdef';

const quantile = (sorted: number[], q: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]! : Number.NaN;

/** Sequential requests on one kept-alive connection: the milliseconds to each answer's first byte. */
async function ttfb(base: string, p: string, headers: Record<string, string>, n: number): Promise<number[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const times: number[] = [];
  try {
    for (let i = 0; i < n; i++) {
      times.push(
        await new Promise<number>((resolve, reject) => {
          const t0 = performance.now();
          const req = http.get(`${base}${p}`, { agent, headers }, (res) => {
            const first = performance.now() - t0;
            if (res.statusCode !== 200) reject(new Error(`${p} answered ${res.statusCode}`));
            res.resume();
            res.on('end', () => resolve(first));
          });
          req.on('error', reject);
        }),
      );
    }
  } finally {
    agent.destroy();
  }
  return times.sort((a, b) => a - b);
}

const drive = (url: string, paths: string[], headers: Record<string, string>, duration: number) =>
  driveApart({ url, paths, headers, duration, connections: CONNECTIONS });

async function main(): Promise<void> {
  const scratch = await scratchDatabase('ansinh_bench_console', { max: 10 });
  const db = scratch.handle.db;
  const home = mkdtempSync(path.join(tmpdir(), 'ansinh-bench-console-'));
  let app: Awaited<ReturnType<typeof buildServer>> | undefined;
  try {
    const today = appClock.today();
    await seedQueue(db, today, TASKS);
    await db.execute(sql`vacuum analyze tasks`);
    await db.execute(sql`vacuum analyze task_counts`);

    const dev = await ensureDevKeys(home);
    const verifier = await createVerifier({ issuer: DEV_ISSUER, audience: DEV_AUDIENCE, jwksFile: dev.jwksPath });
    app = await buildServer({
      db,
      client: new Client(), // lazy: never connects, the queue's page does not use it
      taskQueue: 'bench-console',
      verifier,
      clock: appClock,
      signingKeys: await loadSigningKeys({ home, clock: appClock }),
      logLevel: 'silent',
      benchRoute: true,
      rateLimits: { tight: 1e9, loose: 1e9, windowMs: 60_000, facilityAlert: 1e9 },
      console: {
        cookieSecret: COOKIE_SECRET,
        secureCookies: false,
        devSignIn: (req: MintRequest) => mintToken(home, req),
      },
    });
    const base = await app.listen({ host: '127.0.0.1', port: 0 });

    // Sign in as an officer through the development form, as a browser would.
    const jar = new Map<string, string>();
    const keep = (cookies: { name: string; value: string }[]) => cookies.forEach((c) => jar.set(c.name, c.value));
    const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const form = await app.inject({ url: '/console/signin' });
    keep(form.cookies);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
    const signed = await app.inject({
      method: 'POST',
      url: '/console/signin',
      headers: { cookie: cookie(), 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ role: 'officer', _csrf: csrf }).toString(),
    });
    keep(signed.cookies);
    if (signed.statusCode !== 303) throw new Error(`sign-in answered ${signed.statusCode}`);
    const session = { cookie: cookie() };
    const token = await mintToken(home, { role: 'officer', subject: 'officer:bench', ttl: '1h' });
    const auth = { authorization: `Bearer ${token}` };

    const page = await app.inject({ url: '/console/officer', headers: session });
    const rows = (page.body.match(/<tr data-task=|<tr class="row-overdue" data-task=/g) ?? []).length;
    if (page.statusCode !== 200 || rows !== 50) throw new Error(`the page: ${page.statusCode}, ${rows} rows`);
    console.log(
      `tasks:    ${thousands(TASKS)} open + ${thousands(TASKS / 2)} closed; the page: 50 rows, ${thousands(page.body.length)} bytes; ${base}`,
    );
    console.log(`sequential: ${REQUESTS} requests after 40 of warm-up, one kept-alive connection, no other load`);
    console.log('');

    const routes: [string, string, Record<string, string>][] = [
      ['GET /bench/bare', '/bench/bare', {}],
      ['GET /v1/tasks', '/v1/tasks', auth],
      ['GET /console/officer (the page)', '/console/officer', session],
      ['GET /console/officer?kind&province', '/console/officer?kind=claim.decision&province=07', session],
    ];
    const pad = (s: string, n: number) => s.padEnd(n);
    const num = (x: number, d = 2) => x.toFixed(d).padStart(10);
    console.log(`${pad('time to first byte, ms', 38)}${'p50'.padStart(10)}${'p99'.padStart(10)}${'mean'.padStart(10)}`);
    const figures: Record<string, { p50: number; p99: number }> = {};
    for (const [name, p, headers] of routes) {
      await ttfb(base, p, headers, 40);
      const t = await ttfb(base, p, headers, REQUESTS);
      const mean = t.reduce((a, b) => a + b, 0) / t.length;
      figures[name] = { p50: quantile(t, 0.5), p99: quantile(t, 0.99) };
      console.log(`${pad(name, 38)}${num(quantile(t, 0.5))}${num(quantile(t, 0.99))}${num(mean)}`);
    }

    console.log('');
    console.log(`under load: ${CONNECTIONS} connections, 2 s warm-up + ${DURATION} s per route (autocannon)`);
    console.log(
      `${pad('route', 38)}${'req/s'.padStart(10)}${'p50 ms'.padStart(10)}${'p99 ms'.padStart(10)}${'non-2xx'.padStart(10)}`,
    );
    for (const [name, p, headers] of [routes[0]!, routes[1]!, routes[2]!]) {
      await drive(base, [p], headers, 2);
      const { result, latencies } = await drive(base, [p], headers, DURATION);
      console.log(
        `${pad(name, 38)}${num(result.rpsMean, 0)}${num(quantile(latencies, 0.5))}${num(quantile(latencies, 0.99))}${num(result.non2xx, 0)}`,
      );
    }
    const p99 = figures['GET /console/officer (the page)']!.p99;
    console.log('');
    console.log(
      `floor "the page's p99 time to first byte at most ${FLOOR_P99_MS} ms": ${p99 <= FLOOR_P99_MS ? 'MET' : 'NOT MET'} (${p99.toFixed(1)} ms)`,
    );
    if (p99 > FLOOR_P99_MS) process.exitCode = 1;
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

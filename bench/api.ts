/**
 * `npm run bench:api`: the HI coverage check (GET /v1/coverage, the hot read path) under load,
 * next to a bare route (GET /bench/bare: no auth, no I/O) on the same server. A scratch database
 * on the PostgreSQL at 127.0.0.1:5432 gets BENCH_EMPLOYERS (200) × BENCH_EMPLOYEES (50)
 * participants with HI cards and e-books, written by the real onboarding activities; the API
 * listens on loopback and autocannon, in a child process (BENCH_LOADGEN=inprocess: this one), drives each route for BENCH_DURATION
 * seconds (10) with BENCH_CONNECTIONS connections (20), after a 2 s warm-up. Prints req/s,
 * latency p50/p99 and the coverage/bare ratios beside issue 16's targets: coverage at ≥ 50 % of the
 * bare route's throughput and p99 ≤ 2× the bare route's, in the same run. The coverage check runs
 * as `ansinh start` runs it: from the in-memory validity index (services/coverage-index.ts;
 * BENCH_COVERAGE_INDEX=off reads the database), every answer access-logged through the group
 * commit and counted by the rate limiter. The coverage routes are measured with each
 * ACCESS_LOG_COMMIT (flush, then async) in the same run, against the same bare figure;
 * ACCESS_LOG_COMMIT=flush or =async measures that one only.
 * BENCH_API_PROCESSES=n: the server as n processes of this file on one port (node:cluster, as
 * `ansinh api --processes n` runs the API, api/cluster.ts), each with its own index, group commit
 * and revocation list, the rate limit counted in PostgreSQL for all; default 1 (this process).
 * Each route's row also shows the servers' CPU time per request answered (this process's, or the
 * n processes' summed; the driver runs in its own process); BENCH_CPU_PROFILE=<dir> writes a CPU profile of each measured
 * run there (<route>.cpuprofile, for Chrome DevTools or speedscope).
 * Exits non-zero if any coverage request was not 2xx. Unless BENCH_PROFILE=0, also times the
 * parts of one coverage request alone (SQL, JWT verification, the whole route without network).
 * BENCH_DATABASE_URL: the administrative database to create the scratch one from.
 * The verifier checks the token revocation list as `ansinh start`'s does (issue #14 part 3), with
 * BENCH_REVOCATIONS (1,000) subjects revoked; BENCH_REVOCATIONS=off measures the verifier without it.
 */
import cluster from 'node:cluster';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import os, { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { fork } from 'node:child_process';
import { drive as driveHere, type DriveRequest, type DriveResult } from './loadgen';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { createOnboardingActivities } from '../activities/onboarding';
import { createVerifier, DEV_AUDIENCE, DEV_ISSUER, ensureDevKeys, mintToken } from '../api/auth';
import { buildServer } from '../api/server';
import { sampleSubmission } from '../dev/sample';
import { openDatabase, queryRows, type Db } from '../db/client';
import { onboardingRequestEmployees, onboardingRequests } from '../db/schema';
import type { OnboardingSubmission } from '../domain/schemas';
import { appClock, inParallel, localTemporal, scratchDatabase } from './harness';
import { loadSigningKeys } from '../runtime/signing-keys';
import { createRevocationList, subjectHash, type RevocationList } from '../services/token-revocations';
import { accessLogWriter, type AccessLogCommit } from '../services/access-log';
import { createCoverageIndex, type CoverageIndex } from '../services/coverage-index';

const EMPLOYERS = Number(process.env.BENCH_EMPLOYERS ?? 200);
const PER_EMPLOYER = Number(process.env.BENCH_EMPLOYEES ?? 50);
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const WARMUP = 2;
/** API processes on the one port (node:cluster, as `ansinh api --processes n` runs them); 1: the server in this process. */
const PROCESSES = Number(process.env.BENCH_API_PROCESSES ?? 1);
const REVOCATION_SECRET = 'bench-api-subject-key';
const PROFILE = process.env.BENCH_PROFILE !== '0';
const REVOKED = process.env.BENCH_REVOCATIONS === 'off' ? null : Number(process.env.BENCH_REVOCATIONS ?? 1000);
const USE_INDEX = process.env.BENCH_COVERAGE_INDEX !== 'off';
const COMMITS: AccessLogCommit[] =
  process.env.ACCESS_LOG_COMMIT === 'async'
    ? ['async']
    : process.env.ACCESS_LOG_COMMIT === 'flush'
      ? ['flush']
      : ['flush', 'async'];
/** The group commit's batches in flight at once (BENCH_ACCESS_LOG_IN_FLIGHT; unset = the API's default). */
const IN_FLIGHT = process.env.BENCH_ACCESS_LOG_IN_FLIGHT ? Number(process.env.BENCH_ACCESS_LOG_IN_FLIGHT) : undefined;
/** Onboardings loaded at once (each is three short transactions). */
const LOAD_CONCURRENCY = 4;
const DATE = '2026-11-24';
const START_MONTH = '2026-10';

/** One employer onboarded the way test/api/fixture.ts onboardDirectly does: the real activities, no workflow. */
async function onboard(db: Db, sub: OnboardingSubmission): Promise<void> {
  const requestId = randomUUID();
  await db.insert(onboardingRequests).values({
    id: requestId,
    taxCode: sub.employer.taxCode,
    employer: sub.employer,
    employeeCount: sub.employees.length,
    submittedBy: 'bench',
    workflowId: 'bench',
  });
  await db
    .insert(onboardingRequestEmployees)
    .values(sub.employees.map((e, i) => ({ requestId, line: i + 1, personalId: e.personalId, data: e })));
  const acts = createOnboardingActivities({ db, clock: appClock });
  const ref = { requestId, taxCode: sub.employer.taxCode, workflowId: 'bench', runId: 'bench' };
  const reg = await acts.registerEmployer(ref);
  if (reg.outcome !== 'registered') throw new Error(`employer ${sub.employer.taxCode}: ${reg.outcome}`);
  await acts.activateEmployer({ ...ref, officer: 'officer:bench' });
  await acts.onboardEmployeeBatch({ ...ref, fromLine: 1, toLine: sub.employees.length });
}

async function load(db: Db): Promise<{ personalIds: string[]; cards: string[] }> {
  const subs = Array.from({ length: EMPLOYERS }, (_, k) =>
    sampleSubmission(10_000 + k, PER_EMPLOYER, { startMonth: START_MONTH }),
  );
  const ids = subs.flatMap((s) => s.employees.map((e) => e.personalId));
  if (new Set(ids).size !== ids.length) throw new Error('the sample dossiers repeat a personal ID; choose other seeds');
  if (new Set(subs.map((s) => s.employer.taxCode)).size !== subs.length)
    throw new Error('the sample dossiers repeat a tax code; choose other seeds');
  await inParallel(subs, LOAD_CONCURRENCY, (sub) => onboard(db, sub));
  const cards = await queryRows<{ personal_id: string; card_code: string }>(
    db,
    sql`select personal_id, card_code from hi_cards order by personal_id`,
  );
  const [counts] = await queryRows<{ participants: number; ebooks: number }>(
    db,
    sql`select (select count(*) from participants)::int as participants, (select count(*) from ebooks)::int as ebooks`,
  );
  const want = EMPLOYERS * PER_EMPLOYER;
  if (counts!.participants !== want || cards.length !== want || counts!.ebooks !== want) {
    throw new Error(
      `loaded ${counts!.participants} participants, ${cards.length} HI cards, ${counts!.ebooks} e-books; expected ${want} of each`,
    );
  }
  await db.execute(sql`analyze`);
  // Shuffled (deterministically), so consecutive requests do not walk the index in order.
  const shuffle = <T>(xs: T[]): T[] => {
    let s = 42;
    for (let i = xs.length - 1; i > 0; i--) {
      s = (Math.imul(s, 1_103_515_245) + 12_345) >>> 0;
      const j = s % (i + 1);
      [xs[i], xs[j]] = [xs[j]!, xs[i]!];
    }
    return xs;
  };
  return { personalIds: shuffle(ids.slice()), cards: shuffle(cards.map((c) => c.card_code)) };
}

interface Figures {
  route: string;
  /** This process's CPU time (the server's, and the driver's with BENCH_LOADGEN=inprocess) per request answered, µs. */
  cpuPerRequestUs: number;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  total: number;
}

/** The q-quantile of sorted values (nearest rank). */
const quantile = (sorted: number[], q: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]! : Number.NaN;

/** One load run: in a child process (default) or, with BENCH_LOADGEN=inprocess, in this one. */
async function drive(
  url: string,
  paths: string[],
  headers: Record<string, string>,
  duration: number,
): Promise<DriveResult> {
  const req: DriveRequest = { url, paths, headers, duration, connections: CONNECTIONS };
  if (process.env.BENCH_LOADGEN === 'inprocess') return driveHere(req);
  const child = fork(path.join(__dirname, 'loadgen.ts'), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve(m as DriveResult));
    child.once('exit', (code) => (code ? reject(new Error(`load generator exited ${code}`)) : undefined));
    child.send(req);
  });
}

/** BENCH_CPU_PROFILE=<dir>: a CPU profile of this process (the server) for each measured run, `<route>.cpuprofile`. */
const PROFILE_DIR = process.env.BENCH_CPU_PROFILE;

/** Runs `f` under the inspector's CPU profiler and writes what it recorded to `file`. */
async function profiled<T>(file: string, f: () => Promise<T>): Promise<T> {
  const session = new Session();
  session.connect();
  const post = (method: string) =>
    new Promise<unknown>((resolve, reject) => session.post(method, (err, res) => (err ? reject(err) : resolve(res))));
  await post('Profiler.enable');
  await post('Profiler.start');
  try {
    return await f();
  } finally {
    const { profile } = (await post('Profiler.stop')) as { profile: unknown };
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  }
}

/** The serving processes' CPU time so far, µs: this process's, or (BENCH_API_PROCESSES > 1) the fleet's. */
let serversCpu = async (): Promise<number> => {
  const c = process.cpuUsage();
  return c.user + c.system;
};

async function measure(route: string, url: string, paths: string[], headers: Record<string, string>): Promise<Figures> {
  await drive(url, paths, headers, WARMUP);
  const cpu0 = await serversCpu();
  const run = () => drive(url, paths, headers, DURATION);
  // The profile is of this process: with a fleet, the load is elsewhere.
  const { result: r, latencies } =
    PROFILE_DIR && PROCESSES === 1
      ? await profiled(path.join(PROFILE_DIR, `${route.replace(/[^A-Za-z0-9]+/g, '_')}.cpuprofile`), run)
      : await run();
  const cpu = (await serversCpu()) - cpu0;
  return {
    cpuPerRequestUs: cpu / Math.max(1, r.total),
    route,
    rps: r.rpsMean,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    non2xx: r.non2xx,
    errors: r.errors,
    total: r.total,
  };
}

/** Mean time of `n` sequential calls, in milliseconds. */
async function timeEach(n: number, f: (i: number) => Promise<unknown>): Promise<number> {
  for (let i = 0; i < Math.min(n, 100); i++) await f(i);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await f(i);
  return (performance.now() - t0) / n;
}

/** Requests per second of `n` calls kept `conc` at a time. */
async function throughput(n: number, conc: number, f: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: conc }, async () => {
      while (next < n) await f(next++);
    }),
  );
  return n / ((performance.now() - t0) / 1000);
}

/** What a server of this bench needs: the same in this process and in each cluster process. */
interface ServerSetup {
  dbUrl: string;
  temporalAddress: string;
  home: string;
  jwksPath: string;
}

interface Served {
  app: Awaited<ReturnType<typeof buildServer>>;
  base: string;
  verifier: Awaited<ReturnType<typeof createVerifier>>;
  coverageIndex: CoverageIndex | undefined;
  setCommit(c: AccessLogCommit): void;
  close(): Promise<void>;
}

/** The API server as measured: revocation list, verifier, the access log's two writers, the index, the bare route. */
async function serve(setup: ServerSetup, deps: { db: Db; client: Client }): Promise<Served> {
  const revocations: RevocationList | undefined =
    REVOKED !== null
      ? await createRevocationList({ db: deps.db, secret: REVOCATION_SECRET, clock: appClock })
      : undefined;
  const verifier = await createVerifier({
    issuer: DEV_ISSUER,
    audience: DEV_AUDIENCE,
    jwksFile: setup.jwksPath,
    ...(revocations ? { revocations } : {}),
  });
  const writers = {
    flush: accessLogWriter(deps.db, { commit: 'flush', inFlight: IN_FLIGHT }),
    async: accessLogWriter(deps.db, { commit: 'async', inFlight: IN_FLIGHT }),
  };
  let commitNow: AccessLogCommit = COMMITS[0]!;
  let coverageIndex: CoverageIndex | undefined;
  if (USE_INDEX) {
    coverageIndex = await createCoverageIndex({ db: deps.db });
    await coverageIndex.ready();
  }
  const app = await buildServer({
    ...(coverageIndex ? { coverageIndex } : {}),
    // The access log's group commit, in the mode being measured (both write the same rows).
    accessLog: { record: (rows) => writers[commitNow].record(rows) },
    db: deps.db,
    client: deps.client,
    taskQueue: 'bench-api',
    verifier,
    clock: appClock,
    signingKeys: await loadSigningKeys({ home: setup.home, clock: appClock }),
    logLevel: 'silent',
    benchRoute: true,
    // One facility token drives the whole load: the limits are out of reach, but every check
    // still pays the rate-limit upsert and the access-log insert it pays in production.
    rateLimits: { tight: 1e9, loose: 1e9, windowMs: 60_000, facilityAlert: 1e9 },
  });
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    app,
    base,
    verifier,
    coverageIndex,
    setCommit: (c) => void (commitNow = c),
    close: async () => {
      await app.close();
      await revocations?.close();
      await coverageIndex?.close();
    },
  };
}

type FleetAsk = { commit: AccessLogCommit } | { cpu: true } | { figures: true } | { stop: true };

/** BENCH_API_PROCESSES > 1: that many processes of this file, each a server of its own on one shared port. */
async function startFleet(setup: ServerSetup, n: number) {
  cluster.setupPrimary({ exec: __filename, execArgv: ['--import', 'tsx'] });
  const workers = Array.from({ length: n }, () => cluster.fork({ BENCH_API_SERVER: JSON.stringify(setup) }));
  const bases = await Promise.all(
    workers.map(
      (w) =>
        new Promise<string>((resolve, reject) => {
          w.once('message', (m: { ready: string }) => resolve(m.ready));
          w.once('exit', (code) => reject(new Error(`a bench API process exited ${code}`)));
        }),
    ),
  );
  let next = 0;
  const ask = <T>(q: FleetAsk): Promise<T[]> =>
    Promise.all(
      workers.map(
        (w) =>
          new Promise<T>((resolve) => {
            const id = next++;
            const on = (m: { id: number; value: T }) => {
              if (m.id !== id) return;
              w.off('message', on);
              resolve(m.value);
            };
            w.on('message', on);
            w.send({ id, ...q });
          }),
      ),
    );
  return {
    base: bases[0]!,
    ask,
    /** Every process's CPU time so far, µs. */
    cpu: async () => (await ask<number>({ cpu: true })).reduce((a, b) => a + b, 0),
    stop: async () => {
      await ask({ stop: true });
      await Promise.all(workers.map((w) => (w.isDead() ? undefined : new Promise((r) => w.once('exit', r)))));
    },
  };
}

/** A process of the fleet: serves until told to stop; answers the primary's questions. */
async function fleetProcess(): Promise<void> {
  const setup = JSON.parse(process.env.BENCH_API_SERVER!) as ServerSetup;
  const handle = await openDatabase({ url: setup.dbUrl, max: 10 });
  const connection = await Connection.connect({ address: setup.temporalAddress });
  const served = await serve(setup, { db: handle.db, client: new Client({ connection }) });
  process.on(
    'message',
    (m: { id: number } & Partial<{ commit: AccessLogCommit; cpu: true; figures: true; stop: true }>) => {
      const reply = (value: unknown) => process.send!({ id: m.id, value });
      if (m.commit) {
        served.setCommit(m.commit);
        reply(null);
      } else if (m.cpu) {
        const c = process.cpuUsage();
        reply(c.user + c.system);
      } else if (m.figures) reply(served.coverageIndex?.figures() ?? null);
      else if (m.stop)
        void (async () => {
          await served.close();
          await connection.close();
          await handle.close();
          reply(null);
          process.disconnect();
        })();
    },
  );
  process.send!({ ready: served.base });
}

async function main(): Promise<void> {
  const scratch = await scratchDatabase('ansinh_bench', { max: 10 });
  const handle = scratch.handle;
  const home = mkdtempSync(path.join(tmpdir(), 'ansinh-bench-api-'));
  let env: TestWorkflowEnvironment | undefined;
  let app: Awaited<ReturnType<typeof buildServer>> | undefined;
  let served: Served | undefined;
  let fleet: Awaited<ReturnType<typeof startFleet>> | undefined;
  let coverageIndex: CoverageIndex | undefined;
  try {
    const t0 = performance.now();
    const [{ personalIds, cards }, started] = await Promise.all([load(handle.db), localTemporal()]);
    env = started;
    const loadSeconds = (performance.now() - t0) / 1000;

    const dev = await ensureDevKeys(home);
    if (REVOKED !== null) {
      for (let i = 0; i < REVOKED; i += 500)
        await handle.db.execute(sql`insert into token_revocations (subject_hash, revoked_before, reason)
          select * from json_to_recordset(${JSON.stringify(
            Array.from({ length: Math.min(500, REVOKED - i) }, (_, k) => ({
              subject_hash: subjectHash(REVOCATION_SECRET, `pid:${String(i + k).padStart(12, '0')}`),
              revoked_before: appClock().toISOString(),
              reason: 'bench:revocation',
            })),
          )}::json) as r(subject_hash text, revoked_before timestamptz, reason text)`);
    }
    const setup: ServerSetup = {
      dbUrl: scratch.url,
      temporalAddress: env.address,
      home,
      jwksPath: dev.jwksPath,
    };
    // This process's server: the one measured when PROCESSES is 1; with more, the probe's, the
    // parts' and the staleness's, while the fleet's processes take the load.
    served = await serve(setup, { db: handle.db, client: env.client });
    app = served.app;
    coverageIndex = served.coverageIndex;
    const verifier = served.verifier;
    if (PROCESSES > 1) {
      fleet = await startFleet(setup, PROCESSES);
      serversCpu = fleet.cpu;
    }
    const base = fleet ? fleet.base : served.base;
    const setCommit = async (c: AccessLogCommit) => {
      served!.setCommit(c);
      await fleet?.ask({ commit: c });
    };
    const token = await mintToken(home, { role: 'facility', facilityCode: '79001', ttl: '1h' });
    const auth = { authorization: `Bearer ${token}` };

    // Every id and card must answer 200 with a valid card before anything is timed.
    const probe = await app.inject({ method: 'GET', url: `/v1/coverage?card=${cards[0]}&date=${DATE}`, headers: auth });
    if (probe.statusCode !== 200 || (probe.json() as { valid: boolean }).valid !== true) {
      throw new Error(`coverage probe answered ${probe.statusCode}: ${probe.body}`);
    }

    console.log(
      `population:  ${EMPLOYERS} employers × ${PER_EMPLOYER} employees = ${personalIds.length} participants with HI cards and e-books`,
    );
    console.log(`load:        ${loadSeconds.toFixed(1)} s (with the Temporal dev server starting alongside)`);
    console.log(
      `revocations: ${REVOKED === null ? 'off (BENCH_REVOCATIONS=off)' : `${REVOKED} subjects revoked, checked on every request`}`,
    );
    const ix = coverageIndex?.figures();
    console.log(
      `coverage:    ${ix ? `in-memory index (${ix.persons} persons, ${ix.cards} cards, ${(ix.bytes / 2 ** 20).toFixed(1)} MiB; staleness bound ${ix.stalenessMs} ms)` : 'the database (BENCH_COVERAGE_INDEX=off)'}; access log through the group commit, ACCESS_LOG_COMMIT=${COMMITS.join(', then ')}`,
    );
    console.log(
      `load test:   ${CONNECTIONS} connections, ${WARMUP} s warm-up + ${DURATION} s per route, autocannon in ${process.env.BENCH_LOADGEN === 'inprocess' ? 'this process' : 'a child process'}, ${base}`,
    );
    console.log(
      `server:      ${PROCESSES > 1 ? `${PROCESSES} processes on the one port (node:cluster, as \`ansinh api --processes ${PROCESSES}\`), each with its own index, group commit and revocation list; the rate limit counted in PostgreSQL for all` : 'one process (this one; BENCH_API_PROCESSES=n: n processes on one port)'}`,
    );
    console.log('');

    const bare = await measure('GET /bench/bare', base, ['/bench/bare'], {});
    const coverage: Figures[] = [];
    for (const commit of COMMITS) {
      await setCommit(commit);
      coverage.push(
        await measure(
          `GET /v1/coverage?personalId ${commit}`,
          base,
          personalIds.map((id) => `/v1/coverage?personalId=${id}&date=${DATE}`),
          auth,
        ),
        await measure(
          `GET /v1/coverage?card ${commit}`,
          base,
          cards.map((c) => `/v1/coverage?card=${c}&date=${DATE}`),
          auth,
        ),
      );
    }

    const rows = [bare, ...coverage];
    const pad = (s: string, n: number) => s.padEnd(n);
    const num = (x: number, d = 0) => x.toFixed(d).padStart(10);
    console.log(
      `${pad('route (access log commit)', 36)}${'req/s'.padStart(10)}${'p50 ms'.padStart(10)}${'p99 ms'.padStart(10)}${'non-2xx'.padStart(10)}${'errors'.padStart(10)}${'requests'.padStart(10)}${'CPU µs/req'.padStart(12)}`,
    );
    for (const r of rows)
      console.log(
        `${pad(r.route, 36)}${num(r.rps)}${num(r.p50, 2)}${num(r.p99, 2)}${num(r.non2xx)}${num(r.errors)}${num(r.total)}${num(r.cpuPerRequestUs).padStart(12)}`,
      );
    console.log('');
    const ratio = (a: number, b: number) => (b > 0 ? a / b : Number.POSITIVE_INFINITY);
    console.log(`${pad('coverage / bare', 36)}${'req/s'.padStart(10)}${'p50'.padStart(10)}${'p99'.padStart(10)}`);
    for (const r of coverage) {
      console.log(
        `${pad(r.route, 36)}${num(ratio(r.rps, bare.rps), 2)}${num(ratio(r.p50, bare.p50), 2)}${num(ratio(r.p99, bare.p99), 2)}`,
      );
    }
    console.log('');
    for (const commit of COMMITS) {
      const mine = coverage.filter((r) => r.route.endsWith(` ${commit}`));
      const worstRps = Math.min(...mine.map((r) => ratio(r.rps, bare.rps)));
      const worstP99 = Math.max(...mine.map((r) => ratio(r.p99, bare.p99)));
      console.log(
        `ACCESS_LOG_COMMIT=${commit}: target "coverage ≥ 50 % of the bare route's req/s" ${worstRps >= 0.5 ? 'MET' : 'NOT MET'} (worst ${(worstRps * 100).toFixed(1)} %); target "p99 ≤ 2× the bare route's" ${worstP99 <= 2 ? 'MET' : 'NOT MET'} (worst ${worstP99.toFixed(2)}×)`,
      );
    }
    if (coverageIndex) {
      const all = fleet
        ? (await fleet.ask<ReturnType<CoverageIndex['figures']> | null>({ figures: true })).filter((x) => x !== null)
        : [coverageIndex.figures()];
      const sum = (k: 'fallbacks' | 'personReloads' | 'fullLoads') => all.reduce((n, f) => n + f[k], 0);
      console.log(
        `index during the run${fleet ? ` (${all.length} processes)` : ''}: ${sum('fallbacks')} checks answered by the database (not trusted), ${sum('personReloads')} reloads, ${sum('fullLoads')} full load(s)`,
      );
    }
    if (coverageIndex) {
      // Staleness: a card's end committed, then the time until the index shows it (polled every ms).
      const seen: number[] = [];
      const shown = async (pid: string, ended: boolean) => {
        const t0 = performance.now();
        for (;;) {
          const row = coverageIndex!.source()?.byPersonalId(pid, DATE);
          if (row && (row.cardCode === null) === ended) return performance.now() - t0;
          await new Promise((r) => setTimeout(r, 1));
        }
      };
      for (let i = 0; i < 25; i++) {
        const pid = personalIds[i]!;
        await handle.db.execute(sql`update hi_cards set valid_to = '2026-11-01' where personal_id = ${pid}`);
        seen.push(await shown(pid, true));
        await handle.db.execute(sql`update hi_cards set valid_to = null where personal_id = ${pid}`);
        seen.push(await shown(pid, false));
      }
      seen.sort((a, b) => a - b);
      console.log(
        `staleness (a card's end committed → the index shows it, 50 changes): p50 ${quantile(seen, 0.5).toFixed(1)} ms, max ${seen[seen.length - 1]!.toFixed(1)} ms; the bound ${coverageIndex.figures().stalenessMs} ms (beyond it the database answers)`,
      );
    }
    const [l1, l5] = loadavg();
    console.log(`load average (1 min, 5 min): ${l1!.toFixed(2)}, ${l5!.toFixed(2)} on ${os.cpus().length} cores`);

    if (PROFILE) {
      // The parts of one coverage request, each alone, one call at a time (no network, no load generator).
      const n = 1000;
      const coverageSql = (id: string) =>
        queryRows(
          handle.db,
          sql`select p.personal_id, p.full_name, p.date_of_birth::text, p.gender,
                     c.card_code, c.benefit_level, c.initial_facility_code, c.payer_kind, c.payer_tax_code,
                     c.valid_from::text, c.valid_to::text, c.five_years_from::text
                from participants p
                left join hi_cards c
                  on c.personal_id = p.personal_id
                 and c.valid_from <= ${DATE}::date
                 and (c.valid_to is null or c.valid_to >= ${DATE}::date)
               where p.personal_id = ${id}
               order by c.benefit_level desc nulls last, c.valid_from desc
               limit 1`,
        );
      const at = (i: number) => personalIds[i % personalIds.length]!;
      const sqlMs = await timeEach(n, (i) => coverageSql(at(i)));
      const select1Ms = await timeEach(n, () => handle.db.execute(sql`select 1`));
      const jwtMs = await timeEach(n, () => verifier(auth.authorization));
      const injectMs = await timeEach(n, (i) =>
        app!.inject({ method: 'GET', url: `/v1/coverage?personalId=${at(i)}&date=${DATE}`, headers: auth }),
      );
      const injectBareMs = await timeEach(n, () => app!.inject({ method: 'GET', url: '/bench/bare' }));
      // The same statement straight through postgres.js: drizzle's db.execute sends it unnamed and
      // unprepared, which postgres.js does as Parse/Describe, then Bind/Execute (two round trips).
      const raw = postgres(scratch.url, { max: 10, onnotice: () => {} });
      const text = `select p.personal_id, p.full_name, p.date_of_birth::text, p.gender,
                           c.card_code, c.benefit_level, c.initial_facility_code, c.payer_kind, c.payer_tax_code,
                           c.valid_from::text, c.valid_to::text, c.five_years_from::text
                      from participants p
                      left join hi_cards c
                        on c.personal_id = p.personal_id
                       and c.valid_from <= $1::date
                       and (c.valid_to is null or c.valid_to >= $1::date)
                     where p.personal_id = $2
                     order by c.benefit_level desc nulls last, c.valid_from desc
                     limit 1`;
      const unpreparedMs = await timeEach(n, (i) => raw.unsafe(text, [DATE, at(i)], { prepare: false }));
      const preparedMs = await timeEach(n, (i) => raw.unsafe(text, [DATE, at(i)], { prepare: true }));
      const preparedRps = await throughput(10_000, CONNECTIONS, (i) =>
        raw.unsafe(text, [DATE, at(i)], { prepare: true }),
      );
      await raw.end();
      const sqlRps = await throughput(10_000, CONNECTIONS, (i) => coverageSql(at(i)));
      const jwtRps = await throughput(10_000, CONNECTIONS, () => verifier(auth.authorization));
      console.log('');
      console.log(`where the time goes (mean of ${n} sequential calls; throughput with ${CONNECTIONS} in flight):`);
      console.log(`  coverage SQL by personal ID (pool of 10):  ${sqlMs.toFixed(3)} ms   ${sqlRps.toFixed(0)} /s`);
      console.log(`  the same, postgres.js unprepared:          ${unpreparedMs.toFixed(3)} ms`);
      console.log(
        `  the same, postgres.js prepared:            ${preparedMs.toFixed(3)} ms   ${preparedRps.toFixed(0)} /s`,
      );
      console.log(`  select 1 (one round trip, no parameters):  ${select1Ms.toFixed(3)} ms`);
      console.log(`  JWT verification (ES256, jose):            ${jwtMs.toFixed(3)} ms   ${jwtRps.toFixed(0)} /s`);
      console.log(`  whole coverage route via app.inject:       ${injectMs.toFixed(3)} ms`);
      console.log(`  bare route via app.inject:                 ${injectBareMs.toFixed(3)} ms`);
    }

    const bad = coverage.reduce((n, r) => n + r.non2xx + r.errors, 0);
    if (bad > 0) {
      console.error(`coverage: ${bad} non-2xx responses or errors`);
      process.exitCode = 1;
    }
  } finally {
    await fleet?.stop();
    await served?.close();
    await env?.teardown();
    await scratch.drop();
    rmSync(home, { recursive: true, force: true });
  }
}

(cluster.isWorker ? fleetProcess() : main()).catch((err) => {
  console.error(err);
  process.exit(1);
});

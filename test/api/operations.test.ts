/**
 * The operator's endpoints (issue #12) on the real dev server and PostgreSQL: the recent
 * reconciliation runs with their progress (batches, employers, participants) and paging, the
 * monthly schedule described and applied, the ledger and audit-chain verifications finding what
 * was broken, and the arrears by month as the reconciliation stored them.
 *
 * Periods 2027-07 and 2027-08 are this file's own: workflow ids are `reconciliation:<period>` on a
 * dev server shared by every test file.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVerifier, DEV_AUDIENCE, DEV_ISSUER, ensureDevKeys } from '../../api/auth';
import { buildServer } from '../../api/server';
import { startReconciliation } from '../../client/temporal';
import { queryRows } from '../../db/client';
import { sampleSubmission } from '../../dev/sample';
import { withProgress } from '../../services/operations';
import { noReconciliationTotals } from '../../workflows/definitions';
import { testClock } from '../setup/harness';
import { apiFixture, bearer, onboardDirectly, type ApiFixture } from './fixture';

const P1 = '2027-07';
const P2 = '2027-08';

let f: ApiFixture;
let operator: string;
let officer: string;
const taxCodes: string[] = [];

beforeAll(async () => {
  f = await apiFixture('operations', { worker: true });
  operator = await f.token({ role: 'operator' });
  officer = await f.token({ role: 'officer' });
  for (const seed of [9101, 9102, 9103])
    await onboardDirectly(f.tdb, sampleSubmission(seed, 2, { startMonth: '2026-10' }));
  const rows = await queryRows<{ tax_code: string }>(
    f.tdb.db,
    sql`select tax_code from employers where status = 'active' order by tax_code`,
  );
  taxCodes.push(...rows.map((r) => r.tax_code));
});
afterAll(async () => {
  await f?.close();
});

const get = (url: string, token = operator) => f.app.inject({ method: 'GET', url, headers: bearer(token) });
const post = (url: string, payload?: object, token = operator) =>
  f.app.inject({ method: 'POST', url, headers: bearer(token), ...(payload ? { payload } : {}) });

interface RunItem {
  workflowId: string;
  period: string | null;
  status: string;
  progress: {
    batchesDone: number;
    batchesPlanned: number | null;
    employersDone: number;
    employersPlanned: number;
    participantsDone: number;
    participantsPlanned: number;
    percent: number;
  } | null;
  totals: { outstanding: string; lines: number } | null;
}

/** Visibility is eventually consistent: the list is asked until it shows what the runs did. */
async function listUntil(url: string, done: (items: RunItem[]) => boolean) {
  let body: { items: RunItem[]; nextCursor: string | null } = { items: [], nextCursor: null };
  for (let i = 0; i < 100; i++) {
    const r = await get(url);
    expect(r.statusCode, r.body).toBe(200);
    body = JSON.parse(r.body);
    if (done(body.items)) return body;
    await new Promise((res) => setTimeout(res, 200));
  }
  return body;
}

describe('reconciliation runs', () => {
  it('lists each run newest first with batches, employers and participants done of planned, and pages with a cursor', async () => {
    const started = await post('/v1/reconciliations', { period: P1 });
    expect(started.statusCode, started.body).toBe(202);
    await f.client.workflow.getHandle(`reconciliation:${P1}`).result();
    // Batches of 2 employers, one at a time: 5 active employers are 3 batches.
    const second = await startReconciliation(f.client, f.taskQueue, {
      period: P2,
      batchSize: 2,
      concurrency: 1,
    });
    await f.client.workflow.getHandle(second.workflowId).result();

    const all = await listUntil(
      '/v1/reconciliations',
      (items) => items.length >= 2 && items.every((i) => i.status === 'completed'),
    );
    expect(all.items.map((i) => i.period)).toEqual([P2, P1]);
    const [p2, p1] = all.items;
    expect(p2).toMatchObject({
      workflowId: `reconciliation:${P2}`,
      status: 'completed',
      scheduled: false,
      progress: { batchesDone: 3, batchesPlanned: 3, employersDone: 5, employersPlanned: 5, percent: 100 },
    });
    // 2 + 5 + 2 × 3 employees, each in force in the period.
    expect(p2!.progress).toMatchObject({ participantsPlanned: 13, participantsDone: 13 });
    expect(p1!.progress).toMatchObject({ batchesDone: 1, employersDone: 5, percent: 100 });
    expect(p1!.totals!.lines).toBeGreaterThan(0);
    expect(all.nextCursor).toBeNull();

    const page1 = JSON.parse((await get('/v1/reconciliations?limit=1')).body);
    expect(page1.items.map((i: RunItem) => i.period)).toEqual([P2]);
    expect(page1.nextCursor).toEqual(expect.any(String));
    const page2 = JSON.parse((await get(`/v1/reconciliations?limit=1&cursor=${page1.nextCursor}`)).body);
    expect(page2.items.map((i: RunItem) => i.period)).toEqual([P1]);
    expect(page2.nextCursor).toBeNull();
  });

  it('asks a running run for its progress (the polling path), and lists a terminated one by its status and period', async () => {
    const period = '2027-05';
    // Hold the batch at its first write, so the run is seen running.
    const held = await f.tdb.sql!.reserve();
    await held.unsafe('begin');
    await held.unsafe('lock table contribution_months in access exclusive mode');
    try {
      await startReconciliation(f.client, f.taskQueue, { period });
      const running = await listUntil('/v1/reconciliations', (items) =>
        items.some((i) => i.period === period && i.status === 'running' && i.progress !== null),
      );
      expect(running.items.find((i) => i.period === period)).toMatchObject({
        status: 'running',
        progress: { batchesDone: 0, batchesPlanned: null, employersDone: 0, employersPlanned: 5, percent: 0 },
      });
      await f.client.workflow.getHandle(`reconciliation:${period}`).terminate('test');
    } finally {
      await held.unsafe('rollback');
      held.release();
    }
    const after = await listUntil('/v1/reconciliations', (items) =>
      items.some((i) => i.period === period && i.status === 'terminated'),
    );
    expect(after.items.find((i) => i.workflowId === `reconciliation:${period}`)).toMatchObject({
      period,
      status: 'terminated',
      progress: null,
      totals: null,
      closedAt: expect.any(String),
    });
  });

  it('measures a running run against what the database still holds after its cursor', async () => {
    // The run has done its first batch of 2 employers (the cursor is the second tax code).
    const run = await withProgress(f.tdb.db, {
      workflowId: 'reconciliation:x',
      runId: 'r-running',
      status: 'running',
      startedAt: '2027-08-01T00:00:00.000Z',
      closedAt: null,
      scheduled: false,
      progress: {
        ...noReconciliationTotals(),
        period: P2,
        asOf: '2027-09-01',
        state: 'running',
        employersDone: 2,
        batchesDone: 1,
        runs: 1,
        cursor: taxCodes[1]!,
      },
    });
    expect(run.progress).toMatchObject({
      batchesDone: 1,
      batchesPlanned: 3,
      employersDone: 2,
      employersPlanned: 5,
      percent: 40,
      participantsPlanned: 13,
    });
    expect(run.progress!.participantsDone).toBeGreaterThan(0);
    expect(run.progress!.participantsDone).toBeLessThan(13);
    // Before any batch finished, the batch size (so the batches planned) is not known yet.
    const fresh = await withProgress(f.tdb.db, {
      workflowId: 'reconciliation:x',
      runId: 'r-fresh',
      status: 'running',
      startedAt: '2027-08-01T00:00:00.000Z',
      closedAt: null,
      scheduled: false,
      progress: {
        ...noReconciliationTotals(),
        period: P2,
        asOf: '2027-09-01',
        state: 'running',
        employersDone: 0,
        batchesDone: 0,
        runs: 1,
        cursor: '',
      },
    });
    expect(fresh.progress).toMatchObject({
      batchesPlanned: null,
      employersPlanned: 5,
      percent: 0,
      participantsDone: 0,
    });
  });

  it('refuses a cursor it did not give out, and a limit out of range', async () => {
    expect(JSON.parse((await get('/v1/reconciliations?cursor=%21%21')).body).code).toBe('INVALID_CURSOR');
    expect((await get('/v1/reconciliations?limit=0')).statusCode).toBe(400);
    expect((await get('/v1/reconciliations?limit=201')).statusCode).toBe(400);
    expect((await get('/v1/reconciliations', officer)).statusCode).toBe(403);
  });
});

describe('the schedule', () => {
  it('is 404 until applied; applied it is created then updated, and described: 1st of the month at 02:00 Vietnam time', async () => {
    const missing = await get('/v1/reconciliations/schedule');
    expect(missing.statusCode).toBe(404);
    expect(JSON.parse(missing.body).code).toBe('NOT_FOUND');
    const scheduleId = `monthly-reconciliation:${f.taskQueue}`;
    try {
      expect(JSON.parse((await post('/v1/reconciliations/schedule')).body)).toEqual({ scheduleId, outcome: 'created' });
      expect(JSON.parse((await post('/v1/reconciliations/schedule')).body)).toEqual({ scheduleId, outcome: 'updated' });
      const d = await get('/v1/reconciliations/schedule');
      expect(d.statusCode, d.body).toBe(200);
      const s = JSON.parse(d.body);
      expect(s).toMatchObject({
        scheduleId,
        paused: false,
        timezone: 'Asia/Ho_Chi_Minh',
        calendars: [{ dayOfMonth: [1], hour: [2], minute: [0] }],
        overlap: 'SKIP',
        recentActions: [],
      });
      expect(s.nextActionTimes.length).toBeGreaterThan(0);
      // 02:00 in Vietnam is 19:00 UTC the day before.
      for (const t of s.nextActionTimes) expect(t).toMatch(/T19:00:00\.000Z$/);
      await f.client.schedule.getHandle(scheduleId).pause('maintenance');
      expect(JSON.parse((await get('/v1/reconciliations/schedule')).body)).toMatchObject({
        paused: true,
        note: 'maintenance',
      });
    } finally {
      await f.client.schedule.getHandle(scheduleId).delete();
    }
    expect((await post('/v1/reconciliations/schedule', undefined, officer)).statusCode).toBe(403);
  });
});

describe('verifications', () => {
  it('the ledger: ok, then a month credited whose period is unpaid is found', async () => {
    const ok = JSON.parse((await post('/v1/ledger/verification')).body);
    expect(ok).toMatchObject({ ok: true, problemCount: 0, problems: [] });
    const [m] = await f.tdb.sql!<{ personal_id: string; employer_tax_code: string }[]>`
      select personal_id, employer_tax_code from contribution_months where period = ${P1} and status = 'declared_unpaid' limit 1`;
    await f.tdb.sql!`update contribution_months set status = 'credited'
                      where personal_id = ${m!.personal_id} and employer_tax_code = ${m!.employer_tax_code} and period = ${P1}`;
    try {
      const bad = JSON.parse((await post('/v1/ledger/verification')).body);
      expect(bad).toMatchObject({ ok: false, problemCount: 1 });
      expect(bad.problems[0]).toMatchObject({ taxCode: m!.employer_tax_code, period: P1 });
      expect(bad.problems[0].problem).toMatch(/1 months credited, the period is not paid in full/);
      expect(JSON.stringify(bad)).not.toContain(m!.personal_id);
    } finally {
      await f.tdb.sql!`update contribution_months set status = 'declared_unpaid'
                        where personal_id = ${m!.personal_id} and employer_tax_code = ${m!.employer_tax_code} and period = ${P1}`;
    }
  });

  it('the audit chains: ok, then an edited event is found by kind, chain and seq', async () => {
    const ok = JSON.parse((await post('/v1/audit/verification')).body);
    expect(ok).toMatchObject({ ok: true, findingCount: 0, findings: [], byKind: {}, checkpoint: null });
    expect(ok.events).toBeGreaterThan(0);
    const [e] = await f.tdb.sql!<{ id: number; chain: string; seq: number; details: string }[]>`
      select id, chain, seq, details::text as details from audit_events order by id limit 1`;
    await f.tdb.sql!.unsafe('alter table audit_events disable trigger audit_events_append_only');
    await f.tdb.sql!`update audit_events set details = '{"tampered": true}' where id = ${e!.id}`;
    await f.tdb.sql!.unsafe('alter table audit_events enable trigger audit_events_append_only');
    const bad = JSON.parse((await post('/v1/audit/verification')).body);
    expect(bad).toMatchObject({ ok: false, findingCount: 1, byKind: { edited: 1 } });
    expect(bad.findings[0]).toMatchObject({
      kind: 'edited',
      chain: e!.chain,
      seq: Number(e!.seq),
      eventId: Number(e!.id),
    });
    await f.tdb.sql!.unsafe('alter table audit_events disable trigger audit_events_append_only');
    await f.tdb.sql!`update audit_events set details = ${e!.details}::jsonb where id = ${e!.id}`;
    await f.tdb.sql!.unsafe('alter table audit_events enable trigger audit_events_append_only');
    expect(JSON.parse((await post('/v1/audit/verification')).body)).toMatchObject({ ok: true });
  });

  it('the audit chains on an API whose key cannot be loaded: 503 AUDIT_KEY_UNAVAILABLE, asked again next time', async () => {
    let loads = 0;
    const api = await buildServer({
      db: f.tdb.db,
      client: f.client,
      taskQueue: f.taskQueue,
      verifier: await createVerifier({
        issuer: DEV_ISSUER,
        audience: DEV_AUDIENCE,
        jwksFile: (await ensureDevKeys(f.home)).jwksPath,
        clock: testClock,
      }),
      clock: testClock,
      signingKeys: f.signingKeys,
      logLevel: 'silent',
      auditKey: () => {
        loads++;
        return Promise.reject(new Error('AUDIT_SIGNING_KEY is not set'));
      },
    });
    try {
      for (let i = 0; i < 2; i++) {
        const r = await api.inject({ method: 'POST', url: '/v1/audit/verification', headers: bearer(operator) });
        expect(r.statusCode).toBe(503);
        expect(JSON.parse(r.body).code).toBe('AUDIT_KEY_UNAVAILABLE');
      }
      expect(loads).toBe(2);
    } finally {
      await api.close();
    }
  });

  it('are the operator’s only', async () => {
    for (const url of ['/v1/ledger/verification', '/v1/audit/verification'])
      expect((await post(url, undefined, officer)).statusCode).toBe(403);
  });
});

describe('arrears by month', () => {
  it('sums each month’s reconciled periods: principal outstanding, late charge, employers in arrears; months without any are zeros', async () => {
    const r = await get(`/v1/arrears?from=2027-06&to=${P2}`);
    expect(r.statusCode, r.body).toBe(200);
    const body = JSON.parse(r.body);
    const stored = await queryRows<{ period: string; outstanding: string; late: string; n: number }>(
      f.tdb.db,
      sql`select period, sum(outstanding)::text as outstanding, sum(late_charge)::text as late,
                 (count(*) filter (where outstanding > 0))::int as n
            from employer_periods where period in (${P1}, ${P2}) group by period order by period`,
    );
    expect(stored).toHaveLength(2);
    expect(body).toEqual({
      from: '2027-06',
      to: P2,
      items: [
        { period: '2027-06', outstanding: '0', lateCharge: '0', employersInArrears: 0, employersReconciled: 0 },
        ...stored.map((s) => ({
          period: s.period,
          outstanding: s.outstanding,
          lateCharge: s.late,
          employersInArrears: s.n,
          employersReconciled: 5,
        })),
      ],
    });
    // Nothing was paid for these months: every employer is in arrears for the whole due.
    expect(stored.every((s) => s.n === 5 && Number(s.outstanding) > 0)).toBe(true);
  });

  it('refuses a reversed range, a range over 120 months, a malformed month, and other roles', async () => {
    const reversed = await get('/v1/arrears?from=2027-08&to=2027-07');
    expect(reversed.statusCode).toBe(400);
    expect(JSON.parse(reversed.body).code).toBe('INVALID_RANGE');
    const long = await get('/v1/arrears?from=2017-01&to=2027-01');
    expect(JSON.parse(long.body).code).toBe('RANGE_TOO_LONG');
    expect((await get('/v1/arrears?from=2018-01&to=2027-12')).statusCode).toBe(200);
    expect((await get('/v1/arrears?from=2027-13&to=2027-12')).statusCode).toBe(400);
    expect((await get('/v1/arrears?to=2027-12')).statusCode).toBe(400);
    expect((await get('/v1/arrears?from=2027-01&to=2027-02', officer)).statusCode).toBe(403);
  });
});

describe('the OpenAPI document', () => {
  it('lists the operator’s routes with their shapes', async () => {
    const doc = JSON.parse((await f.app.inject({ url: '/openapi.json' })).body);
    for (const [route, method] of [
      ['/v1/reconciliations', 'get'],
      ['/v1/reconciliations/schedule', 'get'],
      ['/v1/reconciliations/schedule', 'post'],
      ['/v1/ledger/verification', 'post'],
      ['/v1/audit/verification', 'post'],
      ['/v1/arrears', 'get'],
    ] as const) {
      expect(doc.paths[route]?.[method], `${method} ${route}`).toBeDefined();
    }
    expect(doc.paths['/v1/arrears'].get.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['from', 'to']);
    expect(
      doc.paths['/v1/reconciliations'].get.responses['200'].content['application/json'].schema.properties.items,
    ).toBeDefined();
  });
});

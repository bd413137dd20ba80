/**
 * The work queue through the API (issue 12, Part A), against the real server, real PostgreSQL and
 * the shared Temporal dev server with a worker: a claim filed waits for its decision in the
 * officers' queue and leaves it in the transaction that decides it; an onboarding waits for its
 * approval; and the queue's filters, order (due date, none last, then id), keyset pages, counts
 * per kind over the whole filter and overdue figures, on tasks seeded around today.
 *
 * @date-sensitive Claims are filed for today and the seeded tasks are due around today (the injected clock); they pass on any date.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { tasks } from '../../db/schema';
import { addDays, addWorkingDays, monthOf, workingDaysLeft, type IsoDate } from '../../domain/calendar';
import type { TaskItem, TaskPage } from '../../domain/schemas-tasks';
import { sampleSubmission } from '../../dev/sample';
import { createClaimant } from '../setup/claimants';
import { testClock } from '../setup/harness';
import { apiFixture, bearer, type ApiFixture } from './fixture';

let f: ApiFixture;
let officer: string;
let operator: string;
beforeAll(async () => {
  f = await apiFixture('tasks', { worker: true });
  officer = await f.token({ role: 'officer', subject: 'officer:lan' });
  operator = await f.token({ role: 'operator' });
});
afterAll(async () => {
  await f?.close();
});

const today = (): IsoDate => testClock.today();
const json = (r: { body: string }) => JSON.parse(r.body);
async function get(url: string, token = officer): Promise<TaskPage> {
  const r = await f.app.inject({ url, headers: bearer(token) });
  expect(r.statusCode, r.body).toBe(200);
  return json(r) as TaskPage;
}
/** Every item of a filter, page after page. */
async function all(url: string, token = officer): Promise<TaskItem[]> {
  const out: TaskItem[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 100; i++) {
    const sep = url.includes('?') ? '&' : '?';
    const page = await get(cursor ? `${url}${sep}cursor=${cursor}` : url, token);
    out.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) return out;
  }
  throw new Error('pages never ended');
}
async function eventually<T>(what: string, read: () => Promise<T>, done: (v: T) => boolean): Promise<T> {
  const end = performance.now() + 20_000;
  for (;;) {
    const last = await read();
    if (done(last)) return last;
    if (performance.now() > end) throw new Error(`${what} never happened; last: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the documented contract', () => {
  it('/openapi.json documents both routes: their query parameters and the page (items, counts, overdue, nextCursor)', async () => {
    const doc = json(await f.app.inject({ url: '/openapi.json' }));
    for (const route of ['/v1/tasks', '/v1/tasks/stalled']) {
      const op = doc.paths[route].get;
      expect(op.tags).toEqual(['tasks']);
      const schema = op.responses['200'].content['application/json'].schema;
      expect(Object.keys(schema.properties).sort()).toEqual(['counts', 'items', 'nextCursor', 'overdue']);
      expect(Object.keys(schema.properties.items.items.properties)).toEqual(
        expect.arrayContaining([
          'id',
          'kind',
          'status',
          'actor',
          'dueDate',
          'overdue',
          'workingDaysLeft',
          'escalated',
          'subject',
        ]),
      );
    }
    const names = doc.paths['/v1/tasks'].get.parameters.map((p: { name: string }) => p.name).sort();
    expect(names).toEqual(['actor', 'cursor', 'dueAfter', 'dueBefore', 'kind', 'limit', 'province', 'status']);
  });
});

describe('the claim’s decision in the officers’ queue', () => {
  it('a claim filed appears as claim.decision, due on its deadline; decided through the Update it leaves the queue in the same transaction as the claim’s status, and month 1’s report window waits for the participant', async () => {
    const filingDate = today();
    const terminationDate = addDays(filingDate, -7);
    const c = await createClaimant(f.tdb.db, {
      lastMonth: monthOf(terminationDate),
      months: 30,
      salary: 12_000_000,
      seed: 83_001,
    });
    const filed = await f.app.inject({
      method: 'POST',
      url: '/v1/claims',
      headers: bearer(officer),
      payload: {
        personalId: c.personalId,
        terminationDate,
        filingDate,
        region: 'I',
        contractMonths: 36,
        terminationReason: 'contract_expired',
      },
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const claimId: string = json(filed).claimId;
    const mine = (p: TaskPage) => p.items.filter((i) => i.subject.claimId === claimId);
    const [task] = mine(
      await eventually(
        'the decision task',
        () => get('/v1/tasks?kind=claim.decision&limit=200'),
        (p) => mine(p).length > 0,
      ),
    );
    const claim = json(await f.app.inject({ url: `/v1/claims/${claimId}`, headers: bearer(officer) }));
    expect(task).toMatchObject({
      kind: 'claim.decision',
      status: 'open',
      actor: 'officer',
      queue: 'ui-claims',
      dueDate: claim.decisionDeadline,
      overdue: false,
      workingDaysLeft: workingDaysLeft(today(), claim.decisionDeadline),
      escalated: false,
      subject: { claimId },
      closedAt: null,
    });
    // Nothing personal in the task.
    expect(JSON.stringify(task)).not.toContain(c.personalId);

    // While the Update runs, the claim's status and its task are read together, again and again: never one without the other.
    const seen = new Set<string>();
    let deciding = true;
    const watch = (async () => {
      while (deciding) {
        const [row] = await queryRows<{ status: string; task: string }>(
          f.tdb.db,
          sql`select c.status, t.status as task from ui_claims c join tasks t on t.claim_id = c.id and t.kind = 'claim.decision' where c.id = ${claimId}`,
        );
        seen.add(`${row!.status}/${row!.task}`);
      }
    })();
    const d = await f.app.inject({
      method: 'POST',
      url: `/v1/claims/${claimId}/decision`,
      headers: bearer(officer),
      payload: { decision: 'approve' },
    });
    deciding = false;
    await watch;
    expect(d.statusCode, d.body).toBe(200);
    expect(
      [...seen].every((s) => s === 'awaiting_decision/open' || s === 'active/done'),
      [...seen].join(),
    ).toBe(true);
    expect(seen.has('awaiting_decision/open')).toBe(true);
    expect(seen.has('active/done')).toBe(true);

    expect(mine(await get('/v1/tasks?kind=claim.decision&limit=200'))).toEqual([]);
    const [closed] = mine(await get('/v1/tasks?kind=claim.decision&status=done&limit=200'));
    expect(closed).toMatchObject({
      status: 'done',
      overdue: false,
      workingDaysLeft: null,
      closedAt: expect.any(String),
    });
    // closed_by is the officer's opaque principal reference, not the officer.
    const [by] = await queryRows<{ closed_by: string }>(
      f.tdb.db,
      sql`select closed_by from tasks where id = ${closed!.id}`,
    );
    expect(by!.closed_by).toMatch(/^p:/);
    // An officer's default is officers' tasks; the report window is the participant's.
    expect(mine(await get('/v1/tasks?limit=200'))).toEqual([]);
    const state = json(await f.app.inject({ url: `/v1/claims/${claimId}`, headers: bearer(officer) }));
    expect(mine(await get('/v1/tasks?actor=participant&kind=claim.report&limit=200'))).toEqual([
      expect.objectContaining({
        actor: 'participant',
        status: 'open',
        dueDate: state.months[0].reportDeadline,
        subject: { claimId },
      }),
    ]);
    // The participant reports: the window's task closes, month 2's waits for its first day.
    const p = await f.token({ role: 'participant', personalId: c.personalId, level: 2 });
    const rep = await f.app.inject({
      method: 'POST',
      url: `/v1/claims/${claimId}/reports`,
      headers: bearer(p),
      payload: {},
    });
    expect(rep.statusCode, rep.body).toBe(200);
    expect(mine(await get('/v1/tasks?actor=participant&kind=claim.report&limit=200'))).toEqual([]);
  });
});

describe('an onboarding’s approval in the officers’ queue', () => {
  it('an onboarding submitted appears as onboarding.approval in its province; approved, it is gone', async () => {
    const sub = sampleSubmission(83_100, 2, { startMonth: '2026-11' });
    const employer = await f.token({ role: 'employer', taxCode: sub.employer.taxCode });
    const r = await f.app.inject({ method: 'POST', url: '/v1/onboardings', headers: bearer(employer), payload: sub });
    expect(r.statusCode, r.body).toBe(202);
    const onboardingId = `onboarding:${sub.employer.taxCode}`;
    const mine = (p: TaskPage) => p.items.filter((i) => i.subject.onboardingId === onboardingId);
    const url = `/v1/tasks?kind=onboarding.approval&province=${sub.employer.provinceCode}&limit=200`;
    const [t] = mine(
      await eventually(
        'the approval task',
        () => get(url),
        (p) => mine(p).length > 0,
      ),
    );
    expect(t).toMatchObject({
      kind: 'onboarding.approval',
      actor: 'officer',
      queue: 'onboarding-officers',
      provinceCode: sub.employer.provinceCode,
      dueDate: addWorkingDays(today(), 5),
      workingDaysLeft: 5,
      subject: { taxCode: sub.employer.taxCode, onboardingId },
    });
    const d = await f.app.inject({
      method: 'POST',
      url: `/v1/onboardings/${onboardingId}/decision`,
      headers: bearer(officer),
      payload: { decision: 'approve' },
    });
    expect(d.statusCode, d.body).toBe(200);
    expect(mine(await get(url))).toEqual([]);
    expect(mine(await get(`${url}&status=done`))).toHaveLength(1);
  });
});

describe('filters, order, pages and counts', () => {
  const P = '93'; // a province of this file's seeded tasks only
  type Seed = {
    kind: string;
    due: number | null;
    actor?: string;
    status?: string;
    escalated?: boolean;
    opensIn?: number;
  };
  const SEEDS: Seed[] = [
    { kind: 'bank.suspense', due: -3 },
    { kind: 'bank.suspense', due: -3 },
    { kind: 'bank.suspense', due: 0 },
    { kind: 'bank.suspense', due: 4 },
    { kind: 'bank.suspense', due: null },
    { kind: 'claim.new_job_declared', due: -1, escalated: true },
    { kind: 'claim.new_job_declared', due: 2 },
    { kind: 'claim.new_job_declared', due: 2 },
    { kind: 'claim.new_job_declared', due: 10 },
    { kind: 'claim.new_job_declared', due: null },
    { kind: 'onboarding.approval', due: -10 },
    { kind: 'onboarding.approval', due: 1 },
    { kind: 'claim.report', due: -2, actor: 'participant' },
    { kind: 'claim.report', due: 3, actor: 'participant' },
    { kind: 'claim.report', due: 30, actor: 'participant', opensIn: 20 }, // its window is not open yet
    { kind: 'bank.suspense', due: -5, status: 'done' },
    { kind: 'bank.suspense', due: 1, status: 'cancelled' },
  ];
  const openOfficer = SEEDS.filter((s) => !s.status && (s.actor ?? 'officer') === 'officer');
  const dueOf = (s: Seed) => (s.due === null ? null : addDays(today(), s.due));
  const sorted = (items: TaskItem[]) =>
    [...items].sort((a, b) => (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') || a.id - b.id);

  beforeAll(async () => {
    await f.tdb.db.insert(tasks).values(
      SEEDS.map((s, i) => ({
        dedupeKey: `seed:${i}`,
        kind: s.kind,
        actor: s.actor ?? 'officer',
        queue: 'seed',
        provinceCode: P,
        dueDate: dueOf(s),
        status: s.status ?? 'open',
        closedAt: s.status ? sql`now()` : null,
        escalatedAt: s.escalated ? sql`now()` : null,
        opensOn: s.opensIn !== undefined ? addDays(today(), s.opensIn) : null,
      })),
    );
  });

  it('an officer’s default: the officers’ open tasks, due date first (none last), then id; overdue and working days left from today', async () => {
    const p = await get(`/v1/tasks?province=${P}`);
    expect(p.items).toHaveLength(openOfficer.length);
    expect(p.items).toEqual(sorted(p.items));
    expect(p.items.map((i) => i.dueDate)).toEqual(
      openOfficer.map(dueOf).sort((a, b) => (a ?? '9999').localeCompare(b ?? '9999')),
    );
    for (const i of p.items) {
      expect(i.status).toBe('open');
      expect(i.actor).toBe('officer');
      expect(i.overdue).toBe(i.dueDate !== null && i.dueDate < today());
      expect(i.workingDaysLeft).toBe(i.dueDate === null ? null : workingDaysLeft(today(), i.dueDate));
      if (i.overdue) expect(i.workingDaysLeft!).toBeLessThan(0);
    }
    expect(p.nextCursor).toBeNull();
  });

  it('counts per kind and the overdue figure are over the whole filter, not the page; pages of 2 with the cursor give the same list', async () => {
    const page = await get(`/v1/tasks?province=${P}&limit=2`);
    expect(page.items).toHaveLength(2);
    expect(page.counts).toEqual([
      { kind: 'bank.suspense', open: 5, overdue: 2 },
      { kind: 'claim.new_job_declared', open: 5, overdue: 1 },
      { kind: 'onboarding.approval', open: 2, overdue: 1 },
    ]);
    expect(page.overdue).toBe(4);
    const paged = await all(`/v1/tasks?province=${P}&limit=2`);
    expect(paged).toEqual((await get(`/v1/tasks?province=${P}`)).items);
    expect(new Set(paged.map((i) => i.id)).size).toBe(paged.length);
  });

  it('status, kind, due dates and actor filter the queue', async () => {
    const ids = async (q: string, token = officer) =>
      (await all(`/v1/tasks?province=${P}&${q}`, token)).map((i) => i.dueDate);
    expect(await ids('status=overdue')).toEqual([
      addDays(today(), -10),
      addDays(today(), -3),
      addDays(today(), -3),
      addDays(today(), -1),
    ]);
    expect((await get(`/v1/tasks?province=${P}&status=overdue`)).counts).toEqual([
      { kind: 'bank.suspense', open: 2, overdue: 2 },
      { kind: 'claim.new_job_declared', open: 1, overdue: 1 },
      { kind: 'onboarding.approval', open: 1, overdue: 1 },
    ]);
    expect((await all(`/v1/tasks?province=${P}&status=escalated`)).map((i) => [i.kind, i.escalated])).toEqual([
      ['claim.new_job_declared', true],
    ]);
    expect(await ids('status=done')).toEqual([addDays(today(), -5)]);
    expect(await ids('status=cancelled')).toEqual([addDays(today(), 1)]);
    expect(await ids('kind=onboarding.approval,claim.new_job_declared&dueAfter=' + today())).toEqual([
      addDays(today(), 1),
      addDays(today(), 2),
      addDays(today(), 2),
      addDays(today(), 10),
    ]);
    expect(await ids(`dueBefore=${today()}&dueAfter=${addDays(today(), -4)}`)).toEqual([
      addDays(today(), -3),
      addDays(today(), -3),
      addDays(today(), -1),
    ]);
    // The participant's report windows: the one not yet open is not in the queue.
    expect(await ids('actor=participant')).toEqual([addDays(today(), -2), addDays(today(), 3)]);
    // An operator sees every actor's by default.
    expect((await all(`/v1/tasks?province=${P}`, operator)).length).toBe(openOfficer.length + 2);
    expect((await all(`/v1/tasks?province=${P}&actor=any`)).length).toBe(openOfficer.length + 2);
  });

  it('stalled: every actor’s open waits past their due date, most overdue first', async () => {
    const s = await all(`/v1/tasks/stalled?province=${P}`, operator);
    expect(s.map((i) => [i.kind, i.dueDate])).toEqual([
      ['onboarding.approval', addDays(today(), -10)],
      ['bank.suspense', addDays(today(), -3)],
      ['bank.suspense', addDays(today(), -3)],
      ['claim.report', addDays(today(), -2)],
      ['claim.new_job_declared', addDays(today(), -1)],
    ]);
    expect(s.every((i) => i.overdue && i.workingDaysLeft! < 0)).toBe(true);
    expect((await get(`/v1/tasks/stalled?province=${P}&kind=claim.report`, operator)).counts).toEqual([
      { kind: 'claim.report', open: 1, overdue: 1 },
    ]);
  });

  it('refuses a cursor it did not give out, an unknown kind, a bad province or limit: 400 with a code, and participants, employers, facilities and the bank: 403', async () => {
    for (const [q, code] of [
      ['cursor=bm90LWEtY3Vyc29y', 'INVALID_CURSOR'],
      ['kind=claim.decision,nope', 'INVALID_KIND'],
      ['province=7', 'INVALID_PROVINCE_CODE'],
      ['limit=201', undefined],
      ['status=late', undefined],
      ['dueBefore=2026-02-30', 'INVALID_DATE'],
    ] as const) {
      const r = await f.app.inject({ url: `/v1/tasks?${q}`, headers: bearer(officer) });
      expect(r.statusCode, q).toBe(400);
      if (code) expect(r.body, q).toContain(code);
    }
    const participant = await f.token({ role: 'participant', personalId: f.a.employees[0]!.personalId, level: 2 });
    for (const url of ['/v1/tasks', '/v1/tasks/stalled']) {
      const r = await f.app.inject({ url, headers: bearer(participant) });
      expect(r.statusCode).toBe(403);
    }
  });
});

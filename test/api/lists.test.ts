/**
 * The lists of issue #12 through the API, against real PostgreSQL and the shared Temporal dev
 * server (a claim filed and evaluated by its workflow): claims with their filters and a
 * participant's own, onboarding dossiers (an employer's own), an employer's months after a
 * declaration, a payment and the reconciliation, and the payment history of a claim and of a
 * person — each a keyset page at a time, the people listed access-logged.
 *
 * @date-sensitive One claim is filed for today (the injected clock); the rest is dated explicitly.
 */
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOnboardingActivities } from '../../activities/onboarding';
import { createReconciliationActivities } from '../../activities/reconciliation';
import { sampleSubmission } from '../../dev/sample';
import { queryRows } from '../../db/client';
import { accessLog, CLAIM_STATUSES, onboardingRequestEmployees, onboardingRequests } from '../../db/schema';
import { contributionDueDate } from '../../domain/arrears';
import { addDays, addWorkingDays, localDateOf, monthOf } from '../../domain/calendar';
import { computeContribution } from '../../domain/contributions';
import { lateChargeForPeriod } from '../../domain/late-charges';
import { ONBOARDING_ESCALATE_AFTER_WORKING_DAYS } from '../../domain/onboarding';
import { ONBOARDING_AUTO_REJECT_AFTER_DAYS } from '../../workflows/definitions';
import { onboardingApprovalDue } from '../../domain/tasks';
import { CLAIM_LIST_STATUSES } from '../../domain/schemas-lists';
import { decisionTimeline } from '../../domain/unemployment';
import { createClock } from '../../runtime/clock';
import { recordPayment } from '../../services/payments';
import { createClaimant } from '../setup/claimants';
import { testClock } from '../setup/harness';
import { apiFixture, bearer, type ApiFixture } from './fixture';

let f: ApiFixture;
let officer: string;
beforeAll(async () => {
  f = await apiFixture('lists', { worker: true });
  officer = await f.token({ role: 'officer', subject: 'officer:lists' });
});
afterAll(async () => {
  await f?.close();
});

const json = (r: { body: string }) => JSON.parse(r.body);
const get = (url: string, token = officer) => f.app.inject({ url, headers: bearer(token) });
/** Every page of a list, following nextCursor; fails if a page is longer than the limit. */
async function allPages<T>(url: string, limit: number, token = officer): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const sep = url.includes('?') ? '&' : '?';
    const r = await get(`${url}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`, token);
    expect(r.statusCode, r.body).toBe(200);
    const page = json(r);
    expect(page.items.length).toBeLessThanOrEqual(limit);
    items.push(...page.items);
    cursor = page.nextCursor;
    pages++;
  } while (cursor && pages < 50);
  return { items, pages };
}
const problem = async (url: string, status: number, code: string, token = officer) => {
  const r = await get(url, token);
  expect(r.statusCode, r.body).toBe(status);
  expect(json(r).code).toBe(code);
};
const loggedFor = async (personalId: string) =>
  (await f.tdb.db.select().from(accessLog).where(eq(accessLog.personalId, personalId))).length;

/** A claim written as its workflow would have left it (the list reads the rows, not the workflow). */
async function insertClaim(
  personalId: string,
  c: { status: string; filingDate: string; approved?: { benefit: number; months: number }; deadline?: string },
): Promise<string> {
  const [row] = await queryRows<{ id: string }>(
    f.tdb.db,
    sql`insert into ui_claims (personal_id, workflow_id, status, termination_date, filing_date, region, contract_months,
                               termination_reason, filed_by, decision_deadline, decision, decided_on, monthly_benefit,
                               duration_months, start_date)
        values (${personalId}, ${'claim:ui:test-' + personalId + c.filingDate}, ${c.status}, ${addDays(c.filingDate, -5)},
                ${c.filingDate}, 'I', 36, 'contract_expired', 'officer:lists', ${c.deadline ?? null},
                ${c.approved ? 'approved' : null}, ${c.approved ? addDays(c.filingDate, 10) : null},
                ${c.approved?.benefit ?? null}, ${c.approved?.months ?? null}, ${c.approved ? addDays(c.filingDate, 20) : null})
        returning id::text as id`,
  );
  return row!.id;
}
/** Benefit months of a claim from its start: the first `paid` paid on their deadline, the rest scheduled. */
async function insertMonths(claimId: string, start: string, n: number, paid: number, amount: number) {
  for (let i = 1; i <= n; i++) {
    const from = addDays(start, (i - 1) * 30);
    const deadline = addDays(from, 35);
    await f.tdb.db
      .execute(sql`insert into ui_claim_months (claim_id, idx, period_from, period_to, report_deadline, payment_deadline, status, amount, paid_on, payment_key)
      values (${claimId}, ${i}, ${from}, ${addDays(from, 29)}, ${addDays(from, 30)}, ${deadline}, ${i <= paid ? 'paid' : 'scheduled'},
              ${i <= paid ? amount : null}, ${i <= paid ? deadline : null}, ${i <= paid ? `uipay:${claimId}:${i}` : null})`);
  }
}

describe('claims and their payments', () => {
  type Item = { claimId: string; status: string; filingDate: string; personalId: string; [k: string]: unknown };
  const claims: Record<string, string> = {};
  let claimant: { personalId: string; taxCode: string; token: string };
  let p0: string;
  let p0Token: string;
  let filingDate: string;

  beforeAll(async () => {
    // One claim filed for real: its workflow evaluates it and it waits for the officer.
    filingDate = testClock.today();
    const c = await createClaimant(f.tdb.db, {
      lastMonth: monthOf(addDays(filingDate, -7)),
      months: 24,
      salary: 12_000_000,
      seed: 86_301, // this file's own: claim workflow ids derive from the personal ID, and the dev server is shared
    });
    claimant = { ...c, token: await f.token({ role: 'participant', personalId: c.personalId, level: 2 }) };
    const filed = await f.app.inject({
      method: 'POST',
      url: '/v1/claims',
      headers: bearer(officer),
      payload: {
        personalId: c.personalId,
        terminationDate: addDays(filingDate, -7),
        filingDate,
        region: 'I',
        contractMonths: 36,
        terminationReason: 'contract_expired',
      },
    });
    expect(filed.statusCode, filed.body).toBe(201);
    claims.real = json(filed).claimId;
    for (let i = 0; i < 400; i++) {
      const st = json(await get(`/v1/claims/${claims.real}`));
      if (st.status === 'awaiting_decision') break;
      await new Promise((res) => setTimeout(res, 50));
    }
    // And the rest as the workflows would have left them, for people of the fixture's employers (province 79).
    const [a0, a1, a2] = f.a.employees.map((e) => e.personalId);
    const [b0, b1] = f.b.employees.map((e) => e.personalId);
    p0 = a0!;
    p0Token = await f.token({ role: 'participant', personalId: p0, level: 2 });
    claims.x1 = await insertClaim(a0!, {
      status: 'completed',
      filingDate: '2025-03-10',
      approved: { benefit: 6_000_000, months: 3 },
    });
    claims.x2 = await insertClaim(a0!, {
      status: 'active',
      filingDate: '2026-06-15',
      approved: { benefit: 7_000_000, months: 3 },
    });
    claims.rejected = await insertClaim(a1!, { status: 'rejected', filingDate: '2026-05-01' });
    claims.w1 = await insertClaim(a2!, {
      status: 'awaiting_decision',
      filingDate: '2026-07-01',
      deadline: '2026-07-22',
    });
    claims.w2 = await insertClaim(b0!, {
      status: 'awaiting_decision',
      filingDate: '2026-07-01',
      deadline: '2026-07-22',
    });
    claims.intake = await insertClaim(b1!, { status: 'intake', filingDate: '2026-04-20' });
    await insertMonths(claims.x1, '2025-04-01', 3, 3, 6_000_000);
    await insertMonths(claims.x2, '2026-07-06', 3, 1, 7_000_000);
  });

  /** Every claim, newest filing first, then id — as the database orders uuids (their hex text). */
  const expectedOrder = async (where = sql`true`) =>
    (
      await queryRows<{ id: string }>(
        f.tdb.db,
        sql`select id::text as id from ui_claims where ${where} order by filing_date desc, id desc`,
      )
    ).map((r) => r.id);

  it("the list's statuses are the database's", () => {
    expect([...CLAIM_LIST_STATUSES]).toEqual([...CLAIM_STATUSES]);
  });

  it('an officer pages through every claim, newest filing first, each once (ties on the date by id)', async () => {
    const { items, pages } = await allPages<Item>('/v1/claims', 2);
    expect(items.map((c) => c.claimId)).toEqual(await expectedOrder());
    expect(items).toHaveLength(7);
    expect(pages).toBe(4);
    const x2 = items.find((c) => c.claimId === claims.x2)!;
    expect(x2).toEqual({
      claimId: claims.x2,
      status: 'active',
      filingDate: '2026-06-15',
      terminationDate: '2026-06-10',
      decisionDeadline: null,
      monthlyBenefit: '7000000',
      durationMonths: 3,
      personalId: p0,
      fullName: f.a.employees[0]!.fullName,
    });
  });

  it('filters: the claims awaiting a decision (the filed one with its 15-working-day deadline), several statuses, a province, filing dates', async () => {
    const waiting = json(await get('/v1/claims?status=awaiting_decision')).items as Item[];
    expect(waiting.map((c) => c.claimId).sort()).toEqual([claims.real, claims.w1, claims.w2].sort());
    expect(waiting.find((c) => c.claimId === claims.real)).toMatchObject({
      status: 'awaiting_decision',
      filingDate,
      decisionDeadline: decisionTimeline(filingDate, 'LAW_74_2025').deadline,
      personalId: claimant.personalId,
      fullName: 'Người Thử Nghiệm',
    });
    const closed = json(await get('/v1/claims?status=completed,rejected,active')).items as Item[];
    expect(closed.map((c) => c.claimId)).toEqual([claims.x2, claims.rejected, claims.x1]);
    // The province of the person's latest employer: the claimant's is 01, the fixture's employers are 79.
    expect((json(await get('/v1/claims?province=01')).items as Item[]).map((c) => c.claimId)).toEqual([claims.real]);
    expect((json(await get('/v1/claims?province=79')).items as Item[]).map((c) => c.claimId)).not.toContain(
      claims.real,
    );
    expect((json(await get('/v1/claims?province=79')).items as Item[]).length).toBe(6);
    const june = json(await get('/v1/claims?filedFrom=2026-06-01&filedTo=2026-07-01')).items as Item[];
    expect(june.map((c) => c.claimId)).toEqual(
      await expectedOrder(sql`filing_date between '2026-06-01' and '2026-07-01'`),
    );
    expect(june).toHaveLength(3);
    const combined = json(await get('/v1/claims?status=awaiting_decision&filedTo=2026-12-31&province=79')).items;
    expect((combined as Item[]).map((c) => c.claimId).sort()).toEqual([claims.w1, claims.w2].sort());
  });

  it('refuses bad filters with their codes', async () => {
    await problem('/v1/claims?status=open', 400, 'INVALID_STATUS');
    await problem('/v1/claims?status=active,', 400, 'INVALID_STATUS');
    await problem('/v1/claims?province=7', 400, 'INVALID_PROVINCE');
    await problem('/v1/claims?filedFrom=2026-07-01&filedTo=2026-06-01', 400, 'INVALID_RANGE');
    await problem('/v1/claims?filedFrom=2026-02-30', 400, 'INVALID_DATE');
    await problem('/v1/claims?cursor=bm90LWEtY3Vyc29y', 400, 'INVALID_CURSOR');
  });

  it('a participant sees only their own claims, whatever the filter; an employer none', async () => {
    const own = json(await get('/v1/claims', p0Token)).items as Item[];
    expect(own.map((c) => c.claimId)).toEqual([claims.x2, claims.x1]);
    expect(json(await get('/v1/claims?status=awaiting_decision', p0Token)).items).toEqual([]);
    expect((json(await get('/v1/claims', claimant.token)).items as Item[]).map((c) => c.claimId)).toEqual([
      claims.real,
    ]);
    const employer = await f.token({ role: 'employer', taxCode: f.a.employer.taxCode });
    await problem('/v1/claims', 403, 'FORBIDDEN', employer);
  });

  it('access-logs each person listed, once per read, and no one else', async () => {
    const a2 = f.a.employees[2]!.personalId;
    const before = { p0: await loggedFor(p0), a2: await loggedFor(a2), claimant: await loggedFor(claimant.personalId) };
    const r = await get('/v1/claims?status=active,completed');
    expect((json(r).items as Item[]).every((c) => c.personalId === p0)).toBe(true);
    expect(await loggedFor(p0)).toBe(before.p0 + 1); // two claims of one person: one row
    expect(await loggedFor(a2)).toBe(before.a2);
    expect(await loggedFor(claimant.personalId)).toBe(before.claimant);
  });

  it("a claim's payments: its benefit months in order with amount, day paid and deadline; own claim only for a participant", async () => {
    const r = await get(`/v1/claims/${claims.x2}/payments`, p0Token);
    expect(r.statusCode, r.body).toBe(200);
    expect(json(r)).toEqual({
      items: [
        {
          index: 1,
          from: '2026-07-06',
          to: '2026-08-04',
          status: 'paid',
          amount: '7000000',
          paidOn: '2026-08-10',
          deadline: '2026-08-10',
        },
        {
          index: 2,
          from: '2026-08-05',
          to: '2026-09-03',
          status: 'scheduled',
          amount: null,
          paidOn: null,
          deadline: '2026-09-09',
        },
        {
          index: 3,
          from: '2026-09-04',
          to: '2026-10-03',
          status: 'scheduled',
          amount: null,
          paidOn: null,
          deadline: '2026-10-09',
        },
      ],
      nextCursor: null,
    });
    const paged = await allPages<{ index: number }>(`/v1/claims/${claims.x2}/payments`, 2, officer);
    expect(paged.items.map((m) => m.index)).toEqual([1, 2, 3]);
    expect(paged.pages).toBe(2);
    // Someone else's claim, or one that does not exist, is the same 403 for a participant.
    await problem(`/v1/claims/${claims.rejected}/payments`, 403, 'FORBIDDEN', p0Token);
    await problem('/v1/claims/00000000-0000-4000-8000-000000000000/payments', 403, 'FORBIDDEN', p0Token);
    await problem('/v1/claims/00000000-0000-4000-8000-000000000000/payments', 404, 'NOT_FOUND');
  });

  it("a person's payment history: every benefit month of every claim, newest first, with its claim; access-logged", async () => {
    const before = await loggedFor(p0);
    const { items, pages } = await allPages<{ claimId: string; index: number; status: string }>(
      `/v1/participants/${p0}/payments`,
      4,
      p0Token,
    );
    expect(items.map((m) => [m.claimId, m.index])).toEqual([
      [claims.x2, 3],
      [claims.x2, 2],
      [claims.x2, 1],
      [claims.x1, 3],
      [claims.x1, 2],
      [claims.x1, 1],
    ]);
    expect(items.filter((m) => m.status === 'paid')).toHaveLength(4);
    expect(pages).toBe(2);
    expect(await loggedFor(p0)).toBe(before + 2);
    const other = f.a.employees[1]!.personalId;
    await problem(`/v1/participants/${other}/payments`, 403, 'FORBIDDEN', p0Token);
    expect(json(await get(`/v1/participants/${other}/payments`)).items).toEqual([]);
    await problem('/v1/participants/000000000000/payments', 404, 'NOT_FOUND');
  });
});

describe('onboarding dossiers', () => {
  type Item = { id: string; requestId: string; taxCode: string; status: string; deadline: string | null };
  const pendingTax = '0319876545';
  let pendingId = '';
  beforeAll(async () => {
    const [row] = await queryRows<{ id: string }>(
      f.tdb.db,
      sql`insert into onboarding_requests (id, tax_code, employer, employee_count, submitted_by, workflow_id, status)
          values (gen_random_uuid(), ${pendingTax}, ${JSON.stringify({ taxCode: pendingTax, name: 'Công ty Chờ Duyệt' })}::jsonb,
                  12, 'employer:test', ${'onboarding:' + pendingTax}, 'pending')
          returning id::text as id`,
    );
    pendingId = row!.id;
  });

  it('an officer lists every dossier newest first, a page at a time; the pending one with its decision deadline', async () => {
    const want = await queryRows<{ id: string; tax_code: string; status: string; updated_at: Date | string }>(
      f.tdb.db,
      sql`select id::text as id, tax_code, status, updated_at from onboarding_requests order by created_at desc, id desc`,
    );
    const { items, pages } = await allPages<Item>('/v1/onboardings', 1);
    expect(items.map((o) => o.requestId)).toEqual(want.map((w) => w.id));
    expect(pages).toBe(want.length);
    const pending = items.find((o) => o.requestId === pendingId)!;
    const registered = new Date(want.find((w) => w.id === pendingId)!.updated_at).getTime();
    expect(pending).toMatchObject({
      id: `onboarding:${pendingTax}`,
      taxCode: pendingTax,
      employerName: 'Công ty Chờ Duyệt',
      status: 'pending',
      employees: 12,
      deadline: addWorkingDays(localDateOf(registered), ONBOARDING_ESCALATE_AFTER_WORKING_DAYS),
    });
    expect(Date.parse((pending as unknown as { submittedAt: string }).submittedAt)).toBeGreaterThan(0);
    expect(items.filter((o) => o.status !== 'pending').every((o) => o.deadline === null)).toBe(true);
    const onlyPending = json(await get('/v1/onboardings?status=pending')).items as Item[];
    expect(onlyPending.map((o) => o.requestId)).toEqual([pendingId]);
    expect(onlyPending[0]!.deadline).not.toBeNull(); // no approval task: counted from its registration
  });

  it("a dossier registered by the workflow's activity: its deadline is its approval task's due date, the queue's durable deadline", async () => {
    const sub = sampleSubmission(86_401, 2, { startMonth: f.a.employees[0]!.startMonth });
    const requestId = randomUUID();
    await f.tdb.db.insert(onboardingRequests).values({
      id: requestId,
      taxCode: sub.employer.taxCode,
      employer: sub.employer,
      employeeCount: 2,
      submittedBy: 'employer:test',
      workflowId: `onboarding:${sub.employer.taxCode}`,
    });
    await f.tdb.db
      .insert(onboardingRequestEmployees)
      .values(sub.employees.map((e, i) => ({ requestId, line: i + 1, personalId: e.personalId, data: e })));
    // The application's clock decides the deadline (here a day other than the database's today).
    const registeredOn = '2026-11-02';
    await createOnboardingActivities({
      db: f.tdb.db,
      clock: createClock({ pinnedDate: registeredOn }),
    }).registerEmployer({
      requestId,
      taxCode: sub.employer.taxCode,
      workflowId: `onboarding:${sub.employer.taxCode}`,
      runId: 'r',
    });
    const [task] = await queryRows<{ due: string }>(
      f.tdb.db,
      sql`select due_date::text as due from tasks where onboarding_request_id = ${requestId} and kind = 'onboarding.approval'`,
    );
    expect(task!.due).toBe(onboardingApprovalDue(registeredOn, ONBOARDING_AUTO_REJECT_AFTER_DAYS).due);
    const pending = json(await get('/v1/onboardings?status=pending')).items as Item[];
    expect(pending.find((o) => o.requestId === requestId)).toMatchObject({
      status: 'pending',
      taxCode: sub.employer.taxCode,
      employees: 2,
      deadline: task!.due,
    });
  });

  it('an employer sees only its own dossiers, whatever the filter; a participant none', async () => {
    const employer = await f.token({ role: 'employer', taxCode: f.a.employer.taxCode });
    const own = json(await get('/v1/onboardings', employer)).items as Item[];
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((o) => o.taxCode === f.a.employer.taxCode)).toBe(true);
    expect(json(await get('/v1/onboardings?status=pending', employer)).items).toEqual([]);
    await problem('/v1/onboardings?status=waiting', 400, 'INVALID_STATUS');
    const participant = await f.token({ role: 'participant', personalId: f.a.employees[0]!.personalId, level: 2 });
    await problem('/v1/onboardings', 403, 'FORBIDDEN', participant);
  });
});

describe("an employer's months", () => {
  const salaryCut = 15_000_000;
  const dueOf = (month: string, salaryOf: (i: number, salary: string) => string) =>
    f.a.employees.reduce(
      (acc, e, i) => acc + Number(computeContribution({ month, salary: salaryOf(i, e.salary), region: 'I' }).total),
      0,
    );
  let dueOct = 0;
  let dueNov = 0;

  beforeAll(async () => {
    const tax = f.a.employer.taxCode;
    const employer = await f.token({ role: 'employer', taxCode: tax });
    // A salary change from November (a declaration), October paid on time, then both months reconciled.
    const declared = await f.app.inject({
      method: 'POST',
      url: `/v1/employers/${tax}/declarations`,
      headers: bearer(employer),
      payload: {
        declarations: [
          {
            kind: 'salary_change',
            reference: 'lists-raise-1',
            personalId: f.a.employees[1]!.personalId,
            effectiveMonth: '2026-11',
            salary: salaryCut,
          },
        ],
      },
    });
    expect(declared.statusCode, declared.body).toBe(201);
    dueOct = dueOf('2026-10', (_i, s) => s);
    dueNov = dueOf('2026-11', (i, s) => (i === 1 ? String(salaryCut) : s));
    await recordPayment(f.tdb.db, {
      taxCode: tax,
      bankReference: 'LISTS-OCT-0001',
      amount: String(dueOct),
      valueDate: '2026-11-20',
      author: 'bank',
      today: '2026-11-20',
    });
    const acts = createReconciliationActivities({ db: f.tdb.db });
    for (const [period, asOf] of [
      ['2026-10', '2026-12-05'],
      ['2026-11', '2027-01-10'],
    ] as const) {
      await acts.reconcileEmployers({
        period,
        asOf,
        after: '',
        upTo: null,
        limit: 100,
        workflowId: 'reconciliation:lists-test',
        runId: `r-${period}`,
      });
    }
  });

  it('newest first: due (the declared salary counted), paid, outstanding, status, deadline, late charge as reconciled', async () => {
    const r = await get(`/v1/employers/${f.a.employer.taxCode}/periods`);
    expect(r.statusCode, r.body).toBe(200);
    const nov = lateChargeForPeriod({
      period: '2026-11',
      principalDue: String(dueNov),
      payments: [],
      asOf: '2027-01-10',
    });
    expect(Number(nov.totalCharge)).toBeGreaterThan(0);
    expect(json(r)).toEqual({
      items: [
        {
          period: '2026-11',
          status: 'unpaid',
          deadline: contributionDueDate('2026-11'),
          due: String(dueNov),
          paid: '0',
          outstanding: String(dueNov),
          lateCharge: nov.totalCharge,
          evasion: nov.evasion,
        },
        {
          period: '2026-10',
          status: 'paid',
          deadline: contributionDueDate('2026-10'),
          due: String(dueOct),
          paid: String(dueOct),
          outstanding: '0',
          lateCharge: '0',
          evasion: false,
        },
      ],
      nextCursor: null,
    });
    expect(dueNov).not.toBe(dueOct);
  });

  it('from and to bound the months; a page of one is followed by the next by cursor', async () => {
    const base = `/v1/employers/${f.a.employer.taxCode}/periods`;
    const months = (r: { body: string }) => (json(r).items as { period: string }[]).map((p) => p.period);
    expect(months(await get(`${base}?from=2026-11`))).toEqual(['2026-11']);
    expect(months(await get(`${base}?to=2026-10`))).toEqual(['2026-10']);
    expect(months(await get(`${base}?from=2027-01`))).toEqual([]);
    const { items, pages } = await allPages<{ period: string }>(base, 1);
    expect(items.map((p) => p.period)).toEqual(['2026-11', '2026-10']);
    expect(pages).toBe(2);
    await problem(`${base}?from=2026-11&to=2026-10`, 400, 'INVALID_RANGE');
    await problem(`${base}?from=2026-13`, 400, 'INVALID_MONTH');
    await problem('/v1/employers/0319876545/periods', 404, 'NOT_FOUND');
  });

  it("an employer reads its own months only: the other employer's are 403, its own are its own", async () => {
    const b = await f.token({ role: 'employer', taxCode: f.b.employer.taxCode });
    await problem(`/v1/employers/${f.a.employer.taxCode}/periods`, 403, 'FORBIDDEN', b);
    const own = json(await get(`/v1/employers/${f.b.employer.taxCode}/periods`, b)).items as { period: string }[];
    expect(own.map((p) => p.period)).toEqual(['2026-11', '2026-10']);
    expect(own).not.toEqual(json(await get(`/v1/employers/${f.a.employer.taxCode}/periods`)).items);
  });
});

describe('the OpenAPI document', () => {
  it('documents every list and search with its query parameters and the page shape', async () => {
    const doc = json(await f.app.inject({ url: '/openapi.json' }));
    const params = (p: string) =>
      ((doc.paths[p]?.get?.parameters ?? []) as { name: string; in: string }[])
        .filter((x) => x.in === 'query')
        .map((x) => x.name)
        .sort();
    expect(params('/v1/claims')).toEqual(['cursor', 'filedFrom', 'filedTo', 'limit', 'province', 'status']);
    expect(params('/v1/onboardings')).toEqual(['cursor', 'limit', 'status']);
    expect(params('/v1/participants')).toEqual(['cursor', 'limit', 'q']);
    expect(params('/v1/employers')).toEqual(['cursor', 'limit', 'q']);
    expect(params('/v1/employers/{taxCode}/periods')).toEqual(['cursor', 'from', 'limit', 'to']);
    expect(params('/v1/claims/{id}/payments')).toEqual(['cursor', 'limit']);
    expect(params('/v1/participants/{personalId}/payments')).toEqual(['cursor', 'limit']);
    const page = doc.paths['/v1/participants'].get.responses['200'].content['application/json'].schema;
    expect(Object.keys(page.properties).sort()).toEqual(['items', 'nextCursor']);
    expect(Object.keys(page.properties.items.items.properties).sort()).toEqual(
      ['dateOfBirth', 'fullName', 'gender', 'personalId', 'siNumber'].sort(),
    );
  });
});

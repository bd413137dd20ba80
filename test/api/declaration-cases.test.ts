/**
 * Declaration cases through the API (issue #14 part 2; rules §8.37), on the real database and the
 * shared dev server: a participant opens a case against an employer, the employer's real
 * declaration through the API closes it by itself (the declaration's after-commit signal); a case
 * about months the reconciliation found unpaid waits in arrears until the bank's statement pays
 * them and they are credited (the import's booking signals the case); an employer the system
 * cannot notify is referred to an officer (202 with the code, an officer task), who closes the
 * referral (the employer identified and a case opened against it, or outside the system) or
 * dismisses a case; the employer's view of an anonymous case names no one; refusals write nothing. After every test the e-book, ledger and audit verifications find nothing
 * wrong.
 */
import { count, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createReconciliationActivities } from '../../activities/reconciliation';
import { findEbook, verifyEbooks } from '../../db/queries/ebooks';
import { declarationCases, tasks } from '../../db/schema';
import { rng, sampleTaxCode } from '../../dev/sample';
import { computeContribution } from '../../domain/contributions';
import { createClock } from '../../runtime/clock';
import { verifyAudit } from '../../services/audit';
import { verifyLedger } from '../../services/ledger';
import { loadAuditSigningKey } from '../../runtime/audit-keys';
import { apiFixture, bearer, type ApiFixture } from './fixture';

let f: ApiFixture;
let officer: string;
const PDF = Buffer.from('%PDF-1.7\npayslip\n%%EOF\n');

beforeAll(async () => {
  // Today pinned after every month and value date below, whatever the real date.
  f = await apiFixture('declcases', { worker: true, clock: createClock({ pinnedDate: '2026-12-20' }) });
  officer = await f.token({ role: 'officer', subject: 'officer-dc01' });
});
afterAll(async () => {
  await f?.close();
});
afterEach(async () => {
  expect((await verifyEbooks(f.tdb.db)).mismatches).toEqual([]);
  expect((await verifyLedger(f.tdb.db)).problems).toEqual([]);
  expect((await verifyAudit(f.tdb.db, await loadAuditSigningKey({ home: f.home }))).findings).toEqual([]);
});

const json = (r: { body: string }) => JSON.parse(r.body);
const participant = (personalId: string) => f.token({ role: 'participant', personalId, level: 2 });
const open = async (token: string, body: Record<string, unknown>) =>
  f.app.inject({ method: 'POST', url: '/v1/declaration-cases', headers: bearer(token), payload: body });
const view = async (token: string, id: number) =>
  f.app.inject({ url: `/v1/declaration-cases/${id}`, headers: bearer(token) });
const casesCount = async () => Number((await f.tdb.db.select({ n: count() }).from(declarationCases))[0]!.n);

/** Reads the case until it reaches the status (the workflow runs on the dev server; bounded, no timing asserted). */
async function until(
  id: number,
  status: string,
  also: (c: typeof declarationCases.$inferSelect) => boolean = () => true,
) {
  for (let i = 0; i < 900; i++) {
    const [c] = await f.tdb.db.select().from(declarationCases).where(eq(declarationCases.id, id));
    if (c?.status === status && also(c)) return c;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`case ${id} never reached ${status}`);
}

describe('declaration cases through the API', () => {
  it('closes by itself when the employer declares the months through the API; the participant sees every step and the e-book the months under dispute until then', async () => {
    const person = f.a.employees[1]!; // employed by a; b never declared them
    const me = await participant(person.personalId);
    const r = await open(me, {
      personalId: person.personalId,
      employerTaxCode: f.b.employer.taxCode,
      fromMonth: '2026-11',
      toMonth: '2026-12',
    });
    expect(r.statusCode, r.body).toBe(201);
    const { caseId } = json(r);
    expect(json(r)).toEqual({ caseId, status: 'awaiting_employer', referral: null });
    await until(caseId, 'awaiting_employer');
    const book = JSON.parse((await findEbook(f.tdb.db, person.personalId))!.content);
    expect(book.disputedMonths).toEqual([
      { caseId, employerTaxCode: f.b.employer.taxCode, fromMonth: '2026-11', toMonth: '2026-12' },
    ]);
    // Evidence: a payslip.
    const up = await f.app.inject({
      method: 'POST',
      url: `/v1/declaration-cases/${caseId}/evidence`,
      headers: {
        ...bearer(me),
        'content-type': 'application/pdf',
        'content-disposition': 'attachment; filename="payslip.pdf"',
      },
      payload: PDF,
    });
    expect(up.statusCode, up.body).toBe(201);

    const employer = await f.token({ role: 'employer', taxCode: f.b.employer.taxCode });
    const hire = { ...person, startMonth: '2026-11' };
    const d = await f.app.inject({
      method: 'POST',
      url: `/v1/employers/${f.b.employer.taxCode}/declarations`,
      headers: bearer(employer),
      payload: { declarations: [{ kind: 'hire', reference: 'DC-API-1', employee: hire }] },
    });
    expect(d.statusCode, d.body).toBe(201);
    const closed = await until(caseId, 'closed');
    expect(closed.outcome).toBe('declared');
    const seen = json(await view(me, caseId));
    expect(seen.steps.map((s: { step: string }) => s.step)).toEqual(['opened', 'employer_notified', 'declared']);
    expect(seen.months).toEqual([
      { month: '2026-11', declared: true, credited: false },
      { month: '2026-12', declared: true, credited: false },
    ]);
    expect(seen.evidence).toEqual([
      expect.objectContaining({ filename: 'payslip.pdf', contentType: 'application/pdf' }),
    ]);
    expect(JSON.parse((await findEbook(f.tdb.db, person.personalId))!.content).disputedMonths).toBeUndefined();
  });

  it('months the reconciliation found unpaid keep the case in arrears until the bank statement pays them and they are credited', async () => {
    const person = f.b.employees[0]!; // employed by b from 2026-10
    const tax = f.b.employer.taxCode;
    const acts = createReconciliationActivities({ db: f.tdb.db });
    for (const period of ['2026-10', '2026-11'])
      await acts.reconcileEmployers({
        period,
        asOf: '2026-12-15',
        after: '',
        upTo: null,
        limit: 100,
        workflowId: 'reconciliation:dc',
        runId: period,
      });
    const me = await participant(person.personalId);
    const r = await open(me, {
      personalId: person.personalId,
      employerTaxCode: tax,
      fromMonth: '2026-10',
      toMonth: '2026-11',
    });
    expect(r.statusCode, r.body).toBe(201);
    const { caseId } = json(r);
    const arrears = await until(caseId, 'arrears');
    expect(arrears.arrearsConfirmedOn).toBe('2026-12-20');
    // The employer pays both months (twice over, whoever else it employs by now: the rest is credit) through the collection account.
    const due = (m: string) =>
      f.b.employees.reduce(
        (acc, e) => acc + Number(computeContribution({ month: m, salary: e.salary, region: 'I' }).total),
        0,
      );
    const bank = await f.token({ role: 'bank' });
    const amount = 2 * (due('2026-10') + due('2026-11')) + 2_000_000;
    const s = await f.app.inject({
      method: 'POST',
      url: '/v1/bank/statements',
      headers: { ...bearer(bank), 'content-type': 'text/csv' },
      payload: `bank_reference,value_date,direction,amount,currency,remittance\nDC-PAY-1,2026-12-18,CRDT,${amount},VND,BHXH ${tax} dong tien\n`,
    });
    expect(s.statusCode, s.body).toBe(201);
    // The import's booking credited the months: its signal, after the commit, closes the case now —
    // the workflow's own timer is 7 days away on the dev server.
    const closed = await until(caseId, 'closed');
    expect(closed.outcome).toBe('credited');
    const seen = json(await view(me, caseId));
    expect(seen.months.every((m: { credited: boolean }) => m.credited)).toBe(true);
    expect(seen.steps.map((x: { step: string }) => x.step)).toEqual([
      'opened',
      'employer_notified',
      'arrears_confirmed',
      'credited',
    ]);
  });

  it('an employer the database does not hold, or a defence or public-security unit, is answered 202 with the code, and an officer task opens', async () => {
    const person = f.a.employees[2]!;
    const me = await participant(person.personalId);
    const unknown = sampleTaxCode(rng(8501));
    const r = await open(me, {
      personalId: person.personalId,
      employerTaxCode: unknown,
      fromMonth: '2026-09',
      toMonth: '2026-10',
    });
    expect(r.statusCode, r.body).toBe(202);
    expect(json(r)).toMatchObject({ status: 'referred', referral: 'EMPLOYER_NOT_FOUND' });
    const defence = sampleTaxCode(rng(8502));
    const r2 = await open(me, {
      personalId: person.personalId,
      employerTaxCode: defence,
      fromMonth: '2026-09',
      toMonth: '2026-10',
      employerCategory: 'defence_unit',
    });
    expect(r2.statusCode, r2.body).toBe(202);
    expect(json(r2)).toMatchObject({ status: 'referred', referral: 'EMPLOYER_OUT_OF_SCOPE' });
    for (const id of [json(r).caseId, json(r2).caseId]) {
      const t = await f.tdb.db.select().from(tasks).where(eq(tasks.declarationCaseId, id));
      expect(t).toEqual([
        expect.objectContaining({ kind: 'declaration_case.referral', status: 'open', actor: 'officer' }),
      ]);
      expect(
        (await f.tdb.db.select().from(declarationCases).where(eq(declarationCases.id, id)))[0]!.workflowId,
      ).toBeNull();
    }
  });

  it("the employer's view of an anonymous case names no one; an officer confirms arrears", async () => {
    const person = f.a.employees[3]!;
    const me = await participant(person.personalId);
    const r = await open(me, {
      personalId: person.personalId,
      employerTaxCode: f.b.employer.taxCode,
      fromMonth: '2026-08',
      toMonth: '2026-09',
      anonymous: true,
    });
    expect(r.statusCode, r.body).toBe(201);
    const { caseId } = json(r);
    await until(caseId, 'awaiting_employer', (c) => c.employerDue !== null);
    const employer = await f.token({ role: 'employer', taxCode: f.b.employer.taxCode });
    const v = await f.app.inject({ url: `/v1/declaration-cases/${caseId}/employer-view`, headers: bearer(employer) });
    expect(v.statusCode, v.body).toBe(200);
    expect(json(v)).toEqual({
      caseId,
      status: 'awaiting_employer',
      employerDue: expect.any(String),
      fromYear: 2026,
      toYear: 2026,
    });
    for (const secret of [person.personalId, person.fullName, '2026-08']) expect(v.body).not.toContain(secret);
    // The employer cannot read the participant's view, nor another employer the employer's view.
    expect((await view(employer, caseId)).statusCode).toBe(403);
    const other = await f.token({ role: 'employer', taxCode: f.a.employer.taxCode });
    expect(
      (await f.app.inject({ url: `/v1/declaration-cases/${caseId}/employer-view`, headers: bearer(other) })).statusCode,
    ).toBe(403);

    const c = await f.app.inject({
      method: 'POST',
      url: `/v1/declaration-cases/${caseId}/arrears`,
      headers: bearer(officer),
      payload: { confirm: true },
    });
    expect(c.statusCode, c.body).toBe(200);
    expect(json(c)).toEqual({ accepted: true, status: 'arrears' });
    const again = await f.app.inject({
      method: 'POST',
      url: `/v1/declaration-cases/${caseId}/arrears`,
      headers: bearer(officer),
      payload: { confirm: true },
    });
    expect(again.statusCode).toBe(409);
    expect(json(again).code).toBe('WRONG_STATE');
    await f.client.workflow.getHandle(`declaration-case:${caseId}`).terminate('test over');
  });

  it('an officer closes referrals (the employer identified: a case opens against it; outside the system) and dismisses a case; refusals are specific and write nothing', async () => {
    const person = f.b.employees[1]!; // employed by b from 2026-10: the months 2026-07..08 are not declared
    const me = await participant(person.personalId);
    const refer = async (employerTaxCode: string, extra: Record<string, unknown> = {}) => {
      const r = await open(me, {
        personalId: person.personalId,
        employerTaxCode,
        fromMonth: '2026-07',
        toMonth: '2026-08',
        ...extra,
      });
      expect(r.statusCode, r.body).toBe(202);
      return json(r).caseId as number;
    };
    const post = (id: number, what: string, payload: unknown, token = officer) =>
      f.app.inject({
        method: 'POST',
        url: `/v1/declaration-cases/${id}/${what}`,
        headers: bearer(token),
        payload: payload as object,
      });
    const unknown = await refer(sampleTaxCode(rng(8511)));
    const before = await casesCount();
    // Bad input and the wrong state are refused with their codes, writing nothing.
    for (const [id, what, body, status, code] of [
      [unknown, 'referral-closure', { outcome: 'moved_abroad' }, 400, 'INVALID_REFERRAL_CLOSURE'],
      [
        unknown,
        'referral-closure',
        { outcome: 'outside_system', whereToTurn: 'the moon' },
        400,
        'INVALID_REFERRAL_CLOSURE',
      ],
      [
        unknown,
        'referral-closure',
        { outcome: 'employer_identified', employerTaxCode: sampleTaxCode(rng(8512)) },
        422,
        'EMPLOYER_NOT_FOUND',
      ],
      [unknown, 'dismissal', { reason: 'bored' }, 400, 'INVALID_DISMISSAL'],
      [999_999, 'dismissal', { reason: 'withdrawn' }, 404, 'DECLARATION_CASE_NOT_FOUND'],
    ] as const) {
      const r = await post(id, what, body);
      expect(r.statusCode, r.body).toBe(status);
      expect(json(r).code).toBe(code);
    }
    expect((await post(unknown, 'dismissal', { reason: 'withdrawn' }, me)).statusCode).toBe(403);
    expect(await casesCount()).toBe(before);

    // The employer is identified: the referral closes, a case opens against it and its workflow notifies it.
    const identified = await post(unknown, 'referral-closure', {
      outcome: 'employer_identified',
      employerTaxCode: f.b.employer.taxCode,
    });
    expect(identified.statusCode, identified.body).toBe(200);
    const { successorCaseId } = json(identified);
    expect(json(identified)).toEqual({
      caseId: unknown,
      status: 'closed',
      outcome: 'employer_identified',
      successorCaseId,
    });
    await until(successorCaseId, 'awaiting_employer', (c) => c.employerDue !== null);
    const referral = json(await view(me, unknown));
    expect(referral).toMatchObject({ status: 'closed', outcome: 'employer_identified', successorCaseId });
    expect(referral.steps.map((x: { step: string }) => x.step)).toEqual(['opened', 'referred', 'referral_closed']);
    const t = await f.tdb.db.select().from(tasks).where(eq(tasks.declarationCaseId, unknown));
    expect(t.map((x) => [x.kind, x.status])).toEqual([['declaration_case.referral', 'done']]);
    expect(JSON.parse((await findEbook(f.tdb.db, person.personalId))!.content).disputedMonths).toEqual([
      { caseId: successorCaseId, employerTaxCode: f.b.employer.taxCode, fromMonth: '2026-07', toMonth: '2026-08' },
    ]);
    // Closing it again is the wrong state.
    expect(
      json(await post(unknown, 'referral-closure', { outcome: 'outside_system', whereToTurn: 'labour_inspectorate' }))
        .code,
    ).toBe('WRONG_STATE');

    // The case against the identified employer is dismissed: withdrawn by the participant.
    const dismissed = await post(successorCaseId, 'dismissal', { reason: 'withdrawn' });
    expect(dismissed.statusCode, dismissed.body).toBe(200);
    expect(json(dismissed)).toEqual({ accepted: true, status: 'closed' });
    expect(await until(successorCaseId, 'closed')).toMatchObject({ outcome: 'dismissed', outcomeReason: 'withdrawn' });
    expect(json(await post(successorCaseId, 'dismissal', { reason: 'withdrawn' })).code).toBe('WRONG_STATE');

    // A defence unit: outside the system, the participant is told where to turn.
    const defence = await refer(sampleTaxCode(rng(8513)), { employerCategory: 'defence_unit' });
    const outside = await post(defence, 'referral-closure', {
      outcome: 'outside_system',
      whereToTurn: 'defence_social_insurance',
    });
    expect(outside.statusCode, outside.body).toBe(200);
    expect(await until(defence, 'closed')).toMatchObject({
      outcome: 'outside_system',
      outcomeReason: 'defence_social_insurance',
      referral: 'EMPLOYER_OUT_OF_SCOPE',
    });
    expect(JSON.parse((await findEbook(f.tdb.db, person.personalId))!.content).disputedMonths).toBeUndefined();
  });

  it('refuses, writing nothing: months in the future, before working age or reversed, a second open case, someone else’s case', async () => {
    const person = f.a.employees[4]!;
    const me = await participant(person.personalId);
    const before = await casesCount();
    const base = { personalId: person.personalId, employerTaxCode: f.a.employer.taxCode };
    const cases: [Record<string, unknown>, number, string][] = [
      [{ ...base, fromMonth: '2026-12', toMonth: '2027-01' }, 422, 'MONTH_IN_FUTURE'],
      [{ ...base, fromMonth: '2026-10', toMonth: '2026-09' }, 422, 'MONTHS_REVERSED'],
      [{ ...base, fromMonth: '1950-01', toMonth: '1950-02' }, 422, 'MONTH_BEFORE_WORKING_AGE'],
      [{ ...base, fromMonth: '2010-01', toMonth: '2026-11' }, 422, 'MONTHS_TOO_MANY'],
    ];
    for (const [body, status, code] of cases) {
      const r = await open(me, body);
      expect(r.statusCode, r.body).toBe(status);
      expect(json(r).code).toBe(code);
    }
    const other = await open(me, {
      ...base,
      personalId: f.a.employees[0]!.personalId,
      fromMonth: '2026-10',
      toMonth: '2026-10',
    });
    expect(other.statusCode).toBe(403);
    expect(await casesCount()).toBe(before);
  });
});

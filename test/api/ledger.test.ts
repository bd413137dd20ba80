/**
 * A ledger no ordinary sequence can break (issue #9 §2), through the API on the real database:
 * declarations that change what was due for a paid period turn the excess into credit (rules §8),
 * held credit settles later periods on their deadlines — paid on time, never charged — and value
 * dates in the future or before the employer existed are refused. The employer is `a` of the API
 * fixture (5 employees from 2026-10, region I); "today" is the API's injected clock.
 */
import { eq, inArray } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { recordPayment } from '../../services/payments';
import { verifyLedger } from '../../services/ledger';
import { createReconciliationActivities } from '../../activities/reconciliation';
import { verifyEbooks } from '../../db/queries/ebooks';
import { contributionMonths, employerPeriods, payments } from '../../db/schema';
import { computeContribution } from '../../domain/contributions';
import { regionalMinimumWageFor } from '../../domain/rates';
import { createClock } from '../../runtime/clock';
import { apiFixture, bearer, type ApiFixture } from './fixture';

let f: ApiFixture;
let token: string;
let bankToken: string;
let tax: string;
let today = '2026-11-25';
const dueOf = (m: string, salaries: Record<number, string> = {}, skip: number[] = []) =>
  f.a.employees.reduce(
    (acc, e, i) =>
      skip.includes(i)
        ? acc
        : acc + Number(computeContribution({ month: m, salary: salaries[i] ?? e.salary, region: 'I' }).total),
    0,
  );

beforeAll(async () => {
  f = await apiFixture('ledger', { clock: createClock({ source: () => Date.parse(`${today}T10:00:00+07:00`) }) });
  tax = f.a.employer.taxCode;
  token = await f.token({ role: 'employer', taxCode: tax });
  bankToken = await f.token({ role: 'bank' });
});
afterAll(async () => {
  await f?.close();
});
afterEach(async () => {
  expect((await verifyLedger(f.tdb.db)).problems).toEqual([]);
  expect((await verifyEbooks(f.tdb.db)).mismatches).toEqual([]);
});

type Credit = { amount: number; valueDate: string; bankReference: string };
/** Money arrives on the bank's statement (rules §8.7): one credit line per transfer, naming the employer's tax code. */
const importCredits = async (...credits: Credit[]) =>
  f.app.inject({
    method: 'POST',
    url: '/v1/bank/statements',
    headers: { ...bearer(bankToken), 'content-type': 'text/csv' },
    payload:
      [
        'bank_reference,value_date,direction,amount,currency,remittance',
        ...credits.map((c) => `${c.bankReference},${c.valueDate},CRDT,${c.amount},VND,BHXH ${tax}`),
      ].join('\n') + '\n',
  });
/** A transfer booked from the statement; answers with its payment as the ledger now stands (the same bank reference read again). */
const pay = async (body: Credit) => {
  const r = await importCredits(body);
  const line = JSON.parse(r.body).results[0];
  expect(line.status, r.body).toBe('booked');
  const payment = await recordPayment(f.tdb.db, {
    taxCode: tax,
    bankReference: body.bankReference,
    amount: String(body.amount),
    valueDate: body.valueDate,
    author: 'bank',
    today,
  });
  return { statusCode: r.statusCode, body: JSON.stringify(payment) };
};
const declare = async (declarations: object[]) =>
  f.app.inject({
    method: 'POST',
    url: `/v1/employers/${tax}/declarations`,
    headers: bearer(token),
    payload: { declarations },
  });
const statement = async (period: string, asOf: string) =>
  JSON.parse(
    (await f.app.inject({ url: `/v1/employers/${tax}/periods/${period}?asOf=${asOf}`, headers: bearer(token) })).body,
  );

describe('the ledger follows declarations, spends credit and refuses impossible value dates (rules §8)', () => {
  it('value dates after today or before the employer existed are refused with their code: the lines wait in suspense and no payment is written', async () => {
    const before = await verifyLedger(f.tdb.db);
    const r = await importCredits(
      { amount: 1000, valueDate: '2026-11-26', bankReference: 'FUT-000001' },
      { amount: 1000, valueDate: '2027-06-30', bankReference: 'FUT-000002' },
      { amount: 1000, valueDate: '2150-12-31', bankReference: 'FUT-000003' },
      // The first employment month is 2026-10, the employer was registered after that.
      { amount: 1000, valueDate: '2026-09-30', bankReference: 'OLD-000001' },
    );
    expect(r.statusCode, r.body).toBe(201);
    expect(
      Object.fromEntries(
        JSON.parse(r.body).results.map((x: { bankReference: string; status: string; reason: string }) => [
          x.bankReference,
          [x.status, x.reason],
        ]),
      ),
    ).toEqual({
      'FUT-000001': ['suspense', 'VALUE_DATE_IN_FUTURE'],
      'FUT-000002': ['suspense', 'VALUE_DATE_IN_FUTURE'],
      'FUT-000003': ['suspense', 'VALUE_DATE_IN_FUTURE'],
      'OLD-000001': ['suspense', 'VALUE_DATE_BEFORE_EMPLOYER'],
    });
    expect(
      await f.tdb.db
        .select()
        .from(payments)
        .where(inArray(payments.bankReference, ['FUT-000001', 'FUT-000002', 'FUT-000003', 'OLD-000001'])),
    ).toEqual([]);
    expect(await verifyLedger(f.tdb.db)).toEqual(before);
  });

  it('both open months paid, then an unpaid-leave month, a back-dated salary cut and a leave in the paid period: the excess is credit, never "overpaid"', async () => {
    const r = await pay({
      amount: dueOf('2026-10') + dueOf('2026-11'),
      valueDate: '2026-11-25',
      bankReference: 'PAY-BOTH-0001',
    });
    expect(r.statusCode).toBe(201);
    expect(JSON.parse(r.body)).toMatchObject({
      credit: '0',
      allocations: [{ period: '2026-10' }, { period: '2026-11' }],
    });
    const [e0, e1, e2] = f.a.employees;
    const floor = regionalMinimumWageFor('2026-11', 'I').toFixed(0);
    for (const d of [
      { kind: 'unpaid_leave', personalId: e0!.personalId, month: '2026-11' },
      { kind: 'salary_change', personalId: e1!.personalId, effectiveMonth: '2026-11', salary: Number(floor) },
      { kind: 'leave', personalId: e2!.personalId, endMonth: '2026-10' },
    ]) {
      const res = await declare([d]);
      expect(res.statusCode, JSON.stringify(res.json())).toBe(201);
      expect((await verifyLedger(f.tdb.db)).problems).toEqual([]);
    }
    const newDue = dueOf('2026-11', { 1: floor }, [0, 2]);
    const excess = dueOf('2026-11') - newDue;
    expect(excess).toBeGreaterThan(0);
    const s = await statement('2026-11', '2026-11-30');
    expect(s).toMatchObject({
      due: { total: String(newDue) },
      paid: String(newDue),
      outstanding: '0',
      status: 'paid',
      lateCharge: '0',
      creditHeld: String(excess),
    });
    const payment = JSON.parse(
      (
        await pay({
          amount: dueOf('2026-10') + dueOf('2026-11'),
          valueDate: '2026-11-25',
          bankReference: 'PAY-BOTH-0001',
        })
      ).body,
    );
    expect(payment).toMatchObject({ alreadyRecorded: true, credit: String(excess) });
  });

  it('held credit settles the next period on its deadline: paid on time, never charged, and the statement shows where it went', async () => {
    // Credit now: the excess above, plus an overpayment that covers 2026-12 in full.
    const credit0 = Number((await statement('2026-11', '2026-11-30')).creditHeld);
    const dueDec = Number((await statement('2026-12', '2026-11-30')).due.total);
    const r = JSON.parse(
      (await pay({ amount: dueDec + 5_000, valueDate: '2026-11-25', bankReference: 'PAY-AHEAD-0002' })).body,
    );
    expect(r).toMatchObject({ allocations: [], credit: String(dueDec + 5_000) });
    // 2026-12 is due by 2027-01-31; long after, it is still paid on time from credit, charge 0.
    today = '2027-03-15';
    const dec = await statement('2026-12', '2027-03-15');
    expect(dec).toMatchObject({
      status: 'paid',
      outstanding: '0',
      lateCharge: '0',
      maxDaysLate: 0,
      evasion: false,
      paidFromCredit: String(dueDec),
    });
    expect(
      dec.settlements.every((x: { on: string; fromCredit: boolean }) => x.on === '2027-01-31' && x.fromCredit),
    ).toBe(true);
    // The oldest credit first: what was left of PAY-BOTH-0001, then PAY-AHEAD-0002.
    expect(
      dec.settlements.map((x: { bankReference: string; principal: string }) => [x.bankReference, x.principal]),
    ).toEqual(
      credit0 >= dueDec
        ? [['PAY-BOTH-0001', String(dueDec)]]
        : [
            ['PAY-BOTH-0001', String(credit0)],
            ['PAY-AHEAD-0002', String(dueDec - credit0)],
          ],
    );
    // What is left (credit0 + 5,000) settles 2027-01 on its deadline (2027-02-28), principal first.
    const jan = await statement('2027-01', '2027-03-15');
    const dueJan = Number(jan.due.total);
    const left = credit0 + 5_000;
    expect(jan).toMatchObject({
      paid: String(Math.min(left, dueJan)),
      paidFromCredit: String(Math.min(left, dueJan)),
      creditHeld: String(Math.max(0, left - dueJan)),
    });

    // The reconciliation spends the credit too (without a payment), and credits the months.
    const acts = createReconciliationActivities({ db: f.tdb.db });
    await acts.reconcileEmployers({
      period: '2026-12',
      asOf: '2027-02-01',
      after: '',
      upTo: null,
      limit: 100,
      workflowId: 'reconciliation:test',
      runId: 'r1',
    });
    const [row] = await f.tdb.db.select().from(employerPeriods).where(eq(employerPeriods.employerTaxCode, tax));
    expect(row).toMatchObject({ period: '2026-12', status: 'paid', outstanding: '0', lateCharge: '0', maxDaysLate: 0 });
    const months = await f.tdb.db.select().from(contributionMonths).where(eq(contributionMonths.employerTaxCode, tax));
    expect(months.length).toBeGreaterThan(0);
    expect(months.every((m) => m.status === 'credited')).toBe(true);
  });
});

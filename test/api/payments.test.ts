/**
 * Payments and the period statement through the API, on the real database: money arrives as a
 * line of the bank's statement (posted by the bank role; the bank reference is the idempotency
 * key), the oldest period is settled first (rules §8), late charges are 0.03 % per day on each
 * late tranche (Law 41/2024 Art.40–41), and the ledger always balances. Employers only announce.
 */
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '../../services/ledger';
import { paymentAllocations, payments } from '../../db/schema';
import { computeContribution } from '../../domain/contributions';
import { createClock } from '../../runtime/clock';
import { apiFixture, bearer, type ApiFixture } from './fixture';

let f: ApiFixture;
let token: string;
let bankToken: string;
let tax: string;
let dueOct: number;
let dueNov: number;
beforeAll(async () => {
  // Today pinned after every value date below: the bank's lines are past, whatever the real date.
  f = await apiFixture('payments', { clock: createClock({ pinnedDate: '2026-12-20' }) });
  tax = f.b.employer.taxCode; // 2 employees from 2026-10, region I
  token = await f.token({ role: 'employer', taxCode: tax });
  bankToken = await f.token({ role: 'bank' });
  const due = (m: string) =>
    f.b.employees.reduce(
      (acc, e) => acc + Number(computeContribution({ month: m, salary: e.salary, region: 'I' }).total),
      0,
    );
  dueOct = due('2026-10');
  dueNov = due('2026-11');
});
afterAll(async () => {
  await f?.close();
});
afterEach(async () => {
  expect((await verifyLedger(f.tdb.db)).problems).toEqual([]);
});

/** The bank's statement with one credit naming the employer's tax code; answers like a payment (allocations, credit). */
async function pay(body: { amount: number; valueDate: string; bankReference: string }) {
  const statement = `bank_reference,value_date,direction,amount,currency,remittance\n${body.bankReference},${body.valueDate},CRDT,${body.amount},VND,BHXH ${tax} dong tien\n`;
  const r = await f.app.inject({
    method: 'POST',
    url: '/v1/bank/statements',
    headers: { ...bearer(bankToken), 'content-type': 'text/csv' },
    payload: statement,
  });
  if (r.statusCode >= 300) return { statusCode: r.statusCode, body: JSON.parse(r.body) };
  const line = JSON.parse(r.body).results[0];
  expect(line.status, r.body).toBe('booked');
  const [p] = await f.tdb.db.select().from(payments).where(eq(payments.id, line.paymentId));
  const allocations = (
    await f.tdb.db
      .select()
      .from(paymentAllocations)
      .where(eq(paymentAllocations.paymentId, line.paymentId))
      .orderBy(paymentAllocations.period)
  ).map((a) => ({ period: a.period, principal: a.principal, interest: a.interest }));
  const allocated = allocations.reduce((acc, a) => acc + Number(a.principal) + Number(a.interest), 0);
  return {
    statusCode: r.statusCode,
    body: {
      paymentId: line.paymentId,
      bankReference: p!.bankReference,
      amount: p!.amount,
      valueDate: p!.valueDate,
      allocations,
      credit: String(Number(p!.amount) - allocated),
      alreadyImported: line.alreadyImported,
    },
  };
}
const announce = (body: object) =>
  f.app.inject({ method: 'POST', url: `/v1/employers/${tax}/payments`, headers: bearer(token), payload: body });
const statement = async (period: string, asOf: string) =>
  JSON.parse(
    (await f.app.inject({ url: `/v1/employers/${tax}/periods/${period}?asOf=${asOf}`, headers: bearer(token) })).body,
  );

describe('payments', () => {
  it("a partial payment from the bank's statement settles the oldest period first; the same bank reference twice is booked once", async () => {
    const body = { amount: dueOct - 1_000_000, valueDate: '2026-11-20', bankReference: 'VCB-2026-11-20-0001' };
    const first = await pay(body);
    expect(first.statusCode).toBe(201);
    expect(first.body).toMatchObject({
      allocations: [{ period: '2026-10', principal: String(dueOct - 1_000_000), interest: '0' }],
      credit: '0',
      alreadyImported: false,
    });
    const again = await pay(body);
    expect(again.statusCode).toBe(200);
    expect(again.body).toEqual({ ...first.body, alreadyImported: true });
    const conflict = await pay({ ...body, amount: 5 });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.body.code).toBe('BANK_REFERENCE_CONFLICT');
  });

  it('the statement shows due, paid, outstanding and the late charge on what is still unpaid (deadline: last day of the following month)', async () => {
    // 2026-10 is due by 2026-11-30; 1,000,000 is still unpaid on 2026-12-10: 10 days × 0.03 % = 3,000.
    const s = await statement('2026-10', '2026-12-10');
    expect(s).toMatchObject({
      deadline: '2026-11-30',
      due: { total: String(dueOct) },
      paid: String(dueOct - 1_000_000),
      outstanding: '1000000',
      status: 'partially_paid',
      lateCharge: '3000',
      maxDaysLate: 10,
      evasion: false,
    });
    // Still unpaid 61 days after the deadline: evasion (Decree 274/2025).
    expect(await statement('2026-10', '2027-01-30')).toMatchObject({
      maxDaysLate: 61,
      evasion: true,
      lateCharge: String(1_000_000 * 0.0003 * 61),
    });
  });

  it('a larger payment finishes the old period with the charge accrued to its value date, then the next ones up to its value month; beyond that it is a credit', async () => {
    // 2026-10's last 1,000,000 paid on 2026-12-05, 5 days after its deadline: 4 days late (day after
    // the deadline → day before payment) × 0.03 % = 1,200 of charge, settled before 2026-11 (rules §8).
    // (Before: the charge stored by the last run — none — was settled, the 1,200 moved on to 2026-11.)
    const r = await pay({
      amount: 1_000_000 + 1_200 + dueNov + 500,
      valueDate: '2026-12-05',
      bankReference: 'VCB-2026-12-05-0002',
    });
    expect(r.statusCode).toBe(201);
    expect(r.body).toMatchObject({
      allocations: [
        { period: '2026-10', principal: '1000000', interest: '1200' },
        { period: '2026-11', principal: String(dueNov), interest: '0' },
        { period: '2026-12', principal: '500', interest: '0' }, // the current month, paid in advance
      ],
      credit: '0',
    });
    // More than everything owed up to the value month: the rest is kept as the employer's credit.
    const dueDec = JSON.parse(
      (await f.app.inject({ url: `/v1/employers/${tax}/periods/2026-12?asOf=2026-12-06`, headers: bearer(token) }))
        .body,
    ).due.total;
    const big = (
      await pay({ amount: Number(dueDec) - 500 + 7_000, valueDate: '2026-12-06', bankReference: 'VCB-2026-12-06-0003' })
    ).body;
    expect(big).toMatchObject({
      allocations: [{ period: '2026-12', principal: String(Number(dueDec) - 500) }],
      credit: '7000',
    });
    // Paid 5 days after the deadline of 2026-10: the 1,000,000 tranche is 4 days late (day after deadline → day before payment).
    expect(await statement('2026-10', '2026-12-31')).toMatchObject({
      status: 'paid',
      outstanding: '0',
      lateCharge: '1200',
      chargePaid: '1200',
      maxDaysLate: 4,
      evasion: false,
    });
    expect(await statement('2026-11', '2026-12-31')).toMatchObject({
      status: 'paid',
      lateCharge: '0',
      deadline: '2026-12-31',
    });
  });

  it('an employer cannot pay by saying so: its announcement credits nothing, and a bad one is refused with its code', async () => {
    const before = await verifyLedger(f.tdb.db);
    const paidBefore = (await statement('2026-12', '2026-12-31')).paid;
    const r = await announce({ amount: 50_000_000, expectedValueDate: '2026-12-20', reference: 'REF-000000' });
    expect(r.statusCode).toBe(201);
    expect(JSON.parse(r.body)).toMatchObject({ status: 'pending', paymentId: null });
    expect((await statement('2026-12', '2026-12-31')).paid).toBe(paidBefore);
    for (const [body, code] of [
      [{ amount: 0, expectedValueDate: '2026-12-05', reference: 'REF-000001' }, 'INVALID_AMOUNT'],
      [{ amount: 10.5, expectedValueDate: '2026-12-05', reference: 'REF-000002' }, 'INVALID_AMOUNT'],
      [{ amount: 1000, expectedValueDate: '2026-13-05', reference: 'REF-000003' }, 'INVALID_DATE'],
      [{ amount: 1000, expectedValueDate: '2026-12-05', reference: 'x' }, 'INVALID_REFERENCE'],
      // The old shape of an employer-recorded payment is no longer accepted.
      [{ amount: 1000, valueDate: '2026-12-05', bankReference: 'REF-000005' }, 'INVALID_INPUT'],
    ] as const) {
      const bad = await announce(body);
      expect(bad.statusCode, code).toBe(400);
      expect(JSON.parse(bad.body).code).toBe(code);
    }
    expect(await verifyLedger(f.tdb.db)).toEqual(before);
    const other = await f.app.inject({
      method: 'POST',
      url: `/v1/employers/${f.a.employer.taxCode}/payments`,
      headers: bearer(token),
      payload: { amount: 1000, expectedValueDate: '2026-12-05', reference: 'REF-000004' },
    });
    expect(other.statusCode).toBe(403);
  });
});

/**
 * Money counts only once the agency's bank says it arrived (issue #9 §3), through the API on the
 * real database: the collection account's statement (CSV and camt.053) is imported by the bank or
 * an operator; the bank reference is the idempotency key; a credit in VND naming one employer is
 * booked with recordPayment (oldest period first, rules §8), any other credit waits in suspense
 * with its reason until an officer assigns it; debits and other currencies are kept as ignored; an
 * employer's announcement stays pending until a statement line carries its reference.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { count, eq, inArray } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '../../services/ledger';
import { bankLines, employers, paymentAllocations, payments } from '../../db/schema';
import { createClock } from '../../runtime/clock';
import { apiFixture, bearer, type ApiFixture } from './fixture';

const fixture = (name: string) => readFileSync(path.join(__dirname, '..', 'fixtures', 'bank', name), 'utf8');
const HEADER = 'bank_reference,booking_date,value_date,direction,amount,currency,remittance,end_to_end_id';
const csv = (...rows: string[]) => [HEADER, ...rows].join('\n') + '\n';

let f: ApiFixture;
let A: string; // 0845403311, 5 employees from 2026-10
let B: string; // 0797593927, 2 employees from 2026-10
const PENDING = '0647521578'; // registered, not yet approved
const TODAY = '2026-11-30';
const tokens: Record<string, string> = {};

beforeAll(async () => {
  // Today pinned after every value date below (2026-11-20 … 27), so the outcomes hold on any real date.
  f = await apiFixture('bank', { clock: createClock({ pinnedDate: TODAY }) });
  A = f.a.employer.taxCode;
  B = f.b.employer.taxCode;
  tokens.bank = await f.token({ role: 'bank' });
  tokens.operator = await f.token({ role: 'operator' });
  tokens.officer = await f.token({ role: 'officer' });
  tokens.employerB = await f.token({ role: 'employer', taxCode: B });
  await f.tdb.db.insert(employers).values({
    taxCode: PENDING,
    name: 'Công ty chờ duyệt',
    address: '1 Lê Lợi',
    provinceCode: '79',
    wageRegion: 'I',
    category: 'enterprise',
    status: 'pending',
  });
});
afterAll(async () => {
  await f?.close();
});
afterEach(async () => {
  expect((await verifyLedger(f.tdb.db)).problems).toEqual([]);
});

const postStatement = (token: string, body: string, type = 'text/csv', query = '') =>
  f.app.inject({
    method: 'POST',
    url: `/v1/bank/statements${query}`,
    headers: { ...bearer(token), 'content-type': type },
    payload: body,
  });
const json = (r: { body: string }) => JSON.parse(r.body);
const outcomes = (r: {
  results: { bankReference: string; status: string; reason: string | null; taxCode: string | null }[];
}) => Object.fromEntries(r.results.map((x) => [x.bankReference, [x.status, x.reason, x.taxCode]]));
const counts = async () => ({
  lines: Number((await f.tdb.db.select({ n: count() }).from(bankLines))[0]!.n),
  payments: Number((await f.tdb.db.select({ n: count() }).from(payments))[0]!.n),
});
const allocationsOf = async (paymentId: number) =>
  (
    await f.tdb.db
      .select()
      .from(paymentAllocations)
      .where(eq(paymentAllocations.paymentId, paymentId))
      .orderBy(paymentAllocations.period)
  ).map((a) => ({ period: a.period, principal: a.principal, interest: a.interest }));
const paid = async (taxCode: string, period: string) =>
  json(
    await f.app.inject({
      url: `/v1/employers/${taxCode}/periods/${period}?asOf=2026-11-30`,
      headers: bearer(tokens.officer!),
    }),
  ).paid as string;
const suspense = async () =>
  json(await f.app.inject({ url: '/v1/bank/suspense', headers: bearer(tokens.officer!) })).items as {
    id: number;
    bankReference: string;
    reason: string;
    taxCode: string | null;
  }[];

describe('importing the bank statement', () => {
  it("a CSV statement posted by the bank: the credit naming an employer's tax code is booked, the unnamed credit goes to suspense, the debit and the USD credit are kept as ignored", async () => {
    const r = await postStatement(tokens.bank!, fixture('statement-2026-11-20.csv'));
    expect(r.statusCode, r.body).toBe(201);
    const body = json(r);
    expect(body).toMatchObject({ format: 'csv', lines: 4, booked: 1, suspense: 1, ignored: 2, alreadyImported: 0 });
    expect(outcomes(body)).toEqual({
      'VCB-CSV-0001': ['booked', null, A],
      'VCB-CSV-0002': ['suspense', 'NO_EMPLOYER_MATCH', null],
      'VCB-CSV-0003': ['ignored', 'DEBIT', null],
      'VCB-CSV-0004': ['ignored', 'NOT_VND', null],
    });
    const booked = body.results[0];
    expect(await allocationsOf(booked.paymentId)).toEqual([{ period: '2026-10', principal: '5000000', interest: '0' }]);
    expect(await paid(A, '2026-10')).toBe('5000000');
    // The USD credit names employer B's tax code, and still pays nothing: the account books dong.
    expect(await paid(B, '2026-10')).toBe('0');
  });

  it('the same statement imported again books nothing twice: every line is already imported, with the outcome it had', async () => {
    const before = await counts();
    const r = await postStatement(tokens.operator!, fixture('statement-2026-11-20.csv'));
    expect(r.statusCode, r.body).toBe(200);
    expect(json(r)).toMatchObject({ lines: 4, booked: 0, suspense: 0, ignored: 0, alreadyImported: 4 });
    expect(outcomes(json(r))['VCB-CSV-0001']).toEqual(['booked', null, A]);
    expect(await counts()).toEqual(before);
    expect(await paid(A, '2026-10')).toBe('5000000');
  });

  it('a camt.053 statement posted by an operator: one line per transaction of a batch entry; one employer named → booked, two → suspense AMBIGUOUS_EMPLOYER; pending entries are not money', async () => {
    const r = await postStatement(tokens.operator!, fixture('statement-2026-11-21.camt053.xml'), 'application/xml');
    expect(r.statusCode, r.body).toBe(201);
    const body = json(r);
    expect(body).toMatchObject({
      format: 'camt053',
      statementRef: 'STMT-20261121',
      lines: 4,
      booked: 1,
      suspense: 2,
      ignored: 1,
      notBooked: 1,
    });
    expect(outcomes(body)).toEqual({
      'VCB-CAMT-0001': ['booked', null, B],
      'VCB-CAMT-E2/1': ['suspense', 'AMBIGUOUS_EMPLOYER', null],
      'VCB-CAMT-E2/2': ['suspense', 'NO_EMPLOYER_MATCH', null], // 0312345670 is a tax code, but no registered employer's
      'VCB-CAMT-E4': ['ignored', 'DEBIT', null],
    });
    expect(await paid(B, '2026-10')).toBe('3000000');
    const again = await postStatement(tokens.bank!, fixture('statement-2026-11-21.camt053.xml'), 'text/xml');
    expect(again.statusCode).toBe(200);
    expect(json(again)).toMatchObject({ booked: 0, suspense: 0, alreadyImported: 4 });
  });

  it('a bank reference already imported for a different transaction refuses the whole statement with 409 and writes nothing; a file repeating a reference differently is 400', async () => {
    const before = await counts();
    const conflict = await postStatement(
      tokens.bank!,
      csv(
        `VCB-NEW-0001,2026-11-22,2026-11-22,CRDT,100000,VND,BHXH ${A},`,
        `VCB-CSV-0001,2026-11-20,2026-11-20,CRDT,5000001,VND,BHXH ${A},`,
      ),
    );
    expect(conflict.statusCode).toBe(409);
    expect(json(conflict)).toMatchObject({ code: 'BANK_REFERENCE_CONFLICT' });
    const twice = await postStatement(
      tokens.bank!,
      csv(
        `VCB-NEW-0002,2026-11-22,2026-11-22,CRDT,100000,VND,BHXH ${A},`,
        `VCB-NEW-0002,2026-11-22,2026-11-22,CRDT,200000,VND,BHXH ${A},`,
      ),
    );
    expect(twice.statusCode).toBe(400);
    expect(json(twice)).toMatchObject({ code: 'DUPLICATE_BANK_REFERENCE' });
    const bad = await postStatement(tokens.bank!, csv(`VCB-NEW-0003,2026-11-22,2026-02-30,CRDT,100000,VND,BHXH ${A},`));
    expect(bad.statusCode).toBe(400);
    expect(json(bad)).toMatchObject({ code: 'INVALID_STATEMENT', errors: [{ code: 'INVALID_DATE', line: 2 }] });
    const notXml = await postStatement(tokens.bank!, '<Document><BkToCstmrStmt>', 'application/xml');
    expect(notXml.statusCode).toBe(400);
    expect(json(notXml).code).toBe('INVALID_STATEMENT');
    const asJson = await f.app.inject({
      method: 'POST',
      url: '/v1/bank/statements',
      headers: bearer(tokens.bank!),
      payload: { lines: [] },
    });
    expect(asJson.statusCode).toBe(415);
    expect(await counts()).toEqual(before);
  });

  it('a line dated after today, or before its employer existed, is refused by the payment rules and waits in suspense with that code (rules §8.7); an officer cannot book it either', async () => {
    const before = await counts();
    const r = await postStatement(
      tokens.bank!,
      csv(
        `VCB-DATE-0001,${TODAY},2026-12-15,CRDT,1000000,VND,BHXH ${A},`,
        `VCB-DATE-0002,${TODAY},2150-12-31,CRDT,1000000,VND,BHXH ${A},`,
        `VCB-DATE-0003,${TODAY},2026-09-15,CRDT,1000000,VND,BHXH ${A},`,
      ),
    );
    expect(r.statusCode, r.body).toBe(201);
    expect(outcomes(json(r))).toEqual({
      'VCB-DATE-0001': ['suspense', 'VALUE_DATE_IN_FUTURE', A],
      'VCB-DATE-0002': ['suspense', 'VALUE_DATE_IN_FUTURE', A],
      'VCB-DATE-0003': ['suspense', 'VALUE_DATE_BEFORE_EMPLOYER', A], // A's first employees started in 2026-10
    });
    expect(await counts()).toEqual({ lines: before.lines + 3, payments: before.payments });
    const line = (await suspense()).find((l) => l.bankReference === 'VCB-DATE-0002')!;
    const assign = await f.app.inject({
      method: 'POST',
      url: `/v1/bank/suspense/${line.id}/assignment`,
      headers: bearer(tokens.officer!),
      payload: { taxCode: A },
    });
    expect(assign.statusCode).toBeGreaterThanOrEqual(400);
    expect(assign.statusCode).toBeLessThan(500);
    expect(json(assign).code).toBe('VALUE_DATE_IN_FUTURE');
    expect(await counts()).toEqual({ lines: before.lines + 3, payments: before.payments });
  });

  it('a statement is read up to 32 MiB (a day of a national collection account; other requests stop at 64 KiB); a larger one is 413', async () => {
    const big = `bank_reference,value_date,direction,amount,currency,remittance,note\nVCB-BIG-0001,2026-11-23,CRDT,1000,VND,khong ro,${'x'.repeat(25 * 1024 * 1024)}\n`;
    const r = await postStatement(tokens.bank!, big);
    expect(r.statusCode, r.body.slice(0, 300)).toBe(201);
    expect(outcomes(json(r))).toEqual({ 'VCB-BIG-0001': ['suspense', 'NO_EMPLOYER_MATCH', null] });
    const tooBig = await postStatement(tokens.bank!, big + 'y'.repeat(8 * 1024 * 1024));
    expect(tooBig.statusCode).toBe(413);
    expect(json(tooBig).code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('/openapi.json documents the bank routes and the two statement formats', async () => {
    const doc = json(await f.app.inject({ url: '/openapi.json' }));
    for (const route of [
      '/v1/bank/statements',
      '/v1/bank/suspense',
      '/v1/bank/suspense/{id}/assignment',
      '/v1/employers/{taxCode}/payments',
    ])
      expect(Object.keys(doc.paths), route).toContain(route);
    expect(Object.keys(doc.paths['/v1/employers/{taxCode}/payments'])).toEqual(expect.arrayContaining(['get', 'post']));
    expect(Object.keys(doc.paths['/v1/bank/statements'].post.requestBody?.content ?? {})).toEqual(
      expect.arrayContaining(['text/csv', 'application/xml']),
    );
  });

  it('concurrent posts of the same statement: each line is stored and booked once, every caller gets 200/201 with the same outcome, never a 500', async () => {
    const body = csv(
      `VCB-RACE-0001,2026-11-24,2026-11-24,CRDT,700000,VND,BHXH ${A} T10,`,
      `VCB-RACE-0002,2026-11-24,2026-11-24,CRDT,800000,VND,BHXH ${B} T10,`,
      `VCB-RACE-0003,2026-11-24,2026-11-24,CRDT,900000,VND,no code,`,
    );
    const before = await counts();
    const rs = await Promise.all([0, 1, 2, 3].map((i) => postStatement(i % 2 ? tokens.bank! : tokens.operator!, body)));
    for (const r of rs) expect([200, 201], r.body).toContain(r.statusCode);
    const results = rs.map(
      (r) =>
        json(r).results as {
          bankReference: string;
          status: string;
          paymentId: number | null;
          alreadyImported: boolean;
        }[],
    );
    for (const ref of ['VCB-RACE-0001', 'VCB-RACE-0002', 'VCB-RACE-0003']) {
      const seen = results.map((rr) => rr.find((x) => x.bankReference === ref)!);
      expect(
        seen.filter((x) => !x.alreadyImported),
        ref,
      ).toHaveLength(1);
      expect(new Set(seen.map((x) => `${x.status}:${x.paymentId}`)).size, ref).toBe(1);
    }
    expect(await counts()).toEqual({ lines: before.lines + 3, payments: before.payments + 2 });
    const stored = await f.tdb.db
      .select()
      .from(payments)
      .where(inArray(payments.bankReference, ['VCB-RACE-0001', 'VCB-RACE-0002']));
    expect(stored.map((p) => [p.bankReference, p.employerTaxCode, p.amount]).sort()).toEqual([
      ['VCB-RACE-0001', A, '700000'],
      ['VCB-RACE-0002', B, '800000'],
    ]);
  });

  it('a line the payment rules refuse (its employer is not yet approved) waits in suspense with the refusal code and the employer it named', async () => {
    const r = await postStatement(
      tokens.bank!,
      csv(`VCB-PEND-0001,2026-11-25,2026-11-25,CRDT,1000000,VND,BHXH ${PENDING},`),
    );
    expect(r.statusCode, r.body).toBe(201);
    expect(outcomes(json(r))).toEqual({ 'VCB-PEND-0001': ['suspense', 'WRONG_STATE', PENDING] });
    expect((await suspense()).find((l) => l.bankReference === 'VCB-PEND-0001')).toMatchObject({
      reason: 'WRONG_STATE',
      taxCode: PENDING,
    });
    expect(await f.tdb.db.select().from(payments).where(eq(payments.bankReference, 'VCB-PEND-0001'))).toEqual([]);
  });
});

describe('suspense', () => {
  it('an officer lists the suspense lines with their reasons and assigns one to an employer: booked oldest period first, it leaves suspense; the same assignment again returns the first', async () => {
    const list = await suspense();
    expect(list.map((l) => [l.bankReference, l.reason])).toEqual(
      expect.arrayContaining([
        ['VCB-CSV-0002', 'NO_EMPLOYER_MATCH'],
        ['VCB-CAMT-E2/1', 'AMBIGUOUS_EMPLOYER'],
        ['VCB-CAMT-E2/2', 'NO_EMPLOYER_MATCH'],
      ]),
    );
    expect(list.map((l) => l.bankReference)).not.toContain('VCB-CSV-0003'); // ignored lines are not in suspense
    const line = list.find((l) => l.bankReference === 'VCB-CSV-0002')!;
    const paidBefore = await paid(B, '2026-10');
    const assign = (id: number | string, taxCode: string) =>
      f.app.inject({
        method: 'POST',
        url: `/v1/bank/suspense/${id}/assignment`,
        headers: bearer(tokens.officer!),
        payload: { taxCode },
      });

    const r = await assign(line.id, B);
    expect(r.statusCode, r.body).toBe(201);
    expect(json(r)).toMatchObject({
      line: { id: line.id, status: 'booked', taxCode: B, reason: 'NO_EMPLOYER_MATCH' },
      payment: {
        bankReference: 'VCB-CSV-0002',
        amount: '1200000',
        allocations: [{ period: '2026-10', principal: '1200000', interest: '0' }],
        credit: '0',
      },
      alreadyAssigned: false,
    });
    expect(await paid(B, '2026-10')).toBe(String(Number(paidBefore) + 1_200_000));
    expect((await suspense()).map((l) => l.id)).not.toContain(line.id);

    const again = await assign(line.id, B);
    expect(again.statusCode).toBe(200);
    expect(json(again)).toMatchObject({
      alreadyAssigned: true,
      payment: { paymentId: json(r).payment.paymentId, alreadyRecorded: true },
    });
    // Re-importing its statement finds the line booked.
    expect(
      outcomes(json(await postStatement(tokens.bank!, fixture('statement-2026-11-20.csv'))))['VCB-CSV-0002'],
    ).toEqual(['booked', 'NO_EMPLOYER_MATCH', B]);
  });

  it('the suspense list comes a page at a time, oldest first', async () => {
    const all = await suspense();
    expect(all.length).toBeGreaterThan(2);
    const page = (q: string) =>
      f.app.inject({ url: `/v1/bank/suspense?${q}`, headers: bearer(tokens.officer!) }).then(json);
    const first = await page('limit=2');
    expect(first.items.map((l: { id: number }) => l.id)).toEqual(all.slice(0, 2).map((l) => l.id));
    const second = await page(`limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((l: { id: number }) => l.id)).toEqual(all.slice(2, 4).map((l) => l.id));
    expect(
      (await f.app.inject({ url: '/v1/bank/suspense?cursor=%%%', headers: bearer(tokens.officer!) })).statusCode,
    ).toBe(400);
  });

  it('assignments that cannot be booked are refused with their code and change nothing', async () => {
    const before = await counts();
    const list = await suspense();
    const pending = list.find((l) => l.bankReference === 'VCB-PEND-0001')!;
    const ambiguous = list.find((l) => l.bankReference === 'VCB-CAMT-E2/1')!;
    const [debit] = await f.tdb.db.select().from(bankLines).where(eq(bankLines.bankReference, 'VCB-CSV-0003'));
    const [booked] = await f.tdb.db.select().from(bankLines).where(eq(bankLines.bankReference, 'VCB-CSV-0002'));
    const assign = (id: number | string, taxCode: string) =>
      f.app.inject({
        method: 'POST',
        url: `/v1/bank/suspense/${id}/assignment`,
        headers: bearer(tokens.officer!),
        payload: { taxCode },
      });
    for (const [id, taxCode, status, code] of [
      [booked!.id, A, 409, 'LINE_ALREADY_BOOKED'],
      [debit!.id, A, 409, 'LINE_NOT_ASSIGNABLE'],
      [pending.id, PENDING, 409, 'WRONG_STATE'], // recordPayment's own refusal
      [ambiguous.id, '0312345670', 404, 'NOT_FOUND'], // no such employer
      [999_999_999, A, 404, 'NOT_FOUND'],
      [ambiguous.id, '12345', 400, 'INVALID_TAX_CODE'],
      ['abc', A, 400, 'INVALID_ID'],
    ] as const) {
      const r = await assign(id, taxCode);
      expect(r.statusCode, `${id} ${taxCode}: ${r.body}`).toBe(status);
      expect(json(r).code).toBe(code);
    }
    expect(await counts()).toEqual(before);
    expect((await suspense()).map((l) => l.id)).toEqual(expect.arrayContaining([pending.id, ambiguous.id]));
  });

  it('the suspense list and assignments are the officers’ work; statements are the bank’s and operators’', async () => {
    expect((await f.app.inject({ url: '/v1/bank/suspense', headers: bearer(tokens.bank!) })).statusCode).toBe(403);
    expect((await postStatement(tokens.officer!, csv())).statusCode).toBe(403);
    expect((await postStatement(tokens.employerB!, csv())).statusCode).toBe(403);
    // Refused before the body is read: whatever it is.
    expect(
      (
        await f.app.inject({
          method: 'POST',
          url: '/v1/bank/statements',
          headers: bearer(tokens.officer!),
          payload: { not: 'a statement' },
        })
      ).statusCode,
    ).toBe(403);
  });
});

describe('announcements', () => {
  it("an employer's announcement is pending and credits nothing until a statement line carries its reference; then it is matched to that line's payment", async () => {
    const paidBefore = await paid(B, '2026-10');
    const announce = (body: object) =>
      f.app.inject({
        method: 'POST',
        url: `/v1/employers/${B}/payments`,
        headers: bearer(tokens.employerB!),
        payload: body,
      });
    const body = { amount: 2_000_000, expectedValueDate: '2026-11-26', reference: 'ANN-B-2026-11' };
    const r = await announce(body);
    expect(r.statusCode, r.body).toBe(201);
    const a = json(r);
    expect(a).toMatchObject({
      reference: 'ANN-B-2026-11',
      amount: '2000000',
      expectedValueDate: '2026-11-26',
      status: 'pending',
      bankReference: null,
      paymentId: null,
      alreadyAnnounced: false,
    });
    expect((await announce(body)).statusCode).toBe(200);
    const conflict = await announce({ ...body, amount: 2_000_001 });
    expect(conflict.statusCode).toBe(409);
    expect(json(conflict).code).toBe('ANNOUNCEMENT_REFERENCE_CONFLICT');

    const listed = async () =>
      json(await f.app.inject({ url: `/v1/employers/${B}/payments`, headers: bearer(tokens.employerB!) }));
    expect((await listed()).announcements).toEqual([
      expect.objectContaining({ announcementId: a.announcementId, status: 'pending' }),
    ]);
    expect(await paid(B, '2026-10')).toBe(paidBefore); // announced, not credited

    // The bank's line carries the reference (any case, as a word of the text) and no tax code.
    const imported = await postStatement(
      tokens.bank!,
      csv('VCB-ANN-0001,2026-11-26,2026-11-26,CRDT,2000000,VND,"CK ann-b-2026-11, nop BHXH",'),
    );
    expect(imported.statusCode, imported.body).toBe(201);
    expect(json(imported).results[0]).toMatchObject({ status: 'booked', taxCode: B, announcementId: a.announcementId });
    const after = await listed();
    expect(after.announcements).toEqual([
      expect.objectContaining({
        announcementId: a.announcementId,
        status: 'matched',
        bankReference: 'VCB-ANN-0001',
        paymentId: json(imported).results[0].paymentId,
      }),
    ]);
    expect(after.payments.map((p: { bankReference: string }) => p.bankReference)).toContain('VCB-ANN-0001');
    expect(await paid(B, '2026-10')).toBe(String(Number(paidBefore) + 2_000_000));
  });

  it('a camt.053.001.02 statement whose structured creditor reference is an announced reference books to that employer', async () => {
    const announced = json(
      await f.app.inject({
        method: 'POST',
        url: `/v1/employers/${A}/payments`,
        headers: bearer(tokens.officer!),
        payload: { amount: 750_000, expectedValueDate: '2026-11-23', reference: 'ANN-OLD-1' },
      }),
    );
    const r = await postStatement(tokens.bank!, fixture('statement-camt053-001-02.xml'), 'application/xml');
    expect(r.statusCode, r.body).toBe(201);
    expect(json(r).results).toEqual([
      expect.objectContaining({
        bankReference: 'OLD-0001',
        status: 'booked',
        taxCode: A,
        announcementId: announced.announcementId,
      }),
    ]);
  });

  it('an announcement whose transfer arrived unnamed is matched when an officer assigns the line', async () => {
    const announced = json(
      await f.app.inject({
        method: 'POST',
        url: `/v1/employers/${A}/payments`,
        headers: bearer(tokens.officer!),
        payload: { amount: 500_000, expectedValueDate: '2026-11-27', reference: 'ANN-A-LATE' },
      }),
    );
    // The same reference announced by two employers: the line cannot tell which, so it waits.
    await f.app.inject({
      method: 'POST',
      url: `/v1/employers/${B}/payments`,
      headers: bearer(tokens.officer!),
      payload: { amount: 500_000, expectedValueDate: '2026-11-27', reference: 'ANN-A-LATE' },
    });
    const r = json(
      await postStatement(tokens.bank!, csv('VCB-ANN-0002,2026-11-27,2026-11-27,CRDT,500000,VND,ANN-A-LATE,')),
    );
    expect(outcomes(r)).toEqual({ 'VCB-ANN-0002': ['suspense', 'AMBIGUOUS_EMPLOYER', null] });
    const assigned = json(
      await f.app.inject({
        method: 'POST',
        url: `/v1/bank/suspense/${r.results[0].id}/assignment`,
        headers: bearer(tokens.officer!),
        payload: { taxCode: A },
      }),
    );
    expect(assigned.line).toMatchObject({ status: 'booked', taxCode: A, announcementId: announced.announcementId });
    const mine = json(await f.app.inject({ url: `/v1/employers/${A}/payments`, headers: bearer(tokens.officer!) }));
    expect(mine.announcements.find((x: { reference: string }) => x.reference === 'ANN-A-LATE')).toMatchObject({
      status: 'matched',
      bankReference: 'VCB-ANN-0002',
    });
    const theirs = json(await f.app.inject({ url: `/v1/employers/${B}/payments`, headers: bearer(tokens.officer!) }));
    expect(theirs.announcements.find((x: { reference: string }) => x.reference === 'ANN-A-LATE')).toMatchObject({
      status: 'pending',
    });
  });

  it('the same announcement posted three times at once is stored once: one 201, the others 200 with it, never a 500', async () => {
    const body = { amount: 750_000, expectedValueDate: '2026-11-28', reference: 'ANN-RACE-1' };
    const rs = await Promise.all(
      [0, 1, 2].map(() =>
        f.app.inject({
          method: 'POST',
          url: `/v1/employers/${B}/payments`,
          headers: bearer(tokens.employerB!),
          payload: body,
        }),
      ),
    );
    expect(rs.map((r) => r.statusCode).sort()).toEqual([200, 200, 201]);
    expect(new Set(rs.map((r) => json(r).announcementId)).size).toBe(1);
  });

  it('bad announcements are refused with their code and write nothing', async () => {
    const announce = (body: object) =>
      f.app.inject({
        method: 'POST',
        url: `/v1/employers/${B}/payments`,
        headers: bearer(tokens.employerB!),
        payload: body,
      });
    for (const [body, code] of [
      [{ amount: 0, expectedValueDate: '2026-12-05', reference: 'REF-000001' }, 'INVALID_AMOUNT'],
      [{ amount: 10.5, expectedValueDate: '2026-12-05', reference: 'REF-000002' }, 'INVALID_AMOUNT'],
      [{ amount: 1000, expectedValueDate: '2026-13-05', reference: 'REF-000003' }, 'INVALID_DATE'],
      [{ amount: 1000, expectedValueDate: '2026-12-05', reference: 'x' }, 'INVALID_REFERENCE'],
    ] as const) {
      const r = await announce(body);
      expect(r.statusCode, code).toBe(400);
      expect(json(r).code).toBe(code);
    }
    const pending = await f.app.inject({
      method: 'POST',
      url: `/v1/employers/${PENDING}/payments`,
      headers: bearer(tokens.officer!),
      payload: { amount: 1000, expectedValueDate: '2026-12-05', reference: 'REF-000004' },
    });
    expect(pending.statusCode).toBe(409);
    expect(
      json(
        await f.app.inject({ url: `/v1/employers/${B}/payments`, headers: bearer(tokens.employerB!) }),
      ).announcements.map((a: { reference: string }) => a.reference),
    ).not.toContain('REF-000001');
  });
});

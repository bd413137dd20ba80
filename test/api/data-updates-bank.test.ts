/**
 * A participant's bank-account data update (issue #14 parts 1 and 4; rules §8.35, §8.36), through
 * the API with a worker, on the real database and the dev server: the bank returned both months
 * owed (the account closed, AC04); the participant files the new account, an officer approves it
 * — in that transaction the account is proposed and verified, exactly as the officer's own path —
 * and the next payment run instructs both returned months again, once, to the new account; the
 * bank's report pays them. The number is never in the tables in clear (sealed, rules §8.35), yet
 * the file carries it. Afterwards the e-books, the ledger and the audit chains verify.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { verifyEbooks } from '../../db/queries/ebooks';
import { paymentKeyOf } from '../../domain/iso20022';
import { loadAuditSigningKey, type AuditSigningKey } from '../../runtime/audit-keys';
import { verifyAudit } from '../../services/audit';
import { importBankReturns, parsePain002 } from '../../services/bank-returns';
import { verifyLedger } from '../../services/ledger';
import { createPaymentRun, paymentFile } from '../../services/payment-files';
import { approvedClaimWithMonths, BANK_SECRET, payByBank, statusReport } from '../setup/bank';
import { testClock } from '../setup/harness';
import { apiFixture, bearer, type ApiFixture } from './fixture';

let f: ApiFixture;
let auditKey: AuditSigningKey;
let officer: string;
const today = testClock.today();
const NEW_NUMBER = '0071009988776';

beforeAll(async () => {
  f = await apiFixture('dataupd-bank', { worker: true });
  auditKey = await loadAuditSigningKey({ home: mkdtempSync(path.join(tmpdir(), 'ansinh-du-bank-audit-')) });
  officer = await f.token({ role: 'officer', subject: 'officer:lan' });
});
afterAll(async () => {
  await f?.close();
});
afterEach(async () => {
  expect((await verifyEbooks(f.tdb.db)).mismatches).toEqual([]);
  expect((await verifyLedger(f.tdb.db)).problems).toEqual([]);
  expect((await verifyAudit(f.tdb.db, auditKey)).findings).toEqual([]);
});

const json = (r: { body: string }) => JSON.parse(r.body);
const months = (claimId: string) =>
  queryRows<{ idx: number; status: string; payment_key: string | null }>(
    f.tdb.db,
    sql`select idx, status, payment_key from ui_claim_months where claim_id = ${claimId} order by idx`,
  );
/** Every table a bank account number could rest in, as text. */
const storedText = async () =>
  JSON.stringify(
    await queryRows(
      f.tdb.db,
      sql`select (select json_agg(a) from bank_accounts a) a, (select json_agg(d) from data_update_requests d) d,
                 (select json_agg(p) from payment_files p) p, (select json_agg(e) from audit_events e) e,
                 (select json_agg(o) from outbox o) o, (select json_agg(t) from tasks t) t`,
    ),
  );

describe('a bank_account data update, approved', () => {
  let personalId: string;
  let fullName: string;
  let claimId: string;
  let requestId: number;

  it('refuses at filing an account that could never be paid into (a bank that is not a BIC, a holder who is not the participant), writing nothing', async () => {
    personalId = f.a.employees[2]!.personalId;
    [{ full_name: fullName }] = (await queryRows<{ full_name: string }>(
      f.tdb.db,
      sql`select full_name from participants where personal_id = ${personalId}`,
    )) as [{ full_name: string }];
    const token = await f.token({ role: 'participant', personalId, level: 2 });
    const before = await storedText();
    for (const [body, code, status] of [
      [{ bankCode: 'VCB', accountNumber: NEW_NUMBER, accountHolder: fullName }, 'INVALID_BANK_CODE', 400],
      [{ bankCode: 'DEUTDEFF', accountNumber: NEW_NUMBER, accountHolder: fullName }, 'UNSUPPORTED_BANK', 422],
      [
        { bankCode: 'BFTVVNVX', accountNumber: NEW_NUMBER, accountHolder: 'TRAN THI KHAC' },
        'ACCOUNT_HOLDER_MISMATCH',
        422,
      ],
    ] as const) {
      const r = await f.app.inject({
        method: 'POST',
        url: '/v1/data-updates',
        headers: bearer(token),
        payload: { kind: 'bank_account', personalId, ...body },
      });
      expect(r.statusCode, r.body).toBe(status);
      expect(json(r)).toMatchObject({ code });
    }
    expect(await storedText()).toBe(before);
  });

  it('the bank returns both months owed (AC04): the account is closed and the months wait', async () => {
    claimId = await approvedClaimWithMonths(f.tdb.db, personalId, { n: 3, reported: 2, today, label: 'dubank' });
    expect(await payByBank(f.tdb.db, today, { reject: 'AC04' })).toBe(2);
    expect((await months(claimId)).map((m) => m.status)).toEqual(['returned', 'returned', 'scheduled']);
    const r = await createPaymentRun(f.tdb.db, {
      runId: `${today}-w`,
      now: new Date(`${today}T03:00:00Z`),
      today,
      by: 'operator:test',
      secret: BANK_SECRET,
    });
    expect(r).toMatchObject({ nbOfTxs: 0, waitingForAccount: 2 });
  });

  it('the participant files the new account: kept with its number sealed, shown masked', async () => {
    const token = await f.token({ role: 'participant', personalId, level: 2 });
    const r = await f.app.inject({
      method: 'POST',
      url: '/v1/data-updates',
      headers: bearer(token),
      payload: {
        kind: 'bank_account',
        personalId,
        bankCode: 'BFTVVNVX',
        accountNumber: NEW_NUMBER,
        accountHolder: fullName,
      },
    });
    expect(r.statusCode, r.body).toBe(201);
    requestId = json(r).requestId;
    const view = json(await f.app.inject({ url: `/v1/data-updates/${requestId}`, headers: bearer(token) }));
    expect(view.requested).toEqual({ bankCode: 'BFTVVNVX', accountHolder: fullName, accountNumber: '••••8776' });
    expect(await storedText()).not.toContain(NEW_NUMBER);
  });

  it('the officer approves: in that transaction the account is proposed and verified, the request applied', async () => {
    let decided = 0;
    for (let i = 0; i < 200; i++) {
      const d = await f.app.inject({
        method: 'POST',
        url: `/v1/data-updates/${requestId}/decision`,
        headers: bearer(officer),
        payload: { decision: 'approve' },
      });
      decided = d.statusCode;
      if (d.statusCode === 200) break;
      expect(json(d).code).toBe('WRONG_STATE'); // the review is still opening
      await new Promise((res) => setTimeout(res, 50));
    }
    expect(decided).toBe(200);
    let view = json(await f.app.inject({ url: `/v1/data-updates/${requestId}`, headers: bearer(officer) }));
    for (let i = 0; i < 200 && view.status !== 'approved'; i++) {
      await new Promise((res) => setTimeout(res, 50));
      view = json(await f.app.inject({ url: `/v1/data-updates/${requestId}`, headers: bearer(officer) }));
    }
    expect(view).toMatchObject({ status: 'approved', applied: true });
    const accounts = json(
      await f.app.inject({ url: `/v1/participants/${personalId}/bank-account`, headers: bearer(officer) }),
    );
    expect(accounts.items[0]).toMatchObject({
      status: 'verified',
      bankCode: 'BFTVVNVX',
      accountNumberMasked: '••••8776',
      holderName: fullName,
    });
    expect(accounts.items.filter((a: { status: string }) => a.status === 'verified')).toHaveLength(1);
    const waits = await queryRows<{ n: number }>(
      f.tdb.db,
      sql`select count(*)::int as n from tasks where claim_id = ${claimId} and kind = 'claim.payment_no_account' and status = 'open'`,
    );
    expect(waits[0]!.n).toBe(0);
    expect(await storedText()).not.toContain(NEW_NUMBER);
  });

  it('the next run instructs both returned months again, to the new account (the file carries its number), never twice; the bank pays them', async () => {
    const now = new Date(`${today}T03:00:00Z`);
    const r = await createPaymentRun(f.tdb.db, {
      runId: `${today}-n`,
      now,
      today,
      by: 'operator:test',
      secret: BANK_SECRET,
    });
    expect(r).toMatchObject({ created: true, nbOfTxs: 2, ctrlSum: '14400000' });
    const { file } = await paymentFile(f.tdb.db, { runId: `${today}-n` }, BANK_SECRET);
    expect(file.xml).toContain(`<CdtrAcct><Id><Othr><Id>${NEW_NUMBER}</Id></Othr></Id></CdtrAcct>`);
    expect(file.xml).toContain(paymentKeyOf(claimId, 1, 2));
    expect(file.xml).toContain(paymentKeyOf(claimId, 2, 2));
    expect(await storedText()).not.toContain(NEW_NUMBER);
    // A later run finds nothing owed.
    expect(
      await createPaymentRun(f.tdb.db, { runId: `${today}-m`, now, today, by: 'operator:test', secret: BANK_SECRET }),
    ).toMatchObject({ nbOfTxs: 0, waitingForAccount: 0 });
    const report = statusReport(
      [1, 2].map((m) => ({ endToEndId: paymentKeyOf(claimId, m, 2), sts: 'ACSC' })),
      today,
    );
    expect(await importBankReturns(f.tdb.db, parsePain002(report), { author: 'bank:test', today })).toMatchObject({
      paid: 2,
    });
    expect(await months(claimId)).toEqual([
      { idx: 1, status: 'paid', payment_key: paymentKeyOf(claimId, 1, 2) },
      { idx: 2, status: 'paid', payment_key: paymentKeyOf(claimId, 2, 2) },
      { idx: 3, status: 'scheduled', payment_key: null },
    ]);
  });
});

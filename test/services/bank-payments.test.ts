/**
 * Benefit payments into bank accounts (issue 14 part 4; rules §8.35, §8.36), against real
 * PostgreSQL: an account proposed and verified, the payment run's pain.001 file (checked against
 * the mandatory elements of pain.001.001.09: test/fixtures/pain001-check.ts), the bank's pain.002
 * and camt.054 applied — paid on the bank's date, returned with the account closed and an officer
 * task, a returned month instructed again only after a new account is verified, never paid twice —
 * and afterwards the ledger, the e-books and the audit chains verify.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { rewriteEbooks, verifyEbooks } from '../../db/queries/ebooks';
import { addDays } from '../../domain/calendar';
import { paymentKeyOf } from '../../domain/iso20022';
import { loadAuditSigningKey } from '../../runtime/audit-keys';
import {
  accountNumberOpener,
  proposeAccount,
  sealClearBankAccounts,
  verifyAccount,
} from '../../services/bank-accounts';
import { importBankReturns, parseCamt054, parsePain002 } from '../../services/bank-returns';
import { createPaymentRun, paymentFile } from '../../services/payment-files';
import { verifyAudit } from '../../services/audit';
import { verifyLedger } from '../../services/ledger';
import { checkPain001 } from '../fixtures/pain001-check';
import { approvedClaimWithMonths, BANK_SECRET } from '../setup/bank';
import { createClaimant } from '../setup/claimants';
import { createTestDatabase, testClock, type TestDatabase } from '../setup/harness';

let tdb: TestDatabase;
const today = testClock.today();
const now = new Date(`${today}T03:00:00Z`);
const HOLDER = 'NGUYEN VAN THU'; // folded, the participant's name below

beforeAll(async () => {
  tdb = await createTestDatabase('bankpay');
});
afterAll(async () => {
  await tdb?.drop();
});

/** An approved claim with `n` benefit months, the first `reported` ones with their report recorded. */
const approvedClaim = (personalId: string, n: number, reported: number) =>
  approvedClaimWithMonths(tdb.db, personalId, { n, reported, today, label: 'bankpay' });

async function claimant(seed: number): Promise<string> {
  const c = await createClaimant(tdb.db, { lastMonth: '2026-10', months: 14, salary: 12_000_000, seed });
  await tdb.db.execute(sql`update participants set full_name = 'Nguyễn Văn Thư' where personal_id = ${c.personalId}`);
  await tdb.db.transaction((tx) => rewriteEbooks(tx, [c.personalId]));
  return c.personalId;
}

const months = (claimId: string) =>
  queryRows<{ idx: number; status: string; paid_on: string | null; payment_key: string | null }>(
    tdb.db,
    sql`select idx, status, to_char(paid_on, 'YYYY-MM-DD') as paid_on, payment_key from ui_claim_months where claim_id = ${claimId} order by idx`,
  );
const openTasks = (claimId: string, kind: string) =>
  queryRows<{ id: number }>(
    tdb.db,
    sql`select id from tasks where claim_id = ${claimId} and kind = ${kind} and status = 'open'`,
  );
/** Everything the bank-payment steps write, to prove a refusal wrote nothing. */
const snapshot = () =>
  queryRows(
    tdb.db,
    sql`select (select count(*) from payment_files) f, (select json_agg(i order by id) from payment_instructions i) i,
               (select json_agg(a order by id) from bank_accounts a) a,
               (select json_agg(m order by claim_id, idx) from ui_claim_months m) m,
               (select count(*) from outbox) o, (select count(*) from audit_events) l, (select count(*) from tasks) t`,
  );

function pain002(items: { e2e: string; sts: string; rsn?: string; date?: string }[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.002.001.10">
  <CstmrPmtStsRpt>
    <GrpHdr><MsgId>STS-${items.length}</MsgId><CreDtTm>${today}T16:00:00+07:00</CreDtTm></GrpHdr>
    <OrgnlGrpInfAndSts><OrgnlMsgId>ANSINH-UI-${today}</OrgnlMsgId><OrgnlMsgNmId>pain.001.001.09</OrgnlMsgNmId></OrgnlGrpInfAndSts>
    <OrgnlPmtInfAndSts><OrgnlPmtInfId>ANSINH-UI-${today}-1</OrgnlPmtInfId>
${items
  .map(
    (i) =>
      `      <TxInfAndSts><OrgnlEndToEndId>${i.e2e}</OrgnlEndToEndId><TxSts>${i.sts}</TxSts>${
        i.rsn ? `<StsRsnInf><Rsn><Cd>${i.rsn}</Cd></Rsn></StsRsnInf>` : ''
      }${i.date ? `<AccptncDtTm>${i.date}T09:00:00+07:00</AccptncDtTm>` : ''}</TxInfAndSts>`,
  )
  .join('\n')}
    </OrgnlPmtInfAndSts>
  </CstmrPmtStsRpt>
</Document>`;
}

function camt054(
  items: { e2e: string; amount: string; date: string; dir?: 'DBIT' | 'CRDT'; rsn?: string; rvsl?: boolean }[],
): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08">
  <BkToCstmrDbtCdtNtfctn>
    <GrpHdr><MsgId>NTF-1</MsgId><CreDtTm>${today}T17:00:00+07:00</CreDtTm></GrpHdr>
    <Ntfctn><Id>N1</Id><Acct><Id><Othr><Id>1200000000001</Id></Othr></Id></Acct>
${items
  .map(
    (i) => `      <Ntry><Amt Ccy="VND">${i.amount}</Amt><CdtDbtInd>${i.dir ?? 'DBIT'}</CdtDbtInd>${
      i.rvsl ? '<RvslInd>true</RvslInd>' : ''
    }<Sts><Cd>BOOK</Cd></Sts>
        <BookgDt><Dt>${i.date}</Dt></BookgDt><ValDt><Dt>${i.date}</Dt></ValDt><BkTxCd/>
        <NtryDtls><TxDtls><Refs><EndToEndId>${i.e2e}</EndToEndId></Refs><Amt Ccy="VND">${i.amount}</Amt>${
          i.rsn ? `<RtrInf><Rsn><Cd>${i.rsn}</Cd></Rsn></RtrInf>` : ''
        }</TxDtls></NtryDtls></Ntry>`,
  )
  .join('\n')}
    </Ntfctn>
  </BkToCstmrDbtCdtNtfctn>
</Document>`;
}

describe('the bank account (rules §8.35)', () => {
  it('an unsupported bank, a malformed number or a holder who is not the participant is refused with its code, writing nothing', async () => {
    const personalId = await claimant(64_501);
    const before = await snapshot();
    const propose = (account: object) =>
      proposeAccount(tdb.db, { personalId, account, by: 'officer:x', today, secret: BANK_SECRET });
    await expect(
      propose({ bankCode: 'DEUTDEFF', accountNumber: '0123456789', holderName: HOLDER }),
    ).rejects.toMatchObject({
      code: 'UNSUPPORTED_BANK',
    });
    await expect(propose({ bankCode: 'BFTV', accountNumber: '0123456789', holderName: HOLDER })).rejects.toMatchObject({
      code: 'INVALID_BANK_CODE',
    });
    await expect(propose({ bankCode: 'BFTVVNVX', accountNumber: '12-34', holderName: HOLDER })).rejects.toMatchObject({
      code: 'INVALID_ACCOUNT_NUMBER',
    });
    await expect(
      propose({ bankCode: 'BFTVVNVX', accountNumber: '0123456789', holderName: 'TRAN THI B' }),
    ).rejects.toMatchObject({
      code: 'ACCOUNT_HOLDER_MISMATCH',
    });
    expect(await snapshot()).toEqual(before);
  });

  it('a proposal is pending until an officer verifies it; the same proposal again is the same account; the number is shown masked', async () => {
    const personalId = await claimant(64_502);
    const a = await proposeAccount(tdb.db, {
      personalId,
      account: { bankCode: 'bftvvnvx', accountNumber: '0071 0012 3456', holderName: 'Nguyễn Văn Thư' },
      by: 'participant:x',
      today,
      secret: BANK_SECRET,
    });
    expect(a).toMatchObject({
      created: true,
      account: { status: 'pending', bankCode: 'BFTVVNVX', accountNumberMasked: '••••3456' },
    });
    expect(JSON.stringify(a)).not.toContain('007100123456');
    const again = await proposeAccount(tdb.db, {
      personalId,
      account: { bankCode: 'BFTVVNVX', accountNumber: '007100123456', holderName: 'Nguyễn Văn Thư' },
      by: 'participant:x',
      today,
      secret: BANK_SECRET,
    });
    expect(again).toMatchObject({ created: false, account: { id: a.account.id } });
    // At rest: sealed, its keyed hash and last 4 digits — the number itself nowhere in the table.
    const [stored] = await queryRows<Record<string, unknown>>(
      tdb.db,
      sql`select * from bank_accounts where id = ${a.account.id}`,
    );
    expect(stored).toMatchObject({
      account_number: null,
      account_last4: '3456',
      account_hmac: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(JSON.stringify(stored)).not.toContain('007100123456');
    // Sealed for this person under this secret: another secret or another person does not open it.
    const sealed = stored!['account_sealed'] as string;
    expect(accountNumberOpener(BANK_SECRET)(personalId, sealed)).toBe('007100123456');
    expect(accountNumberOpener('another-server-secret-0123456789')(personalId, sealed)).toBeNull();
    expect(accountNumberOpener(BANK_SECRET)('079090000001', sealed)).toBeNull();
    const v = await verifyAccount(tdb.db, { personalId, officer: 'officer:v', today });
    expect(v).toMatchObject({ verified: true, account: { id: a.account.id, status: 'verified', verifiedOn: today } });
    expect(
      await verifyAccount(tdb.db, { personalId, accountId: a.account.id, officer: 'officer:v', today }),
    ).toMatchObject({
      verified: false,
    });
    // A second account verified supersedes the first: one verified account at a time.
    const b = await proposeAccount(tdb.db, {
      personalId,
      account: { bankCode: 'ICBVVNVX', accountNumber: '102000111222', holderName: HOLDER },
      by: 'participant:x',
      today,
      secret: BANK_SECRET,
    });
    await verifyAccount(tdb.db, { personalId, accountId: b.account.id, officer: 'officer:v', today });
    const rows = await queryRows<{ id: number; status: string }>(
      tdb.db,
      sql`select id::int as id, status from bank_accounts where personal_id = ${personalId} order by id`,
    );
    expect(rows).toEqual([
      { id: a.account.id, status: 'superseded' },
      { id: b.account.id, status: 'verified' },
    ]);
    await expect(
      verifyAccount(tdb.db, { personalId, accountId: a.account.id, officer: 'officer:v', today }),
    ).rejects.toMatchObject({
      code: 'WRONG_STATE',
    });
  });
});

describe('the payment run and the bank returns (rules §8.36)', () => {
  let personalId: string;
  let claimId: string;
  let firstFile: { xml: string; sha256: string };

  beforeAll(async () => {
    personalId = await claimant(64_503);
    claimId = await approvedClaim(personalId, 3, 2);
  });

  it('months owed without a verified account wait, with an officer task, and no file is made', async () => {
    const r = await createPaymentRun(tdb.db, {
      runId: `${today}-a`,
      now,
      today,
      by: 'operator:run',
      secret: BANK_SECRET,
    });
    expect(r).toMatchObject({ fileId: null, nbOfTxs: 0, waitingForAccount: 2 });
    expect((await months(claimId)).map((m) => m.status)).toEqual(['reported', 'reported', 'scheduled']);
    expect(await openTasks(claimId, 'claim.payment_no_account')).toHaveLength(1);
    // Run again: the same wait, not a second task.
    await createPaymentRun(tdb.db, { runId: `${today}-b`, now, today, by: 'operator:run', secret: BANK_SECRET });
    expect(await openTasks(claimId, 'claim.payment_no_account')).toHaveLength(1);
  });

  it('once the account is verified, the next run puts both months in one pain.001.001.09 file that passes the mandatory-element check; the same run again gives the same bytes', async () => {
    await proposeAccount(tdb.db, {
      personalId,
      account: { bankCode: 'VBAAVNVX', accountNumber: '1500205123456', holderName: 'Nguyễn Văn Thư' },
      by: 'participant:x',
      today,
      secret: BANK_SECRET,
    });
    await verifyAccount(tdb.db, { personalId, officer: 'officer:v', today });
    expect(await openTasks(claimId, 'claim.payment_no_account')).toHaveLength(0);
    const r = await createPaymentRun(tdb.db, { runId: today, now, today, by: 'operator:run', secret: BANK_SECRET });
    expect(r).toMatchObject({ created: true, nbOfTxs: 2, ctrlSum: '14400000', msgId: `ANSINH-UI-${today}` });
    const { file } = await paymentFile(tdb.db, { runId: today }, BANK_SECRET);
    firstFile = file;
    expect(checkPain001(file.xml)).toEqual([]);
    // The file carries the number; the stored file is sealed (it would otherwise hold every account in clear).
    expect(file.xml).toContain('<CdtrAcct><Id><Othr><Id>1500205123456</Id></Othr></Id></CdtrAcct>');
    const [storedFile] = await queryRows<{ xml: string | null; xml_sealed: string }>(
      tdb.db,
      sql`select xml, xml_sealed from payment_files where run_id = ${today}`,
    );
    expect(storedFile!.xml).toBeNull();
    expect(storedFile!.xml_sealed).not.toContain('1500205123456');
    expect(createHash('sha256').update(file.xml).digest('hex')).toBe(file.sha256);
    expect(file.xml).toContain(`<EndToEndId>${paymentKeyOf(claimId, 1, 1)}</EndToEndId>`);
    expect(file.xml).toContain('<InstdAmt Ccy="VND">7200000</InstdAmt>');
    expect(file.xml).toContain('<Nm>NGUYEN VAN THU</Nm>');
    expect(file.xml).toContain('<CreDtTm>' + `${today}T10:00:00+07:00` + '</CreDtTm>');
    expect((await months(claimId)).map((m) => m.status)).toEqual(['instructed', 'instructed', 'scheduled']);
    const again = await createPaymentRun(tdb.db, {
      runId: today,
      now: new Date(now.getTime() + 3600_000),
      today,
      by: 'operator:run',
      secret: BANK_SECRET,
    });
    expect(again).toMatchObject({ created: false, fileId: r.fileId, sha256: r.sha256 });
    expect((await paymentFile(tdb.db, { runId: today }, BANK_SECRET)).file.xml).toBe(firstFile.xml);
    // A later run finds nothing owed: nothing is instructed twice.
    expect(
      await createPaymentRun(tdb.db, { runId: `${today}-c`, now, today, by: 'operator:run', secret: BANK_SECRET }),
    ).toMatchObject({
      nbOfTxs: 0,
    });
  });

  it('ACCP (AcceptedCustomerProfile) is not settlement: the month stays instructed and nothing is written', async () => {
    const before = await snapshot();
    const accepted = parsePain002(pain002([{ e2e: paymentKeyOf(claimId, 1, 1), sts: 'ACCP' }]));
    expect(await importBankReturns(tdb.db, accepted, { author: 'bank:x', today })).toMatchObject({
      paid: 0,
      returned: 0,
      results: [{ result: 'pending' }],
    });
    expect(await snapshot()).toEqual(before);
    expect((await months(claimId))[0]!.status).toBe('instructed');
  });

  it('the status report pays one month on the bank’s date and returns the other (AC04): account closed, participant told, officer task; the same report again changes nothing', async () => {
    const paidOn = addDays(today, -1);
    const report = parsePain002(
      pain002([
        { e2e: paymentKeyOf(claimId, 1, 1), sts: 'ACSC', date: paidOn },
        { e2e: paymentKeyOf(claimId, 2, 1), sts: 'RJCT', rsn: 'AC04' },
        { e2e: 'UNKNOWN0000000000000000000000001', sts: 'ACSC' },
      ]),
    );
    const r = await importBankReturns(tdb.db, report, { author: 'bank:x', today });
    expect(r).toMatchObject({ paid: 1, returned: 1, unknown: 1 });
    expect(await months(claimId)).toEqual([
      { idx: 1, status: 'paid', paid_on: paidOn, payment_key: paymentKeyOf(claimId, 1, 1) },
      { idx: 2, status: 'returned', paid_on: null, payment_key: null },
      { idx: 3, status: 'scheduled', paid_on: null, payment_key: null },
    ]);
    const [acct] = await queryRows<{ status: string; closed_reason: string }>(
      tdb.db,
      sql`select status, closed_reason from bank_accounts where personal_id = ${personalId} and status <> 'superseded'`,
    );
    expect(acct).toEqual({ status: 'closed', closed_reason: 'AC04' });
    expect(await openTasks(claimId, 'claim.payment_returned')).toHaveLength(1);
    const notices = await queryRows<{ kind: string }>(
      tdb.db,
      sql`select kind from outbox where recipient_id = ${personalId} and kind like 'claim.payment%' order by id`,
    );
    expect(notices.map((n) => n.kind)).toEqual(['claim.payment', 'claim.payment_returned']);
    const before = await snapshot();
    expect(await importBankReturns(tdb.db, report, { author: 'bank:x', today })).toMatchObject({
      paid: 0,
      returned: 0,
      unchanged: 2,
    });
    expect(await snapshot()).toEqual(before);
  });

  it('a report that contradicts a settled transfer is PAYMENT_STATUS_CONFLICT and writes nothing', async () => {
    const before = await snapshot();
    const contra = parsePain002(pain002([{ e2e: paymentKeyOf(claimId, 1, 1), sts: 'RJCT', rsn: 'AC01' }]));
    await expect(importBankReturns(tdb.db, contra, { author: 'bank:x', today })).rejects.toMatchObject({
      code: 'PAYMENT_STATUS_CONFLICT',
    });
    expect(await snapshot()).toEqual(before);
  });

  it('a returned month waits for a new verified account, then is instructed again under a new key and paid by the debit notification; never twice', async () => {
    expect(
      await createPaymentRun(tdb.db, { runId: `${today}-d`, now, today, by: 'operator:run', secret: BANK_SECRET }),
    ).toMatchObject({
      nbOfTxs: 0,
      waitingForAccount: 1,
    });
    await proposeAccount(tdb.db, {
      personalId,
      account: { bankCode: 'BIDVVNVX', accountNumber: '21510000999888', holderName: HOLDER },
      by: 'participant:x',
      today,
      secret: BANK_SECRET,
    });
    await verifyAccount(tdb.db, { personalId, officer: 'officer:v', today });
    const r = await createPaymentRun(tdb.db, {
      runId: `${today}-e`,
      now,
      today,
      by: 'operator:run',
      secret: BANK_SECRET,
    });
    expect(r).toMatchObject({ nbOfTxs: 1, ctrlSum: '7200000' });
    const { file } = await paymentFile(tdb.db, { runId: `${today}-e` }, BANK_SECRET);
    expect(checkPain001(file.xml)).toEqual([]);
    expect(file.xml).toContain(paymentKeyOf(claimId, 2, 2));
    expect(file.xml).toContain('<BICFI>BIDVVNVX</BICFI>');
    const bad = parseCamt054(camt054([{ e2e: paymentKeyOf(claimId, 2, 2), amount: '7100000', date: today }]));
    await expect(importBankReturns(tdb.db, bad, { author: 'bank:x', today })).rejects.toMatchObject({
      code: 'PAYMENT_AMOUNT_MISMATCH',
    });
    const ntf = parseCamt054(camt054([{ e2e: paymentKeyOf(claimId, 2, 2), amount: '7200000', date: today }]));
    expect(await importBankReturns(tdb.db, ntf, { author: 'bank:x', today })).toMatchObject({ paid: 1 });
    expect((await months(claimId))[1]).toMatchObject({
      status: 'paid',
      paid_on: today,
      payment_key: paymentKeyOf(claimId, 2, 2),
    });
    const [c] = await queryRows<{ months_paid: number }>(
      tdb.db,
      sql`select months_paid from ui_claims where id = ${claimId}`,
    );
    expect(c!.months_paid).toBe(2);
    // The database refuses a second executed transfer of a month (payment_instructions_one_executed).
    await expect(
      tdb.db.execute(sql`update payment_instructions set status = 'executed', bank_date = ${today}, reason_code = null
                          where claim_id = ${claimId} and idx = 2 and attempt = 1`),
    ).rejects.toMatchObject({ cause: { constraint_name: 'payment_instructions_one_executed' } });
  });

  it('money that comes back after the payment (camt.054 credit, RvslInd true) reverses it: the month returned with the bank’s date and reason, the account closed, the participant told, an officer task; the same file again changes nothing', async () => {
    const key = paymentKeyOf(claimId, 2, 2);
    const backOn = today;
    const file = camt054([
      { e2e: key, amount: '7200000', date: backOn, dir: 'CRDT', rvsl: true, rsn: 'AC06' },
      // A debit marked as a reversal undoes an earlier credit, not a benefit transfer: nothing changes.
      { e2e: paymentKeyOf(claimId, 1, 1), amount: '7200000', date: backOn, dir: 'DBIT', rvsl: true },
    ]);
    const parsed = parseCamt054(file);
    expect(parsed.outcomes.map((o) => [o.outcome, o.reason])).toEqual([
      ['returned', 'AC06'],
      ['pending', null],
    ]);
    const r = await importBankReturns(tdb.db, parsed, { author: 'bank:x', today });
    expect(r).toMatchObject({ paid: 0, returned: 0, reversed: 1, unchanged: 0 });
    expect((await months(claimId))[1]).toEqual({ idx: 2, status: 'returned', paid_on: null, payment_key: null });
    expect((await months(claimId))[0]).toMatchObject({ status: 'paid' });
    const [c] = await queryRows<{ months_paid: number }>(
      tdb.db,
      sql`select months_paid from ui_claims where id = ${claimId}`,
    );
    expect(c!.months_paid).toBe(1);
    const [ins] = await queryRows<{ status: string; bank_date: string; reversed_on: string; reason_code: string }>(
      tdb.db,
      sql`select status, to_char(bank_date, 'YYYY-MM-DD') as bank_date, to_char(reversed_on, 'YYYY-MM-DD') as reversed_on,
                 reason_code from payment_instructions where end_to_end_id = ${key}`,
    );
    expect(ins).toEqual({ status: 'reversed', bank_date: today, reversed_on: backOn, reason_code: 'AC06' });
    const [acct] = await queryRows<{ status: string; closed_reason: string }>(
      tdb.db,
      sql`select status, closed_reason from bank_accounts where personal_id = ${personalId} and bank_code = 'BIDVVNVX'`,
    );
    expect(acct).toEqual({ status: 'closed', closed_reason: 'AC06' });
    const told = await queryRows<{ n: number }>(
      tdb.db,
      sql`select count(*)::int as n from outbox where dedupe_key = ${`${key}:reversed`} and kind = 'claim.payment_returned'`,
    );
    expect(told[0]!.n).toBe(1);
    expect((await openTasks(claimId, 'claim.payment_returned')).length).toBeGreaterThanOrEqual(1);
    expect((await verifyLedger(tdb.db)).problems).toEqual([]);
    // Idempotent: the same file again, a late confirmation of the settlement: nothing changes.
    const before = await snapshot();
    expect(await importBankReturns(tdb.db, parseCamt054(file), { author: 'bank:x', today })).toMatchObject({
      reversed: 0,
      unchanged: 1,
    });
    const late = parsePain002(pain002([{ e2e: key, sts: 'ACSC' }]));
    expect(await importBankReturns(tdb.db, late, { author: 'bank:x', today })).toMatchObject({ unchanged: 1 });
    expect(await snapshot()).toEqual(before);
    // A rejection of a transfer whose money had settled contradicts the bank's earlier word.
    const contra = parsePain002(pain002([{ e2e: key, sts: 'RJCT', rsn: 'AC01' }]));
    await expect(importBankReturns(tdb.db, contra, { author: 'bank:x', today })).rejects.toMatchObject({
      code: 'PAYMENT_STATUS_CONFLICT',
    });
    expect(await snapshot()).toEqual(before);
  });

  it('the reversed month is paid again only after the account is corrected, under the next key, once', async () => {
    expect(
      await createPaymentRun(tdb.db, { runId: `${today}-f`, now, today, by: 'operator:run', secret: BANK_SECRET }),
    ).toMatchObject({ nbOfTxs: 0, waitingForAccount: 1 });
    await proposeAccount(tdb.db, {
      personalId,
      account: { bankCode: 'VTCBVNVX', accountNumber: '19033300011122', holderName: HOLDER },
      by: 'participant:x',
      today,
      secret: BANK_SECRET,
    });
    await verifyAccount(tdb.db, { personalId, officer: 'officer:v', today });
    const r = await createPaymentRun(tdb.db, {
      runId: `${today}-g`,
      now,
      today,
      by: 'operator:run',
      secret: BANK_SECRET,
    });
    expect(r).toMatchObject({ nbOfTxs: 1, ctrlSum: '7200000' });
    const { file } = await paymentFile(tdb.db, { runId: `${today}-g` }, BANK_SECRET);
    expect(file.xml).toContain(paymentKeyOf(claimId, 2, 3));
    expect(file.xml).toContain('<Id>19033300011122</Id>');
    expect(
      await createPaymentRun(tdb.db, { runId: `${today}-h`, now, today, by: 'operator:run', secret: BANK_SECRET }),
    ).toMatchObject({ nbOfTxs: 0 });
    const paid = parsePain002(pain002([{ e2e: paymentKeyOf(claimId, 2, 3), sts: 'ACSC', date: today }]));
    expect(await importBankReturns(tdb.db, paid, { author: 'bank:x', today })).toMatchObject({ paid: 1 });
    expect((await months(claimId))[1]).toMatchObject({ status: 'paid', payment_key: paymentKeyOf(claimId, 2, 3) });
    const [c] = await queryRows<{ months_paid: number }>(
      tdb.db,
      sql`select months_paid from ui_claims where id = ${claimId}`,
    );
    expect(c!.months_paid).toBe(2);
  });

  it('afterwards the ledger (instructed = executed + returned + outstanding), the e-books and the audit chains verify', async () => {
    expect((await verifyLedger(tdb.db)).problems).toEqual([]);
    expect((await verifyEbooks(tdb.db)).mismatches).toEqual([]);
    const key = await loadAuditSigningKey({ home: mkdtempSync(path.join(tmpdir(), 'ansinh-bankpay-')) });
    expect((await verifyAudit(tdb.db, key)).findings).toEqual([]);
  });

  it('ledger verify finds a paid month whose transfer was not executed', async () => {
    await tdb.db.execute(sql`update payment_instructions set status = 'instructed', bank_date = null, settled_by = null
                              where claim_id = ${claimId} and idx = 1`);
    const problems = (await verifyLedger(tdb.db)).problems.map((p) => p.problem);
    expect(problems.some((p) => p.includes(claimId) && p.includes('1 paid'))).toBe(true);
    await tdb.db.execute(sql`update payment_instructions set status = 'executed', bank_date = ${today}
                              where claim_id = ${claimId} and idx = 1`);
    expect((await verifyLedger(tdb.db)).problems).toEqual([]);
  });
});

describe('rows kept in clear before migration 0024 (rules §8.35)', () => {
  it('are read as before, then sealed by sealClearBankAccounts — idempotent — and still paid, found and served', async () => {
    const personalId = await claimant(64_504);
    const claimId = await approvedClaim(personalId, 2, 1);
    const number = '9704229988770011';
    // As migration 0024 leaves an older row: the number in clear, its last 4 digits, no seal.
    const [acct] = await queryRows<{ id: number }>(
      tdb.db,
      sql`insert into bank_accounts (personal_id, bank_code, account_number, account_last4, holder_name, status,
                                     proposed_by, proposed_on, verified_by, verified_on)
          values (${personalId}, 'MSCBVNVX', ${number}, '0011', 'Nguyễn Văn Thư', 'verified', 'participant:old', ${today},
                  'officer:old', ${today})
          returning id::int as id`,
    );
    const [req] = await queryRows<{ id: number }>(
      tdb.db,
      sql`insert into data_update_requests (personal_id, kind, status, requested, filed_by, filed_at, filed_on, updated_at)
          values (${personalId}, 'bank_account', 'awaiting_review',
                  ${JSON.stringify({ bankCode: 'MSCBVNVX', accountNumber: number, accountHolder: 'Nguyễn Văn Thư' })}::jsonb,
                  'participant:old', now(), ${today}, now())
          returning id::int as id`,
    );
    const runId = `${today}-old`;
    const r = await createPaymentRun(tdb.db, { runId, now, today, by: 'operator:run', secret: BANK_SECRET });
    expect(r).toMatchObject({ nbOfTxs: 1 });
    const first = (await paymentFile(tdb.db, { runId }, BANK_SECRET)).file;
    expect(first.xml).toContain(`<Id>${number}</Id>`);
    // The file as an older release stored it: in clear.
    await tdb.db.execute(sql`update payment_files set xml = ${first.xml}, xml_sealed = null where run_id = ${runId}`);
    const clearText = () =>
      queryRows<{ t: string }>(
        tdb.db,
        sql`select concat((select json_agg(a)::text from bank_accounts a), (select json_agg(d)::text from data_update_requests d),
                          (select json_agg(p)::text from payment_files p)) as t`,
      ).then((rows) => rows[0]!.t);
    expect(await clearText()).toContain(number);

    const sealed = await sealClearBankAccounts(tdb.db, BANK_SECRET);
    expect(sealed).toEqual({ accounts: 1, requests: 1, files: 1 });
    expect(await clearText()).not.toContain(number);
    const before = await snapshot();
    expect(await sealClearBankAccounts(tdb.db, BANK_SECRET)).toEqual({ accounts: 0, requests: 0, files: 0 });
    expect(await snapshot()).toEqual(before);

    // Served the same bytes; the same proposal finds the (now sealed) account by its keyed hash.
    expect((await paymentFile(tdb.db, { runId }, BANK_SECRET)).file).toMatchObject({
      xml: first.xml,
      sha256: first.sha256,
    });
    expect(
      await proposeAccount(tdb.db, {
        personalId,
        account: { bankCode: 'MSCBVNVX', accountNumber: number, holderName: 'Nguyễn Văn Thư' },
        by: 'participant:x',
        today,
        secret: BANK_SECRET,
      }),
    ).toMatchObject({ created: false, account: { id: acct!.id, accountNumberMasked: '••••0011' } });
    const [request] = await queryRows<{ requested: Record<string, string> }>(
      tdb.db,
      sql`select requested from data_update_requests where id = ${req!.id}`,
    );
    expect(request!.requested).toMatchObject({ bankCode: 'MSCBVNVX', accountLast4: '0011' });
    expect(request!.requested).not.toHaveProperty('accountNumber');
    // Under another secret the sealed rows do not open: the run refuses instead of paying a wrong account.
    await tdb.db.execute(sql`update ui_claim_months set status = 'reported' where claim_id = ${claimId} and idx = 2`);
    await expect(
      createPaymentRun(tdb.db, {
        runId: `${today}-key`,
        now,
        today,
        by: 'operator:run',
        secret: 'another-server-secret-0123456789',
      }),
    ).rejects.toMatchObject({ code: 'ACCOUNT_UNREADABLE' });
    await expect(paymentFile(tdb.db, { runId }, 'another-server-secret-0123456789')).rejects.toMatchObject({
      code: 'ACCOUNT_UNREADABLE',
    });
    // Paid with the right secret, then everything verifies.
    expect(
      await createPaymentRun(tdb.db, { runId: `${today}-key2`, now, today, by: 'operator:run', secret: BANK_SECRET }),
    ).toMatchObject({ nbOfTxs: 1 });
    await tdb.db.execute(sql`update data_update_requests set status = 'cancelled' where id = ${req!.id}`);
    expect((await verifyLedger(tdb.db)).problems).toEqual([]);
    expect((await verifyEbooks(tdb.db)).mismatches).toEqual([]);
  });
});

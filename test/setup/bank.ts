/**
 * The paying bank, for the claim tests (issue 14 part 4): every claimant with a month owed gets a
 * verified account (proposed and verified through the services, as an officer would), a payment
 * run puts the owed months in a file, and the bank's pain.002 executes every transfer of it (ACSC)
 * on `today` — or rejects them with `reject`.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { queryRows } from '../../db/client';
import { addDays, type IsoDate } from '../../domain/calendar';
import { proposeAccount, verifyAccount } from '../../services/bank-accounts';
import { importBankReturns, parsePain002 } from '../../services/bank-returns';
import { createPaymentRun } from '../../services/payment-files';
import { DEV_CLAIM_SUBJECT_KEY } from '../../runtime/config';

/** The secret the tests' workers and services seal account numbers under (the workers' default). */
export const BANK_SECRET = DEV_CLAIM_SUBJECT_KEY;

let run = 0;
let accountSerial = 0;

/**
 * An approved claim written directly (no workflow): `n` benefit months of 7,200,000 ₫, the first
 * `reported` of them with their report recorded (owed), the claim started 40 days × n before `today`.
 */
export async function approvedClaimWithMonths(
  db: Db,
  personalId: string,
  opts: { n: number; reported: number; today: IsoDate; label: string },
): Promise<string> {
  const start = addDays(opts.today, -40 * opts.n);
  const [row] = await queryRows<{ id: string }>(
    db,
    sql`insert into ui_claims (personal_id, workflow_id, status, termination_date, filing_date, region, contract_months,
                               termination_reason, filed_by, decision_deadline, decision, decided_on, monthly_benefit,
                               hi_monthly_contribution, duration_months, start_date, law, eligible)
        values (${personalId}, ${`claim:ui:${opts.label}-${personalId}`}, 'active', ${addDays(start, -30)}, ${addDays(start, -25)},
                'I', 36, 'contract_expired', ${`officer:${opts.label}`}, ${addDays(start, -5)}, 'approved', ${addDays(start, -10)},
                7200000, 324000, ${opts.n}, ${start}, 'LAW_74_2025', true)
        returning id::text as id`,
  );
  for (let i = 1; i <= opts.n; i++) {
    const from = addDays(start, (i - 1) * 30);
    await db.execute(sql`insert into ui_claim_months (claim_id, idx, period_from, period_to, report_deadline, payment_deadline, status, reported_on)
      values (${row!.id}, ${i}, ${from}, ${addDays(from, 29)}, ${addDays(from, 5)}, ${addDays(from, 10)},
              ${i <= opts.reported ? 'reported' : 'scheduled'}, ${i <= opts.reported ? addDays(from, 3) : null})`);
  }
  return row!.id;
}

/** A verified account for every claimant who has a month owed and none verified. */
export async function verifyAccountsOfClaimants(db: Db, today: IsoDate): Promise<void> {
  const people = await queryRows<{ personal_id: string; full_name: string }>(
    db,
    sql`select distinct p.personal_id, p.full_name from ui_claim_months m join ui_claims c on c.id = m.claim_id
          join participants p on p.personal_id = c.personal_id
         where m.status in ('reported','returned')
           and not exists (select 1 from bank_accounts a where a.personal_id = p.personal_id and a.status = 'verified')`,
  );
  for (const p of people) {
    accountSerial++;
    await proposeAccount(db, {
      personalId: p.personal_id,
      account: { bankCode: 'BFTVVNVX', accountNumber: String(1_000_000_000 + accountSerial), holderName: p.full_name },
      by: 'participant:test',
      today,
      secret: BANK_SECRET,
    });
    await verifyAccount(db, { personalId: p.personal_id, officer: 'officer:test', today });
  }
}

/** The status report of the transfers instructed and not yet settled, each with `sts`. */
export function statusReport(items: { endToEndId: string; sts: string; reason?: string }[], date: IsoDate): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.002.001.10"><CstmrPmtStsRpt>
<GrpHdr><MsgId>TEST-STS</MsgId><CreDtTm>${date}T16:00:00+07:00</CreDtTm></GrpHdr>
<OrgnlPmtInfAndSts>${items
    .map(
      (i) =>
        `<TxInfAndSts><OrgnlEndToEndId>${i.endToEndId}</OrgnlEndToEndId><TxSts>${i.sts}</TxSts>${
          i.reason ? `<StsRsnInf><Rsn><Cd>${i.reason}</Cd></Rsn></StsRsnInf>` : ''
        }<AccptncDtTm>${date}T09:00:00+07:00</AccptncDtTm></TxInfAndSts>`,
    )
    .join('')}</OrgnlPmtInfAndSts></CstmrPmtStsRpt></Document>`;
}

/** Pays every owed month by bank: accounts verified, one payment run, the bank's report (ACSC, or RJCT with `reject`). Returns the months settled. */
export async function payByBank(db: Db, today: IsoDate, opts: { reject?: string } = {}): Promise<number> {
  await verifyAccountsOfClaimants(db, today);
  run++;
  await createPaymentRun(db, {
    runId: `${today}-t${run}`,
    now: new Date(`${today}T03:00:00Z`),
    today,
    by: 'operator:test',
    secret: BANK_SECRET,
  });
  const open = await queryRows<{ end_to_end_id: string }>(
    db,
    sql`select end_to_end_id from payment_instructions where status = 'instructed' order by id`,
  );
  if (!open.length) return 0;
  const report = statusReport(
    open.map((o) => ({
      endToEndId: o.end_to_end_id,
      sts: opts.reject ? 'RJCT' : 'ACSC',
      ...(opts.reject ? { reason: opts.reject } : {}),
    })),
    today,
  );
  const r = await importBankReturns(db, parsePain002(report), { author: 'bank:test', today });
  return r.paid + r.returned;
}

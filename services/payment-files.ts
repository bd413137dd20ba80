/**
 * The payment run (issue 14 part 4; rules §8.36): on a payment date, every benefit month the UI
 * fund owes (its report recorded, or returned by the bank) whose participant has a verified account
 * goes into ONE ISO 20022 pain.001.001.09 file, each month one credit transfer whose EndToEndId is
 * the month's payment key for this attempt. One transaction: the file (bytes and sha256), the
 * instructions, the months `instructed`, an audit event per claim and the e-books re-rendered. The
 * run id is the business key: the same run again returns the same file, byte for byte, and
 * instructs nothing twice (the unique indexes: one open instruction per month, one per attempt).
 * A month whose participant has no verified account waits, with an officer task
 * (`claim.payment_no_account`), and joins the first run after an account is verified.
 * The accounts' numbers are opened (services/bank-accounts.ts: sealed at rest) only here, to be
 * written into the file; the file's bytes are the one place they rest unsealed, as the bank needs them.
 */
import { createHash } from 'node:crypto';
import { bankName } from '../domain/bank-account';
import type { IsoDate } from '../domain/calendar';
import { DomainError } from '../domain/errors';
import {
  buildPain001,
  ctrlSumOf,
  MAX_PAYMENT_ATTEMPTS,
  paymentKeyOf,
  RUN_ID_PATTERN,
  type CreditTransfer,
  type DebtorAccount,
} from '../domain/iso20022';
import { TASK_QUEUES } from '../domain/tasks';
import type { Db } from '../db/client';
import { audit } from '../db/queries/audit';
import {
  findPaymentFile,
  insertInstructions,
  insertPaymentFile,
  instructionsOfFile,
  lockPayableMonths,
  lockRun,
  monthPaymentsOf,
  setMonthsInstructed,
  type PaymentFileRecord,
} from '../db/queries/bank-payments';
import { rewriteEbooks } from '../db/queries/ebooks';
import { closeTasks, openTask } from '../db/queries/tasks';
import { accountNumberOf, accountNumberOpener, NO_ACCOUNT_TASK, paymentFileSealer } from './bank-accounts';

/** The UI fund's account the transfers are debited from, unless the configuration names another (UI_FUND_*). */
export const DEFAULT_UI_FUND_DEBTOR: DebtorAccount = {
  name: 'BAO HIEM XA HOI VIET NAM - QUY BAO HIEM THAT NGHIEP',
  account: '1200000000001',
  bic: 'BIDVVNVX',
};

export interface PaymentRunResult {
  runId: string;
  fileId: number | null;
  msgId: string | null;
  nbOfTxs: number;
  ctrlSum: string;
  sha256: string | null;
  /** False when the run had been made before: its file is returned as stored. */
  created: boolean;
  /** Months owed that wait for a verified account (an officer task each claim). */
  waitingForAccount: number;
}

const summaryOf = (f: PaymentFileRecord, created: boolean, waiting: number): PaymentRunResult => ({
  runId: f.runId,
  fileId: f.id,
  msgId: f.msgId,
  nbOfTxs: f.nbOfTxs,
  ctrlSum: f.ctrlSum,
  sha256: f.sha256,
  created,
  waitingForAccount: waiting,
});

/** The pain.001 message id of a run (Max35Text). */
export const msgIdOf = (runId: string) => `ANSINH-UI-${runId}`;

/**
 * Makes the run's payment file (see the module's comment). `now` is the application clock's
 * instant (GrpHdr/CreDtTm), `today` its date; the run's date is its id's date.
 */
export async function createPaymentRun(
  db: Db,
  input: { runId: string; now: Date; today: IsoDate; by: string; debtor?: DebtorAccount; secret: string },
): Promise<PaymentRunResult> {
  if (!RUN_ID_PATTERN.test(input.runId))
    throw new DomainError('INVALID_RUN_ID', 'a payment run id is its date, YYYY-MM-DD (optionally -suffix)', 'runId');
  const runDate = input.runId.slice(0, 10);
  if (runDate > input.today)
    throw new DomainError('RUN_DATE_IN_FUTURE', 'a payment run is made on its payment date, not before', 'runId');
  const debtor = input.debtor ?? DEFAULT_UI_FUND_DEBTOR;
  return db.transaction(async (tx) => {
    await lockRun(tx, input.runId);
    const done = await findPaymentFile(tx, { runId: input.runId });
    if (done) return summaryOf(done, false, 0);
    const owed = await lockPayableMonths(tx);
    const payable = owed.filter((m) => m.account_id !== null);
    const waiting = owed.filter((m) => m.account_id === null);
    // The officers' wait for an account, one per claim: keyed by the claim's first waiting month and
    // its attempts so far, so a later run adds none while it is open, and a new wait (after a return) is new.
    const firstWaiting = new Map<string, (typeof waiting)[number]>();
    for (const m of waiting) if (!firstWaiting.has(m.claim_id)) firstWaiting.set(m.claim_id, m);
    for (const [claimId, m] of firstWaiting)
      await openTask(tx, {
        dedupeKey: `claim:${claimId}:payment_no_account:${m.idx}:${m.attempts}`,
        kind: NO_ACCOUNT_TASK,
        queue: TASK_QUEUES.claims,
        dueDate: m.payment_deadline,
        claimId,
        details: { month: m.idx, runId: input.runId },
      });
    if (payable.length === 0) {
      return {
        runId: input.runId,
        fileId: null,
        msgId: null,
        nbOfTxs: 0,
        ctrlSum: '0',
        sha256: null,
        created: false,
        waitingForAccount: waiting.length,
      };
    }
    const transfers: CreditTransfer[] = [];
    const open = accountNumberOpener(input.secret);
    const rows = payable.map((m) => {
      const attempt = m.attempts + 1;
      if (attempt > MAX_PAYMENT_ATTEMPTS)
        throw new DomainError('TOO_MANY_ATTEMPTS', `benefit month ${m.idx} was instructed ${m.attempts} times`);
      const endToEndId = paymentKeyOf(m.claim_id, m.idx, attempt);
      transfers.push({
        endToEndId,
        amount: m.amount,
        creditorName: bankName(m.holder_name!),
        creditorAccount: accountNumberOf(open, {
          personalId: m.personal_id,
          accountNumber: m.account_number,
          accountSealed: m.account_sealed,
        }),
        creditorBic: m.bank_code!,
        remittance: `TRO CAP THAT NGHIEP THANG ${m.idx} ${endToEndId}`,
      });
      return { m, attempt, endToEndId };
    });
    const msgId = msgIdOf(input.runId);
    const xml = buildPain001({ msgId, createdAt: input.now, executionDate: runDate, debtor, transfers });
    const file = await insertPaymentFile(tx, {
      runId: input.runId,
      msgId,
      runDate,
      createdAt: input.now,
      nbOfTxs: transfers.length,
      ctrlSum: ctrlSumOf(transfers.map((t) => t.amount)),
      xml: null,
      xmlSealed: paymentFileSealer(input.secret).seal(xml),
      sha256: createHash('sha256').update(xml, 'utf8').digest('hex'),
      createdBy: input.by,
    });
    await insertInstructions(
      tx,
      rows.map(({ m, attempt, endToEndId }) => ({
        claimId: m.claim_id,
        idx: m.idx,
        attempt,
        endToEndId,
        paymentFileId: file.id,
        bankAccountId: m.account_id!,
        amount: m.amount,
      })),
    );
    await setMonthsInstructed(
      tx,
      payable.map((m) => ({ claimId: m.claim_id, idx: m.idx, amount: m.amount })),
    );
    const claims = [...new Set(payable.map((m) => m.claim_id))];
    for (const claimId of claims) {
      await closeTasks(tx, { kinds: [NO_ACCOUNT_TASK], claimId }, { status: 'done', by: input.by });
      await audit(tx, {
        actor: input.by,
        action: 'claim.payment_instructed',
        subjectType: 'claim',
        subjectId: claimId,
        details: { runId: input.runId, months: payable.filter((m) => m.claim_id === claimId).map((m) => m.idx) },
      });
    }
    await rewriteEbooks(tx, [...new Set(payable.map((m) => m.personal_id))]);
    return summaryOf(file, true, waiting.length);
  });
}

/**
 * A claim's months as the database has them (status, payment date): the bank moves them after the
 * workflow's payment step (instructed, paid, returned), so the claim's state reads them here.
 */
export async function claimMonthPayments(
  db: Db,
  claimId: string,
): Promise<Map<number, { status: string; paidOn: IsoDate | null }>> {
  const rows = await monthPaymentsOf(db, claimId);
  return new Map(rows.map((r) => [r.idx, { status: r.status, paidOn: r.paid_on }]));
}

/** A stored file as the bank gets it: opened (a payment file may be large), or as kept before migration 0024. */
export type OpenedPaymentFile = Omit<PaymentFileRecord, 'xml' | 'xmlSealed'> & { xml: string };

/** A run's stored file: its XML bytes (opened) and what the header says. NOT_FOUND when there is none. */
export async function paymentFile(
  db: Db,
  by: { runId: string } | { id: number },
  secret: string,
): Promise<{ file: OpenedPaymentFile; transfers: { endToEndId: string; status: string }[] }> {
  const stored = await findPaymentFile(db, by);
  if (!stored) throw new DomainError('NOT_FOUND', 'no payment file for this run', 'id' in by ? 'id' : 'runId');
  const { xmlSealed, xml: clear, ...header } = stored;
  const xml = clear ?? (xmlSealed === null ? null : paymentFileSealer(secret).open(xmlSealed));
  if (typeof xml !== 'string')
    throw new DomainError(
      'ACCOUNT_UNREADABLE',
      'the stored payment file does not open with the server secret (CLAIM_SUBJECT_KEY changed, or the row was altered)',
    );
  const instructions = await instructionsOfFile(db, stored.id);
  return {
    file: { ...header, xml },
    transfers: instructions.map((i) => ({ endToEndId: i.endToEndId, status: i.status })),
  };
}

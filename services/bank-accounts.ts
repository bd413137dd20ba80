/**
 * Participants' bank accounts for benefit payments (issue 14 part 4; rules §8.35). An account is
 * proposed (`proposeBankAccount`: by the participant, at filing, or by the approval of a
 * `bank_account` data-update request, issue 14 part 1), then verified by an officer
 * (`verifyBankAccount`); payments go only to the verified one. Both take the caller's transaction,
 * so a filing or a data-update approval writes the account in its own transaction.
 *
 * The account number is sealed at rest (migration 0024): AES-256-GCM under a key derived (HKDF)
 * from the server secret for this purpose alone (`services/seal.ts`), bound to its participant, with
 * a keyed hash (HMAC-SHA-256, another derived key) for equality and the last 4 digits for display.
 * Only the payment run opens it, to write the pain.001 file. It never leaves this module's answers
 * except masked, and is never in a log, an audit detail or a Temporal payload.
 */
import { createHmac, hkdfSync } from 'node:crypto';
import type { IsoDate } from '../domain/calendar';
import { checkBankAccount, holderIsParticipant, maskAccountNumber, VN_BANKS } from '../domain/bank-account';
import { bankAccountInputSchema, type BankAccountInput } from '../domain/schemas';
import { DomainError } from '../domain/errors';
import { issuesFromZod } from '../domain/issues';
import type { Db, Tx } from '../db/client';
import { audit } from '../db/queries/audit';
import {
  accountsOf,
  claimIdsOf,
  insertAccount,
  lockAccountsOf,
  lockClearAccountRequests,
  lockClearAccounts,
  lockClearPaymentFiles,
  participantName,
  setAccount,
  setPaymentFileSealed,
  setRequested,
  type BankAccountRecord,
} from '../db/queries/bank-payments';
import { closeTasks } from '../db/queries/tasks';
import { sealer } from './seal';

export const NO_ACCOUNT_TASK = 'claim.payment_no_account';

const SEAL_PURPOSE = 'bank-account-number';
const hmacKeys = new Map<string, Buffer>();
function hmacKey(secret: string): Buffer {
  let k = hmacKeys.get(secret);
  if (!k) {
    k = Buffer.from(hkdfSync('sha256', secret, 'ansinh-bank-account', 'account-number-hmac-v1', 32));
    hmacKeys.set(secret, k);
  }
  return k;
}

/** The keyed hash of an account number (HMAC-SHA-256, hex): the same number, the same hash; no number from it. */
export const accountNumberHmac = (secret: string, accountNumber: string): string =>
  createHmac('sha256', hmacKey(secret)).update(accountNumber).digest('hex');

/** What a sealed account number opens to: the number and the participant it was sealed for. */
interface SealedNumber {
  p: string;
  n: string;
}

/** The account number sealed for its participant (opens only with this secret, for this person). */
export const sealAccountNumber = (secret: string, personalId: string, accountNumber: string): string =>
  sealer(secret, SEAL_PURPOSE).seal({ p: personalId, n: accountNumber } satisfies SealedNumber);

/**
 * An opener of sealed account numbers (the key derived once: a payment run opens thousands). The
 * number, or null when the value was not sealed with this secret for this person, or was altered.
 */
export function accountNumberOpener(secret: string): (personalId: string, sealed: string) => string | null {
  const s = sealer(secret, SEAL_PURPOSE);
  return (personalId, sealed) => {
    const v = s.open(sealed) as Partial<SealedNumber> | null;
    return v && v.p === personalId && typeof v.n === 'string' ? v.n : null;
  };
}

/** The sealed columns of an account number: the seal, the keyed hash and the last 4 digits. */
export const sealedColumns = (secret: string, personalId: string, accountNumber: string) => ({
  accountNumber: null,
  accountSealed: sealAccountNumber(secret, personalId, accountNumber),
  accountHmac: accountNumberHmac(secret, accountNumber),
  accountLast4: accountNumber.slice(-4),
});

/**
 * The sealer of stored pain.001 files (services/payment-files.ts): they carry the creditors'
 * account numbers, so they rest sealed too, under a purpose of their own (a file may be large).
 */
export const paymentFileSealer = (secret: string) => sealer(secret, 'payment-file', { maxLength: 512 * 1024 * 1024 });

/**
 * The rows kept in clear from before migration 0024 sealed, in one transaction, idempotent (a
 * second run finds none): accounts (the number replaced by its seal and keyed hash),
 * `bank_account` data-update requests (the number in `requested` replaced by its seal and last 4
 * digits) and stored payment files. Run by `ansinh start` and `ansinh worker` as they start; until
 * then the code reads a clear row as before. Returns how many of each it sealed (counts only).
 */
export async function sealClearBankAccounts(
  db: Db,
  secret: string,
): Promise<{ accounts: number; requests: number; files: number }> {
  return db.transaction(async (tx) => {
    const accounts = await lockClearAccounts(tx);
    for (const a of accounts) await setAccount(tx, a.id, sealedColumns(secret, a.personalId, a.accountNumber));
    const requests = await lockClearAccountRequests(tx);
    for (const r of requests) await setRequested(tx, r.id, sealedRequest(secret, r.personalId, r.requested));
    const files = await lockClearPaymentFiles(tx);
    for (const f of files) await setPaymentFileSealed(tx, f.id, paymentFileSealer(secret).seal(f.xml));
    return { accounts: accounts.length, requests: requests.length, files: files.length };
  });
}

/**
 * What a `bank_account` data-update request keeps of the account asked for: the bank, the holder,
 * the number sealed for the person and its last 4 digits — never the number in clear.
 */
export function sealedRequest(secret: string, personalId: string, requested: Record<string, string>) {
  const { accountNumber, ...rest } = requested;
  if (accountNumber === undefined) return requested;
  return {
    ...rest,
    accountLast4: accountNumber.slice(-4),
    accountSealed: sealAccountNumber(secret, personalId, accountNumber),
  };
}

/**
 * The number a `bank_account` request asked for, opened (or in clear, a request filed before
 * migration 0024 and not yet sealed). ACCOUNT_UNREADABLE when its seal does not open with this secret.
 */
export function requestedAccountNumber(secret: string, personalId: string, requested: Record<string, string>): string {
  if (requested['accountNumber'] !== undefined) return requested['accountNumber'];
  const n = requested['accountSealed'] ? accountNumberOpener(secret)(personalId, requested['accountSealed']) : null;
  if (n === null) throw unreadable();
  return n;
}

/** A request's values as answers show them: the number masked, the seal left out. */
export function requestedForDisplay(requested: Record<string, string>): Record<string, string> {
  const { accountSealed: _s, accountLast4, accountNumber, ...rest } = requested;
  if (accountLast4 === undefined && accountNumber === undefined) return requested;
  return { ...rest, accountNumber: maskAccountNumber(accountLast4 ?? accountNumber!) };
}

const unreadable = () =>
  new DomainError(
    'ACCOUNT_UNREADABLE',
    'a stored bank account number does not open with the server secret (CLAIM_SUBJECT_KEY changed, or the row was altered)',
  );

/** An account's number, opened (the payment run only). ACCOUNT_UNREADABLE when its seal does not open. */
export function accountNumberOf(
  open: (personalId: string, sealed: string) => string | null,
  a: { personalId: string; accountNumber: string | null; accountSealed: string | null },
): string {
  if (a.accountNumber !== null) return a.accountNumber;
  const n = a.accountSealed === null ? null : open(a.personalId, a.accountSealed);
  if (n === null) throw unreadable();
  return n;
}

/** An account as every answer shows it: the number masked to its last 4 digits. */
export interface BankAccountView {
  id: number;
  bankCode: string;
  bankName: string | null;
  accountNumberMasked: string;
  holderName: string;
  status: 'pending' | 'verified' | 'superseded' | 'closed';
  proposedOn: IsoDate;
  verifiedOn: IsoDate | null;
  closedReason: string | null;
  closedOn: IsoDate | null;
}

export function bankAccountView(a: BankAccountRecord): BankAccountView {
  return {
    id: a.id,
    bankCode: a.bankCode,
    bankName: VN_BANKS[a.bankCode.slice(0, 8)] ?? null,
    accountNumberMasked: maskAccountNumber(a.accountLast4),
    holderName: a.holderName,
    status: a.status as BankAccountView['status'],
    proposedOn: a.proposedOn,
    verifiedOn: a.verifiedOn,
    closedReason: a.closedReason,
    closedOn: a.closedOn,
  };
}

/** The input checked against the rules (rules §8.35): a supported bank, a well-formed number, the participant's own name. */
export async function checkedBankAccountInput(tx: Tx, personalId: string, raw: unknown): Promise<BankAccountInput> {
  const parsed = bankAccountInputSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = issuesFromZod(parsed.error.issues);
    throw new DomainError(issues[0]!.code, issues[0]!.message, issues[0]!.field, { errors: issues });
  }
  const check = checkBankAccount(parsed.data.bankCode, parsed.data.accountNumber);
  if (!check.ok)
    throw new DomainError(check.issue, `the bank account cannot be paid into (${check.issue})`, check.field);
  const name = await participantName(tx, personalId);
  if (name === undefined)
    throw new DomainError('PARTICIPANT_NOT_FOUND', 'no participant with this personal ID', 'personalId');
  if (!holderIsParticipant(parsed.data.holderName, name))
    throw new DomainError(
      'ACCOUNT_HOLDER_MISMATCH',
      "the account holder is not the participant: benefits are paid into the beneficiary's own account",
      'holderName',
    );
  return { ...parsed.data, bankCode: check.bankCode, accountNumber: check.accountNumber };
}

/** The same account: bank, number (by its keyed hash; in clear for a row from before migration 0024) and holder. */
const sameAccount = (a: BankAccountRecord, b: BankAccountInput, hmac: string) =>
  a.bankCode === b.bankCode &&
  (a.accountHmac !== null ? a.accountHmac === hmac : a.accountNumber === b.accountNumber) &&
  a.holderName === b.holderName;

/**
 * A proposed account, `pending` until an officer verifies it. The same account again returns the
 * pending (or verified) one unchanged; a different one supersedes the pending proposal. Refusals
 * (INVALID_BANK_CODE, UNSUPPORTED_BANK, INVALID_ACCOUNT_NUMBER, ACCOUNT_HOLDER_MISMATCH) write nothing.
 */
export async function proposeBankAccount(
  tx: Tx,
  input: { personalId: string; account: unknown; by: string; today: IsoDate; secret: string },
): Promise<{ account: BankAccountView; created: boolean }> {
  const account = await checkedBankAccountInput(tx, input.personalId, input.account);
  const hmac = accountNumberHmac(input.secret, account.accountNumber);
  const existing = await lockAccountsOf(tx, input.personalId);
  const same = existing.find(
    (a) => (a.status === 'pending' || a.status === 'verified') && sameAccount(a, account, hmac),
  );
  if (same) return { account: bankAccountView(same), created: false };
  for (const a of existing.filter((x) => x.status === 'pending')) await setAccount(tx, a.id, { status: 'superseded' });
  const row = await insertAccount(tx, {
    personalId: input.personalId,
    bankCode: account.bankCode,
    ...sealedColumns(input.secret, input.personalId, account.accountNumber),
    holderName: account.holderName,
    status: 'pending',
    proposedBy: input.by,
    proposedOn: input.today,
  });
  await audit(tx, {
    actor: input.by,
    action: 'bank_account.proposed',
    subjectType: 'bank_account',
    subjectId: String(row.id),
    details: { bankCode: row.bankCode },
  });
  return { account: bankAccountView(row), created: true };
}

/**
 * The contract the data-update review (issue 14 part 1, activities/data-updates.ts) calls too: an officer verifies the
 * participant's pending account `accountId` (the latest pending one when not given). It becomes
 * the one verified account (the earlier verified one `superseded`, in the same transaction: the
 * partial unique index allows one), the officers' "no account" waits of the person's claims close,
 * and the months waiting for an account join the next payment run. Verifying the verified account
 * again returns it (idempotent); a superseded or closed one is WRONG_STATE; none pending is
 * NO_PENDING_ACCOUNT. Writes no e-book (the book does not show accounts).
 */
export async function verifyBankAccount(
  tx: Tx,
  input: { personalId: string; accountId?: number; officer: string; today: IsoDate },
): Promise<{ account: BankAccountView; verified: boolean }> {
  const accounts = await lockAccountsOf(tx, input.personalId);
  const target =
    input.accountId !== undefined
      ? accounts.find((a) => a.id === input.accountId)
      : [...accounts].reverse().find((a) => a.status === 'pending');
  if (!target)
    throw new DomainError(
      input.accountId !== undefined ? 'NOT_FOUND' : 'NO_PENDING_ACCOUNT',
      input.accountId !== undefined
        ? 'no such bank account of this participant'
        : 'no bank account awaits verification',
      'accountId',
    );
  if (target.status === 'verified') return { account: bankAccountView(target), verified: false };
  if (target.status !== 'pending')
    throw new DomainError('WRONG_STATE', `a ${target.status} bank account cannot be verified`, 'accountId');
  for (const a of accounts.filter((x) => x.status === 'verified')) await setAccount(tx, a.id, { status: 'superseded' });
  await setAccount(tx, target.id, { status: 'verified', verifiedBy: input.officer, verifiedOn: input.today });
  for (const claimId of await claimIdsOf(tx, input.personalId))
    await closeTasks(tx, { kinds: [NO_ACCOUNT_TASK], claimId }, { status: 'done', by: input.officer });
  await audit(tx, {
    actor: input.officer,
    action: 'bank_account.verified',
    subjectType: 'bank_account',
    subjectId: String(target.id),
  });
  return {
    account: bankAccountView({ ...target, status: 'verified', verifiedBy: input.officer, verifiedOn: input.today }),
    verified: true,
  };
}

/** proposeBankAccount in its own transaction (the API and the CLI). */
export function proposeAccount(db: Db, input: Parameters<typeof proposeBankAccount>[1]) {
  return db.transaction((tx) => proposeBankAccount(tx, input));
}

/** verifyBankAccount in its own transaction (the API and the CLI). */
export function verifyAccount(db: Db, input: Parameters<typeof verifyBankAccount>[1]) {
  return db.transaction((tx) => verifyBankAccount(tx, input));
}

/** A participant's accounts, newest first, masked. */
export async function bankAccountsOf(db: Db, personalId: string): Promise<BankAccountView[]> {
  return (await accountsOf(db, personalId)).map(bankAccountView);
}

/**
 * Participants' bank accounts for benefit payments (issue 14 part 4; rules §8.35). An account is
 * proposed (`proposeBankAccount`: by the participant, at filing, or — when issue 14 part 1 lands —
 * by a data-update request), then verified by an officer (`verifyBankAccount`); payments go only
 * to the verified one. Both take the caller's transaction, so a filing or a data-update approval
 * writes the account in its own transaction. The account number never leaves this module's
 * answers except masked (last 4 digits), and is never in a log, an audit detail or a payload.
 */
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
  participantName,
  setAccount,
  type BankAccountRecord,
} from '../db/queries/bank-payments';
import { closeTasks } from '../db/queries/tasks';

export const NO_ACCOUNT_TASK = 'claim.payment_no_account';

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
    accountNumberMasked: maskAccountNumber(a.accountNumber),
    holderName: a.holderName,
    status: a.status as BankAccountView['status'],
    proposedOn: a.proposedOn,
    verifiedOn: a.verifiedOn,
    closedReason: a.closedReason,
    closedOn: a.closedOn,
  };
}

/** The input checked against the rules (rules §8.35): a supported bank, a well-formed number, the participant's own name. */
async function checkedInput(tx: Tx, personalId: string, raw: unknown): Promise<BankAccountInput> {
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

const sameAccount = (a: BankAccountRecord, b: BankAccountInput) =>
  a.bankCode === b.bankCode && a.accountNumber === b.accountNumber && a.holderName === b.holderName;

/**
 * A proposed account, `pending` until an officer verifies it. The same account again returns the
 * pending (or verified) one unchanged; a different one supersedes the pending proposal. Refusals
 * (INVALID_BANK_CODE, UNSUPPORTED_BANK, INVALID_ACCOUNT_NUMBER, ACCOUNT_HOLDER_MISMATCH) write nothing.
 */
export async function proposeBankAccount(
  tx: Tx,
  input: { personalId: string; account: unknown; by: string; today: IsoDate },
): Promise<{ account: BankAccountView; created: boolean }> {
  const account = await checkedInput(tx, input.personalId, input.account);
  const existing = await lockAccountsOf(tx, input.personalId);
  const same = existing.find((a) => (a.status === 'pending' || a.status === 'verified') && sameAccount(a, account));
  if (same) return { account: bankAccountView(same), created: false };
  for (const a of existing.filter((x) => x.status === 'pending')) await setAccount(tx, a.id, { status: 'superseded' });
  const row = await insertAccount(tx, {
    personalId: input.personalId,
    bankCode: account.bankCode,
    accountNumber: account.accountNumber,
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
 * The contract the data-update review (issue 14 part 1) calls too: an officer verifies the
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

/**
 * A participant's bank account for benefit payments (issue 14 part 4; rules §8.35): which banks
 * Ansinh can pay into (their BICs), what an account number looks like, and whose account it must
 * be. Pure: the database side is services/bank-accounts.ts.
 */
import { ansinh, rule } from './law';
import { foldName } from './search';

/**
 * The Vietnamese banks Ansinh can instruct a credit transfer to, by BIC (ISO 9362): the banks of
 * the State Bank of Vietnam's list of credit institutions that take part in NAPAS's interbank
 * transfer, with the BIC each publishes for incoming transfers (rules §8.35: [S], not checked
 * against the SWIFT directory, which cannot be reached from here). A branch BIC (11 characters)
 * of one of them is accepted too.
 */
export const VN_BANKS: Readonly<Record<string, string>> = Object.freeze({
  VBAAVNVX: 'Agribank',
  BFTVVNVX: 'Vietcombank',
  ICBVVNVX: 'VietinBank',
  BIDVVNVX: 'BIDV',
  VTCBVNVX: 'Techcombank',
  ASCBVNVX: 'ACB',
  VPBKVNVX: 'VPBank',
  MSCBVNVX: 'MB',
  SGTTVNVX: 'Sacombank',
  TPBVVNVX: 'TPBank',
  HDBCVNVX: 'HDBank',
  VNIBVNVX: 'VIB',
  SHBAVNVX: 'SHB',
  EBVIVNVX: 'Eximbank',
  MCOBVNVX: 'MSB',
  ORCOVNVX: 'OCB',
  SEAVVNVX: 'SeABank',
  LVBKVNVX: 'LPBank',
});

/** Vietnamese account numbers are digits only, 6 to 19 of them (NAPAS's limit; rules §8.35). */
export const ACCOUNT_NUMBER_PATTERN = /^[0-9]{6,19}$/;
const BIC_PATTERN = /^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/;

export type BankAccountIssue = 'INVALID_BANK_CODE' | 'UNSUPPORTED_BANK' | 'INVALID_ACCOUNT_NUMBER';

/**
 * Whether a bank code and an account number can be paid into (rules §8.35): a BIC of a bank of
 * VN_BANKS (or one of its branches), and an account number of 6–19 digits (spaces and dashes as
 * people write them are removed first). Returns the normalised pair, or the issue.
 */
export const checkBankAccount = rule(
  ansinh.decision('8.35'),
  function checkBankAccount(
    bankCode: string,
    accountNumber: string,
  ): { ok: true; bankCode: string; accountNumber: string } | { ok: false; issue: BankAccountIssue; field: string } {
    const bic = bankCode.trim().toUpperCase();
    if (!BIC_PATTERN.test(bic)) return { ok: false, issue: 'INVALID_BANK_CODE', field: 'bankCode' };
    if (!(bic.slice(0, 8) in VN_BANKS)) return { ok: false, issue: 'UNSUPPORTED_BANK', field: 'bankCode' };
    const number = accountNumber.replace(/[\s-]/g, '');
    if (!ACCOUNT_NUMBER_PATTERN.test(number))
      return { ok: false, issue: 'INVALID_ACCOUNT_NUMBER', field: 'accountNumber' };
    return { ok: true, bankCode: bic, accountNumber: number };
  },
);

/**
 * The benefit is paid into the beneficiary's own account (rules §8.35): the holder's name, folded
 * (accents, case and spacing ignored, as banks write names without diacritics), is the
 * participant's name on record.
 */
export const holderIsParticipant = rule(
  ansinh.decision('8.35'),
  function holderIsParticipant(holderName: string, participantName: string): boolean {
    return foldName(holderName) === foldName(participantName);
  },
);

/** How a name goes into a payment file: folded to unaccented capitals, as Vietnamese banks hold it. */
export function bankName(name: string): string {
  return foldName(name).toUpperCase();
}

/** The last 4 digits, the only part of an account number a page ever shows. */
export function maskAccountNumber(n: string): string {
  return `••••${n.slice(-4)}`;
}

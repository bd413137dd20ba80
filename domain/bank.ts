/**
 * Money counts only once the agency's bank says it arrived (rules §8.7; issue #9 §3). A bank
 * statement of the collection account is a list of lines; one line is one transaction of the bank,
 * keyed by the bank's own reference. This module is the pure part: a line's shape and validation,
 * what in its remittance text identifies an employer (a tax code, rules §5 and §8.10, or the
 * reference of a pending announcement), and the decision that follows. The database side is
 * services/bank.ts (db/queries/bank.ts).
 */
import { z } from 'zod';
import { type IsoDate } from './calendar';
import { isoDateSchema } from './schemas-fields';
import { validateTaxCode } from './identifiers';
import { Dec } from './money';
import { MAX_PAYMENT_AMOUNT } from './schemas';

/** The collection account books contributions in dong; other currencies are never booked (rules §8.7, a project decision). */
export const BOOKED_CURRENCY = 'VND';

export type StatementFormat = 'csv' | 'camt053';
export const statementFormatSchema = z.enum(['csv', 'camt053']);

/** One transaction of the bank statement, as parsed from the file. */
export interface StatementLine {
  /** Position in its file: the CSV line number, or the camt.053 transaction's ordinal (1-based). */
  line: number;
  /** The bank's own reference of the transaction (camt.053 AcctSvcrRef): the idempotency key. */
  bankReference: string;
  direction: 'credit' | 'debit';
  /** A positive decimal as the bank gave it, normalised (no leading zeros; VND: whole dong). */
  amount: string;
  currency: string;
  valueDate: IsoDate;
  bookingDate: IsoDate | null;
  /** Unstructured remittance text (camt.053 RmtInf/Ustrd lines joined by a space). */
  remittance: string;
  endToEndId: string | null;
}

/** Why a line is not booked: suspense (an officer assigns it) or ignored (never contribution money). */
export const LINE_REASONS = {
  /** Suspense: the remittance names no registered employer's tax code and matches no pending announcement. */
  NO_EMPLOYER_MATCH: 'NO_EMPLOYER_MATCH',
  /** Suspense: the remittance names, or its announcement belongs to, more than one employer. */
  AMBIGUOUS_EMPLOYER: 'AMBIGUOUS_EMPLOYER',
  /** Ignored: money leaving the account (a refund, a fee) is not an employer's payment. */
  DEBIT: 'DEBIT',
  /** Ignored: the collection account books dong only; a foreign-currency credit is handled outside Ansinh. */
  NOT_VND: 'NOT_VND',
} as const;

const printable = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    // eslint-disable-next-line no-control-regex
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'INVALID_TEXT: no control characters')
    .refine(
      (s) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s),
      'INVALID_TEXT: no lone surrogates',
    )
    .transform((s) => s.normalize('NFC'));

const amountSchema = z
  .string()
  .trim()
  .regex(
    /^\d{1,17}(\.\d{1,3})?$/,
    'INVALID_AMOUNT: a positive decimal with "." before at most 3 decimals, at most 17 digits before it, no thousands separators',
  )
  .transform((s) => {
    const [int, frac = ''] = s.split('.');
    const i = int!.replace(/^0+(?=\d)/, '');
    const f = frac.replace(/0+$/, '');
    return f ? `${i}.${f}` : i;
  })
  .pipe(z.string().refine((s) => /[1-9]/.test(s), 'INVALID_AMOUNT: an amount is more than 0'));

/** A line as the parsers hand it over (strings from the file); transformed into a StatementLine. */
export const statementLineSchema = z
  .object({
    line: z.number().int().positive(),
    bankReference: printable(64).pipe(z.string().min(1, 'INVALID_BANK_REFERENCE: the bank reference is missing')),
    direction: z
      .string()
      .trim()
      .toUpperCase()
      .pipe(z.enum(['CRDT', 'DBIT', 'C', 'D', 'CREDIT', 'DEBIT'], 'INVALID_DIRECTION: CRDT or DBIT'))
      .transform((d) => (d.startsWith('C') ? ('credit' as const) : ('debit' as const))),
    amount: amountSchema,
    currency: z
      .string()
      .trim()
      .toUpperCase()
      .pipe(z.string().regex(/^[A-Z]{3}$/, 'INVALID_CURRENCY: an ISO 4217 code such as VND')),
    valueDate: isoDateSchema,
    bookingDate: isoDateSchema.nullable(),
    remittance: printable(1000),
    endToEndId: printable(64).nullable(),
  })
  .superRefine((l, ctx) => {
    // Runs after the fields' own checks (a malformed amount is reported once, by its own check).
    if (l.currency === BOOKED_CURRENCY && /^\d{1,17}\.\d{1,3}$/.test(l.amount)) {
      ctx.addIssue({ code: 'custom', path: ['amount'], message: 'INVALID_AMOUNT: a dong amount has no fraction' });
    } else if (l.currency === BOOKED_CURRENCY && /^\d+$/.test(l.amount) && new Dec(l.amount).gt(MAX_PAYMENT_AMOUNT)) {
      ctx.addIssue({
        code: 'custom',
        path: ['amount'],
        message: `AMOUNT_TOO_LARGE: at most ${MAX_PAYMENT_AMOUNT} VND`,
      });
    }
  });

/**
 * Tax codes written in a remittance text: every run of 10 digits (optionally "-" and 3 digits of a
 * dependent unit) not inside a longer number, that is a tax code by domain/identifiers.ts (rules §5;
 * a check-digit warning does not exclude it, rules §8.10: the register decides whether it is an employer).
 */
export function taxCodesIn(remittance: string): string[] {
  const found = new Set<string>();
  for (const m of remittance.matchAll(/(?<!\d)\d{10}(?:-\d{3})?(?!\d)/g)) {
    if (validateTaxCode(m[0]).ok) found.add(m[0]);
  }
  return [...found];
}

/** Characters of a reference (the same alphabet as a payment's bank reference). */
const REFERENCE_TOKEN = /[A-Za-z0-9._:/-]+/g;

/**
 * The words of a remittance text (and the end-to-end id) an announcement's reference can be: a
 * reference matches when it is one of them, compared without case. Banks keep letters, digits and
 * these punctuation marks of a transfer's text; a reference glued to other text does not match.
 */
export function referenceTokens(remittance: string, endToEndId: string | null): string[] {
  const tokens = new Set((remittance.match(REFERENCE_TOKEN) ?? []).map((t) => t.toUpperCase()));
  if (endToEndId) tokens.add(endToEndId.toUpperCase());
  return [...tokens];
}

export interface AnnouncementCandidate {
  id: number;
  taxCode: string;
}

export type LineMatch =
  | { kind: 'employer'; taxCode: string; announcementId: number | null }
  | { kind: 'suspense'; reason: keyof typeof LINE_REASONS };

/**
 * Which employer a credit line pays (rules §8.7). The tax code in the remittance decides when it
 * names exactly one registered employer (an announcement of that employer found in the same text
 * is matched with it); with no registered tax code, pending announcements whose reference the text
 * carries decide when they all belong to one employer (the oldest is matched). Anything else is
 * suspense.
 */
export function matchLine(
  registeredTaxCodes: readonly string[],
  announcements: readonly AnnouncementCandidate[],
): LineMatch {
  const oldestOf = (taxCode: string) =>
    announcements.filter((a) => a.taxCode === taxCode).sort((a, b) => a.id - b.id)[0]?.id ?? null;
  const codes = [...new Set(registeredTaxCodes)];
  if (codes.length > 1) return { kind: 'suspense', reason: 'AMBIGUOUS_EMPLOYER' };
  if (codes.length === 1) return { kind: 'employer', taxCode: codes[0]!, announcementId: oldestOf(codes[0]!) };
  const owners = [...new Set(announcements.map((a) => a.taxCode))];
  if (owners.length > 1) return { kind: 'suspense', reason: 'AMBIGUOUS_EMPLOYER' };
  if (owners.length === 1) return { kind: 'employer', taxCode: owners[0]!, announcementId: oldestOf(owners[0]!) };
  return { kind: 'suspense', reason: 'NO_EMPLOYER_MATCH' };
}

/** Whether a line can be booked at all, or why it is ignored. */
export function ignoredReason(l: Pick<StatementLine, 'direction' | 'currency'>): 'DEBIT' | 'NOT_VND' | null {
  if (l.direction === 'debit') return 'DEBIT';
  if (l.currency !== BOOKED_CURRENCY) return 'NOT_VND';
  return null;
}

/**
 * Two lines with the same bank reference are the same transaction when direction, amount, currency
 * and value date agree. The remittance text is not compared: a bank's CSV export and its camt.053
 * of the same day carry the same transactions, the CSV often with a shortened text.
 */
export function sameTransaction(
  a: Pick<StatementLine, 'bankReference' | 'direction' | 'amount' | 'currency' | 'valueDate'>,
  b: Pick<StatementLine, 'bankReference' | 'direction' | 'amount' | 'currency' | 'valueDate'>,
): boolean {
  return (
    a.bankReference === b.bankReference &&
    a.direction === b.direction &&
    a.amount === b.amount &&
    a.currency === b.currency &&
    a.valueDate === b.valueDate
  );
}

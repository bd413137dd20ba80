/**
 * The paying bank's answers to a payment file (issue 14 part 4; rules §8.36): its status report
 * (ISO 20022 pain.002, CustomerPaymentStatusReport, versions 001.03–001.12) and its debit
 * notifications (camt.054, BankToCustomerDebitCreditNotification, 001.02–001.13). Both are read
 * into one list of outcomes by EndToEndId (fast-xml-parser, values kept as strings, DOCTYPE
 * refused; a file that cannot be read is INVALID_BANK_FILE and writes nothing), then applied in
 * ONE transaction: an executed transfer makes its month `paid` on the bank's date (the
 * 'claim.payment' notice, the e-book), a rejected one makes it `returned` (the account closed with
 * the reason, the participant notified, an officer task). Money that comes back after the payment
 * (camt.054: a credit with RvslInd true or with return information, for a transfer already
 * executed) reverses it: the month `returned` again with the bank's date and reason, the claim's
 * months paid one fewer, the account closed, the participant notified, an officer task — paid again
 * only to a newly verified account, under the next attempt's key. A transfer already settled the
 * same way is unchanged (an import repeated changes nothing); settled the other way is
 * PAYMENT_STATUS_CONFLICT, writing nothing. EndToEndIds Ansinh never instructed are reported as
 * `unknown` and change nothing.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { z } from 'zod';
import { addWorkingDays, type IsoDate } from '../domain/calendar';
import { isoDateSchema } from '../domain/schemas-fields';
import { DomainError } from '../domain/errors';
import { outcomeOfStatus } from '../domain/iso20022';
import { Dec, toDong } from '../domain/money';
import { TASK_QUEUES } from '../domain/tasks';
import { HI_RATE_ON_BENEFIT } from '../domain/unemployment';
import type { Db } from '../db/client';
import { audit, enqueue } from '../db/queries/audit';
import {
  closeAccount,
  lockInstructions,
  reverseInstruction,
  setMonthStatus,
  settleInstruction,
} from '../db/queries/bank-payments';
import { updateClaim } from '../db/queries/claims';
import { rewriteEbooks } from '../db/queries/ebooks';
import { openTask } from '../db/queries/tasks';

export const RETURNED_TASK = 'claim.payment_returned';
/** An officer follows a returned payment up within 5 working days (rules §8.36, as a suspense line, §8.33). */
export const RETURNED_TASK_WORKING_DAYS = 5;

export type BankFileKind = 'pain002' | 'camt054';

/** One transfer's outcome as the bank's file gives it. */
export interface BankOutcome {
  /** Position in the file, from 1. */
  line: number;
  endToEndId: string;
  /**
   * `returned`: camt.054 says the money came back (a credit with return information or RvslInd
   * true): a rejection if the transfer was never executed, a reversal if it was.
   */
  outcome: 'executed' | 'rejected' | 'returned' | 'pending';
  /** The bank's date: acceptance or booking (its report's date when it gives none). */
  date: IsoDate;
  /** A rejection's reason code (ISO 20022 ExternalStatusReason1Code / ExternalReturnReason1Code). */
  reason: string | null;
  /** camt.054: the amount booked, whole dong. */
  amount: string | null;
}

export interface ParsedBankFile {
  kind: BankFileKind;
  msgId: string | null;
  outcomes: BankOutcome[];
}

function invalid(message: string, field = 'file'): DomainError {
  return new DomainError('INVALID_BANK_FILE', message, field, {
    errors: [{ code: 'INVALID_BANK_FILE', field, message }],
  });
}

type Node = Record<string, unknown>;
const ARRAYS = new Set(['OrgnlPmtInfAndSts', 'TxInfAndSts', 'StsRsnInf', 'Ntfctn', 'Ntry', 'NtryDtls', 'TxDtls']);
const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: false,
  isArray: (name) => ARRAYS.has(name),
});
const obj = (v: unknown): Node | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Node) : undefined;
const list = (v: unknown): Node[] =>
  Array.isArray(v) ? v.map(obj).filter((x): x is Node => x !== undefined) : obj(v) ? [obj(v)!] : [];
function text(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  const o = obj(v);
  return typeof o?.['#text'] === 'string' ? o['#text'] : undefined;
}
const at = (n: unknown, ...path: string[]): unknown => path.reduce<unknown>((cur, k) => obj(cur)?.[k], n);
const dateOf = (v: unknown): string | undefined => {
  const s = text(v) ?? text(at(v, 'Dt')) ?? text(at(v, 'DtTm'));
  return s === undefined ? undefined : s.slice(0, 10);
};

const outcomeSchema = z.object({
  line: z.number().int().min(1),
  endToEndId: z
    .string()
    .min(1)
    .max(35)
    .regex(/^[\x21-\x7e]+$/, 'an EndToEndId is 1–35 printable characters'),
  outcome: z.enum(['executed', 'rejected', 'returned', 'pending']),
  date: isoDateSchema,
  reason: z
    .string()
    .regex(/^[A-Z0-9]{4}$/, 'a reason code is 4 letters or digits')
    .nullable(),
  amount: z
    .string()
    .regex(/^[1-9][0-9]{0,16}(\.0+)?$/, 'an amount in whole dong')
    .transform((s) => s.replace(/\.0+$/, ''))
    .nullable(),
});

/** The XML read, refusing DOCTYPE and entities, and the root element under Document checked. */
function documentOf(content: string, root: string, ns: string): Node {
  if (typeof content !== 'string' || content.length === 0) throw invalid('the file is empty');
  if (content.includes('\u0000')) throw invalid('the file contains NUL bytes');
  if (/<!DOCTYPE|<!ENTITY/i.test(content)) throw invalid('a bank file has no DOCTYPE or entity declarations');
  const valid = XMLValidator.validate(content);
  if (valid !== true)
    throw invalid(`not well-formed XML (line ${valid.err.line}, column ${valid.err.col}): ${valid.err.msg}`);
  let parsed: unknown;
  try {
    parsed = xml.parse(content);
  } catch {
    throw invalid('not well-formed XML');
  }
  const doc = obj(at(parsed, 'Document'));
  const xmlns = typeof doc?.['@_xmlns'] === 'string' ? doc['@_xmlns'] : '';
  const body = obj(doc?.[root]);
  if (!doc || !body || (xmlns && !xmlns.startsWith(`urn:iso:std:iso:20022:tech:xsd:${ns}.`)))
    throw invalid(
      `not an ISO 20022 ${ns} document (Document/${root}, namespace urn:iso:std:iso:20022:tech:xsd:${ns}.001.xx)`,
    );
  return body;
}

function validated(kind: BankFileKind, msgId: string | undefined, raw: Record<string, unknown>[]): ParsedBankFile {
  const outcomes: BankOutcome[] = [];
  for (const r of raw) {
    const res = outcomeSchema.safeParse(r);
    if (!res.success) {
      const i = res.error.issues[0]!;
      throw invalid(`transaction ${String(r['line'])}: ${i.path.join('.')}: ${i.message}`, `line ${String(r['line'])}`);
    }
    outcomes.push(res.data);
  }
  if (outcomes.length === 0) throw invalid('the file reports no transaction');
  return { kind, msgId: msgId?.slice(0, 35) ?? null, outcomes };
}

/** pain.002: every TxInfAndSts with its OrgnlEndToEndId and TxSts (or its payment's or group's status). */
export function parsePain002(content: string): ParsedBankFile {
  const body = documentOf(content, 'CstmrPmtStsRpt', 'pain.002');
  const reportDate = dateOf(at(body, 'GrpHdr', 'CreDtTm'));
  const groupStatus = text(at(body, 'OrgnlGrpInfAndSts', 'GrpSts'));
  const raw: Record<string, unknown>[] = [];
  for (const pmt of list(body['OrgnlPmtInfAndSts'])) {
    const pmtStatus = text(pmt['PmtInfSts']);
    for (const tx of list(pmt['TxInfAndSts'])) {
      const status = text(tx['TxSts']) ?? pmtStatus ?? groupStatus ?? '';
      const reason = list(tx['StsRsnInf'])
        .map((s) => text(at(s, 'Rsn', 'Cd')))
        .find((c) => c !== undefined);
      raw.push({
        line: raw.length + 1,
        endToEndId: text(tx['OrgnlEndToEndId']) ?? '',
        outcome: /^[A-Z]{4}$/.test(status) ? outcomeOfStatus(status) : 'invalid',
        date: dateOf(tx['AccptncDtTm']) ?? dateOf(tx['EfctvIntrBkSttlmDt']) ?? reportDate ?? '',
        reason: outcomeOfStatus(status) === 'rejected' ? (reason ?? 'NARR') : null,
        amount: null,
      });
    }
  }
  return validated('pain002', text(at(body, 'GrpHdr', 'MsgId')), raw);
}

/**
 * camt.054: every booked entry's transactions that carry an EndToEndId — a debit executes the
 * transfer on the booking date; a credit with return information (RtrInf) or marked as a reversal
 * (RvslInd true, on the entry or the transaction: ISO 20022 has a credit reversal undo a debit)
 * says the money came back (`returned`, its reason RtrInf/Rsn/Cd, else NARR). A debit marked as a
 * reversal undoes an earlier credit, not a benefit transfer: reported `pending`, changing nothing.
 * Other entries (fees, pending entries, credits without a return) are not benefit transfers.
 */
export function parseCamt054(content: string): ParsedBankFile {
  const body = documentOf(content, 'BkToCstmrDbtCdtNtfctn', 'camt.054');
  const raw: Record<string, unknown>[] = [];
  for (const n of list(body['Ntfctn'])) {
    for (const ntry of list(n['Ntry'])) {
      const sts = text(ntry['Sts']) ?? text(at(ntry, 'Sts', 'Cd'));
      if (sts !== undefined && sts.toUpperCase() !== 'BOOK') continue;
      const entryDir = text(ntry['CdtDbtInd']);
      const booked = dateOf(ntry['BookgDt']) ?? dateOf(ntry['ValDt']) ?? '';
      for (const tx of list(ntry['NtryDtls']).flatMap((d) => list(d['TxDtls']))) {
        const e2e = text(at(tx, 'Refs', 'EndToEndId'));
        if (e2e === undefined || e2e.toUpperCase() === 'NOTPROVIDED') continue;
        const dir = text(tx['CdtDbtInd']) ?? entryDir;
        const returned = at(tx, 'RtrInf') !== undefined;
        const reversal = /^(true|1)$/i.test(text(tx['RvslInd']) ?? text(ntry['RvslInd']) ?? '');
        if (dir === 'CRDT' && !returned && !reversal) continue;
        const amt = at(tx, 'Amt') ?? at(tx, 'AmtDtls', 'TxAmt', 'Amt') ?? ntry['Amt'];
        const ccy = obj(amt)?.['@_Ccy'];
        raw.push({
          line: raw.length + 1,
          endToEndId: e2e,
          outcome: dir === 'DBIT' ? (reversal ? 'pending' : 'executed') : dir === 'CRDT' ? 'returned' : 'invalid',
          date: booked,
          reason: dir === 'CRDT' ? (text(at(tx, 'RtrInf', 'Rsn', 'Cd')) ?? 'NARR') : null,
          amount: ccy === undefined || ccy === 'VND' ? (text(amt) ?? null) : 'not-vnd',
        });
      }
    }
  }
  return validated('camt054', text(at(body, 'GrpHdr', 'MsgId')), raw);
}

export interface BankReturnResult {
  kind: BankFileKind;
  results: {
    line: number;
    endToEndId: string;
    result: 'paid' | 'returned' | 'reversed' | 'unchanged' | 'pending' | 'unknown';
  }[];
  paid: number;
  returned: number;
  /** Transfers executed and then returned by the bank (the money came back after the payment). */
  reversed: number;
  unchanged: number;
  unknown: number;
}

type InstructionStatus = 'instructed' | 'executed' | 'rejected' | 'reversed';

/**
 * What a bank's outcome does to a transfer in its state (rules §8.36): an open one is paid or
 * rejected; an executed one whose money came back is reversed; the same outcome again, or a late
 * confirmation of a settlement that was later reversed, changes nothing; anything else contradicts
 * what the bank said before.
 */
export function stepOf(
  status: InstructionStatus,
  outcome: Exclude<BankOutcome['outcome'], 'pending'>,
): 'pay' | 'reject' | 'reverse' | 'unchanged' | 'conflict' {
  if (status === 'instructed') return outcome === 'executed' ? 'pay' : 'reject';
  if (status === 'executed')
    return outcome === 'executed' ? 'unchanged' : outcome === 'returned' ? 'reverse' : 'conflict';
  if (status === 'rejected') return outcome === 'executed' ? 'conflict' : 'unchanged';
  return outcome === 'rejected' ? 'conflict' : 'unchanged';
}

/** Applies a parsed pain.002 or camt.054 in one transaction (see the module's comment). */
export async function importBankReturns(
  db: Db,
  file: ParsedBankFile,
  opts: { author: string; today: IsoDate },
): Promise<BankReturnResult> {
  for (const o of file.outcomes)
    if (o.date > opts.today)
      throw new DomainError(
        'BANK_DATE_IN_FUTURE',
        `transaction ${o.line}: the bank's date is after today`,
        `line ${o.line}`,
      );
  return db.transaction(async (tx) => {
    const rows = await lockInstructions(tx, [...new Set(file.outcomes.map((o) => o.endToEndId))]);
    const byKey = new Map(rows.map((r) => [r.end_to_end_id, r]));
    const results: BankReturnResult['results'] = [];
    const touched = new Set<string>();
    for (const o of file.outcomes) {
      const i = byKey.get(o.endToEndId);
      if (!i) {
        results.push({ line: o.line, endToEndId: o.endToEndId, result: 'unknown' });
        continue;
      }
      if (o.outcome === 'pending') {
        results.push({ line: o.line, endToEndId: o.endToEndId, result: 'pending' });
        continue;
      }
      const step = stepOf(i.status, o.outcome);
      if (step === 'conflict')
        throw new DomainError(
          'PAYMENT_STATUS_CONFLICT',
          `transaction ${o.line}: the transfer was already ${i.status}; the bank now reports it ${o.outcome}`,
          `line ${o.line}`,
        );
      if (step === 'unchanged') {
        results.push({ line: o.line, endToEndId: o.endToEndId, result: 'unchanged' });
        continue;
      }
      if (o.amount !== null && o.amount !== i.amount)
        throw new DomainError(
          'PAYMENT_AMOUNT_MISMATCH',
          `transaction ${o.line}: the amount booked is not the amount instructed`,
          `line ${o.line}`,
        );
      const c = { id: i.claim_id, personalId: i.personal_id };
      /**
       * The money did not reach the participant or came back (a pain.002 RJCT, a camt.054 reversal;
       * rules §8.36): the account is closed, the participant told, an officer asked for a new account.
       */
      const moneyBack = async (how: 'returned' | 'reversed', reason: string) => {
        await closeAccount(tx, i.bank_account_id, reason, o.date);
        await enqueue(tx, {
          dedupeKey: `${i.end_to_end_id}:${how}`,
          kind: 'claim.payment_returned',
          channel: 'email',
          recipientType: 'participant',
          recipientId: i.personal_id,
          payload: { claimId: i.claim_id, month: i.idx, reason, returnedOn: o.date },
        });
        await openTask(tx, {
          dedupeKey: `claim:${i.claim_id}:payment_${how}:${i.end_to_end_id}`,
          kind: RETURNED_TASK,
          queue: TASK_QUEUES.claims,
          dueDate: addWorkingDays(o.date, RETURNED_TASK_WORKING_DAYS),
          claimId: i.claim_id,
          details: { month: i.idx, attempt: i.attempt, reason, ...(how === 'reversed' ? { reversed: true } : {}) },
        });
        await audit(tx, {
          actor: opts.author,
          action: `claim.payment_${how}`,
          subjectType: 'claim',
          subjectId: c.id,
          details: { month: i.idx, attempt: i.attempt, reason, bankDate: o.date },
        });
      };
      if (step === 'reverse') {
        // The money came back after the payment (rules §8.36): the month is owed again.
        const reason = o.reason ?? 'NARR';
        await reverseInstruction(tx, i.id, { reversedOn: o.date, reasonCode: reason, settledBy: opts.author });
        await setMonthStatus(tx, i.claim_id, i.idx, {
          status: 'returned',
          paidOn: null,
          paymentKey: null,
          hiContribution: null,
        });
        await updateClaim(tx, i.claim_id, { monthsPaid: i.months_paid - 1 });
        for (const r of rows) if (r.claim_id === i.claim_id) r.months_paid -= 1;
        await moneyBack('reversed', reason);
        i.status = 'reversed';
        results.push({ line: o.line, endToEndId: o.endToEndId, result: 'reversed' });
        touched.add(i.personal_id);
        continue;
      }
      if (step === 'pay') {
        const hi = toDong(new Dec(i.amount).times(HI_RATE_ON_BENEFIT)).toFixed(0);
        await settleInstruction(tx, i.id, { status: 'executed', bankDate: o.date, settledBy: opts.author });
        await setMonthStatus(tx, i.claim_id, i.idx, {
          status: 'paid',
          amount: i.amount,
          hiContribution: hi,
          paidOn: o.date,
          paymentKey: i.end_to_end_id,
        });
        await updateClaim(tx, i.claim_id, { monthsPaid: i.months_paid + 1 });
        // Several months of one claim in one file: the count read once, advanced in memory.
        for (const r of rows) if (r.claim_id === i.claim_id) r.months_paid += 1;
        await enqueue(tx, {
          dedupeKey: i.end_to_end_id,
          kind: 'claim.payment',
          channel: 'email',
          recipientType: 'participant',
          recipientId: i.personal_id,
          payload: { claimId: i.claim_id, month: i.idx, amount: i.amount, paidOn: o.date },
        });
        await audit(tx, {
          actor: opts.author,
          action: 'claim.paid',
          subjectType: 'claim',
          subjectId: c.id,
          details: { month: i.idx, attempt: i.attempt, bankDate: o.date },
        });
        i.status = 'executed';
        results.push({ line: o.line, endToEndId: o.endToEndId, result: 'paid' });
      } else {
        const reason = o.reason ?? 'NARR';
        await settleInstruction(tx, i.id, {
          status: 'rejected',
          bankDate: o.date,
          reasonCode: reason,
          settledBy: opts.author,
        });
        await setMonthStatus(tx, i.claim_id, i.idx, { status: 'returned' });
        await moneyBack('returned', reason);
        i.status = 'rejected';
        results.push({ line: o.line, endToEndId: o.endToEndId, result: 'returned' });
      }
      touched.add(i.personal_id);
    }
    if (touched.size) await rewriteEbooks(tx, [...touched]);
    const count = (r: string) => results.filter((x) => x.result === r).length;
    return {
      kind: file.kind,
      results,
      paid: count('paid'),
      returned: count('returned'),
      reversed: count('reversed'),
      unchanged: count('unchanged'),
      unknown: count('unknown'),
    };
  });
}

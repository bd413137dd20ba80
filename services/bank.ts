/**
 * The collection account's bank statement, and employers' announcements of transfers (issue #9 §3).
 * Money counts only once the bank says it arrived: a statement line is booked with recordPayment
 * (services/payments.ts), never an employer's word. Each line is one transaction, keyed by the
 * bank's reference: a statement imported twice, or by two callers at once, stores and books every
 * line once (the second caller finds the first one's line). A credit in dong that names exactly one
 * employer is booked; one that names none, several, or that recordPayment refuses waits in suspense
 * with its reason for an officer; debits and other currencies are kept as ignored. Nothing is lost.
 */
import type { IsoDate } from '../domain/calendar';
import {
  ignoredReason,
  matchLine,
  referenceTokens,
  sameTransaction,
  taxCodesIn,
  type StatementFormat,
  type StatementLine,
} from '../domain/bank';
import { DomainError } from '../domain/errors';
import { Dec } from '../domain/money';
import type { Db, Executor, Tx } from '../db/client';
import { audit } from '../db/queries/audit';
import {
  announcementByReference,
  announcementOfLine,
  announcementsOfEmployer,
  announcementsOfLines,
  announcementView,
  bankLineByReference,
  bankLinesByReferences,
  insertAnnouncement,
  insertBankLine,
  lockBankLine,
  markAnnouncementMatched,
  paymentsWithAllocated,
  pendingAnnouncementsWith,
  registeredTaxCodes,
  resolveBankLine,
  suspenseLines,
  updateBankLine,
  type AnnouncementView,
  type BankLineRow,
  type BankLineUpdate,
} from '../db/queries/bank';
import { findEmployer } from '../db/queries/employers';
import { closeTasks, openTask } from '../db/queries/tasks';
import { bankSuspenseDue, TASK_QUEUES } from '../domain/tasks';
import { recordPayment, type PaymentResult } from './payments';

export type { AnnouncementView } from '../db/queries/bank';

export interface LineOutcome {
  line: number;
  id: number;
  bankReference: string;
  status: 'booked' | 'suspense' | 'ignored';
  reason: string | null;
  taxCode: string | null;
  paymentId: number | null;
  announcementId: number | null;
  /** The line had already been imported (this statement again, or another file with the same transaction). */
  alreadyImported: boolean;
}

export interface ImportResult {
  format: StatementFormat;
  statementRef: string | null;
  lines: number;
  booked: number;
  suspense: number;
  ignored: number;
  alreadyImported: number;
  notBooked: number;
  results: LineOutcome[];
}

export interface ImportInput {
  format: StatementFormat;
  statementRef: string | null;
  lines: StatementLine[];
  notBooked?: number;
  author: string;
  /** Today in Vietnam: recordPayment refuses value dates after it. */
  today: IsoDate;
}

/** A line's amount as stored (numeric(20,3)) back to the statement's normal form. */
const normalAmount = (a: string) => new Dec(a).toFixed();
const asLine = (r: BankLineRow) => ({
  bankReference: r.bankReference,
  direction: r.direction as 'credit' | 'debit',
  amount: normalAmount(r.amount),
  currency: r.currency,
  valueDate: r.valueDate,
});

async function outcomeOf(
  exec: Executor,
  r: BankLineRow,
  alreadyImported: boolean,
  line = r.line,
  knownAnnouncement?: number | null,
): Promise<LineOutcome> {
  return {
    line,
    id: Number(r.id),
    bankReference: r.bankReference,
    status: r.status as LineOutcome['status'],
    reason: r.reason,
    taxCode: r.employerTaxCode,
    paymentId: r.paymentId === null ? null : Number(r.paymentId),
    announcementId:
      r.status !== 'booked'
        ? null
        : knownAnnouncement !== undefined
          ? knownAnnouncement
          : await announcementOfLine(exec, Number(r.id)),
    alreadyImported,
  };
}

/** Pending announcements whose reference the line carries, of any employer or of one. */
async function announcementsCarried(tx: Tx, l: { remittance: string; endToEndId: string | null }, taxCode?: string) {
  const tokens = referenceTokens(l.remittance, l.endToEndId);
  if (!tokens.length) return [];
  return pendingAnnouncementsWith(tx, tokens, taxCode);
}

/**
 * Books a line to an employer inside the caller's transaction: recordPayment runs in a savepoint,
 * so a refusal (a DomainError) undoes only the payment and is returned as the reason.
 */
async function book(
  tx: Tx,
  row: BankLineRow,
  taxCode: string,
  author: string,
  today: IsoDate,
): Promise<{ payment: PaymentResult } | { refused: DomainError }> {
  // A variable, not a literal: `today` is the field recordPayment's input is gaining (refusals of future value dates).
  const input = {
    taxCode,
    bankReference: row.bankReference,
    amount: new Dec(row.amount).toFixed(0),
    valueDate: row.valueDate,
    author,
    today,
  };
  try {
    return { payment: await recordPayment(tx, input) };
  } catch (err) {
    if (err instanceof DomainError) return { refused: err };
    throw err;
  }
}

async function markMatched(tx: Tx, announcementId: number | null, lineId: number): Promise<void> {
  if (announcementId === null) return;
  await markAnnouncementMatched(tx, announcementId, lineId);
}

const SUSPENSE_TASK = 'bank.suspense';

/**
 * A line put in suspense is an officer's wait (issue 12's work queue), in the line's transaction:
 * due BANK_SUSPENSE_WORKING_DAYS after its import, in the province of the employer it named (when it
 * named one the payment rules refused). Its reason only: the remittance text may name people.
 */
async function openSuspenseTask(tx: Tx, line: BankLineRow, today: IsoDate): Promise<void> {
  const named = line.employerTaxCode ? await findEmployer(tx, line.employerTaxCode) : undefined;
  await openTask(tx, {
    dedupeKey: `bank-line:${line.id}:suspense`,
    kind: SUSPENSE_TASK,
    queue: TASK_QUEUES.bankSuspense,
    provinceCode: named?.provinceCode ?? null,
    dueDate: bankSuspenseDue(today),
    bankLineId: Number(line.id),
    employerTaxCode: line.employerTaxCode,
    details: { reason: line.reason, valueDate: line.valueDate },
  });
}

/** One line, one transaction: stored once by its bank reference, then ignored, booked or put in suspense. */
async function importLine(db: Db, l: StatementLine, input: ImportInput): Promise<LineOutcome> {
  return db.transaction(async (tx) => {
    const ignored = ignoredReason(l);
    // Stored first, provisionally in suspense: a second caller with the same reference waits here
    // for this transaction and then finds the line (no unique violation, no second booking).
    const row = await insertBankLine(tx, {
      bankReference: l.bankReference,
      source: input.format,
      statementRef: input.statementRef,
      line: l.line,
      direction: l.direction,
      amount: l.amount,
      currency: l.currency,
      valueDate: l.valueDate,
      bookingDate: l.bookingDate,
      remittance: l.remittance,
      endToEndId: l.endToEndId,
      status: ignored ? 'ignored' : 'suspense',
      reason: ignored ?? 'NO_EMPLOYER_MATCH',
      importedBy: input.author,
    });
    if (!row) {
      const seen = await bankLineByReference(tx, l.bankReference);
      if (!seen || !sameTransaction(asLine(seen), l)) {
        throw new DomainError(
          'BANK_REFERENCE_CONFLICT',
          `line ${l.line}: the bank reference ${l.bankReference} was imported for a different transaction`,
          'bankReference',
          undefined,
          { line: l.line, reference: l.bankReference },
        );
      }
      return outcomeOf(tx, seen, true, l.line);
    }
    const id = Number(row.id);
    const finish = async (set: BankLineUpdate, announcementId: number | null = null) => {
      const done = Object.keys(set).length ? await updateBankLine(tx, id, set) : row;
      await markMatched(tx, announcementId, id);
      if (done!.status === 'suspense') await openSuspenseTask(tx, done!, input.today);
      await audit(tx, {
        actor: input.author,
        action: `bank.line_${done!.status}`,
        subjectType: 'bank_line',
        subjectId: String(id),
        details: { reason: done!.reason, paymentId: done!.paymentId, announcementId },
      });
      return outcomeOf(tx, done!, false);
    };
    if (ignored) return finish({});

    const named = taxCodesIn(l.remittance);
    const registered = named.length ? await registeredTaxCodes(tx, named) : [];
    const match = matchLine(registered, await announcementsCarried(tx, l));
    if (match.kind === 'suspense') return finish({ reason: match.reason });
    const booked = await book(tx, row, match.taxCode, input.author, input.today);
    if ('refused' in booked) return finish({ reason: booked.refused.code, employerTaxCode: match.taxCode });
    return finish(
      { status: 'booked', reason: null, employerTaxCode: match.taxCode, paymentId: booked.payment.paymentId },
      match.announcementId,
    );
  });
}

/**
 * Imports a parsed statement. Refused whole, writing nothing, when a bank reference appears twice
 * in it for different transactions (DUPLICATE_BANK_REFERENCE) or was imported before for a
 * different one (BANK_REFERENCE_CONFLICT); then every line in its own transaction, in file order.
 */
export async function importStatement(db: Db, input: ImportInput): Promise<ImportResult> {
  const byRef = new Map<string, StatementLine>();
  const unique: StatementLine[] = [];
  for (const l of input.lines) {
    const first = byRef.get(l.bankReference);
    if (!first) {
      byRef.set(l.bankReference, l);
      unique.push(l);
    } else if (!sameTransaction(first, l)) {
      throw new DomainError(
        'DUPLICATE_BANK_REFERENCE',
        `lines ${first.line} and ${l.line} carry the same bank reference for different transactions`,
        `line ${l.line}: bankReference`,
        undefined,
        { first: first.line, line: l.line },
      );
    }
  }
  const refs = [...byRef.keys()];
  const stored = new Map<string, BankLineRow>();
  for (let i = 0; i < refs.length; i += 1000) {
    for (const s of await bankLinesByReferences(db, refs.slice(i, i + 1000))) {
      const l = byRef.get(s.bankReference)!;
      if (!sameTransaction(asLine(s), l)) {
        throw new DomainError(
          'BANK_REFERENCE_CONFLICT',
          `line ${l.line}: the bank reference ${l.bankReference} was imported before for a different transaction`,
          `line ${l.line}: bankReference`,
          undefined,
          { line: l.line, reference: l.bankReference },
        );
      }
      stored.set(s.bankReference, s);
    }
  }
  // Lines imported before are answered from what is stored (one query for their announcements);
  // the others are imported one transaction each, in file order.
  const storedIds = [...stored.values()].filter((r) => r.status === 'booked').map((r) => Number(r.id));
  const announced = new Map<number, number>();
  for (let i = 0; i < storedIds.length; i += 1000) {
    for (const [lineId, id] of await announcementsOfLines(db, storedIds.slice(i, i + 1000))) announced.set(lineId, id);
  }
  const results: LineOutcome[] = [];
  for (const l of unique) {
    const s = stored.get(l.bankReference);
    if (s) results.push(await outcomeOf(db, s, true, l.line, announced.get(Number(s.id)) ?? null));
    else results.push(await importLine(db, l, input));
  }
  const count = (s: LineOutcome['status']) => results.filter((r) => r.status === s && !r.alreadyImported).length;
  return {
    format: input.format,
    statementRef: input.statementRef,
    lines: input.lines.length,
    booked: count('booked'),
    suspense: count('suspense'),
    ignored: count('ignored'),
    alreadyImported: results.filter((r) => r.alreadyImported).length,
    notBooked: input.notBooked ?? 0,
    results,
  };
}

// ---------------------------------------------------------------------------------------------
// Suspense

/** A line waiting in suspense: the statement's transaction (amount in its normal form) and why it waits. */
export interface SuspenseLine extends Omit<StatementLine, 'line' | 'direction'> {
  id: number;
  reason: string;
  /** The employer the line named when recordPayment refused it; null when it named none. */
  taxCode: string | null;
  source: string;
  statementRef: string | null;
  importedAt: string;
}

const suspenseView = (r: BankLineRow): SuspenseLine => ({
  id: Number(r.id),
  bankReference: r.bankReference,
  amount: normalAmount(r.amount),
  currency: r.currency,
  valueDate: r.valueDate,
  bookingDate: r.bookingDate,
  remittance: r.remittance,
  endToEndId: r.endToEndId,
  reason: r.reason!,
  taxCode: r.employerTaxCode,
  source: r.source,
  statementRef: r.statementRef,
  importedAt: r.importedAt.toISOString(),
});

/** Lines waiting for an officer, oldest first, a page at a time (after = the last id of the previous page). */
export async function listSuspense(
  exec: Executor,
  opts: { limit: number; after: number },
): Promise<{ items: SuspenseLine[]; nextAfter: number | null }> {
  const rows = await suspenseLines(exec, opts.after, opts.limit + 1);
  const page = rows.slice(0, opts.limit);
  return {
    items: page.map(suspenseView),
    nextAfter: rows.length > opts.limit ? Number(page[page.length - 1]!.id) : null,
  };
}

export interface AssignmentResult {
  line: LineOutcome;
  payment: PaymentResult;
  /** The line had already been assigned to this employer (a retry). */
  alreadyAssigned: boolean;
}

/**
 * An officer assigns a suspense line to an employer: booked with recordPayment in one transaction
 * (the line locked), after which it leaves suspense. Refused, writing nothing, when the line is
 * ignored (LINE_NOT_ASSIGNABLE), booked to another employer (LINE_ALREADY_BOOKED), or when
 * recordPayment refuses the payment (its own code). The same assignment again returns the first.
 */
export async function assignSuspenseLine(
  db: Db,
  a: { id: number; taxCode: string; author: string; today: IsoDate },
): Promise<AssignmentResult> {
  return db.transaction(async (tx) => {
    const row = await lockBankLine(tx, a.id);
    if (!row) throw new DomainError('NOT_FOUND', `no bank line ${a.id}`, undefined, undefined, { lineId: a.id });
    if (row.status === 'ignored')
      throw new DomainError(
        'LINE_NOT_ASSIGNABLE',
        `bank line ${a.id} is ignored (${row.reason}): only a credit in VND can be booked`,
        undefined,
        undefined,
        { lineId: a.id },
      );
    if (row.status === 'booked') {
      if (row.employerTaxCode !== a.taxCode)
        throw new DomainError(
          'LINE_ALREADY_BOOKED',
          `bank line ${a.id} is already booked to another employer`,
          undefined,
          undefined,
          { lineId: a.id },
        );
      const again = await book(tx, row, a.taxCode, row.resolvedBy ?? row.importedBy, a.today);
      if ('refused' in again) throw again.refused;
      return { line: await outcomeOf(tx, row, true), payment: again.payment, alreadyAssigned: true };
    }
    const booked = await book(tx, row, a.taxCode, a.author, a.today);
    if ('refused' in booked) throw booked.refused;
    const [announcement] = await announcementsCarried(tx, row, a.taxCode);
    const done = await resolveBankLine(tx, a.id, {
      employerTaxCode: a.taxCode,
      paymentId: booked.payment.paymentId,
      resolvedBy: a.author,
    });
    await markMatched(tx, announcement?.id ?? null, a.id);
    await closeTasks(tx, { kinds: [SUSPENSE_TASK], bankLineId: a.id }, { status: 'done', by: a.author });
    await audit(tx, {
      actor: a.author,
      action: 'bank.line_assigned',
      subjectType: 'bank_line',
      subjectId: String(a.id),
      details: {
        reason: row.reason,
        taxCode: a.taxCode,
        paymentId: booked.payment.paymentId,
        announcementId: announcement?.id ?? null,
      },
    });
    return { line: await outcomeOf(tx, done!, false), payment: booked.payment, alreadyAssigned: false };
  });
}

// ---------------------------------------------------------------------------------------------
// Announcements

export interface AnnouncementInput {
  taxCode: string;
  reference: string;
  amount: string;
  expectedValueDate: IsoDate;
  author: string;
}

/**
 * An employer announces a transfer. It is never credited: it stays pending until a statement line
 * carrying its reference is booked to the employer. The (employer, reference) pair is the
 * idempotency key: the same announcement again returns the first; another with that reference is
 * ANNOUNCEMENT_REFERENCE_CONFLICT.
 */
export async function announcePayment(
  db: Db,
  input: AnnouncementInput,
): Promise<AnnouncementView & { alreadyAnnounced: boolean }> {
  return db.transaction(async (tx) => {
    const emp = await findEmployer(tx, input.taxCode);
    if (!emp)
      throw new DomainError('NOT_FOUND', `no employer with tax code ${input.taxCode}`, undefined, undefined, {
        taxCode: input.taxCode,
      });
    if (emp.status !== 'active')
      throw new DomainError('WRONG_STATE', `employer ${input.taxCode} is ${emp.status}`, undefined, undefined, {
        taxCode: input.taxCode,
        status: emp.status,
      });
    const id = await insertAnnouncement(tx, {
      employerTaxCode: input.taxCode,
      reference: input.reference,
      amount: input.amount,
      expectedValueDate: input.expectedValueDate,
      author: input.author,
    });
    if (id === undefined) {
      const seen = await announcementByReference(tx, input.taxCode, input.reference);
      if (seen!.amount !== input.amount || seen!.expectedValueDate !== input.expectedValueDate) {
        throw new DomainError(
          'ANNOUNCEMENT_REFERENCE_CONFLICT',
          'this reference was already announced for a different transfer',
          'reference',
        );
      }
      return { ...(await announcementView(tx, Number(seen!.id))), alreadyAnnounced: true };
    }
    await audit(tx, {
      actor: input.author,
      action: 'employer.payment_announced',
      subjectType: 'employer',
      subjectId: input.taxCode,
      details: { announcementId: id },
    });
    return { ...(await announcementView(tx, id)), alreadyAnnounced: false };
  });
}

export interface EmployerPayments {
  announcements: AnnouncementView[];
  /** Payments booked from the bank (newest first): amount, allocated to periods, and the rest kept as credit. */
  payments: {
    paymentId: number;
    bankReference: string;
    amount: string;
    valueDate: IsoDate;
    allocated: string;
    credit: string;
  }[];
}

/** An employer's announcements (pending first, then matched; newest first) and booked payments, at most `limit` of each. */
export async function employerPayments(exec: Executor, taxCode: string, limit = 100): Promise<EmployerPayments> {
  const announcements = await announcementsOfEmployer(exec, taxCode, limit);
  const pays = await paymentsWithAllocated(exec, taxCode, limit);
  return {
    announcements,
    payments: pays.map((p) => ({
      paymentId: Number(p.id),
      bankReference: p.bank_reference,
      amount: p.amount,
      valueDate: p.value_date,
      allocated: p.allocated,
      credit: new Dec(p.amount).minus(p.allocated).toFixed(0),
    })),
  };
}

/**
 * A participant's case against an employer that has not declared or paid their months (issue #14
 * part 2), the synchronous commands: open a case, attach evidence, read a case. One transaction
 * each; the opening re-renders the participant's e-book (the months under dispute) in its own.
 * client/declaration-cases.ts starts the workflow `declaration-case:<id>` once the opening
 * commits; the activities (activities/declaration-cases.ts) write every later step.
 *
 * An employer the database does not hold (or holds but not active), or one the participant says is
 * a unit of the Ministry of National Defence or of Public Security (such units are outside the
 * electronic system and never in the database: db/schema/employers.ts), cannot be notified: the
 * case is stored as `referred`, with an officer task and no workflow (rules §8.37).
 */
import type { Db, Executor, Tx } from '../db/client';
import { audit, enqueue } from '../db/queries/audit';
import {
  caseMonthsFacts,
  caseParticipant,
  caseSteps,
  declarationCasesOf,
  findDeclarationCase,
  insertDeclarationCase,
  lockDeclarationCase,
  lockOpenDeclarationCase,
  deleteDeclarationCase,
  recordCaseStep,
  reopenReferral,
  setDeclarationCase,
  type DeclarationCaseRow,
} from '../db/queries/declaration-cases';
import { rewriteEbooks } from '../db/queries/ebooks';
import { findEmployer } from '../db/queries/employers';
import { closeTasks, openTask } from '../db/queries/tasks';
import { addWorkingDays, localDateOf, type IsoDate } from '../domain/calendar';
import {
  declarationCaseMonthsIssue,
  employerNoticeScope,
  mayCloseReferral,
  mayDismiss,
  type DeclarationCaseOutcome,
  type DeclarationCaseReferral,
  type DeclarationCaseStatus,
  type DismissalReason,
  type WhereToTurn,
} from '../domain/declaration-cases';
import { type DeclarationCaseOpening, type ReferralClosure } from '../domain/schemas-declaration-cases';
import { DomainError } from '../domain/errors';
import { TASK_QUEUES } from '../domain/tasks';
import { attachEvidence, evidenceDocument, evidenceOf, type Upload } from './evidence';

export const declarationCaseWorkflowIdOf = (id: number) => `declaration-case:${id}`;
export const declarationCaseOwnerKey = (id: number) => `declaration-case:${id}`;
/** An officer's look at a referred case is due in 5 working days (rules §8.37, as the suspense of §8.33). */
export const REFERRAL_WORKING_DAYS = 5;
/** The officer's look at a referred case (domain/tasks.ts TASK_KINDS). */
const REFERRAL_TASK = 'declaration_case.referral';

export interface DeclarationCaseDeps {
  db: Db;
  clock: () => Date;
}

export interface OpenedDeclarationCase {
  case: DeclarationCaseRow;
  /** Why the case went to an officer instead of the employer (null: the employer is notified). */
  referral: DeclarationCaseReferral | null;
}

/**
 * Opens a case. Refused, writing nothing: an unknown participant, months the case may not name
 * (domain/declaration-cases.ts), a case against the same employer still open.
 */
export async function openDeclarationCase(
  deps: DeclarationCaseDeps,
  o: DeclarationCaseOpening,
  openedBy: string,
  today: IsoDate = localDateOf(deps.clock().getTime()),
): Promise<OpenedDeclarationCase> {
  return deps.db.transaction(async (tx) => {
    const person = await caseParticipant(tx, o.personalId);
    if (!person) throw new DomainError('PARTICIPANT_NOT_FOUND', 'no such participant', 'personalId');
    const issue = declarationCaseMonthsIssue(o.fromMonth, o.toMonth, today, person.dateOfBirth);
    if (issue) throw new DomainError(issue.code, issue.message, issue.field);
    const open = await lockOpenDeclarationCase(tx, o.personalId, o.employerTaxCode);
    if (open)
      throw new DomainError(
        'DECLARATION_CASE_ALREADY_OPEN',
        'a case against this employer is already open',
        'employerTaxCode',
        { caseId: open.id },
      );
    const emp = await findEmployer(tx, o.employerTaxCode);
    const referral: DeclarationCaseReferral | null =
      o.employerCategory !== undefined
        ? emp
          ? null
          : 'EMPLOYER_OUT_OF_SCOPE'
        : !emp || emp.status !== 'active'
          ? 'EMPLOYER_NOT_FOUND'
          : null;
    const now = deps.clock();
    const inserted = await insertDeclarationCase(tx, {
      personalId: o.personalId,
      employerTaxCode: o.employerTaxCode,
      fromMonth: o.fromMonth,
      toMonth: o.toMonth,
      anonymous: o.anonymous,
      status: referral ? 'referred' : 'awaiting_employer',
      referral,
      openedBy,
      openedAt: now,
      openedOn: today,
      updatedAt: now,
    });
    const c = referral
      ? inserted
      : await setDeclarationCase(tx, inserted.id, { workflowId: declarationCaseWorkflowIdOf(inserted.id) });
    await recordCaseStep(tx, {
      caseId: c.id,
      step: 'opened',
      onDate: today,
      at: now,
      details: { fromMonth: o.fromMonth, toMonth: o.toMonth },
    });
    if (referral) {
      await recordCaseStep(tx, { caseId: c.id, step: 'referred', onDate: today, at: now, details: { code: referral } });
      await openTask(tx, {
        dedupeKey: `declaration-case:${c.id}:referral`,
        kind: REFERRAL_TASK,
        queue: TASK_QUEUES.declarationCases,
        dueDate: addWorkingDays(today, REFERRAL_WORKING_DAYS),
        declarationCaseId: c.id,
        details: { caseId: c.id, code: referral },
      });
      await enqueue(tx, {
        dedupeKey: `declaration-case:${c.id}:referred`,
        kind: 'declaration_case.referred',
        channel: 'email',
        recipientType: 'participant',
        recipientId: o.personalId,
        payload: { caseId: c.id, code: referral, employerTaxCode: o.employerTaxCode },
      });
    }
    // The months under dispute show on the e-book from now on.
    await rewriteEbooks(tx, [o.personalId]);
    await audit(tx, {
      actor: openedBy,
      action: referral ? 'declaration_case.referred' : 'declaration_case.opened',
      subjectType: 'declaration_case',
      subjectId: String(c.id),
      details: {
        fromMonth: o.fromMonth,
        toMonth: o.toMonth,
        anonymous: o.anonymous,
        ...(referral ? { code: referral } : {}),
      },
    });
    return { case: c, referral };
  });
}

/**
 * A case whose workflow could not be started is withdrawn: closed as if never opened is not
 * possible (its audit stays), so its tasks are cancelled and it is deleted with its steps and its
 * notices, and the e-book re-rendered — one transaction.
 */
export async function withdrawDeclarationCase(db: Db, id: number, by: string): Promise<void> {
  await db.transaction(async (tx) => {
    const c = await lockDeclarationCase(tx, id);
    if (!c) return;
    await deleteDeclarationCase(tx, id);
    await rewriteEbooks(tx, [c.personalId]);
    await audit(tx, {
      actor: by,
      action: 'declaration_case.withdrawn',
      subjectType: 'declaration_case',
      subjectId: String(id),
      details: {},
    });
  });
}

export interface ClosedReferral {
  referral: DeclarationCaseRow;
  /** The case opened against the employer the officer identified (its workflow is started by client/). */
  successor: DeclarationCaseRow | null;
}

/**
 * The officer closes a referral (rules §8.37; a referral has no workflow, so this is the service, one
 * transaction): the employer identified — active in the database — and a case opened against it with
 * the referral's months and anonymity (its workflow `declaration-case:<id>` starts once this commits,
 * client/declaration-cases.ts); or outside the system, the participant told where to turn. Either
 * way the referral's task is done, the participant told, the step, the e-book (its months under
 * dispute now name the identified employer, or are none) and the audit. Refused, writing nothing:
 * not a referral (WRONG_STATE), an employer not active (EMPLOYER_NOT_FOUND), a case against it
 * already open (DECLARATION_CASE_ALREADY_OPEN).
 */
export async function closeReferral(
  deps: DeclarationCaseDeps,
  id: number,
  closure: ReferralClosure,
  officer: string,
  today: IsoDate = localDateOf(deps.clock().getTime()),
): Promise<ClosedReferral> {
  return deps.db.transaction(async (tx) => {
    const c = await lockDeclarationCase(tx, id);
    if (!c) throw new DomainError('DECLARATION_CASE_NOT_FOUND', 'no such case');
    if (!mayCloseReferral(c.status as DeclarationCaseStatus))
      throw new DomainError('WRONG_STATE', `only a referral is closed with an outcome; the case is ${c.status}`);
    const now = deps.clock();
    let successor: DeclarationCaseRow | null = null;
    if (closure.outcome === 'employer_identified') {
      const emp = await findEmployer(tx, closure.employerTaxCode);
      if (!emp || emp.status !== 'active')
        throw new DomainError(
          'EMPLOYER_NOT_FOUND',
          'the identified employer is not active in the database',
          'employerTaxCode',
        );
      const open = await lockOpenDeclarationCase(tx, c.personalId, closure.employerTaxCode);
      if (open && open.id !== c.id)
        throw new DomainError(
          'DECLARATION_CASE_ALREADY_OPEN',
          'a case against this employer is already open',
          'employerTaxCode',
          { caseId: open.id },
        );
    }
    // Closed first: the identified employer may be the one the referral named (not active then).
    await setDeclarationCase(tx, c.id, {
      status: 'closed',
      closedOn: today,
      outcome: closure.outcome,
      outcomeReason: closure.outcome === 'outside_system' ? closure.whereToTurn : null,
      updatedAt: now,
    });
    if (closure.outcome === 'employer_identified') {
      const inserted = await insertDeclarationCase(tx, {
        personalId: c.personalId,
        employerTaxCode: closure.employerTaxCode,
        fromMonth: c.fromMonth,
        toMonth: c.toMonth,
        anonymous: c.anonymous,
        status: 'awaiting_employer',
        referral: null,
        openedBy: officer,
        openedAt: now,
        openedOn: today,
        updatedAt: now,
      });
      successor = await setDeclarationCase(tx, inserted.id, { workflowId: declarationCaseWorkflowIdOf(inserted.id) });
      await recordCaseStep(tx, {
        caseId: successor.id,
        step: 'opened',
        onDate: today,
        at: now,
        details: { fromMonth: c.fromMonth, toMonth: c.toMonth, referralCaseId: c.id },
      });
      await setDeclarationCase(tx, c.id, { successorCaseId: successor.id });
      await audit(tx, {
        actor: officer,
        action: 'declaration_case.opened',
        subjectType: 'declaration_case',
        subjectId: String(successor.id),
        details: { fromMonth: c.fromMonth, toMonth: c.toMonth, anonymous: c.anonymous, referralCaseId: c.id },
      });
    }
    const details =
      closure.outcome === 'employer_identified'
        ? { outcome: closure.outcome, successorCaseId: successor!.id, identifiedTaxCode: closure.employerTaxCode }
        : { outcome: closure.outcome, whereToTurn: closure.whereToTurn };
    await closeCaseTasks(tx, c.id, officer, ['referral']);
    await tellParticipant(tx, c, { kind: 'declaration_case.referral_closed', ...details });
    await recordCaseStep(tx, { caseId: c.id, step: 'referral_closed', onDate: today, at: now, details });
    await rewriteEbooks(tx, [c.personalId]);
    await auditCase(tx, c, 'declaration_case.referral_closed', officer, details);
    return { referral: (await findDeclarationCase(tx, c.id))!, successor };
  });
}

/**
 * A closure whose successor's workflow could not be started is undone (one transaction): the
 * successor withdrawn as `withdrawDeclarationCase` withdraws an opening, the referral referred
 * again with its task open, its closure's step and notice gone; the audit keeps both events.
 */
export async function undoReferralClosure(db: Db, id: number, successorId: number, by: string): Promise<void> {
  await db.transaction(async (tx) => {
    const c = await lockDeclarationCase(tx, id);
    if (!c || c.successorCaseId !== successorId) return;
    await reopenReferral(tx, id);
    await deleteDeclarationCase(tx, successorId);
    await rewriteEbooks(tx, [c.personalId]);
    await auditCase(tx, c, 'declaration_case.referral_reopened', by, { successorCaseId: successorId });
  });
}

/**
 * The officer dismisses a referred case (rules §8.37; no workflow: one transaction). A case with a
 * workflow is dismissed by its Update (client/declaration-cases.ts), whose activity does the same
 * (`dismissCase`). Refused, writing nothing: not a referral (WRONG_STATE).
 */
export async function dismissReferral(
  deps: DeclarationCaseDeps,
  id: number,
  reason: DismissalReason,
  officer: string,
  today: IsoDate = localDateOf(deps.clock().getTime()),
): Promise<DeclarationCaseRow> {
  return deps.db.transaction(async (tx) => {
    const c = await lockDeclarationCase(tx, id);
    if (!c) throw new DomainError('DECLARATION_CASE_NOT_FOUND', 'no such case');
    if (c.status !== 'referred' || !mayDismiss(c.status))
      throw new DomainError('WRONG_STATE', `the case is ${c.status}: its workflow dismisses it`);
    await dismissCase(tx, c, { officer, actor: officer, reason, today, at: deps.clock() });
    return (await findDeclarationCase(tx, c.id))!;
  });
}

/** Attaches a document (a contract, a payslip) to an open case; the same bytes again answer the stored one. */
export async function attachDeclarationCaseEvidence(
  db: Db,
  id: number,
  upload: Upload,
  by: string,
  at: Date,
): Promise<{ documentId: number; alreadyStored: boolean }> {
  return db.transaction(async (tx) => {
    const c = await lockDeclarationCase(tx, id);
    if (!c) throw new DomainError('DECLARATION_CASE_NOT_FOUND', 'no such case');
    if (c.status === 'closed') throw new DomainError('WRONG_STATE', 'the case is closed');
    const { document, alreadyStored } = await attachEvidence(tx, {
      ...upload,
      ownerKey: declarationCaseOwnerKey(id),
      uploadedBy: by,
      at,
    });
    if (!alreadyStored)
      await audit(tx, {
        actor: by,
        action: 'declaration_case.evidence_added',
        subjectType: 'declaration_case',
        subjectId: String(id),
        details: { documentId: document.id, size: document.size, contentType: document.contentType },
      });
    return { documentId: document.id, alreadyStored };
  });
}

export interface DeclarationCaseView {
  caseId: number;
  personalId: string;
  employerTaxCode: string;
  fromMonth: string;
  toMonth: string;
  anonymous: boolean;
  status: string;
  referral: string | null;
  openedOn: string;
  employerDue: string | null;
  escalatedOn: string | null;
  arrearsConfirmedOn: string | null;
  closedOn: string | null;
  outcome: string | null;
  outcomeReason: string | null;
  successorCaseId: number | null;
  /** Where each month stands now: declared by the employer, credited on the e-book. */
  months: { month: string; declared: boolean; credited: boolean }[];
  /** Every step so far, oldest first: the participant's timeline. */
  steps: { step: string; onDate: string }[];
  evidence: { id: number; filename: string; contentType: string; size: number; createdAt: string }[];
}

/** The case as its participant and the officers read it. */
export async function declarationCaseView(exec: Executor, c: DeclarationCaseRow): Promise<DeclarationCaseView> {
  const facts = await caseMonthsFacts(exec, c);
  return {
    caseId: c.id,
    personalId: c.personalId,
    employerTaxCode: c.employerTaxCode,
    fromMonth: c.fromMonth,
    toMonth: c.toMonth,
    anonymous: c.anonymous,
    status: c.status,
    referral: c.referral,
    openedOn: c.openedOn,
    employerDue: c.employerDue,
    escalatedOn: c.escalatedOn,
    arrearsConfirmedOn: c.arrearsConfirmedOn,
    closedOn: c.closedOn,
    outcome: c.outcome,
    outcomeReason: c.outcomeReason,
    successorCaseId: c.successorCaseId,
    months: facts.months.map((m) => ({
      month: m,
      declared: facts.declared.includes(m),
      credited: facts.credited.includes(m),
    })),
    steps: (await caseSteps(exec, c.id)).map((s) => ({ step: s.step, onDate: s.onDate })),
    evidence: (await evidenceOf(exec, declarationCaseOwnerKey(c.id))).map((e) => ({
      id: e.id,
      filename: e.filename,
      contentType: e.contentType,
      size: e.size,
      createdAt: new Date(e.createdAt).toISOString(),
    })),
  };
}

/**
 * The case as the employer may read it (rules §8.37, Law 25/2018 Art.9(1)(b)): named, the person and
 * the months; anonymous, no one and only the years. Never the evidence.
 */
export async function employerCaseView(exec: Executor, c: DeclarationCaseRow) {
  const scope = employerNoticeScope(c);
  const person = scope.namesPerson ? await caseParticipant(exec, c.personalId) : undefined;
  return {
    caseId: c.id,
    status: c.status,
    employerDue: c.employerDue,
    ...(scope.namesPerson
      ? {
          personalId: c.personalId,
          fullName: person?.fullName ?? null,
          fromMonth: scope.fromMonth,
          toMonth: scope.toMonth,
        }
      : { fromYear: scope.fromYear, toYear: scope.toYear }),
  };
}

export async function findDeclarationCaseOrThrow(exec: Executor, id: number): Promise<DeclarationCaseRow> {
  const c = await findDeclarationCase(exec, id);
  if (!c) throw new DomainError('DECLARATION_CASE_NOT_FOUND', 'no such case');
  return c;
}

export const declarationCasesOfParticipant = (exec: Executor, personalId: string, limit: number) =>
  declarationCasesOf(exec, personalId, limit);

/** One evidence document's bytes. */
export async function declarationCaseEvidenceFile(exec: Executor, id: number, documentId: number) {
  const doc = await evidenceDocument(exec, declarationCaseOwnerKey(id), documentId);
  if (!doc) throw new DomainError('NOT_FOUND', 'no such document');
  return doc;
}

// ---------------------------------------------------------------------------------------------
// The steps the workflow's activities and the officer's services share (one transaction: the caller's).

/** The participant's notices of a case's steps. */
export type ParticipantNotice =
  | { kind: 'declaration_case.employer_notified'; due: IsoDate }
  | { kind: 'declaration_case.escalated' }
  | { kind: 'declaration_case.arrears_confirmed' }
  | { kind: 'declaration_case.closed'; outcome: DeclarationCaseOutcome }
  | { kind: 'declaration_case.dismissed'; reason: DismissalReason }
  | {
      kind: 'declaration_case.referral_closed';
      outcome: 'employer_identified';
      successorCaseId: number;
      identifiedTaxCode: string;
    }
  | { kind: 'declaration_case.referral_closed'; outcome: 'outside_system'; whereToTurn: WhereToTurn };

/** A notice to the participant about their case (ids, months and dates only), once per step. */
export function tellParticipant(tx: Tx, c: DeclarationCaseRow, { kind, ...payload }: ParticipantNotice) {
  return enqueue(tx, {
    dedupeKey: `declaration-case:${c.id}:participant:${kind}`,
    kind,
    channel: 'email',
    recipientType: 'participant',
    recipientId: c.personalId,
    payload: { caseId: c.id, employerTaxCode: c.employerTaxCode, ...payload },
  });
}

export function auditCase(
  tx: Tx,
  c: DeclarationCaseRow,
  action: string,
  actor: string,
  details: Record<string, unknown> = {},
) {
  return audit(tx, {
    actor,
    action,
    subjectType: 'declaration_case',
    subjectId: String(c.id),
    workflowId: c.workflowId ?? undefined,
    details,
  });
}

/** Every open task of the case, done (the wait was answered) or cancelled (it no longer applies). */
export async function closeCaseTasks(
  tx: Tx,
  caseId: number,
  by: string,
  steps: readonly string[] = ['employer_answer', 'inspection', 'payment'],
  status: 'done' | 'cancelled' = 'done',
): Promise<void> {
  for (const step of steps) await closeTasks(tx, { dedupeKey: `declaration-case:${caseId}:${step}` }, { status, by });
}

/**
 * A case dismissed, in the caller's transaction (the workflow's activity, or the service for a
 * referral, which has no workflow): closed with its reason, its tasks cancelled, the participant
 * told, the step, the e-book and the audit event.
 */
export async function dismissCase(
  tx: Tx,
  c: DeclarationCaseRow,
  d: { officer: string; actor: string; reason: DismissalReason; today: IsoDate; at: Date },
): Promise<void> {
  await setDeclarationCase(tx, c.id, {
    status: 'closed',
    closedOn: d.today,
    outcome: 'dismissed',
    outcomeReason: d.reason,
    updatedAt: d.at,
  });
  await closeCaseTasks(tx, c.id, d.officer, ['employer_answer', 'inspection', 'payment', 'referral'], 'cancelled');
  await tellParticipant(tx, c, { kind: 'declaration_case.dismissed', reason: d.reason });
  await recordCaseStep(tx, {
    caseId: c.id,
    step: 'dismissed',
    onDate: d.today,
    at: d.at,
    details: { reason: d.reason },
  });
  // The months are no longer under dispute.
  await rewriteEbooks(tx, [c.personalId]);
  await auditCase(tx, c, 'declaration_case.dismissed', d.actor, { reason: d.reason });
}

/**
 * The activities of a declaration case (issue #14 part 2; workflows/declaration-case.ts). Each is one
 * transaction and one idempotent effect (the case row locked, each step once: declaration_case_steps
 * unique (case, step), tasks and notices by their dedupe keys); a step that changes the months under
 * dispute re-renders the e-book in the same transaction. Carries the case id only.
 */
import { addWorkingDays, type IsoDate } from '../domain/calendar';
import {
  caseFinding,
  employerAnswerDue,
  employerNoticeScope,
  type CaseFinding,
  type DeclarationCaseOutcome,
  type DismissalReason,
} from '../domain/declaration-cases';
import { DomainError } from '../domain/errors';
import { TASK_QUEUES } from '../domain/tasks';
import type { Db, Tx } from '../db/client';
import { enqueue } from '../db/queries/audit';
import {
  caseMonthsFacts,
  caseParticipant,
  findDeclarationCase,
  lockDeclarationCase,
  recordCaseStep,
  setDeclarationCase,
  type DeclarationCaseRow,
} from '../db/queries/declaration-cases';
import { rewriteEbooks } from '../db/queries/ebooks';
import { actorOf } from '../db/queries/minimise';
import { closeTasks, openTask } from '../db/queries/tasks';
import { auditCase, closeCaseTasks, dismissCase, tellParticipant } from '../services/declaration-cases';

export interface DeclarationCaseDeps {
  db: Db;
  clock: () => Date;
}

/** Where the case stands, as the workflow reads it at each wake-up. */
export interface DeclarationCaseCheck {
  status: string;
  finding: CaseFinding;
  employerDue: IsoDate | null;
}

// The case's waits (domain/tasks.ts TASK_KINDS).
const ANSWER_TASK = 'declaration_case.employer_answer';
const INSPECTION_TASK = 'declaration_case.inspection';
const PAYMENT_TASK = 'declaration_case.payment';

/** The inspection after the employer's deadline is due in 10 working days (rules §8.37). */
export const INSPECTION_WORKING_DAYS = 10;

async function lockCase(tx: Tx, caseId: number): Promise<DeclarationCaseRow> {
  const c = await lockDeclarationCase(tx, caseId);
  if (!c) throw new DomainError('DECLARATION_CASE_NOT_FOUND', `no declaration case ${caseId}`);
  return c;
}

export function createDeclarationCaseActivities(deps: DeclarationCaseDeps) {
  const { db } = deps;
  const workflowActor = (c: DeclarationCaseRow) => `workflow:${c.workflowId}`;

  return {
    /**
     * 1. The employer is told, with its deadline (rules §8.37), and the participant that it was. The
     * employer's notice names the person only when the participant did not ask to stay anonymous
     * (Law 25/2018 Art.9(1)(b)). Returns the deadline (the same on retry and after continue-as-new).
     */
    async notifyDeclarationCaseEmployer(input: { caseId: number; today: IsoDate }): Promise<{ due: IsoDate }> {
      return db.transaction(async (tx) => {
        const c = await lockCase(tx, input.caseId);
        if (c.employerDue) return { due: c.employerDue };
        const due = employerAnswerDue(c.openedOn);
        const now = deps.clock();
        await setDeclarationCase(tx, c.id, { employerDue: due, updatedAt: now });
        await openTask(tx, {
          dedupeKey: `declaration-case:${c.id}:employer_answer`,
          kind: ANSWER_TASK,
          actor: 'employer',
          queue: TASK_QUEUES.employers,
          dueDate: due,
          employerTaxCode: c.employerTaxCode,
          declarationCaseId: c.id,
          details: { caseId: c.id },
        });
        const scope = employerNoticeScope(c);
        const person = scope.namesPerson ? await caseParticipant(tx, c.personalId) : undefined;
        await enqueue(tx, {
          dedupeKey: `declaration-case:${c.id}:employer:notified`,
          channel: 'portal',
          recipientType: 'employer',
          recipientId: c.employerTaxCode,
          ...(scope.namesPerson
            ? { kind: 'declaration_case.employer_named' }
            : { kind: 'declaration_case.employer_anonymous' }),
          payload: scope.namesPerson
            ? {
                caseId: c.id,
                due,
                personalId: c.personalId,
                fullName: person?.fullName ?? '',
                fromMonth: scope.fromMonth,
                toMonth: scope.toMonth,
              }
            : { caseId: c.id, due, fromYear: scope.fromYear, toYear: scope.toYear },
        });
        await tellParticipant(tx, c, { kind: 'declaration_case.employer_notified', due });
        await recordCaseStep(tx, {
          caseId: c.id,
          step: 'employer_notified',
          onDate: input.today,
          at: now,
          details: { due },
        });
        await auditCase(tx, c, 'declaration_case.employer_notified', workflowActor(c), { due });
        return { due };
      });
    },

    /** Reads where the months stand (a read; the workflow acts on the finding). */
    async checkDeclarationCase(input: { caseId: number }): Promise<DeclarationCaseCheck> {
      const c = await findDeclarationCase(db, input.caseId);
      if (!c) throw new DomainError('DECLARATION_CASE_NOT_FOUND', `no declaration case ${input.caseId}`);
      const facts = await caseMonthsFacts(db, c);
      return {
        status: c.status,
        finding: caseFinding(facts, c.arrearsConfirmedOn !== null),
        employerDue: c.employerDue,
      };
    },

    /** 3. No answer by the deadline: the employer's wait ends unanswered and an inspection task opens. */
    async escalateDeclarationCase(input: { caseId: number; today: IsoDate }): Promise<void> {
      await db.transaction(async (tx) => {
        const c = await lockCase(tx, input.caseId);
        if (c.status !== 'awaiting_employer') return;
        const now = deps.clock();
        await setDeclarationCase(tx, c.id, { status: 'escalated', escalatedOn: input.today, updatedAt: now });
        await closeTasks(
          tx,
          { kinds: [ANSWER_TASK], dedupeKey: `declaration-case:${c.id}:employer_answer` },
          { status: 'cancelled', by: 'system:declaration-case' },
        );
        await openTask(tx, {
          dedupeKey: `declaration-case:${c.id}:inspection`,
          kind: INSPECTION_TASK,
          queue: TASK_QUEUES.inspections,
          dueDate: addWorkingDays(input.today, INSPECTION_WORKING_DAYS),
          employerTaxCode: c.employerTaxCode,
          declarationCaseId: c.id,
          details: { caseId: c.id, employerDue: c.employerDue },
        });
        await tellParticipant(tx, c, { kind: 'declaration_case.escalated' });
        await recordCaseStep(tx, { caseId: c.id, step: 'escalated', onDate: input.today, at: now });
        await auditCase(tx, c, 'declaration_case.escalated', workflowActor(c));
      });
    },

    /**
     * 4. Arrears confirmed — by an officer (the Update), or by the reconciliation's arrears for those
     * months (`system:reconciliation`): the case waits for the months to be paid and credited; the
     * employer's payment becomes its wait.
     */
    async confirmDeclarationCaseArrears(input: { caseId: number; by: string; today: IsoDate }): Promise<void> {
      await db.transaction(async (tx) => {
        const c = await lockCase(tx, input.caseId);
        if (c.status === 'arrears' || c.status === 'closed') return;
        const now = deps.clock();
        const by = input.by.startsWith('system:') ? input.by : await actorOf(tx, input.by);
        await setDeclarationCase(tx, c.id, { status: 'arrears', arrearsConfirmedOn: input.today, updatedAt: now });
        await closeCaseTasks(tx, c.id, input.by, ['employer_answer', 'inspection']);
        await openTask(tx, {
          dedupeKey: `declaration-case:${c.id}:payment`,
          kind: PAYMENT_TASK,
          actor: 'employer',
          queue: TASK_QUEUES.employers,
          employerTaxCode: c.employerTaxCode,
          declarationCaseId: c.id,
          details: { caseId: c.id },
        });
        await tellParticipant(tx, c, { kind: 'declaration_case.arrears_confirmed' });
        await recordCaseStep(tx, {
          caseId: c.id,
          step: 'arrears_confirmed',
          onDate: input.today,
          at: now,
          details: { by: input.by.startsWith('system:') ? input.by : 'officer' },
        });
        await auditCase(tx, c, 'declaration_case.arrears_confirmed', by);
      });
    },

    /** 2 / 4. The months declared (or, after arrears, credited): the case closes, every wait with it, and the participant is told. */
    async closeDeclarationCase(input: {
      caseId: number;
      outcome: DeclarationCaseOutcome;
      today: IsoDate;
    }): Promise<void> {
      await db.transaction(async (tx) => {
        const c = await lockCase(tx, input.caseId);
        if (c.status === 'closed') return;
        const now = deps.clock();
        await setDeclarationCase(tx, c.id, {
          status: 'closed',
          closedOn: input.today,
          outcome: input.outcome,
          updatedAt: now,
        });
        await closeCaseTasks(tx, c.id, 'system:declaration-case');
        await tellParticipant(tx, c, { kind: 'declaration_case.closed', outcome: input.outcome });
        await recordCaseStep(tx, { caseId: c.id, step: input.outcome, onDate: input.today, at: now });
        // The months are no longer under dispute.
        await rewriteEbooks(tx, [c.personalId]);
        await auditCase(tx, c, 'declaration_case.closed', workflowActor(c), { outcome: input.outcome });
      });
    },

    /**
     * The officer's dismissal (the workflow's Update; rules §8.37): the case closes as `dismissed`
     * with its reason, every wait of it is cancelled, the participant is told why, and the months
     * leave the e-book's dispute — one transaction.
     */
    async dismissDeclarationCase(input: {
      caseId: number;
      officer: string;
      reason: DismissalReason;
      today: IsoDate;
    }): Promise<void> {
      await db.transaction(async (tx) => {
        const c = await lockCase(tx, input.caseId);
        if (c.status === 'closed') return;
        await dismissCase(tx, c, { ...input, at: deps.clock(), actor: await actorOf(tx, input.officer) });
      });
    },
  };
}

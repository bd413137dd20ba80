/**
 * Employer onboarding activities. Each is one database transaction and one idempotent effect;
 * whatever changes what an e-book shows re-renders that e-book in the same transaction.
 */
import { localDateOf, monthOf } from '../domain/calendar';
import { DomainError } from '../domain/errors';
import { checkSubmission, formatUnitCode } from '../domain/onboarding';
import { employeeInputSchema, employerInputSchema, type OnboardingSummary } from '../domain/schemas';
import type { Db, Tx } from '../db/client';
import { audit, enqueue, storeResult, transactionOnce } from '../db/queries/audit';
import { rewriteEbooks } from '../db/queries/ebooks';
import { actorOf, caseTextOf } from '../db/queries/minimise';
import { findEmployer, lockEmployer, type EmployerRow } from '../db/queries/employers';
import { personalIdsEmployedBy } from '../db/queries/employments';
import {
  findRequest,
  insertEmployer,
  nextUnitSerial,
  requestLines,
  updateEmployer,
  updateRequest,
} from '../db/queries/onboarding';
import { hiringEmployer, onboardLines, type HireCounts } from '../db/queries/hires';
import { alertTasks, closeTasks, openTask } from '../db/queries/tasks';
import { onboardingApprovalDue, TASK_QUEUES } from '../domain/tasks';
import { ONBOARDING_AUTO_REJECT_AFTER_DAYS } from '../workflows/definitions';
import { heartbeat } from './heartbeat';

export interface OnboardingDeps {
  db: Db;
  clock: () => Date;
  /** Test seam: called at named points inside a transaction (a throw there must roll everything back). */
  faults?: (point: string) => void | Promise<void>;
}

export interface WorkflowRef {
  requestId: string;
  taxCode: string;
  workflowId: string;
  runId: string;
}

export type RegisterResult =
  | { outcome: 'registered'; employeeCount: number; warnings: string[] }
  | { outcome: 'duplicate'; existingStatus: string };

export interface BatchInput extends WorkflowRef {
  fromLine: number;
  toLine: number;
}

export interface BatchResult extends HireCounts {
  fromLine: number;
  toLine: number;
}

/** The audit event of an onboarding step: ids and counts only. */
function auditStep(
  tx: Tx,
  ref: WorkflowRef,
  action: string,
  details: Record<string, unknown>,
  actor = `workflow:${ref.workflowId}`,
) {
  return audit(tx, {
    actor,
    action,
    subjectType: 'employer',
    subjectId: ref.taxCode,
    workflowId: ref.workflowId,
    runId: ref.runId,
    details: { requestId: ref.requestId, ...details },
  });
}

/** The officers' wait for an onboarding's approval (issue 12's work queue). */
const APPROVAL_TASK = 'onboarding.approval';

async function loadRequest(tx: Tx, requestId: string) {
  const req = await findRequest(tx, requestId);
  if (!req)
    throw new DomainError('REQUEST_NOT_FOUND', `onboarding request ${requestId} does not exist`, undefined, undefined, {
      requestId,
    });
  return req;
}

/** The employer this dossier registered, locked; WRONG_STATE when the dossier registered none. */
async function lockDossierEmployer(tx: Tx, ref: WorkflowRef): Promise<EmployerRow> {
  const emp = await lockEmployer(tx, ref.taxCode);
  if (!emp || emp.onboardingRequestId !== ref.requestId) {
    throw new DomainError(
      'WRONG_STATE',
      `employer ${ref.taxCode} is not registered by this dossier`,
      undefined,
      undefined,
      { taxCode: ref.taxCode },
    );
  }
  return emp;
}

/** Only a pending employer can be decided. */
function assertPending(emp: EmployerRow): void {
  if (emp.status !== 'pending')
    throw new DomainError(
      'WRONG_STATE',
      `employer ${emp.taxCode} is ${emp.status}, not pending`,
      undefined,
      undefined,
      {
        taxCode: emp.taxCode,
        status: emp.status,
      },
    );
}

async function loadEmployees(tx: Tx, requestId: string, fromLine: number, toLine: number) {
  const rows = await requestLines(tx, requestId, fromLine, toLine);
  return rows.map((r) => ({ line: r.line, employee: employeeInputSchema.parse(r.data) }));
}

export function createOnboardingActivities(deps: OnboardingDeps) {
  const { db } = deps;
  const fault = async (point: string) => {
    if (deps.faults) await deps.faults(point);
  };

  return {
    /**
     * Re-checks the stored dossier and registers the employer as pending. A known employer
     * (pending or active under another dossier) gives a duplicate result and writes nothing else.
     */
    async registerEmployer(ref: WorkflowRef): Promise<RegisterResult> {
      return db.transaction(async (tx) => {
        const req = await loadRequest(tx, ref.requestId);
        const employer = employerInputSchema.parse(req.employer);
        if (employer.taxCode !== ref.taxCode) {
          throw new DomainError(
            'TAX_CODE_MISMATCH',
            'the workflow tax code differs from the dossier',
            'employer.taxCode',
          );
        }
        const lines = await loadEmployees(tx, ref.requestId, 1, req.employeeCount);
        const check = checkSubmission(
          { employer, employees: lines.map((l) => l.employee) },
          monthOf(localDateOf(req.createdAt.getTime())),
        );
        if (check.errors.length > 0) {
          const first = check.errors[0]!;
          throw new DomainError(
            first.code,
            first.message,
            first.field,
            { errors: check.errors.map(({ code, field, line, params }) => ({ code, field, line, params })) },
            first.params,
          );
        }
        const existing = await lockEmployer(tx, employer.taxCode);
        if (existing && existing.onboardingRequestId === ref.requestId) {
          return {
            outcome: 'registered',
            employeeCount: req.employeeCount,
            warnings: check.warnings.map((w) => w.code),
          };
        }
        if (existing && existing.status !== 'rejected') {
          await updateRequest(tx, ref.requestId, { status: 'duplicate' });
          await auditStep(tx, ref, 'onboarding.duplicate', { existingStatus: existing.status });
          return { outcome: 'duplicate', existingStatus: existing.status };
        }
        const values = {
          name: employer.name,
          address: employer.address,
          provinceCode: employer.provinceCode,
          wageRegion: employer.wageRegion,
          category: employer.category,
          status: 'pending',
          unitCode: null,
          rejectionReason: null,
          onboardingRequestId: ref.requestId,
        };
        if (existing) {
          // A previously rejected employer applies again with a new dossier.
          await updateEmployer(tx, employer.taxCode, values);
        } else {
          await insertEmployer(tx, { taxCode: employer.taxCode, ...values });
        }
        await updateRequest(tx, ref.requestId, { status: 'pending' });
        // The officers' wait, due when the workflow escalates it; rejected automatically after that.
        const { due, autoRejectOn } = onboardingApprovalDue(
          localDateOf(deps.clock().getTime()),
          ONBOARDING_AUTO_REJECT_AFTER_DAYS,
        );
        await openTask(tx, {
          dedupeKey: `onboarding:${ref.requestId}:approval`,
          kind: APPROVAL_TASK,
          queue: TASK_QUEUES.onboarding,
          provinceCode: employer.provinceCode,
          dueDate: due,
          onboardingRequestId: ref.requestId,
          employerTaxCode: employer.taxCode,
          details: { employees: req.employeeCount, autoRejectOn },
        });
        await auditStep(tx, ref, 'employer.registered_pending', {
          employees: req.employeeCount,
          reapplication: Boolean(existing),
        });
        return { outcome: 'registered', employeeCount: req.employeeCount, warnings: check.warnings.map((w) => w.code) };
      });
    },

    /** No decision within the deadline: put the case in the officers' queue (once). */
    async escalateOnboarding(ref: WorkflowRef & { deadline: string }): Promise<void> {
      await db.transaction(async (tx) => {
        const fresh = await enqueue(tx, {
          dedupeKey: `onboarding:${ref.requestId}:escalation`,
          kind: 'onboarding.decision_overdue',
          channel: 'officer_queue',
          recipientType: 'officer',
          recipientId: 'onboarding-officers',
          payload: {
            taxCode: ref.taxCode,
            requestId: ref.requestId,
            workflowId: ref.workflowId,
            deadline: ref.deadline,
          },
        });
        await alertTasks(
          tx,
          { kinds: [APPROVAL_TASK], onboardingRequestId: ref.requestId },
          { alert: 'decision_overdue', escalate: true },
        );
        if (fresh) {
          await auditStep(tx, ref, 'onboarding.escalated', { deadline: ref.deadline });
        }
      });
    },

    /** Approval: the employer becomes active with a unit code (the same code on retry). */
    async activateEmployer(ref: WorkflowRef & { officer: string }): Promise<{ unitCode: string }> {
      return db.transaction(async (tx) => {
        const emp = await lockDossierEmployer(tx, ref);
        if (emp.status === 'active' && emp.unitCode) return { unitCode: emp.unitCode };
        assertPending(emp);
        const unitCode = formatUnitCode(emp.provinceCode, await nextUnitSerial(tx));
        await updateEmployer(tx, ref.taxCode, { status: 'active', unitCode });
        await updateRequest(tx, ref.requestId, { status: 'approved' });
        await closeTasks(
          tx,
          { kinds: [APPROVAL_TASK], onboardingRequestId: ref.requestId },
          { status: 'done', by: ref.officer },
        );
        // The unit code shows on the e-books of anyone already employed there.
        await rewriteEbooks(tx, await personalIdsEmployedBy(tx, ref.taxCode));
        await auditStep(tx, ref, 'employer.approved', { unitCode }, await actorOf(tx, ref.officer));
        return { unitCode };
      });
    },

    /** Rejection by an officer, or automatic after 30 days; the employer is told through the outbox. */
    async rejectEmployer(
      ref: WorkflowRef & {
        /** The officer's principal reference (or, in older histories, the officer; `system:auto-reject`). */
        officer: string;
        /** The reason as text (automatic, or older histories), or the id of an officer's in `case_texts`. */
        reason?: string;
        reasonId?: number;
        automatic: boolean;
      },
    ): Promise<void> {
      await db.transaction(async (tx) => {
        const emp = await lockDossierEmployer(tx, ref);
        if (emp.status === 'rejected') return;
        assertPending(emp);
        const reason = (ref.reasonId !== undefined ? await caseTextOf(tx, ref.reasonId) : ref.reason) ?? 'rejected';
        await updateEmployer(tx, ref.taxCode, { status: 'rejected', rejectionReason: reason });
        await updateRequest(tx, ref.requestId, { status: 'rejected' });
        // An officer's rejection answers the wait; the automatic one ends it unanswered.
        await closeTasks(
          tx,
          { kinds: [APPROVAL_TASK], onboardingRequestId: ref.requestId },
          { status: ref.automatic ? 'cancelled' : 'done', by: ref.officer },
        );
        await enqueue(tx, {
          dedupeKey: `onboarding:${ref.requestId}:rejected`,
          kind: 'onboarding.rejected',
          channel: 'portal',
          recipientType: 'employer',
          recipientId: ref.taxCode,
          payload: { requestId: ref.requestId, reason, automatic: ref.automatic },
        });
        const officer = await actorOf(tx, ref.officer);
        await auditStep(tx, ref, ref.automatic ? 'employer.auto_rejected' : 'employer.rejected', {}, officer);
      });
    },

    /**
     * Onboards dossier lines fromLine..toLine in ONE transaction: participants found or created,
     * employments and salary history, HI cards, e-books. Idempotent: the result is stored under a
     * key in the same transaction and returned as it is on retry.
     */
    async onboardEmployeeBatch(input: BatchInput): Promise<BatchResult> {
      const key = `onboarding:${input.requestId}:lines:${input.fromLine}-${input.toLine}`;
      return transactionOnce(db, key, async (tx): Promise<BatchResult> => {
        const emp = await findEmployer(tx, input.taxCode);
        if (!emp || emp.status !== 'active' || emp.onboardingRequestId !== input.requestId) {
          throw new DomainError(
            'WRONG_STATE',
            `employer ${input.taxCode} is not active under this dossier`,
            undefined,
            undefined,
            { taxCode: input.taxCode },
          );
        }
        const employer = hiringEmployer(emp, emp.unitCode!);
        const lines = await loadEmployees(tx, input.requestId, input.fromLine, input.toLine);
        heartbeat({ fromLine: input.fromLine, step: 'loaded' });
        const result = await onboardLines(tx, employer, lines, input.requestId, localDateOf(deps.clock().getTime()));
        await fault('batch:before-ebooks');
        heartbeat({ fromLine: input.fromLine, step: 'rows-written' });
        result.ebooksWritten = await rewriteEbooks(
          tx,
          lines.map((l) => l.employee.personalId),
        );
        await fault('batch:after-ebooks');
        const out: BatchResult = { fromLine: input.fromLine, toLine: input.toLine, ...result };
        await auditStep(tx, input, 'onboarding.batch_written', {
          fromLine: input.fromLine,
          toLine: input.toLine,
          employees: out.employees,
        });
        await storeResult(tx, key, out);
        return out;
      });
    },

    /** Closes the dossier with its summary and tells the employer (once). */
    async completeOnboarding(ref: WorkflowRef & { summary: OnboardingSummary }): Promise<void> {
      await db.transaction(async (tx) => {
        await updateRequest(tx, ref.requestId, { status: 'completed', summary: ref.summary });
        const fresh = await enqueue(tx, {
          dedupeKey: `onboarding:${ref.requestId}:completed`,
          kind: 'onboarding.completed',
          channel: 'portal',
          recipientType: 'employer',
          recipientId: ref.taxCode,
          payload: {
            requestId: ref.requestId,
            unitCode: ref.summary.unitCode,
            employeesOnboarded: ref.summary.employeesOnboarded,
          },
        });
        if (fresh) {
          await auditStep(tx, ref, 'onboarding.completed', { employees: ref.summary.employeesOnboarded });
        }
      });
    },
  };
}

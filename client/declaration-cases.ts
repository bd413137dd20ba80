/**
 * Declaration cases as the front ends drive them (issue #14 part 2): an opening is stored first
 * (services/declaration-cases.ts), then `declaration-case:<id>` starts with the id only (a referred
 * case has no workflow); the officer's confirmation of arrears and dismissal are its Updates (a
 * referral, which has no workflow, is dismissed or closed by the service); a declaration or a
 * payment that committed signals the open cases it may answer (client/case-signals.ts).
 */
import {
  Client,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { Db } from '../db/client';
import type { IsoDate } from '../domain/calendar';
import {
  declarationCaseArrearsSchema,
  declarationCaseDismissalSchema,
  declarationCaseOpeningSchema,
  referralClosureSchema,
} from '../domain/schemas-declaration-cases';
import { DomainError } from '../domain/errors';
import { parseOrThrow } from '../domain/issues';
import type { Clock } from '../runtime/clock';
import {
  attachDeclarationCaseEvidence,
  closeReferral,
  dismissReferral,
  findDeclarationCaseOrThrow,
  undoReferralClosure,
  openDeclarationCase,
  withdrawDeclarationCase,
  type OpenedDeclarationCase,
} from '../services/declaration-cases';
import type { Upload } from '../services/evidence';
import { recordPrincipal, withdrawCarried } from '../services/principals';
import {
  declarationCaseArrearsUpdate,
  declarationCaseDismissUpdate,
  DEFAULT_TASK_QUEUE,
  type DeclarationCaseWorkflowStatus,
} from '../workflows/definitions';
import type { declarationCase } from '../workflows/declaration-case';

export interface DeclarationCasesContext {
  db: Db;
  client: Client;
  taskQueue?: string;
  clock: Clock;
}

async function startCaseWorkflow(ctx: DeclarationCasesContext, c: { id: number; workflowId: string | null }) {
  await ctx.client.workflow.start<typeof declarationCase>('declarationCase', {
    taskQueue: ctx.taskQueue ?? DEFAULT_TASK_QUEUE,
    workflowId: c.workflowId!,
    args: [{ caseId: c.id, offsetDays: ctx.clock.offsetDays }],
    workflowIdReusePolicy: 'REJECT_DUPLICATE',
  });
}

/** Opens a case; its workflow starts once it is stored (and the case is withdrawn if it cannot start). */
export async function openAndStartDeclarationCase(
  ctx: DeclarationCasesContext,
  raw: unknown,
  openedBy: string,
  today: IsoDate = ctx.clock.today(),
): Promise<OpenedDeclarationCase> {
  const opening = parseOrThrow(declarationCaseOpeningSchema, raw);
  const opened = await openDeclarationCase({ db: ctx.db, clock: ctx.clock }, opening, openedBy, today);
  if (opened.referral || !opened.case.workflowId) return opened;
  try {
    await startCaseWorkflow(ctx, opened.case);
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return opened;
    await withdrawDeclarationCase(ctx.db, opened.case.id, openedBy);
    throw err;
  }
  return opened;
}

/** The officer's confirmation of arrears, as the workflow's Update (refused at once in the wrong state). */
export async function confirmDeclarationCaseArrears(
  ctx: DeclarationCasesContext,
  id: number,
  raw: unknown,
  officer: string,
): Promise<{ accepted: true; status: DeclarationCaseWorkflowStatus }> {
  parseOrThrow(declarationCaseArrearsSchema, raw);
  const c = await findDeclarationCaseOrThrow(ctx.db, id);
  if (!c.workflowId || (c.status !== 'awaiting_employer' && c.status !== 'escalated'))
    throw new DomainError('WRONG_STATE', `arrears cannot be confirmed while the case is ${c.status}`);
  const principal = await recordPrincipal(ctx.db, officer);
  try {
    return await ctx.client.workflow
      .getHandle(c.workflowId)
      .executeUpdate(declarationCaseArrearsUpdate, { args: [{ officer: principal }] });
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError || err instanceof WorkflowNotFoundError)
      await withdrawCarried(ctx.db, { principal });
    throw refusalOf(err);
  }
}

/** Attaches a document to a case (nothing to tell the workflow: evidence is for the officers). */
export async function addDeclarationCaseEvidence(ctx: DeclarationCasesContext, id: number, upload: Upload, by: string) {
  return attachDeclarationCaseEvidence(ctx.db, id, upload, by, ctx.clock());
}

/** An Update's refusal as the front ends read it: the workflow's code, or WRONG_STATE once it is gone. */
function refusalOf(err: unknown): unknown {
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure)
    return new DomainError(err.cause.type ?? 'UPDATE_REFUSED', err.cause.message);
  if (err instanceof WorkflowNotFoundError) return new DomainError('WRONG_STATE', 'the case is closed');
  return err;
}

/**
 * The officer dismisses a case with its reason (rules §8.37): a case with a workflow by its Update
 * `dismiss` (refused at once when it is closing or closed), a referral by the service (it has no
 * workflow). Either way one transaction closes it, cancels its tasks, tells the participant and
 * takes its months off the e-book's dispute. A closed case is WRONG_STATE, writing nothing.
 */
export async function dismissDeclarationCase(
  ctx: DeclarationCasesContext,
  id: number,
  raw: unknown,
  officer: string,
  today: IsoDate = ctx.clock.today(),
): Promise<{ accepted: true; status: DeclarationCaseWorkflowStatus }> {
  const { reason } = parseOrThrow(declarationCaseDismissalSchema, raw);
  const c = await findDeclarationCaseOrThrow(ctx.db, id);
  if (c.status === 'referred') {
    await dismissReferral({ db: ctx.db, clock: ctx.clock }, id, reason, officer, today);
    return { accepted: true, status: 'closed' };
  }
  if (c.status === 'closed' || !c.workflowId)
    throw new DomainError('WRONG_STATE', `the case is ${c.status}: it cannot be dismissed`);
  const principal = await recordPrincipal(ctx.db, officer);
  try {
    return await ctx.client.workflow
      .getHandle(c.workflowId)
      .executeUpdate(declarationCaseDismissUpdate, { args: [{ officer: principal, reason }] });
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError || err instanceof WorkflowNotFoundError)
      await withdrawCarried(ctx.db, { principal });
    throw refusalOf(err);
  }
}

/**
 * The officer closes a referral with its outcome (rules §8.37; services/declaration-cases.ts
 * `closeReferral`, one transaction). The employer identified: the case opened against it starts its
 * workflow once the closure commits, and if it cannot start the closure is undone (the referral
 * referred again), as an opening is withdrawn.
 */
export async function closeDeclarationCaseReferral(
  ctx: DeclarationCasesContext,
  id: number,
  raw: unknown,
  officer: string,
  today: IsoDate = ctx.clock.today(),
): Promise<{ caseId: number; status: 'closed'; outcome: string; successorCaseId: number | null }> {
  const closure = parseOrThrow(referralClosureSchema, raw);
  const closed = await closeReferral({ db: ctx.db, clock: ctx.clock }, id, closure, officer, today);
  if (closed.successor) {
    try {
      await startCaseWorkflow(ctx, closed.successor);
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) {
        await undoReferralClosure(ctx.db, id, closed.successor.id, officer);
        throw err;
      }
    }
  }
  return {
    caseId: id,
    status: 'closed',
    outcome: closure.outcome,
    successorCaseId: closed.successor?.id ?? null,
  };
}

/**
 * Declaration cases as the front ends drive them (issue #14 part 2): an opening is stored first
 * (services/declaration-cases.ts), then `declaration-case:<id>` starts with the id only (a referred
 * case has no workflow); the officer's confirmation of arrears is its Update; a declaration that
 * committed signals the open cases it may answer (`declarationCommitted`, the hook
 * services/declarations.ts calls after its transaction).
 */
import {
  Client,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { Db } from '../db/client';
import { openCaseWorkflows } from '../db/queries/declaration-cases';
import type { IsoDate } from '../domain/calendar';
import { declarationCaseArrearsSchema, declarationCaseOpeningSchema } from '../domain/declaration-cases';
import { DomainError } from '../domain/errors';
import { parseOrThrow } from '../domain/issues';
import type { Clock } from '../runtime/clock';
import {
  attachDeclarationCaseEvidence,
  findDeclarationCaseOrThrow,
  openDeclarationCase,
  withdrawDeclarationCase,
  type OpenedDeclarationCase,
} from '../services/declaration-cases';
import type { Upload } from '../services/evidence';
import { recordPrincipal, withdrawCarried } from '../services/principals';
import {
  declarationCaseArrearsUpdate,
  declarationCaseDeclaredSignal,
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
    await ctx.client.workflow.start<typeof declarationCase>('declarationCase', {
      taskQueue: ctx.taskQueue ?? DEFAULT_TASK_QUEUE,
      workflowId: opened.case.workflowId,
      args: [{ caseId: opened.case.id, offsetDays: ctx.clock.offsetDays }],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
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
    if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure)
      throw new DomainError(err.cause.type ?? 'UPDATE_REFUSED', err.cause.message);
    if (err instanceof WorkflowNotFoundError) throw new DomainError('WRONG_STATE', 'the case is closed');
    throw err;
  }
}

/** Attaches a document to a case (nothing to tell the workflow: evidence is for the officers). */
export async function addDeclarationCaseEvidence(ctx: DeclarationCasesContext, id: number, upload: Upload, by: string) {
  return attachDeclarationCaseEvidence(ctx.db, id, upload, by, ctx.clock());
}

/**
 * The declaration's hook (services/declarations.ts `afterCommit`): the open cases against this
 * employer by the people it declared are told to re-read the database. Called after the commit, so
 * the workflow finds what the declaration wrote; a signal that is lost (Temporal unreachable, the
 * process gone) only delays the closure until the workflow's next timer.
 */
export function declarationCommitted(db: Db, client: Client) {
  return async (e: { taxCode: string; personalIds: string[] }): Promise<void> => {
    for (const workflowId of await openCaseWorkflows(db, e.taxCode, e.personalIds)) {
      await client.workflow
        .getHandle(workflowId)
        .signal(declarationCaseDeclaredSignal)
        .catch(() => undefined);
    }
  };
}

/**
 * Typed starters and messages for unemployment claims: the filing is validated and stored first,
 * then `claim:ui:<keyed hash>` is started with the claim id only; decisions, reports and
 * terminations are the workflow's Updates (accepted or refused at once, with a stable code).
 */
import {
  Client,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { claimWorkflowId, fileClaim } from '../services/claim-filing';
import type { IsoDate } from '../domain/calendar';
import { DomainError, problemParamsOf } from '../domain/errors';
import { parseOrThrow } from '../domain/issues';
import { claimDecisionSchema, claimFilingSchema, claimReportSchema, claimTerminationSchema } from '../domain/schemas';
import type { Db } from '../db/client';
import type { Clock } from '../runtime/clock';
import type { ClaimEvaluationView, ClaimFacts } from '../domain/schemas-officer';
import {
  claimCard,
  claimEvaluation,
  claimFacts,
  claimTasks,
  findClaim,
  hasOpenClaimUnder,
  storedClaimState,
  withdrawIntakeClaim,
  type ClaimTask,
  type StoredClaim,
} from '../services/claims';
import {
  claimDecisionUpdate,
  claimReportUpdate,
  claimStateQuery,
  claimTerminationUpdate,
  DEFAULT_TASK_QUEUE,
  type ClaimState,
  type ClaimStatus,
} from '../workflows/definitions';
import type { unemploymentClaim } from '../workflows/claims';
import { recordCaseText, recordPrincipal, withdrawCarried, type CarriedRefs } from '../services/principals';
import { claimMonthPayments } from '../services/payment-files';
import { isWorkflowRunning } from './temporal';

export interface ClaimsContext {
  db: Db;
  client: Client;
  taskQueue?: string;
  subjectKey: string;
  /** The application clock (runtime/clock.ts): its date shift goes to the workflow. */
  clock: Clock;
}

export interface FiledClaim {
  claimId: string;
  workflowId: string;
  created: boolean;
  /** The claim's status after the filing: `intake` for a new claim, the claim's own for the same filing again. */
  status: string;
}

/**
 * Validates a filing, stores it and starts its workflow. The workflow id names the participant, so
 * it is also the "one claim at a time" lock: while the previous claim's workflow is still closing
 * (ending its coverage), a new claim cannot start — the filing is then withdrawn and refused with
 * CLAIM_ALREADY_OPEN rather than left in intake without a workflow. The same filing again finds
 * its own claim and its workflow. `today` bounds the filing's dates: the context's clock, or the
 * day the caller's workflows count (the time-skipping tests pass the test server's day).
 */
export async function fileAndStartClaim(
  ctx: ClaimsContext,
  raw: unknown,
  filedBy: string,
  today: IsoDate = ctx.clock.today(),
): Promise<FiledClaim> {
  const filing = parseOrThrow(claimFilingSchema, raw);
  // A refusal writes nothing: while the previous claim's workflow is still closing, refuse before
  // storing (the compensating delete below only covers a start that loses a race).
  const workflowId = claimWorkflowId(filing.personalId, ctx.subjectKey);
  const running = await isWorkflowRunning(ctx.client, workflowId);
  if (running && !(await hasOpenClaimUnder(ctx.db, workflowId))) {
    throw new DomainError(
      'CLAIM_ALREADY_OPEN',
      'the participant’s previous claim is still closing; file again shortly',
    );
  }
  const filed = await fileClaim(ctx.db, filing, filedBy, ctx.subjectKey, today);
  try {
    await ctx.client.workflow.start<typeof unemploymentClaim>('unemploymentClaim', {
      taskQueue: ctx.taskQueue ?? DEFAULT_TASK_QUEUE,
      workflowId: filed.workflowId,
      args: [{ claimId: filed.claimId, offsetDays: ctx.clock.offsetDays }],
      workflowIdReusePolicy: 'ALLOW_DUPLICATE',
      workflowIdConflictPolicy: 'FAIL',
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    const running = await ctx.client.workflow
      .getHandle(filed.workflowId)
      .query(claimStateQuery)
      .catch(() => null);
    if (running?.claimId === filed.claimId) return filed; // this filing's own workflow
    await withdrawIntakeClaim(ctx.db, filed.claimId);
    throw new DomainError(
      'CLAIM_ALREADY_OPEN',
      'the participant’s previous claim is still closing; file again shortly',
    );
  }
  return filed;
}

/** A claim given by id is read here; one the caller has read already is used as it is (read once per request). */
export type ClaimRef = string | StoredClaim;

const claimOf = (db: Db, ref: ClaimRef): Promise<StoredClaim> =>
  typeof ref === 'string' ? findClaim(db, ref) : Promise.resolve(ref);

async function mapped<T>(fn: () => Promise<T>, status: ClaimStatus | string): Promise<T> {
  // A closed claim's workflow id may already name a newer claim of the same person.
  if (status === 'rejected' || status === 'terminated' || status === 'completed')
    throw new DomainError('WRONG_STATE', `the claim is closed (${status})`, undefined, undefined, { status });
  try {
    return await fn();
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure)
      // The workflow's refusal keeps its code and its specifics (the failure's first detail).
      throw new DomainError(
        err.cause.type ?? 'UPDATE_REFUSED',
        err.cause.message,
        undefined,
        undefined,
        problemParamsOf(err.cause.details?.[0]),
      );
    if (err instanceof WorkflowNotFoundError)
      throw new DomainError('WRONG_STATE', `the claim is closed (${status})`, undefined, undefined, { status });
    throw err;
  }
}

/**
 * Runs an Update that carries a principal reference (and a typed text's id); both are withdrawn
 * when the workflow refuses the Update (or is gone), so a refusal leaves nothing behind. On any
 * other failure the Update may have been accepted, and its activity will need them: they stay.
 */
async function carrying<T>(db: Db, refs: CarriedRefs, update: () => Promise<T>): Promise<T> {
  try {
    return await update();
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError || err instanceof WorkflowNotFoundError)
      await withdrawCarried(db, refs);
    throw err;
  }
}

export type { ClaimTask } from '../services/claims';

/** The claim's state: from its workflow while it runs, else (closed and archived) from the database; its officers' tasks from the database. */
export async function claimState(
  ctx: ClaimsContext,
  claim: ClaimRef,
): Promise<
  ClaimState & { personalId: string; tasks: ClaimTask[]; facts: ClaimFacts; evaluation: ClaimEvaluationView | null }
> {
  const c = await claimOf(ctx.db, claim);
  const tasks = await claimTasks(ctx.db, c.id);
  // The filing and the evaluation (the officer's claim page: each condition with its article, the amount's working).
  const dossier = { facts: await claimFacts(ctx.db, c), evaluation: await claimEvaluation(ctx.db, c) };
  try {
    const s = await ctx.client.workflow.getHandle(c.workflowId).query(claimStateQuery);
    // The amount and the card's code are not in Temporal (issue 11): the database has them. The
    // benefit is written by intake, in the transaction the workflow waits for, so an eligible
    // state finds it (read again when the claim row was read before intake ended).
    if (s.claimId === c.id) {
      const benefit = s.eligible ? (c.monthlyBenefit ?? (await findClaim(ctx.db, c.id)).monthlyBenefit) : null;
      // The bank moves a month after the workflow's payment step (instructed, paid, returned: issue
      // 14 part 4): each month's status and payment date are the database's.
      const db = await claimMonthPayments(ctx.db, c.id);
      const months = s.months.map((m) => {
        const row = db.get(m.index);
        return row ? { ...m, status: row.status as typeof m.status, paidOn: row.paidOn } : m;
      });
      return {
        ...s,
        months,
        monthsPaid: months.filter((m) => m.status === 'paid').length,
        monthsRemaining: months.filter((m) => m.status === 'scheduled' || m.status === 'reported').length,
        monthlyBenefit: benefit,
        coverage: await claimCard(ctx.db, c),
        personalId: c.personalId,
        tasks,
        ...dossier,
      };
    }
  } catch {
    /* closed and gone from Temporal, or a newer claim's workflow holds the id: the database answers */
  }
  return { ...(await storedClaimState(ctx.db, c)), tasks, ...dossier };
}

/**
 * The Updates carry who acted as a principal reference and a typed reason or note as its
 * `case_texts` id (issue 11), each written first in its own transaction; the activity resolves
 * them. A refused Update leaves the row behind unreferenced: harmless, and no personal data in Temporal.
 */
export async function decideClaim(ctx: ClaimsContext, claim: ClaimRef, raw: unknown, officer: string) {
  const body = parseOrThrow(claimDecisionSchema, raw);
  const c = await claimOf(ctx.db, claim);
  return mapped(async () => {
    const officerRef = await recordPrincipal(ctx.db, officer);
    const reasonId =
      body.reason !== undefined ? await recordCaseText(ctx.db, 'claim.decision_reason', body.reason) : undefined;
    return carrying(ctx.db, { principal: officerRef, textId: reasonId }, () =>
      ctx.client.workflow.getHandle(c.workflowId).executeUpdate(claimDecisionUpdate, {
        args: [{ decision: body.decision, officer: officerRef, ...(reasonId !== undefined ? { reasonId } : {}) }],
      }),
    );
  }, c.status);
}

export async function reportClaim(ctx: ClaimsContext, claim: ClaimRef, raw: unknown, by: string) {
  const body = parseOrThrow(claimReportSchema, raw);
  const c = await claimOf(ctx.db, claim);
  return mapped(async () => {
    const byRef = await recordPrincipal(ctx.db, by);
    // What the participant did to find work (Form 24) is kept as a case text; the Update carries its id.
    const summaryId = body.summary ? await recordCaseText(ctx.db, 'claim.report_summary', body.summary) : undefined;
    return carrying(ctx.db, { principal: byRef, textId: summaryId }, () =>
      ctx.client.workflow.getHandle(c.workflowId).executeUpdate(claimReportUpdate, {
        args: [
          {
            ...(body.month ? { month: body.month } : {}),
            by: byRef,
            ...(summaryId !== undefined ? { summaryId } : {}),
          },
        ],
      }),
    );
  }, c.status);
}

export async function terminateClaim(ctx: ClaimsContext, claim: ClaimRef, raw: unknown, by: string) {
  const body = parseOrThrow(claimTerminationSchema, raw);
  const c = await claimOf(ctx.db, claim);
  return mapped(async () => {
    const byRef = await recordPrincipal(ctx.db, by);
    const noteId = body.note ? await recordCaseText(ctx.db, 'claim.termination_note', body.note) : undefined;
    return carrying(ctx.db, { principal: byRef, textId: noteId }, () =>
      ctx.client.workflow.getHandle(c.workflowId).executeUpdate(claimTerminationUpdate, {
        args: [
          {
            ground: body.ground,
            ...(body.effectiveDate ? { effectiveDate: body.effectiveDate } : {}),
            by: byRef,
            ...(noteId !== undefined ? { noteId } : {}),
          },
        ],
      }),
    );
  }, c.status);
}

/**
 * Typed starters and messages for unemployment claims: the filing is validated and stored first,
 * then `claim:ui:<keyed hash>` is started with the claim id only; decisions, reports and
 * terminations are the workflow's Updates (accepted or refused at once, with a stable code).
 */
import { Client, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { and, eq, inArray } from 'drizzle-orm';
import { claimWorkflowId, fileClaim } from '../activities/claims';
import { tasksOfClaim } from '../activities/new-employments';
import type { IsoDate } from '../domain/calendar';
import { DomainError } from '../domain/errors';
import { parseOrThrow } from '../domain/issues';
import {
  claimDecisionSchema,
  claimFilingSchema,
  claimReportSchema,
  claimTerminationSchema,
} from '../domain/schemas';
import type { Db } from '../db/client';
import type { Clock } from '../runtime/clock';
import { hiCards, OPEN_CLAIM_STATUSES, uiClaimMonths, uiClaims } from '../db/schema';
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
export async function fileAndStartClaim(ctx: ClaimsContext, raw: unknown, filedBy: string, today: IsoDate = ctx.clock.today()): Promise<FiledClaim> {
  const filing = parseOrThrow(claimFilingSchema, raw);
  // A refusal writes nothing: while the previous claim's workflow is still closing, refuse before
  // storing (the compensating delete below only covers a start that loses a race).
  const workflowId = claimWorkflowId(filing.personalId, ctx.subjectKey);
  const running = await isWorkflowRunning(ctx.client, workflowId);
  if (running) {
    const [open] = await ctx.db
      .select({ id: uiClaims.id })
      .from(uiClaims)
      .where(and(eq(uiClaims.workflowId, workflowId), inArray(uiClaims.status, [...OPEN_CLAIM_STATUSES])));
    if (!open) throw new DomainError('CLAIM_ALREADY_OPEN', 'the participant’s previous claim is still closing; file again shortly');
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
    await ctx.db.delete(uiClaims).where(and(eq(uiClaims.id, filed.claimId), eq(uiClaims.status, 'intake')));
    throw new DomainError('CLAIM_ALREADY_OPEN', 'the participant’s previous claim is still closing; file again shortly');
  }
  return filed;
}

async function claimRow(db: Db, claimId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(claimId)) throw new DomainError('INVALID_CLAIM_ID', 'a claim id is a UUID', 'id');
  const [c] = await db.select().from(uiClaims).where(eq(uiClaims.id, claimId));
  if (!c) throw new DomainError('NOT_FOUND', `no claim ${claimId}`);
  return c;
}

async function mapped<T>(fn: () => Promise<T>, status: ClaimStatus | string): Promise<T> {
  // A closed claim's workflow id may already name a newer claim of the same person.
  if (status === 'rejected' || status === 'terminated' || status === 'completed') throw new DomainError('WRONG_STATE', `the claim is closed (${status})`);
  try {
    return await fn();
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) throw new DomainError(err.cause.type ?? 'UPDATE_REFUSED', err.cause.message);
    if (err instanceof WorkflowNotFoundError) throw new DomainError('WRONG_STATE', `the claim is closed (${status})`);
    throw err;
  }
}

export interface ClaimTask {
  id: number;
  kind: string;
  status: 'open' | 'done' | 'cancelled';
  assignee: string | null;
  dueDate: string | null;
  employmentId: number | null;
  employerTaxCode: string | null;
}

/** The claim's state: from its workflow while it runs, else (closed and archived) from the database; its officers' tasks from the database. */
export async function claimState(ctx: ClaimsContext, claimId: string): Promise<ClaimState & { personalId: string; tasks: ClaimTask[] }> {
  const c = await claimRow(ctx.db, claimId);
  const tasks: ClaimTask[] = (await tasksOfClaim(ctx.db, c.id)).map(({ createdAt: _at, queue: _q, ...t }) => ({ ...t, status: t.status as ClaimTask['status'] }));
  // The claim's own card: paid by the UI fund from its first benefit day (the key endUiHiCard uses).
  const card = async () => {
    if (!c.startDate) return null;
    const [k] = await ctx.db.select().from(hiCards).where(and(eq(hiCards.personalId, c.personalId), eq(hiCards.payerKind, 'ui_fund'), eq(hiCards.validFrom, c.startDate)));
    return k ? { cardCode: k.cardCode, validFrom: k.validFrom, validTo: k.validTo } : null;
  };
  try {
    const s = await ctx.client.workflow.getHandle(c.workflowId).query(claimStateQuery);
    // The child issues the card; the parent learns it when coverage closes, the database at once.
    if (s.claimId === c.id) return { ...s, coverage: s.coverage ?? (await card()), personalId: c.personalId, tasks };
  } catch {
    /* closed and gone from Temporal, or a newer claim's workflow holds the id: the database answers */
  }
  const months = await ctx.db.select().from(uiClaimMonths).where(eq(uiClaimMonths.claimId, c.id)).orderBy(uiClaimMonths.idx);
  const closed = ['rejected', 'terminated', 'completed'].includes(c.status);
  const evaluation = (c.evaluation ?? {}) as { reasons?: string[] };
  return {
    claimId: c.id,
    personalId: c.personalId,
    status: c.status as ClaimStatus,
    law: c.law,
    eligible: c.eligible,
    reasons: evaluation.reasons ?? [],
    monthlyBenefit: c.monthlyBenefit,
    durationMonths: c.durationMonths ?? 0,
    startDate: c.startDate,
    decisionDeadline: c.decisionDeadline,
    decisionAlerts: 'none',
    decision: (c.decision as 'approved' | 'rejected' | null) ?? null,
    months: months.map((m) => ({ index: m.idx, from: m.periodFrom, to: m.periodTo, reportDeadline: m.reportDeadline, paymentDeadline: m.paymentDeadline, status: m.status as 'paid', paidOn: m.paidOn })),
    monthsPaid: c.monthsPaid,
    monthsSuspended: c.monthsSuspended,
    monthsRemaining: months.filter((m) => m.status === 'scheduled' || m.status === 'reported').length,
    consecutiveMissedReports: 0,
    reportWindowFor: null,
    nextDeadline: null,
    waitingFor: closed ? `nothing: the claim is ${c.status}` : 'its workflow (not reachable now)',
    terminationGround: c.terminationGround,
    reservedMonths: c.reservedMonths,
    coverage: await card(),
    tasks,
  };
}

export async function decideClaim(ctx: ClaimsContext, claimId: string, raw: unknown, officer: string) {
  const body = parseOrThrow(claimDecisionSchema, raw);
  const c = await claimRow(ctx.db, claimId);
  return mapped(() => ctx.client.workflow.getHandle(c.workflowId).executeUpdate(claimDecisionUpdate, { args: [{ ...body, officer }] }), c.status);
}

export async function reportClaim(ctx: ClaimsContext, claimId: string, raw: unknown, by: string) {
  const body = parseOrThrow(claimReportSchema, raw);
  const c = await claimRow(ctx.db, claimId);
  return mapped(() => ctx.client.workflow.getHandle(c.workflowId).executeUpdate(claimReportUpdate, { args: [{ ...(body.month ? { month: body.month } : {}), by }] }), c.status);
}

export async function terminateClaim(ctx: ClaimsContext, claimId: string, raw: unknown, by: string) {
  const body = parseOrThrow(claimTerminationSchema, raw);
  const c = await claimRow(ctx.db, claimId);
  return mapped(
    () => ctx.client.workflow.getHandle(c.workflowId).executeUpdate(claimTerminationUpdate, { args: [{ ground: body.ground, ...(body.effectiveDate ? { effectiveDate: body.effectiveDate } : {}), by }] }),
    c.status,
  );
}

/** The participant a claim belongs to (for the API's own-data rule). */
export async function claimOwner(db: Db, claimId: string): Promise<string> {
  return (await claimRow(db, claimId)).personalId;
}

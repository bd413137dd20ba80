/**
 * Typed starters and handles for Ansinh's workflows. Input is validated here, before anything is
 * stored or started: bad input changes nothing.
 */
import { randomUUID } from 'node:crypto';
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type Client,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { localDateOf, monthOf } from '../domain/calendar';
import { DomainError, problemParamsOf } from '../domain/errors';
import { parseOrThrow } from '../domain/issues';
import { checkSubmission } from '../domain/onboarding';
import {
  onboardingDecisionSchema,
  onboardingSubmissionSchema,
  type OnboardingDecision,
  type OnboardingSubmission,
  type OnboardingProgress,
  type OnboardingSummary,
} from '../domain/schemas';
import type { Db } from '../db/client';
import { refuseActiveEmployer, storeDossier, withdrawDossier } from '../services/onboarding-intake';
import { caseText, recordCaseText, recordPrincipal, resolvePrincipal, withdrawCarried } from '../services/principals';
import type { employerOnboarding } from '../workflows/onboarding';
import type { monthlyReconciliation } from '../workflows/reconciliation';
import {
  DEFAULT_TASK_QUEUE,
  onboardingDecisionUpdate,
  onboardingProgressQuery,
  onboardingWorkflowId,
  reconciliationProgressQuery,
  reconciliationWorkflowId,
  type DecisionAccepted,
  type ReconciliationProgress,
} from '../workflows/definitions';
import type { Clock } from '../runtime/clock';

/** Whether a workflow with this id is running now (false when there is none). */
export async function isWorkflowRunning(client: Client, workflowId: string): Promise<boolean> {
  return client.workflow
    .getHandle(workflowId)
    .describe()
    .then((d) => d.status.name === 'RUNNING')
    .catch((err: unknown) => {
      if (err instanceof WorkflowNotFoundError) return false;
      throw err;
    });
}

export interface ClientContext {
  db: Db;
  client: Client;
  /** The interactive pool's queue (workflows/definitions.ts TaskQueues). */
  taskQueue?: string;
  /** The batch pool's queue, where an onboarding's employee batches run; unset = `taskQueue` (one queue for both). */
  batchTaskQueue?: string;
  /** The application clock (runtime/clock.ts). */
  clock: Clock;
}

export interface SubmittedOnboarding {
  requestId: string;
  workflowId: string;
  employees: number;
  warnings: { code: string; field: string }[];
}

/**
 * Parses a dossier with zod and checks it against the domain rules. Throws a DomainError carrying
 * every issue in `details` (the first one as its code and field).
 */
export function validateSubmission(
  raw: unknown,
  now: Date,
): { submission: OnboardingSubmission; warnings: { code: string; field: string }[] } {
  const submission = parseOrThrow(onboardingSubmissionSchema, raw);
  const check = checkSubmission(submission, monthOf(localDateOf(now.getTime())));
  if (check.errors.length > 0) {
    const first = check.errors[0]!;
    throw new DomainError(first.code, first.message, first.field, { errors: check.errors }, first.params);
  }
  return { submission, warnings: check.warnings.map(({ code, field }) => ({ code, field })) };
}

/**
 * Validates a dossier (zod, then the domain rules), stores it, and starts its workflow with the id
 * `onboarding:<taxCode>`. A refusal writes nothing: an invalid dossier (DomainError with every issue
 * in `details`), an employer that is already active (EMPLOYER_ALREADY_ACTIVE) and an onboarding
 * already running (ONBOARDING_IN_PROGRESS) are refused before anything is stored, and a start
 * refused by Temporal (a concurrent submission won the race) removes the stored dossier again.
 */
export async function submitOnboarding(
  ctx: ClientContext,
  raw: unknown,
  submittedBy: string,
  opts: { batchSize?: number } = {},
): Promise<SubmittedOnboarding> {
  const now = ctx.clock();
  const { submission, warnings } = validateSubmission(raw, now);
  const requestId = randomUUID();
  const taxCode = submission.employer.taxCode;
  const workflowId = onboardingWorkflowId(taxCode);
  const inProgress = () =>
    new DomainError(
      'ONBOARDING_IN_PROGRESS',
      `an onboarding of ${taxCode} is already running`,
      'employer.taxCode',
      undefined,
      { taxCode },
    );
  await refuseActiveEmployer(ctx.db, taxCode);
  const running = await isWorkflowRunning(ctx.client, workflowId);
  if (running) throw inProgress();
  await storeDossier(ctx.db, { requestId, submission, submittedBy, workflowId, createdAt: now });
  try {
    await ctx.client.workflow.start<typeof employerOnboarding>('employerOnboarding', {
      taskQueue: ctx.taskQueue ?? DEFAULT_TASK_QUEUE,
      workflowId,
      args: [
        {
          requestId,
          taxCode: submission.employer.taxCode,
          submittedBy,
          ...(opts.batchSize ? { batchSize: opts.batchSize } : {}),
          ...(ctx.batchTaskQueue ? { batchTaskQueue: ctx.batchTaskQueue } : {}),
        },
      ],
      workflowIdReusePolicy: 'ALLOW_DUPLICATE',
      workflowIdConflictPolicy: 'FAIL',
    });
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) {
      // Refused: this dossier was never taken on, so it is not kept (its lines cascade).
      await withdrawDossier(ctx.db, requestId);
      throw inProgress();
    }
    throw err; // unknown outcome (the start may have reached Temporal): the dossier stays for its workflow
  }
  return { requestId, workflowId, employees: submission.employees.length, warnings };
}

function handleFor(client: Client, taxCode: string) {
  return client.workflow.getHandle<typeof employerOnboarding>(onboardingWorkflowId(taxCode));
}

async function mapTemporalError(err: unknown, client: Client, taxCode: string): Promise<never> {
  if (err instanceof WorkflowNotFoundError) {
    // A closed case cannot take a decision: that is the wrong state, not a missing case.
    const status = await handleFor(client, taxCode)
      .describe()
      .then((d) => d.status.name)
      .catch(() => null);
    if (status && status !== 'RUNNING')
      throw new DomainError(
        'WRONG_STATE',
        `the onboarding of ${taxCode} is closed (${status.toLowerCase()})`,
        undefined,
        undefined,
        { taxCode, status: status.toLowerCase() },
      );
    throw new DomainError('NOT_FOUND', `no onboarding for ${taxCode}`, undefined, undefined, { onboardingOf: taxCode });
  }
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    // The workflow's refusal keeps its code and its specifics (the failure's first detail).
    throw new DomainError(
      err.cause.type ?? 'UPDATE_REFUSED',
      err.cause.message,
      undefined,
      undefined,
      problemParamsOf(err.cause.details?.[0]),
    );
  }
  throw err;
}

/** Where the officer and a typed reason are kept out of Temporal (issue 11): principal references and `case_texts` rows. */
export interface DecisionStore {
  db: Db;
}

/**
 * An officer's decision, through the workflow's Update: accepted or refused at once. The Update
 * carries the officer as a principal reference and a rejection's reason as its `case_texts` id,
 * both written first; a refused Update withdraws them (a refusal writes nothing).
 */
export async function decideOnboarding(
  client: Client,
  taxCode: string,
  decision: OnboardingDecision,
  store: DecisionStore,
): Promise<DecisionAccepted> {
  const d = onboardingDecisionSchema.safeParse(decision);
  if (!d.success)
    throw new DomainError(
      'INVALID_DECISION',
      d.error.issues[0]?.message ?? 'invalid decision',
      d.error.issues[0]?.path.join('.'),
    );
  const officer = await recordPrincipal(store.db, d.data.officer);
  const reasonId =
    d.data.decision === 'reject'
      ? await recordCaseText(store.db, 'onboarding.rejection_reason', d.data.reason)
      : undefined;
  try {
    return await handleFor(client, taxCode).executeUpdate(onboardingDecisionUpdate, {
      args: [reasonId !== undefined ? { decision: 'reject', officer, reasonId } : { decision: 'approve', officer }],
    });
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError || err instanceof WorkflowNotFoundError)
      await withdrawCarried(store.db, { principal: officer, textId: reasonId });
    return mapTemporalError(err, client, taxCode);
  }
}

/** Who decided and why, as the database holds them (the workflow has the reference and the id only). */
async function resolved<
  T extends { decidedBy?: string | null; rejectionReason: string | null; rejectionReasonId?: number },
>(db: Db, v: T): Promise<T> {
  const { rejectionReasonId, ...rest } = v;
  const out = { ...rest } as T;
  if (typeof out.decidedBy === 'string') out.decidedBy = await resolvePrincipal(db, out.decidedBy);
  if (rejectionReasonId !== undefined) out.rejectionReason = await caseText(db, rejectionReasonId);
  return out;
}

export async function onboardingProgress(client: Client, taxCode: string, db: Db): Promise<OnboardingProgress> {
  try {
    return await resolved(db, await handleFor(client, taxCode).query(onboardingProgressQuery));
  } catch (err) {
    return mapTemporalError(err, client, taxCode);
  }
}

export async function onboardingResult(client: Client, taxCode: string, db: Db): Promise<OnboardingSummary> {
  try {
    return await resolved(db, await handleFor(client, taxCode).result());
  } catch (err) {
    return mapTemporalError(err, client, taxCode);
  }
}

/** Starts (or finds, if it is running) the reconciliation of a period: `reconciliation:<YYYY-MM>`. */
export async function startReconciliation(
  client: Client,
  taskQueue: string,
  opts: {
    period: string;
    asOf?: string;
    batchSize?: number;
    batchesPerRun?: number;
    concurrency?: number;
    offsetDays?: number;
  },
): Promise<{ workflowId: string; runId: string; alreadyRunning: boolean }> {
  const workflowId = reconciliationWorkflowId(opts.period);
  try {
    const h = await client.workflow.start<typeof monthlyReconciliation>('monthlyReconciliation', {
      taskQueue,
      workflowId,
      args: [opts],
      workflowIdReusePolicy: 'ALLOW_DUPLICATE',
      workflowIdConflictPolicy: 'FAIL',
    });
    return { workflowId, runId: h.firstExecutionRunId, alreadyRunning: false };
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return { workflowId, runId: '', alreadyRunning: true };
    throw err;
  }
}

/** Progress and totals of the latest reconciliation of a period; NOT_FOUND when none has run. */
export async function reconciliationProgress(client: Client, period: string): Promise<ReconciliationProgress> {
  try {
    return await client.workflow.getHandle(reconciliationWorkflowId(period)).query(reconciliationProgressQuery);
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) throw new DomainError('NOT_FOUND', 'reconciliation not found');
    throw err;
  }
}

/**
 * Data-update requests as the front ends drive them (issue #14 part 1): a filing is stored first
 * (services/data-updates.ts), then a reviewed kind's workflow `data-update:<id>` starts with the
 * id only; the officer's decision is its Update (accepted or refused at once, with a code); an
 * upload while the review is paused signals the workflow to resume it.
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
  dataUpdateDecisionSchema,
  dataUpdateFilingSchema,
  isReviewed,
  type DataUpdateKind,
} from '../domain/data-updates';
import { DomainError } from '../domain/errors';
import { parseOrThrow } from '../domain/issues';
import type { Clock } from '../runtime/clock';
import {
  attachDataUpdateEvidence,
  fileDataUpdate,
  findDataUpdateOrThrow,
  withdrawDataUpdate,
  type FiledDataUpdate,
} from '../services/data-updates';
import type { Upload } from '../services/evidence';
import { recordCaseText, recordPrincipal, withdrawCarried } from '../services/principals';
import {
  dataUpdateDecisionUpdate,
  dataUpdateEvidenceSignal,
  DEFAULT_TASK_QUEUE,
  type DataUpdateReviewStatus,
} from '../workflows/definitions';
import type { dataUpdateReview } from '../workflows/data-update';

export interface DataUpdatesContext {
  db: Db;
  client: Client;
  taskQueue?: string;
  /** The server secret the one-time codes derive their keys from (CLAIM_SUBJECT_KEY). */
  secret: string;
  clock: Clock;
  /** Whether an SMS gateway is configured (SMS_GATEWAY_URL): without one a phone change is refused (NO_SMS_GATEWAY). */
  sms?: boolean;
}

/** Files a request; a reviewed kind's workflow starts once it is stored (and the filing is withdrawn if it cannot). */
export async function fileAndStartDataUpdate(
  ctx: DataUpdatesContext,
  raw: unknown,
  filedBy: string,
  today: IsoDate = ctx.clock.today(),
): Promise<FiledDataUpdate> {
  const filing = parseOrThrow(dataUpdateFilingSchema, raw);
  const filed = await fileDataUpdate(
    { db: ctx.db, secret: ctx.secret, clock: ctx.clock, sms: ctx.sms ?? false },
    filing,
    filedBy,
    today,
  );
  if (!isReviewed(filing.kind as DataUpdateKind)) return filed;
  try {
    await ctx.client.workflow.start<typeof dataUpdateReview>('dataUpdateReview', {
      taskQueue: ctx.taskQueue ?? DEFAULT_TASK_QUEUE,
      workflowId: filed.request.workflowId!,
      args: [{ requestId: filed.request.id, offsetDays: ctx.clock.offsetDays }],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
  } catch (err) {
    // Not ours: a request id names one review, so a workflow already under that id belongs to
    // another database's request (a database reset under a kept Temporal history). Withdrawn.
    await withdrawDataUpdate(ctx.db, filed.request.id, ctx.clock);
    if (err instanceof WorkflowExecutionAlreadyStartedError)
      throw new DomainError('CONFLICT', 'a review under this request id already runs: file the request again');
    throw err;
  }
  return filed;
}

/**
 * The officer's decision as the workflow's Update: who decided as a principal reference and the
 * reason as a case text, both written before it and withdrawn when the workflow refuses it.
 */
export async function decideDataUpdate(
  ctx: DataUpdatesContext,
  id: number,
  raw: unknown,
  officer: string,
): Promise<{ accepted: true; status: DataUpdateReviewStatus }> {
  const body = parseOrThrow(dataUpdateDecisionSchema, raw);
  const r = await findDataUpdateOrThrow(ctx.db, id);
  if (!r.workflowId || (r.status !== 'awaiting_review' && r.status !== 'more_evidence'))
    throw new DomainError('WRONG_STATE', `no decision can be taken while the request is ${r.status}`);
  const principal = await recordPrincipal(ctx.db, officer);
  const reasonId =
    body.reason !== undefined ? await recordCaseText(ctx.db, 'data_update.reason', body.reason) : undefined;
  try {
    return await ctx.client.workflow.getHandle(r.workflowId).executeUpdate(dataUpdateDecisionUpdate, {
      args: [{ decision: body.decision, officer: principal, ...(reasonId !== undefined ? { reasonId } : {}) }],
    });
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError || err instanceof WorkflowNotFoundError)
      await withdrawCarried(ctx.db, { principal, textId: reasonId });
    if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure)
      throw new DomainError(err.cause.type ?? 'UPDATE_REFUSED', err.cause.message);
    if (err instanceof WorkflowNotFoundError) throw new DomainError('WRONG_STATE', 'the review is closed');
    throw err;
  }
}

/** Attaches a document; a paused review is told to resume (a retried upload signals again, harmlessly). */
export async function addDataUpdateEvidence(ctx: DataUpdatesContext, id: number, upload: Upload, by: string) {
  const added = await attachDataUpdateEvidence(ctx.db, id, upload, by, ctx.clock());
  if (added.status === 'more_evidence') {
    const r = await findDataUpdateOrThrow(ctx.db, id);
    await ctx.client.workflow.getHandle(r.workflowId!).signal(dataUpdateEvidenceSignal);
  }
  return added;
}

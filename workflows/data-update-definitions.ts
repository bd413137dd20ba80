/**
 * What the data-update review workflow shares with its clients (issue #14 part 1): the id, the
 * state query, the officer's decision Update and the evidence signal. Ids and references only:
 * the requested values stay in the database.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';

/** `data-update:<request id>`: the request's id is a number the database gave, never personal data. */
export const dataUpdateWorkflowId = (requestId: number) => `data-update:${requestId}`;

export interface DataUpdateWorkflowInput {
  requestId: number;
  /** The application clock's shift in days (runtime/clock.ts; 0 unless ANSINH_TODAY pins the date). */
  offsetDays?: number;
}

export type DataUpdateReviewStatus = 'opening' | 'awaiting_review' | 'more_evidence' | 'approved' | 'rejected';

export interface DataUpdateReviewState {
  requestId: number;
  status: DataUpdateReviewStatus;
  /** The review's last day (null while opening). */
  dueDate: string | null;
  /** none → reminded → escalated, as the deadline of the current review round nears and passes. */
  alerts: 'none' | 'reminded' | 'escalated';
  /** Review rounds: 1, and one more after each batch of evidence asked for. */
  round: number;
  /** The working days the review had left when it was paused for more evidence (null: not paused). */
  daysLeftAtPause: number | null;
}

export interface DataUpdateDecisionMessage {
  decision: 'approve' | 'reject' | 'more_evidence';
  /** The officer's principal reference (services/principals.ts). */
  officer: string;
  /** The reason's or the missing evidence's `case_texts` id (required unless approving). */
  reasonId?: number;
}

export interface DataUpdateSummary {
  requestId: number;
  outcome: 'approved' | 'rejected';
  rounds: number;
}

export const dataUpdateStateQuery = defineQuery<DataUpdateReviewState>('state');
export const dataUpdateDecisionUpdate = defineUpdate<
  { accepted: true; status: DataUpdateReviewStatus },
  [DataUpdateDecisionMessage]
>('decide');
/** The participant added evidence (sent after the upload committed): a paused review resumes. */
export const dataUpdateEvidenceSignal = defineSignal('evidenceAdded');

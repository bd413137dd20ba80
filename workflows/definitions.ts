/**
 * What workflows share with their clients: the task queue, workflow-id builders, and the
 * signal/query/update definitions. Ids carry business keys only, never personal data.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import { Dec } from '../domain/money';
import type { BenefitTerminationGround } from '../domain/unemployment';
import type { OnboardingDecision, OnboardingDecisionMessage, OnboardingProgress } from '../domain/schemas';

export const DEFAULT_TASK_QUEUE = 'ansinh';

/**
 * The two pools of work (issue 15), each a task queue with workers of its own, so a national batch
 * never queues in front of an officer's decision:
 * - `interactive` — what a person waits for: claim decisions and monthly reports, coverage writes,
 *   data updates, access recovery, declaration cases, an onboarding's registration and decision;
 * - `batch` — what runs at scale on a schedule or a file: the monthly reconciliation, the benefit
 *   payment run (the bank file), the audit checkpoint, and an onboarding's employee batches.
 * The batch queue's name is `<interactive>-batch` unless configured (TEMPORAL_BATCH_TASK_QUEUE).
 * Every pool registers every workflow and activity, so a workflow started on either queue before a
 * change of routing is still served; the queue only decides which pool does the work.
 */
export type WorkPool = 'interactive' | 'batch';
export const WORK_POOLS: readonly WorkPool[] = ['interactive', 'batch'];
export const BATCH_QUEUE_SUFFIX = '-batch';
export const batchQueueOf = (interactiveQueue: string) => `${interactiveQueue}${BATCH_QUEUE_SUFFIX}`;
export interface TaskQueues {
  interactive: string;
  batch: string;
}

export const onboardingWorkflowId = (taxCode: string) => `onboarding:${taxCode}`;

export interface DecisionAccepted {
  accepted: true;
  decision: OnboardingDecision['decision'];
  /** The case's state once the decision is written (`onboarding_employees` or `rejected`), and the unit code of an approval. */
  state?: string;
  unitCode?: string | null;
}

export const onboardingProgressQuery = defineQuery<OnboardingProgress>('progress');
export const onboardingDecisionUpdate = defineUpdate<DecisionAccepted, [OnboardingDecisionMessage]>('decide');

/** The project's deadline of an onboarding case left undecided: rejected after 30 days (the legal escalation is domain/onboarding.ts). */
export const ONBOARDING_AUTO_REJECT_AFTER_DAYS = 30;
export const DEFAULT_ONBOARDING_BATCH_SIZE = 500;
/** Batch activities in flight at once for one onboarding (each is one transaction). */
export const ONBOARDING_BATCH_CONCURRENCY = 4;

export const reconciliationWorkflowId = (period: string) => `reconciliation:${period}`;
/** Employers per batch ("a few thousand employers per activity"; ~100 participants each → ~100k lines of people). */
export const RECONCILIATION_BATCH_SIZE = 1000;
/** Batches in flight at once: the database and the worker's rendering overlap on a 2-core machine. */
export const RECONCILIATION_CONCURRENCY = 2;
/** Batches per run before continuing as new (keeps the history small at any scale). */
export const RECONCILIATION_BATCHES_PER_RUN = 200;

/** What a reconciliation counts: per batch (the activity's result) and summed over the run (its progress). */
export interface ReconciliationTotals {
  lines: number;
  due: string;
  paid: string;
  outstanding: string;
  lateCharge: string;
  unpaidEmployers: number;
  evasionEmployers: number;
  ebooksWritten: number;
}

export const noReconciliationTotals = (): ReconciliationTotals => ({
  lines: 0,
  due: '0',
  paid: '0',
  outstanding: '0',
  lateCharge: '0',
  unpaidEmployers: 0,
  evasionEmployers: 0,
  ebooksWritten: 0,
});

/** Adds a batch's totals into the run's (amounts in whole dong). */
export function addReconciliationTotals(into: ReconciliationTotals, r: ReconciliationTotals): void {
  into.lines += r.lines;
  into.due = new Dec(into.due).plus(r.due).toFixed(0);
  into.paid = new Dec(into.paid).plus(r.paid).toFixed(0);
  into.outstanding = new Dec(into.outstanding).plus(r.outstanding).toFixed(0);
  into.lateCharge = new Dec(into.lateCharge).plus(r.lateCharge).toFixed(0);
  into.unpaidEmployers += r.unpaidEmployers;
  into.evasionEmployers += r.evasionEmployers;
  into.ebooksWritten += r.ebooksWritten;
}

export interface ReconciliationProgress extends ReconciliationTotals {
  period: string;
  asOf: string;
  state: 'running' | 'completed';
  employersDone: number;
  batchesDone: number;
  runs: number;
  cursor: string;
}
export const reconciliationProgressQuery = defineQuery<ReconciliationProgress>('progress');

// Unemployment claims (workflow id `claim:ui:<keyed hash of the personal ID>`, built by the client).

export type ClaimStatus =
  'intake' | 'awaiting_decision' | 'rejected' | 'active' | 'suspended' | 'terminated' | 'completed';

export interface ClaimMonthState {
  index: number;
  from: string;
  to: string;
  reportDeadline: string;
  paymentDeadline: string;
  status: 'scheduled' | 'reported' | 'instructed' | 'paid' | 'returned' | 'suspended' | 'cancelled';
  paidOn: string | null;
}

/** The full state of a claim, as the `state` query returns it. */
export interface ClaimState {
  claimId: string;
  status: ClaimStatus;
  law: string | null;
  eligible: boolean | null;
  reasons: string[];
  monthlyBenefit: string | null;
  durationMonths: number;
  startDate: string | null;
  decisionDeadline: string | null;
  /** none → reminded → escalated → overdue, as the decision deadline nears and passes. */
  decisionAlerts: 'none' | 'reminded' | 'escalated' | 'overdue';
  decision: 'approved' | 'rejected' | null;
  months: ClaimMonthState[];
  monthsPaid: number;
  monthsSuspended: number;
  monthsRemaining: number;
  consecutiveMissedReports: number;
  /** The benefit month whose report window is open (null when none is). */
  reportWindowFor: number | null;
  nextDeadline: string | null;
  /** What the case is waiting for, in plain words. */
  waitingFor: string;
  /** The same as a code and its parameters, for a reader's own language (messages/claim.ts, issue #13). */
  waiting?: ClaimWaiting;
  terminationGround: string | null;
  reservedMonths: number | null;
  coverage: { cardCode: string; validFrom: string; validTo: string | null } | null;
}

/** What a claim waits for, as a code and parameters (dates YYYY-MM-DD, a benefit month's index). */
export interface ClaimWaiting {
  code:
    | 'intake'
    | 'decision'
    | 'rejected'
    | 'benefit_end'
    | 'month_start'
    | 'report'
    | 'payment'
    | 'coverage_close'
    | 'closed'
    | 'unreachable';
  month?: number;
  date?: string;
  status?: string;
}

/** The claim workflow's input: the claim id only. */
export interface ClaimWorkflowInput {
  claimId: string;
  /** The application clock's shift in days (runtime/clock.ts; 0 unless ANSINH_TODAY pins the date). */
  offsetDays?: number;
}

/** The claim workflow's result. */
export interface ClaimSummary {
  claimId: string;
  outcome: 'rejected' | 'completed' | 'terminated';
  monthsPaid: number;
  monthsSuspended: number;
  reservedMonths: number | null;
  terminationGround: string | null;
}

/**
 * The Updates' arguments carry no person (issue 11): who acted is an opaque principal reference
 * (`p:<random>`, one per action, services/principals.ts; `system:…` for the workflow's own acts) and what a
 * person typed is the id of its `case_texts` row. Histories recorded before carry the actor and the
 * text themselves (`officer`/`by` in clear, `reason`): the workflow accepts both.
 */
export interface ClaimDecisionMessage {
  decision: 'approve' | 'reject';
  /** The deciding officer's principal reference (before issue 11: the officer's subject). */
  officer: string;
  /** The rejection's reason as typed: only in histories recorded before `reasonId`. */
  reason?: string;
  /** The id of the reason's `case_texts` row. */
  reasonId?: number;
}
export interface ClaimReportMessage {
  month?: number;
  /** The reporter's principal reference (before issue 11: `participant:<personal ID>`). */
  by: string;
  /** The id of the job-search summary's `case_texts` row, when one was typed (never the text). */
  summaryId?: number;
}
export interface ClaimTerminationMessage {
  ground: BenefitTerminationGround;
  effectiveDate?: string;
  /** Principal reference of who terminated (`system:claims` for missed reports). */
  by: string;
  /** The id of the note's `case_texts` row, when one was typed. */
  noteId?: number;
}

export const claimStateQuery = defineQuery<ClaimState>('state');
export const claimDecisionUpdate = defineUpdate<{ accepted: true; status: ClaimStatus }, [ClaimDecisionMessage]>(
  'decide',
);
/** The report's answer; `status` and `monthStatus` (the state after it) from ANSWER_AFTER_EFFECT_PATCH on. */
export const claimReportUpdate = defineUpdate<
  { accepted: true; month: number; status?: ClaimStatus; monthStatus?: ClaimMonthState['status'] },
  [ClaimReportMessage]
>('report');
/** The termination's answer; `status` and `reservedMonths` (the state after it) from ANSWER_AFTER_EFFECT_PATCH on. */
export const claimTerminationUpdate = defineUpdate<
  { accepted: true; status?: ClaimStatus; reservedMonths?: number | null },
  [ClaimTerminationMessage]
>('terminate');
/** Parent → health-coverage child: the benefit ended early; coverage ends on this day. */
export const coverageEndSignal = defineSignal<[{ lastDay: string }]>('endCoverage');
export const coverageWorkflowId = (claimWorkflowId: string) => `${claimWorkflowId}:coverage`;

// Account-access recovery (issue #14 part 3): its own file.
export * from './recovery-definitions';
// Declaration cases (issue #14 part 2): their own definitions file.
export * from './declaration-case-definitions';
// Data-update requests (issue #14 part 1): their own definitions file.
export * from './data-update-definitions';

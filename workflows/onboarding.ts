/**
 * Employer onboarding: register the employer as pending, wait for an officer's decision (escalate
 * after 5 working days, reject automatically after 30 days), then onboard every employee in
 * batches — one transaction each — and notify the employer. Carries the dossier id, never the list.
 */
import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  condition,
  patched,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities, WorkflowRef } from '../activities';
import { workingDayDeadline } from '../domain/calendar';
import { BATCH_ACTIVITY, SHORT_ACTIVITY } from './activity-options';
import {
  onboardingDecisionSchema,
  onboardingWorkflowInputSchema,
  type OnboardingDecision,
  type OnboardingProgress,
  type OnboardingSummary,
  type OnboardingWorkflowInput,
} from '../domain/schemas';
import {
  DEFAULT_ONBOARDING_BATCH_SIZE,
  ONBOARDING_BATCH_CONCURRENCY,
  ONBOARDING_AUTO_REJECT_AFTER_DAYS,
  onboardingDecisionUpdate,
  onboardingProgressQuery,
} from './definitions';
import { ONBOARDING_ESCALATE_AFTER_WORKING_DAYS } from '../domain/onboarding';

const acts = proxyActivities<Activities>(SHORT_ACTIVITY);
const batchActs = proxyActivities<Activities>(BATCH_ACTIVITY);

const DAY_MS = 24 * 60 * 60 * 1000;

export async function employerOnboarding(raw: OnboardingWorkflowInput): Promise<OnboardingSummary> {
  const parsed = onboardingWorkflowInputSchema.safeParse(raw);
  if (!parsed.success) {
    throw ApplicationFailure.nonRetryable(`invalid onboarding input: ${parsed.error.issues[0]?.message ?? ''}`, 'INVALID_INPUT');
  }
  const input = parsed.data;
  const info = workflowInfo();
  const ref: WorkflowRef = { requestId: input.requestId, taxCode: input.taxCode, workflowId: info.workflowId, runId: info.runId };
  const batchSize = input.batchSize ?? DEFAULT_ONBOARDING_BATCH_SIZE;

  const progress: OnboardingProgress = {
    requestId: input.requestId,
    taxCode: input.taxCode,
    state: 'registering',
    employeesTotal: 0,
    employeesDone: 0,
    batchesDone: 0,
    batchesTotal: 0,
    escalated: false,
    decisionDeadline: null,
    autoRejectAt: null,
    unitCode: null,
    decidedBy: null,
    rejectionReason: null,
  };
  let decision: OnboardingDecision | undefined;
  /** The decision is written (employer active with its unit code, or rejected): its Update answers then. */
  let decisionWritten = false;

  setHandler(onboardingProgressQuery, () => progress);
  setHandler(
    onboardingDecisionUpdate,
    async (d) => {
      decision = d;
      if (patched(DECISION_ANSWERS_AFTER_EFFECT_PATCH)) {
        await condition(() => decisionWritten);
        return { accepted: true, decision: d.decision, state: progress.state, unitCode: progress.unitCode };
      }
      return { accepted: true, decision: d.decision };
    },
    {
      validator: (d) => {
        const ok = onboardingDecisionSchema.safeParse(d);
        if (!ok.success) throw ApplicationFailure.nonRetryable(ok.error.issues[0]?.message ?? 'invalid decision', 'INVALID_DECISION');
        if (progress.state !== 'awaiting_decision' || decision !== undefined) {
          throw ApplicationFailure.nonRetryable(`no decision can be taken while the case is ${progress.state}`, 'WRONG_STATE');
        }
      },
    },
  );

  const summary: OnboardingSummary = {
    outcome: 'completed',
    requestId: input.requestId,
    taxCode: input.taxCode,
    unitCode: null,
    employeesOnboarded: 0,
    participantsCreated: 0,
    participantsExisting: 0,
    hiCardsIssued: 0,
    ebooksWritten: 0,
    identityMismatchLines: [],
    rejectionReason: null,
    autoRejected: false,
    existingStatus: null,
  };

  const registered = await surfaceDomainFailure(() => acts.registerEmployer(ref));
  if (registered.outcome === 'duplicate') {
    progress.state = 'duplicate';
    return { ...summary, outcome: 'duplicate', existingStatus: registered.existingStatus };
  }
  progress.employeesTotal = registered.employeeCount;
  progress.batchesTotal = Math.ceil(registered.employeeCount / batchSize);

  // Decision, with the escalation and automatic-rejection deadlines counted from registration.
  const registeredAt = Date.now();
  const escalateAt = workingDayDeadline(registeredAt, ONBOARDING_ESCALATE_AFTER_WORKING_DAYS);
  const autoRejectAt = registeredAt + ONBOARDING_AUTO_REJECT_AFTER_DAYS * DAY_MS;
  progress.decisionDeadline = new Date(escalateAt).toISOString();
  progress.autoRejectAt = new Date(autoRejectAt).toISOString();
  progress.state = 'awaiting_decision';

  if (!(await condition(() => decision !== undefined, Math.max(1, escalateAt - Date.now())))) {
    await acts.escalateOnboarding({ ...ref, deadline: progress.decisionDeadline });
    progress.escalated = true;
    await condition(() => decision !== undefined, Math.max(1, autoRejectAt - Date.now()));
  }

  if (decision === undefined || decision.decision === 'reject') {
    const automatic = decision === undefined;
    const reason = automatic
      ? `no decision within ${ONBOARDING_AUTO_REJECT_AFTER_DAYS} days of registration`
      : (decision as Extract<OnboardingDecision, { decision: 'reject' }>).reason;
    const officer = automatic ? 'system:auto-reject' : decision!.officer;
    progress.state = 'rejected';
    progress.rejectionReason = reason;
    progress.decidedBy = officer;
    await acts.rejectEmployer({ ...ref, officer, reason, automatic });
    decisionWritten = true;
    await condition(allHandlersFinished);
    return { ...summary, outcome: 'rejected', rejectionReason: reason, autoRejected: automatic };
  }

  progress.decidedBy = decision.officer;
  progress.state = 'onboarding_employees';
  const { unitCode } = await acts.activateEmployer({ ...ref, officer: decision.officer });
  progress.unitCode = unitCode;
  summary.unitCode = unitCode;
  decisionWritten = true;

  // Batches are independent (no person twice in a dossier): run a few at once, each its own transaction.
  const ranges: [number, number][] = [];
  for (let from = 1; from <= registered.employeeCount; from += batchSize) ranges.push([from, Math.min(registered.employeeCount, from + batchSize - 1)]);
  let next = 0;
  const lane = async () => {
    while (next < ranges.length) {
      const [fromLine, toLine] = ranges[next++]!;
      const r = await batchActs.onboardEmployeeBatch({ ...ref, fromLine, toLine });
      summary.employeesOnboarded += r.employees;
      summary.participantsCreated += r.participantsCreated;
      summary.participantsExisting += r.participantsExisting;
      summary.hiCardsIssued += r.hiCardsIssued;
      summary.ebooksWritten += r.ebooksWritten;
      summary.identityMismatchLines.push(...r.identityMismatchLines);
      progress.employeesDone += r.employees;
      progress.batchesDone += 1;
    }
  };
  await Promise.all(Array.from({ length: Math.min(ONBOARDING_BATCH_CONCURRENCY, ranges.length) }, lane));
  summary.identityMismatchLines.sort((a, b) => a - b);

  await acts.completeOnboarding({ ...ref, summary });
  progress.state = 'completed';
  await condition(allHandlersFinished);
  return summary;
}

/**
 * A dossier refused by an activity's rules (non-retryable, with a domain code) fails the workflow
 * with that same code, so that callers see EMPLOYER_EXCLUDED rather than "activity task failed".
 */
/**
 * The decision's Update answers once the decision is written — the employer active with its unit
 * code (employees then onboarding), or rejected — with that state. Before this patch it answered
 * at acceptance, so `employer show` right after an approval could still say pending.
 */
export const DECISION_ANSWERS_AFTER_EFFECT_PATCH = '2026-12-onboarding-decision-answers-after-effect';

async function surfaceDomainFailure<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof ActivityFailure && err.cause instanceof ApplicationFailure && err.cause.nonRetryable) {
      throw ApplicationFailure.create({ type: err.cause.type ?? undefined, message: err.cause.message, nonRetryable: true, details: err.cause.details as unknown[] });
    }
    throw err;
  }
}

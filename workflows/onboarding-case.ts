/**
 * One employer onboarding as the workflow runs it (workflows/onboarding.ts is the entry): its
 * progress as typed fields, the decision's validator and handler, and `run`, the process as its
 * phases — registration, the officer's decision (escalation, automatic rejection), activation,
 * the employees in batches, completion.
 */
import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  condition,
  patched,
  proxyActivities,
  type WorkflowInfo,
} from '@temporalio/workflow';
import type { Activities, RegisterResult, WorkflowRef } from '../activities';
import { workingDayDeadline } from '../domain/calendar';
import { ONBOARDING_ESCALATE_AFTER_WORKING_DAYS } from '../domain/onboarding';
import type {
  OnboardingDecisionMessage,
  OnboardingProgress,
  OnboardingState,
  OnboardingSummary,
  OnboardingWorkflowInput,
} from '../domain/schemas';
import { BATCH_ACTIVITY, SHORT_ACTIVITY } from './activity-options';
import { onboardingSchemas } from './onboarding-schemas';
import {
  DEFAULT_ONBOARDING_BATCH_SIZE,
  ONBOARDING_AUTO_REJECT_AFTER_DAYS,
  ONBOARDING_BATCH_CONCURRENCY,
  type DecisionAccepted,
} from './definitions';

const acts = proxyActivities<Activities>(SHORT_ACTIVITY);
/** The employee batches run on the batch pool's queue when the input names it (issue 15), else on the workflow's own. */
const batchActsOn = (taskQueue: string | undefined) =>
  proxyActivities<Activities>(taskQueue ? { ...BATCH_ACTIVITY, taskQueue } : BATCH_ACTIVITY);

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The decision's Update answers once the decision is written — the employer active with its unit
 * code (employees then onboarding), or rejected — with that state. Before this patch it answered
 * at acceptance, so `employer show` right after an approval could still say pending.
 */
export const DECISION_ANSWERS_AFTER_EFFECT_PATCH = '2026-12-onboarding-decision-answers-after-effect';

export class OnboardingCase {
  private readonly ref: WorkflowRef;
  private readonly batchSize: number;

  // The case, as the `progress` query shows it.
  private state: OnboardingState = 'registering';
  private employeesTotal = 0;
  /** Employees onboarded so far (the summary's employeesOnboarded). */
  private employeesDone = 0;
  private batchesDone = 0;
  private batchesTotal = 0;
  private escalated = false;
  private decisionDeadline: string | null = null;
  private autoRejectAt: string | null = null;
  private unitCode: string | null = null;
  private decidedBy: string | null = null;
  private rejectionReason: string | null = null;
  /** The reason's `case_texts` id (issue 11): the workflow never sees the text an officer typed. */
  private rejectionReasonId: number | null = null;

  // The batches' totals, for the summary.
  private participantsCreated = 0;
  private participantsExisting = 0;
  private hiCardsIssued = 0;
  private ebooksWritten = 0;
  private readonly identityMismatchLines: number[] = [];

  private decision: OnboardingDecisionMessage | undefined;
  /** The decision is written (employer active with its unit code, or rejected): its Update answers then. */
  private decisionWritten = false;

  constructor(
    private readonly input: OnboardingWorkflowInput,
    info: Pick<WorkflowInfo, 'workflowId' | 'runId'>,
  ) {
    this.ref = { requestId: input.requestId, taxCode: input.taxCode, workflowId: info.workflowId, runId: info.runId };
    this.batchSize = input.batchSize ?? DEFAULT_ONBOARDING_BATCH_SIZE;
  }

  /** The `progress` query's answer. */
  progress(): OnboardingProgress {
    return {
      requestId: this.input.requestId,
      taxCode: this.input.taxCode,
      state: this.state,
      employeesTotal: this.employeesTotal,
      employeesDone: this.employeesDone,
      batchesDone: this.batchesDone,
      batchesTotal: this.batchesTotal,
      escalated: this.escalated,
      decisionDeadline: this.decisionDeadline,
      autoRejectAt: this.autoRejectAt,
      unitCode: this.unitCode,
      decidedBy: this.decidedBy,
      rejectionReason: this.rejectionReason,
      ...(this.rejectionReasonId !== null ? { rejectionReasonId: this.rejectionReasonId } : {}),
    };
  }

  // ——— The decision's Update ———

  validateDecision(d: OnboardingDecisionMessage): void {
    const ok = onboardingSchemas().onboardingDecisionMessageSchema.safeParse(d);
    if (!ok.success)
      throw ApplicationFailure.nonRetryable(ok.error.issues[0]?.message ?? 'invalid decision', 'INVALID_DECISION');
    if (this.state !== 'awaiting_decision' || this.decision !== undefined) {
      throw ApplicationFailure.nonRetryable(`no decision can be taken while the case is ${this.state}`, 'WRONG_STATE', {
        status: this.state,
      });
    }
  }

  async onDecision(d: OnboardingDecisionMessage): Promise<DecisionAccepted> {
    this.decision = d;
    if (patched(DECISION_ANSWERS_AFTER_EFFECT_PATCH)) {
      await condition(() => this.decisionWritten);
      return { accepted: true, decision: d.decision, state: this.state, unitCode: this.unitCode };
    }
    return { accepted: true, decision: d.decision };
  }

  // ——— The process ———

  async run(): Promise<OnboardingSummary> {
    const registered = await this.register();
    if (registered.outcome === 'duplicate')
      return this.summary({ outcome: 'duplicate', existingStatus: registered.existingStatus });
    const decision = await this.awaitDecision();
    if (decision === undefined || decision.decision === 'reject') return this.reject(decision);
    await this.activate(decision);
    await this.onboardEmployees(registered.employeeCount);
    return this.complete();
  }

  /** 1. The employer registered as pending, with its dossier's employee count (or found a duplicate). */
  private async register(): Promise<RegisterResult> {
    const registered = await surfaceDomainFailure(() => acts.registerEmployer(this.ref));
    if (registered.outcome === 'duplicate') {
      this.state = 'duplicate';
      return registered;
    }
    this.employeesTotal = registered.employeeCount;
    this.batchesTotal = Math.ceil(registered.employeeCount / this.batchSize);
    return registered;
  }

  /** 2. The decision, with the escalation and automatic-rejection deadlines counted from registration; undefined when none came. */
  private async awaitDecision(): Promise<OnboardingDecisionMessage | undefined> {
    const registeredAt = Date.now();
    const escalateAt = workingDayDeadline(registeredAt, ONBOARDING_ESCALATE_AFTER_WORKING_DAYS);
    const autoRejectAt = registeredAt + ONBOARDING_AUTO_REJECT_AFTER_DAYS * DAY_MS;
    const deadline = new Date(escalateAt).toISOString();
    this.decisionDeadline = deadline;
    this.autoRejectAt = new Date(autoRejectAt).toISOString();
    this.state = 'awaiting_decision';

    if (!(await condition(() => this.decision !== undefined, Math.max(1, escalateAt - Date.now())))) {
      await acts.escalateOnboarding({ ...this.ref, deadline });
      this.escalated = true;
      await condition(() => this.decision !== undefined, Math.max(1, autoRejectAt - Date.now()));
    }
    return this.decision;
  }

  /** 3a. The officer's rejection, or the automatic one when no decision came. */
  private async reject(
    decision: Extract<OnboardingDecisionMessage, { decision: 'reject' }> | undefined,
  ): Promise<OnboardingSummary> {
    const automatic = decision === undefined;
    // The reason: the automatic one, the id of an officer's (issue 11), or, in older histories, the officer's text.
    const reasonId = decision && 'reasonId' in decision ? decision.reasonId : undefined;
    const reason = automatic
      ? `no decision within ${ONBOARDING_AUTO_REJECT_AFTER_DAYS} days of registration`
      : 'reason' in decision
        ? decision.reason
        : null;
    const officer = automatic ? 'system:auto-reject' : decision.officer;
    this.state = 'rejected';
    this.rejectionReason = reason;
    this.rejectionReasonId = reasonId ?? null;
    this.decidedBy = officer;
    await acts.rejectEmployer({
      ...this.ref,
      officer,
      ...(reason !== null ? { reason } : {}),
      ...(reasonId !== undefined ? { reasonId } : {}),
      automatic,
    });
    this.decisionWritten = true;
    await condition(allHandlersFinished);
    return this.summary({
      outcome: 'rejected',
      rejectionReason: reason,
      ...(reasonId !== undefined ? { rejectionReasonId: reasonId } : {}),
      autoRejected: automatic,
    });
  }

  /** 3b. The approval: the employer active, with its unit code. */
  private async activate(decision: OnboardingDecisionMessage): Promise<void> {
    this.decidedBy = decision.officer;
    this.state = 'onboarding_employees';
    const { unitCode } = await acts.activateEmployer({ ...this.ref, officer: decision.officer });
    this.unitCode = unitCode;
    this.decisionWritten = true;
  }

  /** 4. The employees in batches: independent (no person twice in a dossier), a few at once, each its own transaction. */
  private async onboardEmployees(employeeCount: number): Promise<void> {
    const ranges: [number, number][] = [];
    for (let from = 1; from <= employeeCount; from += this.batchSize)
      ranges.push([from, Math.min(employeeCount, from + this.batchSize - 1)]);
    const batchActs = batchActsOn(this.input.batchTaskQueue);
    let next = 0;
    const lane = async () => {
      while (next < ranges.length) {
        const [fromLine, toLine] = ranges[next++]!;
        const r = await batchActs.onboardEmployeeBatch({ ...this.ref, fromLine, toLine });
        this.participantsCreated += r.participantsCreated;
        this.participantsExisting += r.participantsExisting;
        this.hiCardsIssued += r.hiCardsIssued;
        this.ebooksWritten += r.ebooksWritten;
        this.identityMismatchLines.push(...r.identityMismatchLines);
        this.employeesDone += r.employees;
        this.batchesDone += 1;
      }
    };
    await Promise.all(Array.from({ length: Math.min(ONBOARDING_BATCH_CONCURRENCY, ranges.length) }, lane));
    this.identityMismatchLines.sort((a, b) => a - b);
  }

  /** 5. The employer notified with the summary. */
  private async complete(): Promise<OnboardingSummary> {
    const summary = this.summary({});
    await acts.completeOnboarding({ ...this.ref, summary });
    this.state = 'completed';
    await condition(allHandlersFinished);
    return summary;
  }

  /** The workflow's result: the batches' totals so far, a completion unless `outcome` says otherwise. */
  private summary(
    outcome: Partial<
      Pick<OnboardingSummary, 'outcome' | 'rejectionReason' | 'rejectionReasonId' | 'autoRejected' | 'existingStatus'>
    >,
  ): OnboardingSummary {
    return {
      outcome: 'completed',
      requestId: this.input.requestId,
      taxCode: this.input.taxCode,
      unitCode: this.unitCode,
      employeesOnboarded: this.employeesDone,
      participantsCreated: this.participantsCreated,
      participantsExisting: this.participantsExisting,
      hiCardsIssued: this.hiCardsIssued,
      ebooksWritten: this.ebooksWritten,
      identityMismatchLines: this.identityMismatchLines,
      rejectionReason: null,
      autoRejected: false,
      existingStatus: null,
      ...outcome,
    };
  }
}

/**
 * A dossier refused by an activity's rules (non-retryable, with a domain code) fails the workflow
 * with that same code, so that callers see EMPLOYER_EXCLUDED rather than "activity task failed".
 */
async function surfaceDomainFailure<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof ActivityFailure && err.cause instanceof ApplicationFailure && err.cause.nonRetryable) {
      throw ApplicationFailure.create({
        type: err.cause.type ?? undefined,
        message: err.cause.message,
        nonRetryable: true,
        details: err.cause.details as unknown[],
      });
    }
    throw err;
  }
}

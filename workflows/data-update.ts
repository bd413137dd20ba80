/**
 * The officer's review of a participant's data-update request (issue #14 part 1; rules §8.38):
 * opened with a deadline of 5 working days (Law 41/2024 Art.28(4)), a reminder on the 3rd working
 * day and an escalation to the supervisor once it has passed; the officer approves, rejects with a
 * reason, or asks for more evidence — which pauses the deadline until the participant adds some,
 * then counts the working days that were left. Carries the request id only.
 */
import { allHandlersFinished, ApplicationFailure, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { Activities, DataUpdateTimeline } from '../activities';
import { msUntilShiftedDay, shiftedToday, type IsoDate } from '../domain/calendar';
import { SHORT_ACTIVITY } from './activity-options';
import {
  dataUpdateDecisionUpdate,
  dataUpdateEvidenceSignal,
  dataUpdateStateQuery,
  type DataUpdateDecisionMessage,
  type DataUpdateReviewState,
  type DataUpdateReviewStatus,
  type DataUpdateSummary,
  type DataUpdateWorkflowInput,
} from './data-update-definitions';

const acts = proxyActivities<Activities>(SHORT_ACTIVITY);

export async function dataUpdateReview(input: DataUpdateWorkflowInput): Promise<DataUpdateSummary> {
  const review = new DataUpdateCase(input);
  setHandler(dataUpdateStateQuery, () => review.state());
  setHandler(dataUpdateDecisionUpdate, (d) => review.onDecision(d), { validator: (d) => review.validate(d) });
  setHandler(dataUpdateEvidenceSignal, () => review.onEvidence());
  return review.run();
}

class DataUpdateCase {
  private status: DataUpdateReviewStatus = 'opening';
  private dueDate: IsoDate | null = null;
  private alerts: DataUpdateReviewState['alerts'] = 'none';
  private round = 1;
  private daysLeftAtPause: number | null = null;
  private pending: DataUpdateDecisionMessage | undefined;
  /** The decision whose effect is written: its Update answers then, with the state after it. */
  private written: DataUpdateDecisionMessage | undefined;
  private evidenceAdded = false;

  constructor(private readonly input: DataUpdateWorkflowInput) {}

  state(): DataUpdateReviewState {
    return {
      requestId: this.input.requestId,
      status: this.status,
      dueDate: this.dueDate,
      alerts: this.alerts,
      round: this.round,
      daysLeftAtPause: this.daysLeftAtPause,
    };
  }

  validate(d: DataUpdateDecisionMessage): void {
    if (d.decision !== 'approve' && d.decision !== 'reject' && d.decision !== 'more_evidence')
      throw ApplicationFailure.nonRetryable('decision is approve, reject or more_evidence', 'INVALID_DECISION');
    // While the review is still opening, a decision is taken too (its effect waits for the opening).
    if ((this.status !== 'awaiting_review' && this.status !== 'opening') || this.pending !== undefined)
      throw ApplicationFailure.nonRetryable(
        `no decision can be taken while the request is ${this.status}`,
        'WRONG_STATE',
      );
    if (d.decision !== 'approve' && d.reasonId === undefined)
      throw ApplicationFailure.nonRetryable(
        'a rejection or a request for more evidence needs a reason',
        'REASON_REQUIRED',
      );
  }

  async onDecision(d: DataUpdateDecisionMessage): Promise<{ accepted: true; status: DataUpdateReviewStatus }> {
    this.pending = d;
    await condition(() => this.written === d);
    return { accepted: true, status: this.status };
  }

  onEvidence(): void {
    this.evidenceAdded = true;
  }

  async run(): Promise<DataUpdateSummary> {
    let timeline = await acts.openDataUpdateReview({ requestId: this.input.requestId });
    for (;;) {
      const d = await this.awaitDecision(timeline);
      if (d.decision !== 'more_evidence') return this.close(d);
      timeline = await this.pauseForEvidence(d);
    }
  }

  /** The officer's decision within the round's deadline: a reminder, then the escalation once it has passed. */
  private async awaitDecision(t: DataUpdateTimeline): Promise<DataUpdateDecisionMessage> {
    this.status = 'awaiting_review';
    this.dueDate = t.due;
    this.alerts = 'none';
    const alerts = [
      { at: t.reminderAt, kind: 'reminder', level: 'reminded' },
      { at: t.escalateAt, kind: 'escalation', level: 'escalated' },
    ] as const;
    for (const a of alerts) {
      if (await condition(() => this.pending !== undefined, this.untilStartOf(a.at))) break;
      await acts.alertDataUpdateReview({ requestId: this.input.requestId, round: this.round, kind: a.kind });
      this.alerts = a.level;
    }
    await condition(() => this.pending !== undefined);
    return this.pending!;
  }

  /** More evidence asked: the deadline paused until the participant adds some, then the days left counted again. */
  private async pauseForEvidence(d: DataUpdateDecisionMessage): Promise<DataUpdateTimeline> {
    this.evidenceAdded = false;
    const paused = await acts.askDataUpdateEvidence({
      requestId: this.input.requestId,
      round: this.round,
      officer: d.officer,
      reasonId: d.reasonId!,
      pausedOn: this.today(),
    });
    this.status = 'more_evidence';
    this.daysLeftAtPause = paused.daysLeft;
    this.pending = undefined;
    this.written = d;
    await condition(() => this.evidenceAdded);
    this.round++;
    const resumed = await acts.resumeDataUpdateReview({
      requestId: this.input.requestId,
      round: this.round,
      resumedOn: this.today(),
      daysLeft: paused.daysLeft,
    });
    this.daysLeftAtPause = null;
    return resumed;
  }

  /** Approval (the database and the e-book changed in one transaction) or rejection with its reason. */
  private async close(d: DataUpdateDecisionMessage): Promise<DataUpdateSummary> {
    const step = { requestId: this.input.requestId, round: this.round, officer: d.officer, decidedOn: this.today() };
    if (d.decision === 'approve') await acts.approveDataUpdate(step);
    else await acts.rejectDataUpdate({ ...step, reasonId: d.reasonId! });
    const outcome = d.decision === 'approve' ? 'approved' : 'rejected';
    this.status = outcome;
    this.written = d;
    await condition(allHandlersFinished);
    return { requestId: this.input.requestId, outcome, rounds: this.round };
  }

  private today(): IsoDate {
    return shiftedToday(Date.now(), this.input.offsetDays ?? 0);
  }

  private untilStartOf(d: IsoDate): number {
    return msUntilShiftedDay(d, Date.now(), this.input.offsetDays ?? 0);
  }
}

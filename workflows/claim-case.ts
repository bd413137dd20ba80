/**
 * One unemployment claim as the workflow runs it (workflows/claims.ts is the entry): its state as
 * typed fields, the Updates' validators and handlers, and `run`, the process as its phases —
 * intake, the officer's decision, health coverage as a child, the benefit months with their report
 * windows, then termination or completion and the coverage's close.
 */
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  patched,
  proxyActivities,
  startChild,
  workflowInfo,
  type ChildWorkflowHandle,
} from '@temporalio/workflow';
import type { Activities, ClaimIntake, ClaimMonthPlan } from '../activities';
import { addDays, msUntilShiftedDay, shiftedToday, type IsoDate } from '../domain/calendar';
import {
  coverageLastDayOnTermination,
  decisionAlertSchedule,
  isBenefitTerminationGround,
  missedReportsEndBenefit,
} from '../domain/unemployment';
import { SHORT_ACTIVITY } from './activity-options';
import { healthCoverageContinuation, type CoverageResult } from './coverage';
import {
  coverageEndSignal,
  coverageWorkflowId,
  type ClaimDecisionMessage,
  type ClaimMonthState,
  type ClaimReportMessage,
  type ClaimState,
  type ClaimWaiting,
  type ClaimStatus,
  type ClaimSummary,
  type ClaimTerminationMessage,
  type ClaimWorkflowInput,
} from './definitions';

const acts = proxyActivities<Activities>(SHORT_ACTIVITY);

type Coverage = ChildWorkflowHandle<typeof healthCoverageContinuation>;

/**
 * Updates answer once their effect is written, with the state after it: the decision once the
 * claim is active (its first report window open) or rejected, a report once it is recorded, a
 * termination once the claim is terminated. Before this patch they answered at acceptance, so a
 * report sent just after the approval's answer could find the window not yet open (WRONG_STATE).
 */
export const ANSWER_AFTER_EFFECT_PATCH = '2026-12-updates-answer-after-effect';

/**
 * Benefits paid by bank transfer (issue 14 part 4; rules §8.36): the payment step no longer pays.
 * A reported month is owed; the next payment run puts it in a pain.001 file (instructed) and the
 * bank's pain.002/camt.054 makes it paid or returned. The workflow closes only when no month is
 * owed, instructed or returned: before completing (or after terminating) it reads the months'
 * payments once a day until every one is settled. A returned month keeps the claim open until it
 * is paid again into a newly verified account (the officers' task says so). Before this patch the
 * payment step paid the month itself (payClaimMonth).
 */
export const BANK_PAYMENTS_PATCH = '2026-12-bank-payments';

export class ClaimCase {
  private readonly claimId: string;
  /** The application clock's shift in days (runtime/clock.ts). */
  private readonly offsetDays: number;

  // The case, as the `state` query shows it.
  private status: ClaimStatus = 'intake';
  /** What intake found (law, eligibility, benefit, dates); null until intake is done. */
  private intakeResult: ClaimIntake | null = null;
  private decisionAlerts: ClaimState['decisionAlerts'] = 'none';
  private decision: ClaimState['decision'] = null;
  private months: ClaimMonthState[] = [];
  private monthsPaid = 0;
  private monthsSuspended = 0;
  private consecutiveMissedReports = 0;
  /** The benefit month whose report window is open (null when none is). */
  private reportWindowFor: number | null = null;
  private nextDeadline: string | null = null;
  private waitingFor = 'intake: evaluating the credited contribution history';
  private waiting: ClaimWaiting = { code: 'intake' };
  private terminationGround: string | null = null;
  private reservedMonths: number | null = null;
  private coverage: CoverageResult | null = null;

  // The messages received, and the effects the Updates wait for (ANSWER_AFTER_EFFECT_PATCH).
  private decisionMessage: ClaimDecisionMessage | undefined;
  private termination: ClaimTerminationMessage | undefined;
  /** The reports received: benefit month → who reported. */
  private readonly reported = new Map<number, string>();
  /** The reports' job-search summaries: benefit month → its `case_texts` id (when one was typed). */
  private readonly reportSummaries = new Map<number, number>();
  /** The month whose window opened last (a repeated report names it in its refusal). */
  private lastWindow: number | null = null;
  /** The decision is written: approved with the first report window open, rejected, or overtaken by a termination. */
  private decisionApplied = false;
  /** The months whose report is recorded. */
  private readonly recorded = new Set<number>();
  /** A month was left to the bank (BANK_PAYMENTS_PATCH): the claim closes once the bank has settled them all. */
  private bankPaid = false;

  constructor(input: ClaimWorkflowInput) {
    this.claimId = input.claimId;
    this.offsetDays = input.offsetDays ?? 0;
  }

  /** The `state` query's answer. */
  state(): ClaimState {
    const intake = this.intakeResult;
    return {
      claimId: this.claimId,
      status: this.status,
      law: intake?.law ?? null,
      eligible: intake?.eligible ?? null,
      reasons: intake?.reasons ?? [],
      // Not in the activity's result since issue 11 (client/claims.ts reads it from the database).
      monthlyBenefit: intake?.eligible ? (intake.monthlyBenefit ?? null) : null,
      durationMonths: intake?.durationMonths ?? 0,
      startDate: intake?.startDate ?? null,
      decisionDeadline: intake?.decisionDeadline ?? null,
      decisionAlerts: this.decisionAlerts,
      decision: this.decision,
      months: this.months,
      monthsPaid: this.monthsPaid,
      monthsSuspended: this.monthsSuspended,
      monthsRemaining: this.months.filter((m) => m.status === 'scheduled' || m.status === 'reported').length,
      consecutiveMissedReports: this.consecutiveMissedReports,
      reportWindowFor: this.reportWindowFor,
      nextDeadline: this.nextDeadline,
      waitingFor: this.waitingFor,
      waiting: this.waiting,
      terminationGround: this.terminationGround,
      reservedMonths: this.reservedMonths,
      // Histories before issue 11 carry the card's code; client/claims.ts shows the database's card.
      coverage: this.coverage?.cardCode
        ? { cardCode: this.coverage.cardCode, validFrom: this.coverage.validFrom, validTo: this.coverage.validTo }
        : null,
    };
  }

  // ——— Updates ———

  validateDecision(d: ClaimDecisionMessage): void {
    if (d.decision !== 'approve' && d.decision !== 'reject')
      throw ApplicationFailure.nonRetryable('decision is approve or reject', 'INVALID_DECISION');
    if (this.status !== 'awaiting_decision' || this.decisionMessage !== undefined)
      throw ApplicationFailure.nonRetryable(
        `no decision can be taken while the claim is ${this.status}`,
        'WRONG_STATE',
        { status: this.status },
      );
    if (d.decision === 'approve' && !this.intakeResult?.eligible) {
      throw ApplicationFailure.nonRetryable(
        `the claim is not eligible (${this.intakeResult?.reasons.join(', ')}): it can only be rejected`,
        'NOT_ELIGIBLE',
      );
    }
    if (d.decision === 'reject' && !d.reason && d.reasonId === undefined)
      throw ApplicationFailure.nonRetryable('a rejection needs a reason', 'REASON_REQUIRED');
  }

  async onDecision(d: ClaimDecisionMessage): Promise<{ accepted: true; status: ClaimStatus }> {
    this.decisionMessage = d;
    if (patched(ANSWER_AFTER_EFFECT_PATCH)) {
      await condition(() => this.decisionApplied);
      return { accepted: true, status: this.status };
    }
    return { accepted: true, status: d.decision === 'approve' ? 'active' : 'rejected' };
  }

  validateReport(r: ClaimReportMessage): void {
    if (this.status !== 'active' && this.status !== 'suspended')
      throw ApplicationFailure.nonRetryable(`no report is expected while the claim is ${this.status}`, 'WRONG_STATE', {
        status: this.status,
      });
    const month = r.month ?? this.reportWindowFor ?? this.lastWindow;
    if (month !== null && this.reported.has(month))
      throw ApplicationFailure.nonRetryable(`benefit month ${month} is already reported`, 'ALREADY_REPORTED', {
        index: month,
      });
    if (this.reportWindowFor === null || month !== this.reportWindowFor) {
      throw ApplicationFailure.nonRetryable(
        this.reportWindowFor === null
          ? 'no report window is open now (the next opens on the first day of the next benefit month)'
          : `the open report window is for benefit month ${this.reportWindowFor}`,
        'REPORT_WINDOW_CLOSED',
        this.reportWindowFor === null ? {} : { openIndex: this.reportWindowFor },
      );
    }
  }

  async onReport(
    r: ClaimReportMessage,
  ): Promise<{ accepted: true; month: number; status?: ClaimStatus; monthStatus?: ClaimMonthState['status'] }> {
    const month = r.month ?? this.reportWindowFor!;
    this.reported.set(month, r.by);
    if (r.summaryId !== undefined) this.reportSummaries.set(month, r.summaryId);
    if (patched(ANSWER_AFTER_EFFECT_PATCH)) {
      await condition(() => this.recorded.has(month) || this.termination !== undefined);
      return {
        accepted: true,
        month,
        status: this.status,
        monthStatus: this.months.find((m) => m.index === month)?.status ?? 'scheduled',
      };
    }
    return { accepted: true, month };
  }

  validateTermination(t: ClaimTerminationMessage): void {
    if (!isBenefitTerminationGround(t.ground))
      throw ApplicationFailure.nonRetryable(`unknown termination ground ${t.ground}`, 'INVALID_GROUND');
    if (this.status !== 'active' && this.status !== 'suspended')
      throw ApplicationFailure.nonRetryable(`a claim in ${this.status} cannot be terminated`, 'WRONG_STATE', {
        status: this.status,
      });
    if (this.termination !== undefined)
      throw ApplicationFailure.nonRetryable('the claim is already being terminated', 'WRONG_STATE');
  }

  async onTermination(
    t: ClaimTerminationMessage,
  ): Promise<{ accepted: true; status?: ClaimStatus; reservedMonths?: number | null }> {
    this.termination = { ...t, effectiveDate: t.effectiveDate ?? this.today() };
    if (patched(ANSWER_AFTER_EFFECT_PATCH)) {
      await condition(() => this.status === 'terminated');
      return { accepted: true, status: this.status, reservedMonths: this.reservedMonths };
    }
    return { accepted: true };
  }

  // ——— The process ———

  async run(): Promise<ClaimSummary> {
    const intake = await this.intake();
    const decision = await this.awaitDecision(intake);
    const months = await this.writeDecision(decision);
    if (decision.decision === 'reject') return this.closeRejected();
    this.status = 'active';
    this.decision = 'approved';
    this.months = months.map((m) => ({ ...m, status: 'scheduled', paidOn: null }));
    const coverage = await this.startCoverage();
    await this.benefitPeriod();
    if (this.bankPaid && !this.termination) await this.settlePayments(() => this.termination !== undefined);
    const summary = this.termination ? await this.terminate(coverage, this.termination) : await this.complete();
    if (this.bankPaid) {
      await this.settlePayments(); // a terminated claim still pays the months it owes
      summary.monthsPaid = this.monthsPaid;
    }
    await this.closeCoverage(coverage);
    return summary;
  }

  /** 1. Intake: eligibility from the credited months, the benefit, the decision deadline. */
  private async intake(): Promise<ClaimIntake> {
    const intake = await acts.intakeClaim({ claimId: this.claimId });
    this.status = 'awaiting_decision';
    this.intakeResult = intake;
    return intake;
  }

  /** 2. The officer's decision within the legal deadline: a reminder, an escalation, then an overdue alert. */
  private async awaitDecision(intake: ClaimIntake): Promise<ClaimDecisionMessage> {
    for (const alert of decisionAlertSchedule(intake)) {
      this.waitingFor = `the officer's decision (legal deadline ${intake.decisionDeadline})`;
      this.waiting = { code: 'decision', date: intake.decisionDeadline };
      this.nextDeadline = intake.decisionDeadline;
      if (await condition(() => this.decisionMessage !== undefined, this.untilStartOf(alert.at))) break;
      await acts.notifyClaimOfficers({ claimId: this.claimId, kind: alert.kind, deadline: intake.decisionDeadline });
      this.decisionAlerts = alert.level;
    }
    await condition(() => this.decisionMessage !== undefined);
    return this.decisionMessage!;
  }

  /** The decision written; an approval's benefit months planned. */
  private async writeDecision(d: ClaimDecisionMessage): Promise<ClaimMonthPlan[]> {
    const decided = await acts.decideClaim({
      claimId: this.claimId,
      decision: d.decision,
      officer: d.officer,
      ...(d.reason ? { reason: d.reason } : {}),
      ...(d.reasonId !== undefined ? { reasonId: d.reasonId } : {}),
      decidedOn: this.today(),
    });
    return decided.months;
  }

  private async closeRejected(): Promise<ClaimSummary> {
    this.status = 'rejected';
    this.decision = 'rejected';
    this.waitingFor = 'nothing: the claim was rejected';
    this.waiting = { code: 'rejected' };
    this.nextDeadline = null;
    this.decisionApplied = true;
    await condition(allHandlersFinished);
    return {
      claimId: this.claimId,
      outcome: 'rejected',
      monthsPaid: 0,
      monthsSuspended: 0,
      reservedMonths: null,
      terminationGround: null,
    };
  }

  /** 3. Health coverage for the benefit period, as a child. */
  private startCoverage(): Promise<Coverage> {
    return startChild(healthCoverageContinuation, {
      workflowId: coverageWorkflowId(workflowInfo().workflowId),
      args: [{ claimId: this.claimId, offsetDays: this.offsetDays }],
    });
  }

  /** 4. Each benefit month until one ends the benefit, then the end of the period unless terminated. */
  private async benefitPeriod(): Promise<void> {
    for (let i = 0; i < this.months.length && !this.termination; i++) await this.benefitMonth(this.months[i]!, i === 0);
    this.decisionApplied = true; // a termination before the first window opened
    if (!this.termination) {
      const last = this.months[this.months.length - 1]!;
      this.waitingFor = `the end of the benefit period on ${last.to}`;
      this.waiting = { code: 'benefit_end', date: last.to };
      this.nextDeadline = last.to;
      await condition(() => this.termination !== undefined, this.untilEndOf(last.to));
    }
  }

  /** A benefit month: from its start, its report window; then its payment, or a suspension. A termination ends it at any wait. */
  private async benefitMonth(m: ClaimMonthState, first: boolean): Promise<void> {
    if (!first) {
      this.waitingFor = `the start of benefit month ${m.index} on ${m.from}`;
      this.waiting = { code: 'month_start', month: m.index, date: m.from };
      this.nextDeadline = m.from;
      if (await condition(() => this.termination !== undefined, this.untilStartOf(m.from))) return;
    }
    this.reportWindowFor = m.index;
    this.lastWindow = m.index;
    this.decisionApplied = true; // approved, and the first report window is open
    this.waitingFor = `the job-search report for benefit month ${m.index} (due by ${m.reportDeadline})`;
    this.waiting = { code: 'report', month: m.index, date: m.reportDeadline };
    this.nextDeadline = m.reportDeadline;
    await condition(
      () => this.reported.has(m.index) || this.termination !== undefined,
      this.untilEndOf(m.reportDeadline),
    );
    this.reportWindowFor = null;
    if (this.termination) return;
    if (this.reported.has(m.index)) await this.pay(m, this.reported.get(m.index)!);
    else await this.suspend(m);
  }

  private async pay(m: ClaimMonthState, by: string): Promise<void> {
    const summaryId = this.reportSummaries.get(m.index);
    await acts.recordReport({
      claimId: this.claimId,
      index: m.index,
      reportedOn: this.today(),
      by,
      ...(summaryId !== undefined ? { summaryId } : {}),
    });
    m.status = 'reported';
    this.recorded.add(m.index);
    if (patched(BANK_PAYMENTS_PATCH)) {
      // Owed: the next payment run instructs it, the bank's report pays it (rules §8.36).
      this.bankPaid = true;
      this.consecutiveMissedReports = 0;
      this.status = 'active';
      return;
    }
    this.waitingFor = `the payment of benefit month ${m.index} (due by ${m.paymentDeadline})`;
    this.waiting = { code: 'payment', month: m.index, date: m.paymentDeadline };
    const paid = await acts.payClaimMonth({ claimId: this.claimId, index: m.index, paidOn: this.today() });
    m.status = 'paid';
    m.paidOn = paid.paidOn;
    this.monthsPaid++;
    this.consecutiveMissedReports = 0;
    this.status = 'active';
  }

  private async suspend(m: ClaimMonthState): Promise<void> {
    await acts.suspendClaimMonth({ claimId: this.claimId, index: m.index });
    m.status = 'suspended';
    this.monthsSuspended++;
    this.consecutiveMissedReports++;
    this.status = 'suspended';
    if (missedReportsEndBenefit(this.consecutiveMissedReports)) {
      this.termination = { ground: 'missed_reports', effectiveDate: this.today(), by: 'system:claims' }; // Art.41(4)(đ)
    }
  }

  /**
   * The bank's settlement of the months owed (BANK_PAYMENTS_PATCH): the months' payments read from
   * the database, then again each day until none is owed, instructed or returned (or `stop` holds).
   */
  private async settlePayments(stop: () => boolean = () => false): Promise<void> {
    for (;;) {
      const p = await acts.claimPayments({ claimId: this.claimId });
      for (const x of p.months) {
        const m = this.months.find((y) => y.index === x.index);
        if (m) {
          m.status = x.status;
          m.paidOn = x.paidOn;
        }
      }
      this.monthsPaid = p.monthsPaid;
      const owed = p.months.find(
        (x) => x.status === 'reported' || x.status === 'instructed' || x.status === 'returned',
      );
      if (!owed || stop()) return;
      this.waitingFor = `the bank's payment of benefit month ${owed.index} (${owed.status})`;
      this.waiting = { code: 'payment', month: owed.index, date: owed.paymentDeadline };
      this.nextDeadline = owed.paymentDeadline;
      if (await condition(stop, this.untilStartOf(addDays(this.today(), 1)))) return;
    }
  }

  /** 5. Termination: the months left cancelled, the coverage ended the day before it takes effect. */
  private async terminate(coverage: Coverage, t: ClaimTerminationMessage): Promise<ClaimSummary> {
    const r = await acts.terminateClaim({
      claimId: this.claimId,
      ground: t.ground,
      effectiveDate: t.effectiveDate!,
      by: t.by,
      ...(t.noteId !== undefined ? { noteId: t.noteId } : {}),
    });
    for (const m of this.months)
      if (m.status === 'scheduled' || (m.status === 'reported' && !this.bankPaid)) m.status = 'cancelled';
    this.status = 'terminated';
    this.terminationGround = t.ground;
    this.reservedMonths = r.reservedMonths;
    await coverage.signal(coverageEndSignal, { lastDay: coverageLastDayOnTermination(t.effectiveDate!) });
    return {
      claimId: this.claimId,
      outcome: 'terminated',
      monthsPaid: this.monthsPaid,
      monthsSuspended: this.monthsSuspended,
      reservedMonths: r.reservedMonths,
      terminationGround: t.ground,
    };
  }

  /** 6. Completion at the end of the benefit period. */
  private async complete(): Promise<ClaimSummary> {
    const r = await acts.completeClaim({ claimId: this.claimId });
    this.status = 'completed';
    this.reservedMonths = r.reservedMonths;
    return {
      claimId: this.claimId,
      outcome: 'completed',
      monthsPaid: this.monthsPaid,
      monthsSuspended: this.monthsSuspended,
      reservedMonths: r.reservedMonths,
      terminationGround: null,
    };
  }

  /** The health coverage's close, and the Updates' answers, before the workflow ends. */
  private async closeCoverage(coverage: Coverage): Promise<void> {
    this.waitingFor = 'the health coverage to close';
    this.waiting = { code: 'coverage_close' };
    this.nextDeadline = null;
    this.coverage = await coverage.result();
    this.waitingFor = `nothing: the claim is ${this.status}`;
    this.waiting = { code: 'closed', status: this.status };
    await condition(allHandlersFinished);
  }

  /** Today as the rest of the application counts it (Temporal's time, shifted by the pinned clock). */
  private today(): IsoDate {
    return shiftedToday(Date.now(), this.offsetDays);
  }

  /** Milliseconds until local midnight at the start of `d` (at least 1: a timer of 0 never fires). */
  private untilStartOf(d: IsoDate): number {
    return msUntilShiftedDay(d, Date.now(), this.offsetDays);
  }

  private untilEndOf(d: IsoDate): number {
    return this.untilStartOf(addDays(d, 1));
  }
}

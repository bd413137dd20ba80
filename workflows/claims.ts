/**
 * An unemployment claim from intake to closure (Law 74/2025 Art.38–41; Decree 374/2025): intake
 * computes eligibility from the credited months; the officer decides through an Update within 15
 * working days (reminder, escalation, overdue alert as the deadline nears and passes); approval
 * starts health-coverage continuation as a child; each benefit month waits for its job-search
 * report, pays (idempotent, key claim + month) or suspends; three missed reports in a row, or a
 * termination Update on any legal ground, end it. Carries the claim id only.
 */
import { allHandlersFinished, ApplicationFailure, condition, patched, proxyActivities, setHandler, startChild, workflowInfo, type ChildWorkflowHandle } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { addDays, msUntilShiftedDay, shiftedToday, type IsoDate } from '../domain/calendar';
import { benefitTerminationGroundSchema, missedReportsEndBenefit } from '../domain/unemployment';
import {
  claimDecisionUpdate,
  claimReportUpdate,
  claimStateQuery,
  claimTerminationUpdate,
  coverageEndSignal,
  coverageWorkflowId,
  type ClaimDecisionMessage,
  type ClaimState,
  type ClaimTerminationMessage,
} from './definitions';
import { healthCoverageContinuation } from './coverage';
import { RETRY_QUICKLY, SHORT_ACTIVITY } from './activity-options';

const acts = proxyActivities<Activities>({ ...SHORT_ACTIVITY, retry: { ...RETRY_QUICKLY, nonRetryableErrorTypes: ['WRONG_STATE', 'NOT_ELIGIBLE', 'CLAIM_NOT_FOUND'] } });

export interface ClaimSummary {
  claimId: string;
  outcome: 'rejected' | 'completed' | 'terminated';
  monthsPaid: number;
  monthsSuspended: number;
  reservedMonths: number | null;
  terminationGround: string | null;
}

/**
 * Updates answer once their effect is written, with the state after it: the decision once the
 * claim is active (its first report window open) or rejected, a report once it is recorded, a
 * termination once the claim is terminated. Before this patch they answered at acceptance, so a
 * report sent just after the approval's answer could find the window not yet open (WRONG_STATE).
 */
export const ANSWER_AFTER_EFFECT_PATCH = '2026-12-updates-answer-after-effect';

export interface ClaimWorkflowInput {
  claimId: string;
  /** The application clock's shift in days (runtime/clock.ts; 0 unless ANSINH_TODAY pins the date). */
  offsetDays?: number;
}

export async function unemploymentClaim(input: ClaimWorkflowInput): Promise<ClaimSummary> {
  const offsetDays = input.offsetDays ?? 0;
  /** Today as the rest of the application counts it (Temporal's time, shifted by the pinned clock). */
  const today = (): IsoDate => shiftedToday(Date.now(), offsetDays);
  /** Milliseconds until local midnight at the start of `d` (at least 1: a timer of 0 never fires). */
  const untilStartOf = (d: IsoDate): number => msUntilShiftedDay(d, Date.now(), offsetDays);
  const untilEndOf = (d: IsoDate): number => untilStartOf(addDays(d, 1));
  const st: ClaimState = {
    claimId: input.claimId,
    status: 'intake',
    law: null,
    eligible: null,
    reasons: [],
    monthlyBenefit: null,
    durationMonths: 0,
    startDate: null,
    decisionDeadline: null,
    decisionAlerts: 'none',
    decision: null,
    months: [],
    monthsPaid: 0,
    monthsSuspended: 0,
    monthsRemaining: 0,
    consecutiveMissedReports: 0,
    reportWindowFor: null,
    nextDeadline: null,
    waitingFor: 'intake: evaluating the credited contribution history',
    terminationGround: null,
    reservedMonths: null,
    coverage: null,
  };
  let decision: ClaimDecisionMessage | undefined;
  let termination: ClaimTerminationMessage | undefined;
  const reported = new Map<number, string>();
  /** The month whose window opened last (a repeated report names it in its refusal). */
  let lastWindow: number | null = null;
  /** Effects written, which the Updates wait for before they answer (ANSWER_AFTER_EFFECT_PATCH). */
  let decisionApplied = false;
  const recorded = new Set<number>();

  setHandler(claimStateQuery, () => ({ ...st, monthsRemaining: st.months.filter((m) => m.status === 'scheduled' || m.status === 'reported').length }));
  setHandler(
    claimDecisionUpdate,
    async (d) => {
      decision = d;
      if (patched(ANSWER_AFTER_EFFECT_PATCH)) {
        await condition(() => decisionApplied);
        return { accepted: true, status: st.status };
      }
      return { accepted: true, status: d.decision === 'approve' ? 'active' : 'rejected' };
    },
    {
      validator: (d) => {
        if (d.decision !== 'approve' && d.decision !== 'reject') throw ApplicationFailure.nonRetryable('decision is approve or reject', 'INVALID_DECISION');
        if (st.status !== 'awaiting_decision' || decision !== undefined) throw ApplicationFailure.nonRetryable(`no decision can be taken while the claim is ${st.status}`, 'WRONG_STATE');
        if (d.decision === 'approve' && !st.eligible) throw ApplicationFailure.nonRetryable(`the claim is not eligible (${st.reasons.join(', ')}): it can only be rejected`, 'NOT_ELIGIBLE');
        if (d.decision === 'reject' && !d.reason) throw ApplicationFailure.nonRetryable('a rejection needs a reason', 'REASON_REQUIRED');
      },
    },
  );
  setHandler(
    claimReportUpdate,
    async (r) => {
      const month = r.month ?? st.reportWindowFor!;
      reported.set(month, r.by);
      if (patched(ANSWER_AFTER_EFFECT_PATCH)) {
        await condition(() => recorded.has(month) || termination !== undefined);
        return { accepted: true, month, status: st.status, monthStatus: st.months.find((m) => m.index === month)?.status ?? 'scheduled' };
      }
      return { accepted: true, month };
    },
    {
      validator: (r) => {
        if (st.status !== 'active' && st.status !== 'suspended') throw ApplicationFailure.nonRetryable(`no report is expected while the claim is ${st.status}`, 'WRONG_STATE');
        const month = r.month ?? st.reportWindowFor ?? lastWindow;
        if (month !== null && reported.has(month)) throw ApplicationFailure.nonRetryable(`benefit month ${month} is already reported`, 'ALREADY_REPORTED');
        if (st.reportWindowFor === null || month !== st.reportWindowFor) {
          throw ApplicationFailure.nonRetryable(
            st.reportWindowFor === null ? 'no report window is open now (the next opens on the first day of the next benefit month)' : `the open report window is for benefit month ${st.reportWindowFor}`,
            'REPORT_WINDOW_CLOSED',
          );
        }
      },
    },
  );
  setHandler(
    claimTerminationUpdate,
    async (t) => {
      termination = { ...t, effectiveDate: t.effectiveDate ?? today() };
      if (patched(ANSWER_AFTER_EFFECT_PATCH)) {
        await condition(() => st.status === 'terminated');
        return { accepted: true, status: st.status, reservedMonths: st.reservedMonths };
      }
      return { accepted: true };
    },
    {
      validator: (t) => {
        if (!benefitTerminationGroundSchema.safeParse(t.ground).success) throw ApplicationFailure.nonRetryable(`unknown termination ground ${t.ground}`, 'INVALID_GROUND');
        if (st.status !== 'active' && st.status !== 'suspended') throw ApplicationFailure.nonRetryable(`a claim in ${st.status} cannot be terminated`, 'WRONG_STATE');
        if (termination !== undefined) throw ApplicationFailure.nonRetryable('the claim is already being terminated', 'WRONG_STATE');
      },
    },
  );

  // 1. Intake.
  const intake = await acts.intakeClaim({ claimId: input.claimId });
  Object.assign(st, {
    status: 'awaiting_decision',
    law: intake.law,
    eligible: intake.eligible,
    reasons: intake.reasons,
    monthlyBenefit: intake.eligible ? intake.monthlyBenefit : null,
    durationMonths: intake.durationMonths,
    startDate: intake.startDate,
    decisionDeadline: intake.decisionDeadline,
  });

  // 2. Decision within the legal deadline: a reminder, an escalation, then an overdue alert.
  const alerts = [
    { at: intake.reminderAt, kind: 'decision_reminder', state: 'reminded' },
    { at: intake.escalateAt, kind: 'decision_escalation', state: 'escalated' },
    { at: addDays(intake.decisionDeadline, 1), kind: 'decision_overdue', state: 'overdue' },
  ] as const;
  for (const a of alerts) {
    st.waitingFor = `the officer's decision (legal deadline ${intake.decisionDeadline})`;
    st.nextDeadline = intake.decisionDeadline;
    if (await condition(() => decision !== undefined, untilStartOf(a.at))) break;
    await acts.notifyClaimOfficers({ claimId: input.claimId, kind: a.kind, deadline: intake.decisionDeadline });
    st.decisionAlerts = a.state;
  }
  await condition(() => decision !== undefined);
  const d = decision!;
  const decided = await acts.decideClaim({ claimId: input.claimId, decision: d.decision, officer: d.officer, ...(d.reason ? { reason: d.reason } : {}), decidedOn: today() });
  if (d.decision === 'reject') {
    Object.assign(st, { status: 'rejected', decision: 'rejected', waitingFor: 'nothing: the claim was rejected', nextDeadline: null });
    decisionApplied = true;
    await condition(allHandlersFinished);
    return { claimId: input.claimId, outcome: 'rejected', monthsPaid: 0, monthsSuspended: 0, reservedMonths: null, terminationGround: null };
  }
  st.status = 'active';
  st.decision = 'approved';
  st.months = decided.months.map((m) => ({ ...m, status: 'scheduled', paidOn: null }));

  // 3. Health coverage for the benefit period, as a child.
  const coverage: ChildWorkflowHandle<typeof healthCoverageContinuation> = await startChild(healthCoverageContinuation, {
    workflowId: coverageWorkflowId(workflowInfo().workflowId),
    args: [{ claimId: input.claimId, offsetDays }],
  });

  // 4. Each benefit month: its report within the window, then the payment; or a suspension.
  for (let i = 0; i < st.months.length && !termination; i++) {
    const m = st.months[i]!;
    if (i > 0) {
      st.waitingFor = `the start of benefit month ${m.index} on ${m.from}`;
      st.nextDeadline = m.from;
      if (await condition(() => termination !== undefined, untilStartOf(m.from))) break;
    }
    st.reportWindowFor = m.index;
    lastWindow = m.index;
    decisionApplied = true; // approved, and the first report window is open
    st.waitingFor = `the job-search report for benefit month ${m.index} (due by ${m.reportDeadline})`;
    st.nextDeadline = m.reportDeadline;
    await condition(() => reported.has(m.index) || termination !== undefined, untilEndOf(m.reportDeadline));
    st.reportWindowFor = null;
    if (termination) break;
    if (reported.has(m.index)) {
      await acts.recordReport({ claimId: input.claimId, index: m.index, reportedOn: today(), by: reported.get(m.index)! });
      m.status = 'reported';
      recorded.add(m.index);
      st.waitingFor = `the payment of benefit month ${m.index} (due by ${m.paymentDeadline})`;
      const paid = await acts.payClaimMonth({ claimId: input.claimId, index: m.index, paidOn: today() });
      Object.assign(m, { status: 'paid', paidOn: paid.paidOn });
      st.monthsPaid++;
      st.consecutiveMissedReports = 0;
      st.status = 'active';
    } else {
      await acts.suspendClaimMonth({ claimId: input.claimId, index: m.index });
      m.status = 'suspended';
      st.monthsSuspended++;
      st.consecutiveMissedReports++;
      st.status = 'suspended';
      if (missedReportsEndBenefit(st.consecutiveMissedReports)) {
        termination = { ground: 'missed_reports', effectiveDate: today(), by: 'system:claims' }; // Art.41(4)(đ)
      }
    }
  }
  decisionApplied = true; // a termination before the first window opened
  if (!termination) {
    const last = st.months[st.months.length - 1]!;
    st.waitingFor = `the end of the benefit period on ${last.to}`;
    st.nextDeadline = last.to;
    await condition(() => termination !== undefined, untilEndOf(last.to));
  }

  // 5–6. Termination, or completion.
  let summary: ClaimSummary;
  if (termination) {
    const t = termination;
    const r = await acts.terminateClaim({ claimId: input.claimId, ground: t.ground, effectiveDate: t.effectiveDate!, by: t.by });
    for (const m of st.months) if (m.status === 'scheduled' || m.status === 'reported') m.status = 'cancelled';
    Object.assign(st, { status: 'terminated', terminationGround: t.ground, reservedMonths: r.reservedMonths });
    await coverage.signal(coverageEndSignal, { lastDay: addDays(t.effectiveDate!, -1) });
    summary = { claimId: input.claimId, outcome: 'terminated', monthsPaid: st.monthsPaid, monthsSuspended: st.monthsSuspended, reservedMonths: r.reservedMonths, terminationGround: t.ground };
  } else {
    const r = await acts.completeClaim({ claimId: input.claimId });
    Object.assign(st, { status: 'completed', reservedMonths: r.reservedMonths });
    summary = { claimId: input.claimId, outcome: 'completed', monthsPaid: st.monthsPaid, monthsSuspended: st.monthsSuspended, reservedMonths: r.reservedMonths, terminationGround: null };
  }
  st.waitingFor = 'the health coverage to close';
  st.nextDeadline = null;
  st.coverage = await coverage.result();
  st.waitingFor = `nothing: the claim is ${st.status}`;
  await condition(allHandlersFinished);
  return summary;
}

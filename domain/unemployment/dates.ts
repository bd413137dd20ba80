/**
 * The dates of a claim once it is filed (rules §3): the first day of benefit (Law 74/2025
 * Art.39(3); Law 38/2013 Art.50(3)), the benefit months (Decree 374/2025 Art.15(2)), the officer's
 * decision deadline, the monthly job-search notice (Law 74/2025 Art.40; Decree 374/2025 Art.21) and
 * the SI agency's payment deadline of a benefit month (Decree 374/2025; procedure 1.014748;
 * Decree 28/2015 Art.18(2)), and the officers' alerts before and after the decision deadline
 * (rules §8.22).
 */
import { addDays, addMonths, addWorkingDays, isWorkingDay, lastDayOf, monthOf, type IsoDate } from '../calendar';
import { wholeCount } from '../checks';
import { DomainError } from '../errors';
import { ansinh, civilCode, decree28, decree374, law38, law74, procedure1014748, rule } from '../law';
import type { UiLaw } from './applicable-law';

/**
 * Start of the benefit:
 * - Law 74/2025 Art.39(3): "ngày làm việc thứ 11" — the 11th WORKING day counted from the day the
 *   complete dossier was filed;
 * - Law 38/2013 Art.50(3): "ngày thứ 16, kể từ ngày nộp đủ hồ sơ" — the 16th CALENDAR day (the text
 *   says "ngày", not "ngày làm việc").
 * In both the filing day itself is not counted (Civil Code 2015 Art.147(1): a period in days starts
 * on the next day), so filing on day D starts the benefit on D + 11 working days (Law 74) or
 * D + 16 calendar days (Law 38).
 */
export const START_AFTER: Readonly<Record<UiLaw, { days: number; working: boolean }>> = {
  LAW_74_2025: { days: 11, working: true },
  LAW_38_2013: { days: 16, working: false },
};
/**
 * Decision (Form 12) within 15 working days of the complete dossier (Law 74/2025; Decree 374/2025;
 * procedure 1.014748). Law 38 claims: 20 days (Law 38/2013 Art.46(2); Decree 28/2015 Art.18),
 * counted here as working days like the Law 74 figure. Ansinh decision (rules §8).
 */
export const DECISION_WORKING_DAYS: Readonly<Record<UiLaw, number>> = { LAW_74_2025: 15, LAW_38_2013: 20 };
/** Remind the officer 5 working days before the decision deadline. Ansinh decision (rules §8). */
export const DECISION_REMINDER_WORKING_DAYS_BEFORE = 5;
/** Escalate to the supervisor 2 working days before the decision deadline. Ansinh decision (rules §8). */
export const DECISION_ESCALATION_WORKING_DAYS_BEFORE = 2;
/** The employee collects the decision within 3 working days (Decree 374/2025; procedure 1.014748). */
export const COLLECT_DECISION_WORKING_DAYS = 3;
/**
 * Monthly job-search notice (Law 74/2025 Art.40; Decree 374/2025 Art.21; procedure 1.014749):
 * within 3 working days — month 1 from when the result (the decision) is returned, later months
 * from the first day of the benefit month. Ansinh uses this one rule for Law 38 claims too
 * (Ansinh decision, rules §8).
 */
export const REPORT_WORKING_DAYS = 3;
/**
 * Payment within 5 working days (Decree 374/2025; procedure 1.014748): after the deadline to collect
 * the decision (month 1) or after the month's job-search notice deadline (later months). Law 38
 * claims (Decree 28/2015 Art.18(2)): within 5 working days of receiving the decision (month 1) and
 * counted from the 7th day of each later benefit month.
 */
export const PAYMENT_WORKING_DAYS = 5;
export const LAW_38_PAYMENT_FROM_DAY_OF_MONTH = 7;

export interface BenefitMonth {
  index: number;
  from: IsoDate;
  to: IsoDate;
}

function addDaysOrWorkingDays(d: IsoDate, rule: { days: number; working: boolean }): IsoDate {
  return rule.working ? addWorkingDays(d, rule.days) : addDays(d, rule.days);
}

/** Same day `months` later; the month's last day when it has no such day (Civil Code 2015 Art.147). */
export function addCalendarMonths(d: IsoDate, months: number): IsoDate {
  const target = addMonths(monthOf(d), months);
  const end = lastDayOf(target);
  const day = d.slice(8, 10);
  return day > end.slice(8, 10) ? end : `${target}-${day}`;
}

/** First day of benefit (Law 74/2025 Art.39(3); Law 38/2013 Art.50(3)); see START_AFTER. */
export const benefitStartDate = rule(
  [law74.article(39, 3), law38.article(50, 3), civilCode.article(147, 1)],
  function benefitStartDate(filingDate: IsoDate, law: UiLaw): IsoDate {
    return addDaysOrWorkingDays(filingDate, START_AFTER[law]);
  },
);

/** Decision deadline, reminder and escalation, as Vietnam dates (see DECISION_WORKING_DAYS). */
export const decisionTimeline = rule(
  [procedure1014748.whole(), law38.article(46, 2), decree28.article(18), ansinh.decision('8.22')],
  function decisionTimeline(
    filingDate: IsoDate,
    law: UiLaw,
  ): { reminderAt: IsoDate; escalateAt: IsoDate; deadline: IsoDate } {
    const n = DECISION_WORKING_DAYS[law];
    return {
      reminderAt: addWorkingDays(filingDate, n - DECISION_REMINDER_WORKING_DAYS_BEFORE),
      escalateAt: addWorkingDays(filingDate, n - DECISION_ESCALATION_WORKING_DAYS_BEFORE),
      deadline: addWorkingDays(filingDate, n),
    };
  },
);

/**
 * Benefit months (Decree 374/2025 Art.15(2)): a month runs from its first day to the same date
 * next month minus one day; when next month has no such date, it ends on that month's last day.
 * The day of the start date is the anchor, so the months are contiguous: month k ends the day
 * before the anchor day of month start+k, or on that month's last day when it has no anchor day.
 * Start 2026-01-31 → 01-31..02-28, 03-01..03-30, 03-31..04-30.
 */
export const benefitMonthPeriods = rule(
  decree374.article(15, 2),
  function benefitMonthPeriods(startDate: IsoDate, n: number): BenefitMonth[] {
    wholeCount(n, 'benefit months');
    const startMonth = monthOf(startDate);
    const anchor = startDate.slice(8, 10);
    const out: BenefitMonth[] = [];
    let from = startDate;
    for (let k = 1; k <= n; k++) {
      const m = addMonths(startMonth, k);
      const last = lastDayOf(m);
      const to = anchor > last.slice(8, 10) ? last : addDays(`${m}-${anchor}`, -1);
      out.push({ index: k, from, to });
      from = addDays(to, 1);
    }
    return out;
  },
);

/**
 * Last day for the monthly job-search notice (Law 74/2025 Art.40; Decree 374/2025 Art.21):
 * month 1 — the 3rd working day after the decision is returned (decisionDate required);
 * month ≥ 2 — the 3rd working day counted from the first day of the benefit month, that day
 * included when it is a working day.
 */
export const reportDeadline = rule(
  [law74.article(40), decree374.article(21)],
  function reportDeadline(periodFrom: IsoDate, decisionDate: IsoDate | undefined, index: number): IsoDate {
    if (!Number.isSafeInteger(index) || index < 1)
      throw new DomainError('INVALID_ARGUMENT', `benefit month index must be a whole number ≥ 1: ${index}`);
    if (index === 1) {
      if (!decisionDate)
        throw new DomainError(
          'INVALID_ARGUMENT',
          'the first month’s notice deadline needs the decision date',
          'decisionDate',
        );
      return addWorkingDays(decisionDate, REPORT_WORKING_DAYS);
    }
    return isWorkingDay(periodFrom)
      ? addWorkingDays(periodFrom, REPORT_WORKING_DAYS - 1)
      : addWorkingDays(periodFrom, REPORT_WORKING_DAYS);
  },
);

/**
 * Last day for the SI agency to pay a benefit month (not the contribution due date of
 * domain/arrears.ts: that is `contributionDueDate`).
 * Law 74 (Decree 374/2025; procedure 1.014748): month 1 — 5 working days after the deadline to
 * collect the decision (decision date + 3 working days); later months — 5 working days after that
 * month's notice deadline. Law 38 (Decree 28/2015 Art.18(2)): month 1 — 5 working days after the
 * decision (Ansinh takes the decision date as the day SI receives it); later months — 5 working
 * days counted from the 7th day of the benefit month (periodFrom required).
 */
export const benefitPaymentDeadline = rule(
  [procedure1014748.whole(), decree374.whole(), decree28.article(18, 2), ansinh.decision('8.24')],
  function benefitPaymentDeadline(
    index: number,
    decisionDate: IsoDate,
    reportDeadlineDate: IsoDate,
    law: UiLaw = 'LAW_74_2025',
    periodFrom?: IsoDate,
  ): IsoDate {
    if (!Number.isSafeInteger(index) || index < 1)
      throw new DomainError('INVALID_ARGUMENT', `benefit month index must be a whole number ≥ 1: ${index}`);
    if (law === 'LAW_38_2013') {
      if (index === 1) return addWorkingDays(decisionDate, PAYMENT_WORKING_DAYS);
      if (!periodFrom)
        throw new DomainError(
          'INVALID_ARGUMENT',
          'a Law 38 payment deadline after month 1 needs the first day of the benefit month',
          'periodFrom',
        );
      return addWorkingDays(addDays(periodFrom, LAW_38_PAYMENT_FROM_DAY_OF_MONTH - 1), PAYMENT_WORKING_DAYS);
    }
    if (index === 1)
      return addWorkingDays(addWorkingDays(decisionDate, COLLECT_DECISION_WORKING_DAYS), PAYMENT_WORKING_DAYS);
    return addWorkingDays(reportDeadlineDate, PAYMENT_WORKING_DAYS);
  },
);

export type DecisionAlertKind = 'decision_reminder' | 'decision_escalation' | 'decision_overdue';

/** An alert to the claim officers: on the start of `at`, unless the claim is decided by then. */
export interface DecisionAlert {
  at: IsoDate;
  kind: DecisionAlertKind;
  /** How far the alerts have gone once this one is sent. */
  level: 'reminded' | 'escalated' | 'overdue';
}

/** A decision is overdue from the day after its legal deadline (rules §8.22). */
export const decisionOverdueOn = rule(ansinh.decision('8.22'), function decisionOverdueOn(deadline: IsoDate): IsoDate {
  return addDays(deadline, 1);
});

/** The reminder, the escalation, then the overdue alert, in order, as a claim's decision deadline nears and passes (rules §8.22). */
export const decisionAlertSchedule = rule(
  [procedure1014748.whole(), ansinh.decision('8.22')],
  function decisionAlertSchedule(t: {
    reminderAt: IsoDate;
    escalateAt: IsoDate;
    decisionDeadline: IsoDate;
  }): readonly DecisionAlert[] {
    return [
      { at: t.reminderAt, kind: 'decision_reminder', level: 'reminded' },
      { at: t.escalateAt, kind: 'decision_escalation', level: 'escalated' },
      { at: decisionOverdueOn(t.decisionDeadline), kind: 'decision_overdue', level: 'overdue' },
    ];
  },
);

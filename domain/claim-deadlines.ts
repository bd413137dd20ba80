/**
 * The dates an unemployment claim waits on, beside the decision timeline of domain/unemployment.ts
 * (decisionTimeline): when the officers are alerted about an undecided claim (rules §8.22), and the
 * last day of the UI-paid HI card when the benefit is terminated (rules §8.9). Pure; the claim
 * workflow imports it.
 */
import { addDays, type IsoDate } from './calendar';

export type DecisionAlertKind = 'decision_reminder' | 'decision_escalation' | 'decision_overdue';

/** An alert to the claim officers: on the start of `at`, unless the claim is decided by then. */
export interface DecisionAlert {
  at: IsoDate;
  kind: DecisionAlertKind;
  /** How far the alerts have gone once this one is sent. */
  level: 'reminded' | 'escalated' | 'overdue';
}

/** A decision is overdue from the day after its legal deadline (rules §8.22). */
export function decisionOverdueOn(deadline: IsoDate): IsoDate {
  return addDays(deadline, 1);
}

/** The reminder, the escalation, then the overdue alert, in order, as a claim's decision deadline nears and passes (rules §8.22). */
export function decisionAlertSchedule(t: { reminderAt: IsoDate; escalateAt: IsoDate; decisionDeadline: IsoDate }): readonly DecisionAlert[] {
  return [
    { at: t.reminderAt, kind: 'decision_reminder', level: 'reminded' },
    { at: t.escalateAt, kind: 'decision_escalation', level: 'escalated' },
    { at: decisionOverdueOn(t.decisionDeadline), kind: 'decision_overdue', level: 'overdue' },
  ];
}

/** The UI-paid HI card of a terminated benefit ends the day before the termination takes effect (rules §8.9). */
export function coverageLastDayOnTermination(effectiveDate: IsoDate): IsoDate {
  return addDays(effectiveDate, -1);
}

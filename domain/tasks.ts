/**
 * The work queue's rules (issue 12): the kinds of wait the processes write as tasks, who must act
 * on each, and the deadlines that are the queue's own (the others are the processes' legal
 * deadlines: a claim's decision, a report window, an onboarding's escalation).
 */
import { addDays, addWorkingDays, type IsoDate } from './calendar';
import { ansinh, law41, rule } from './law';
import { ONBOARDING_ESCALATE_AFTER_WORKING_DAYS } from './onboarding';

export const TASK_KINDS = [
  'claim.decision',
  'claim.report',
  'claim.new_job_declared',
  'onboarding.approval',
  'bank.suspense',
  'claim.payment_no_account',
  'claim.payment_returned',
  'unusual_facility_volume',
  // Issue 14 part 3: a recovery started at the desk waits for the officer's in-person verification.
  'recovery.verification',
  // A participant's case against an employer (issue #14 part 2): the employer's answer, the inspection after its
  // deadline, the employer's payment of confirmed arrears, an officer's look at a case the system cannot take.
  'declaration_case.employer_answer',
  'declaration_case.inspection',
  'declaration_case.payment',
  'declaration_case.referral',
  // A participant's data-update request (issue #14 part 1): the officer's review; the participant's evidence when more is asked.
  'data_update.review',
  'data_update.evidence',
] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

/** The queues: claims, their supervisor's (after an escalation), onboardings, the collection account's suspense. */
export const TASK_QUEUES = {
  claims: 'ui-claims',
  claimsDirector: 'ui-claims-director',
  participants: 'participants',
  onboarding: 'onboarding-officers',
  bankSuspense: 'bank-suspense',
  employers: 'employers',
  inspections: 'inspections',
  declarationCases: 'declaration-cases',
  dataUpdates: 'data-updates',
  dataUpdatesSupervisor: 'data-updates-supervisor',
} as const;

/**
 * A statement line in suspense is the agency's own wait: the money arrived and is booked to no
 * one, so the employer's period looks unpaid and may draw late charges. Ansinh decision (rules
 * §8.33): an officer assigns it within 5 working days of its import (the span Law 41/2024 Art.28
 * gives the agency to answer a registration); after that the task is overdue.
 */
export const BANK_SUSPENSE_WORKING_DAYS = 5;

/** When a suspense line's task falls due (see BANK_SUSPENSE_WORKING_DAYS). */
export const bankSuspenseDue = rule(ansinh.decision('8.33'), function bankSuspenseDue(importedOn: IsoDate): IsoDate {
  return addWorkingDays(importedOn, BANK_SUSPENSE_WORKING_DAYS);
});

/**
 * An onboarding awaiting approval is due on the 5th working day after its registration (Law
 * 41/2024 Art.28): the day the workflow escalates it (workflows/onboarding-case.ts,
 * `workingDayDeadline` over ONBOARDING_ESCALATE_AFTER_WORKING_DAYS; rules §8.30). It is rejected
 * automatically `autoRejectAfterDays` calendar days after registration (the workflow's
 * ONBOARDING_AUTO_REJECT_AFTER_DAYS).
 */
export const onboardingApprovalDue = rule(
  [law41.article(28), ansinh.decision('8.30'), ansinh.decision('8.33')],
  function onboardingApprovalDue(
    registeredOn: IsoDate,
    autoRejectAfterDays: number,
  ): { due: IsoDate; autoRejectOn: IsoDate } {
    return {
      due: addWorkingDays(registeredOn, ONBOARDING_ESCALATE_AFTER_WORKING_DAYS),
      autoRejectOn: addDays(registeredOn, autoRejectAfterDays),
    };
  },
);

/** A wait is overdue once its due date is behind: the due date is its last day. */
export function isOverdue(today: IsoDate, due: IsoDate | null): boolean {
  return due !== null && due < today;
}

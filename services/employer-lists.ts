/**
 * An employer's lists (issue #12): onboarding dossiers (officers: all, by status; an employer: its
 * own) and its months as the reconciliation left them (due, paid, outstanding, late charge,
 * evasion), newest first.
 */
import type { Db } from '../db/client';
import { onboardingsPage, periodsPage, type OnboardingListRow, type PeriodListRow } from '../db/queries/lists';
import { contributionDueDate } from '../domain/arrears';
import { addWorkingDays, localDateOf, type Month } from '../domain/calendar';
import { ONBOARDING_ESCALATE_AFTER_WORKING_DAYS } from '../domain/onboarding';
import type { OnboardingListItem, PeriodListItem } from '../domain/schemas-lists';
import { pageOf, type Page } from './search';

/** Where the onboarding list continues: the submission instant and id of the last dossier shown. */
export interface OnboardingKey {
  at: string;
  id: string;
}

/**
 * A pending dossier's decision deadline: the due date of its open approval task (the work queue's
 * durable deadline, written when the employer was registered), or — for a dossier without one —
 * the working day ONBOARDING_ESCALATE_AFTER_WORKING_DAYS after its registration (its last change
 * while pending), as the workflow counts it (workflows/onboarding-case.ts escalates the day after).
 */
function deadlineOf(r: OnboardingListRow): string | null {
  if (r.status !== 'pending') return null;
  return (
    r.approval_due ?? addWorkingDays(localDateOf(Date.parse(r.updated_at)), ONBOARDING_ESCALATE_AFTER_WORKING_DAYS)
  );
}

const onboardingView = (r: OnboardingListRow): OnboardingListItem => ({
  id: `onboarding:${r.tax_code}`,
  requestId: r.id,
  taxCode: r.tax_code,
  employerName: r.employer_name,
  status: r.status as OnboardingListItem['status'],
  submittedAt: r.created_at,
  employees: Number(r.employee_count),
  deadline: deadlineOf(r),
});

/** Onboarding dossiers, newest first: one employer's (`taxCode`) or all, of these statuses or any. */
export async function listOnboardings(
  db: Db,
  filter: { taxCode?: string; statuses?: readonly string[] },
  page: { after: OnboardingKey | null; limit: number },
): Promise<Page<OnboardingListItem, OnboardingKey>> {
  const rows = await onboardingsPage(db, filter, page.after, page.limit + 1);
  return pageOf(rows, page.limit, onboardingView, (r) => ({ at: r.created_at, id: r.id }));
}

const periodView = (r: PeriodListRow): PeriodListItem => ({
  period: r.period,
  status: r.status as PeriodListItem['status'],
  deadline: contributionDueDate(r.period),
  due: r.due,
  paid: r.paid,
  outstanding: r.outstanding,
  lateCharge: r.late_charge,
  evasion: r.evasion,
});

/** The employer's reconciled months within [from, to], newest first, before the month `before`. */
export async function employerPeriods(
  db: Db,
  taxCode: string,
  filter: { from?: Month; to?: Month },
  page: { before: Month | null; limit: number },
): Promise<Page<PeriodListItem, Month>> {
  const rows = await periodsPage(db, taxCode, filter, page.before, page.limit + 1);
  return pageOf(rows, page.limit, periodView, (r) => r.period);
}

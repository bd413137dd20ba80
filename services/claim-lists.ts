/**
 * Claims as lists (issue #12): the officers' claim list with its filters (a participant's own
 * claims), and the payment history — one claim's benefit months, or every benefit month of a
 * person across their claims. The caller logs the reads of the people returned.
 */
import type { Db } from '../db/client';
import {
  claimMonthsPage,
  claimsPage,
  personMonthsPage,
  type BenefitMonthRow,
  type ClaimListFilter,
  type ClaimListRow,
} from '../db/queries/lists';
import type { BenefitMonth, ClaimListItem } from '../domain/schemas-lists';
import { pageOf, type Page } from './search';

export type { ClaimListFilter } from '../db/queries/lists';

/** Where the claim list continues: the filing date and id of the last claim shown. */
export interface ClaimKey {
  date: string;
  id: string;
}

const claimView = (r: ClaimListRow): ClaimListItem => ({
  claimId: r.id,
  status: r.status as ClaimListItem['status'],
  filingDate: r.filing_date,
  terminationDate: r.termination_date,
  decisionDeadline: r.decision_deadline,
  monthlyBenefit: r.monthly_benefit,
  durationMonths: r.duration_months === null ? null : Number(r.duration_months),
  personalId: r.personal_id,
  fullName: r.full_name,
});

/** Claims matching the filter, newest filing first. */
export async function listClaims(
  db: Db,
  filter: ClaimListFilter,
  page: { after: ClaimKey | null; limit: number },
): Promise<Page<ClaimListItem, ClaimKey>> {
  const rows = await claimsPage(db, filter, page.after, page.limit + 1);
  return pageOf(rows, page.limit, claimView, (r) => ({ date: r.filing_date, id: r.id }));
}

const monthView = (r: BenefitMonthRow): BenefitMonth => ({
  index: Number(r.idx),
  from: r.period_from,
  to: r.period_to,
  status: r.status as BenefitMonth['status'],
  amount: r.amount,
  paidOn: r.paid_on,
  deadline: r.payment_deadline,
});

/** A claim's benefit months in order (at most 12), after the month index `after`. */
export async function claimPayments(
  db: Db,
  claimId: string,
  page: { after: number; limit: number },
): Promise<Page<BenefitMonth, number>> {
  const rows = await claimMonthsPage(db, claimId, page.after, page.limit + 1);
  return pageOf(rows, page.limit, monthView, (r) => Number(r.idx));
}

/** Where a person's payment history continues: the last month shown. */
export interface MonthKey {
  from: string;
  claimId: string;
  idx: number;
}

/** Every benefit month of the person's claims, paid, due or not, newest first, each with its claim. */
export async function participantPayments(
  db: Db,
  personalId: string,
  page: { after: MonthKey | null; limit: number },
): Promise<Page<BenefitMonth & { claimId: string }, MonthKey>> {
  const rows = await personMonthsPage(db, personalId, page.after, page.limit + 1);
  return pageOf(
    rows,
    page.limit,
    (r) => ({ claimId: r.claim_id, ...monthView(r) }),
    (r) => ({ from: r.period_from, claimId: r.claim_id, idx: Number(r.idx) }),
  );
}

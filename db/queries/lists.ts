/**
 * The lists of issue #12, a keyset page at a time: claims (newest filing first), onboarding
 * dossiers (newest first), an employer's reconciled months (newest first) and benefit months
 * (a claim's in order; a person's across claims, newest first). Each page reads one row more than
 * it shows, so the caller knows whether another follows.
 */
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '../client';

const and = (conds: SQL[]) => (conds.length ? sql.join(conds, sql` and `) : sql`true`);
const list = (values: readonly string[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

export interface ClaimListRow {
  id: string;
  status: string;
  filing_date: string;
  termination_date: string;
  decision_deadline: string | null;
  monthly_benefit: string | null;
  duration_months: number | null;
  personal_id: string;
  full_name: string;
}

export interface ClaimListFilter {
  /** Only this person's claims (a participant's own list). */
  personalId?: string;
  statuses?: readonly string[];
  /** The province of the employer of the person's latest employment (the office that handles the claim). */
  provinceCode?: string;
  filedFrom?: string;
  filedTo?: string;
}

/** Claims by filing date, newest first (then id), after the (filing date, id) `after`. */
export async function claimsPage(
  exec: Executor,
  f: ClaimListFilter,
  after: { date: string; id: string } | null,
  limit: number,
): Promise<ClaimListRow[]> {
  const conds: SQL[] = [];
  if (f.personalId) conds.push(sql`c.personal_id = ${f.personalId}`);
  if (f.statuses?.length) conds.push(sql`c.status in (${list(f.statuses)})`);
  if (f.filedFrom) conds.push(sql`c.filing_date >= ${f.filedFrom}`);
  if (f.filedTo) conds.push(sql`c.filing_date <= ${f.filedTo}`);
  if (f.provinceCode)
    conds.push(sql`(select r.province_code from employments e join employers r on r.tax_code = e.employer_tax_code
                     where e.personal_id = c.personal_id
                     order by coalesce(e.end_month, '9999-12') desc, e.start_month desc, e.id desc limit 1) = ${f.provinceCode}`);
  if (after) conds.push(sql`(c.filing_date, c.id) < (${after.date}::date, ${after.id}::uuid)`);
  return queryRows<ClaimListRow>(
    exec,
    sql`select c.id::text as id, c.status, c.filing_date::text as filing_date, c.termination_date::text as termination_date,
               c.decision_deadline::text as decision_deadline, c.monthly_benefit::text as monthly_benefit,
               c.duration_months, c.personal_id, p.full_name
          from ui_claims c join participants p on p.personal_id = c.personal_id
         where ${and(conds)}
         order by c.filing_date desc, c.id desc
         limit ${limit}`,
  );
}

export interface OnboardingListRow {
  id: string;
  tax_code: string;
  employer_name: string;
  status: string;
  /** ISO 8601 in UTC to the microsecond: exactly the stored instant, so it is also the keyset. */
  created_at: string;
  employee_count: number;
  /** When the dossier last changed: for a pending one, its registration (the decision deadline counts from it). */
  updated_at: string;
  /** The due date of its open approval task (the queue's durable deadline), if it has one. */
  approval_due: string | null;
}

/** Onboarding dossiers, newest first (then id), after the (created_at, id) `after`. */
export async function onboardingsPage(
  exec: Executor,
  f: { taxCode?: string; statuses?: readonly string[] },
  after: { at: string; id: string } | null,
  limit: number,
): Promise<OnboardingListRow[]> {
  const conds: SQL[] = [];
  if (f.taxCode) conds.push(sql`r.tax_code = ${f.taxCode}`);
  if (f.statuses?.length) conds.push(sql`r.status in (${list(f.statuses)})`);
  if (after) conds.push(sql`(r.created_at, r.id) < (${after.at}::timestamptz, ${after.id}::uuid)`);
  return queryRows<OnboardingListRow>(
    exec,
    sql`select r.id::text as id, r.tax_code, r.employer->>'name' as employer_name, r.status,
               to_char(r.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as created_at,
               r.employee_count,
               to_char(r.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as updated_at,
               (select t.due_date::text from tasks t
                 where t.kind = 'onboarding.approval' and t.onboarding_request_id = r.id and t.status = 'open') as approval_due
          from onboarding_requests r
         where ${and(conds)}
         order by r.created_at desc, r.id desc
         limit ${limit}`,
  );
}

export interface PeriodListRow {
  period: string;
  status: string;
  due: string;
  paid: string;
  outstanding: string;
  late_charge: string;
  evasion: boolean;
}

/** The employer's reconciled months (employer_periods), newest first, within [from, to], before the month `before`. */
export async function periodsPage(
  exec: Executor,
  taxCode: string,
  f: { from?: string; to?: string },
  before: string | null,
  limit: number,
): Promise<PeriodListRow[]> {
  const conds: SQL[] = [sql`employer_tax_code = ${taxCode}`];
  if (f.from) conds.push(sql`period >= ${f.from}`);
  if (f.to) conds.push(sql`period <= ${f.to}`);
  if (before) conds.push(sql`period < ${before}`);
  return queryRows<PeriodListRow>(
    exec,
    sql`select period, status, due::text as due, paid::text as paid, outstanding::text as outstanding,
               late_charge::text as late_charge, evasion
          from employer_periods
         where ${and(conds)}
         order by period desc
         limit ${limit}`,
  );
}

export interface BenefitMonthRow {
  claim_id: string;
  idx: number;
  period_from: string;
  period_to: string;
  status: string;
  amount: string | null;
  paid_on: string | null;
  payment_deadline: string;
}

const monthColumns = sql`m.claim_id::text as claim_id, m.idx, m.period_from::text as period_from, m.period_to::text as period_to,
  m.status, m.amount::text as amount, m.paid_on::text as paid_on, m.payment_deadline::text as payment_deadline`;

/** A claim's benefit months in order, after the month index `after`. */
export async function claimMonthsPage(
  exec: Executor,
  claimId: string,
  after: number,
  limit: number,
): Promise<BenefitMonthRow[]> {
  return queryRows<BenefitMonthRow>(
    exec,
    sql`select ${monthColumns} from ui_claim_months m
         where m.claim_id = ${claimId} and m.idx > ${after}
         order by m.idx limit ${limit}`,
  );
}

/** Every benefit month of the person's claims, newest first (period start, then claim id, then index), before the key `before`. */
export async function personMonthsPage(
  exec: Executor,
  personalId: string,
  before: { from: string; claimId: string; idx: number } | null,
  limit: number,
): Promise<BenefitMonthRow[]> {
  return queryRows<BenefitMonthRow>(
    exec,
    sql`select ${monthColumns} from ui_claims c join ui_claim_months m on m.claim_id = c.id
         where c.personal_id = ${personalId}
           ${
             before
               ? sql`and (m.period_from, m.claim_id, m.idx) < (${before.from}::date, ${before.claimId}::uuid, ${before.idx}::int)`
               : sql``
           }
         order by m.period_from desc, m.claim_id desc, m.idx desc
         limit ${limit}`,
  );
}

/**
 * The set-based statements of the monthly reconciliation (activities/reconciliation.ts): reads of
 * a batch of employers, their employments in force and what was paid to the period; upserts of
 * their periods, months and arrears notices. Each runs inside the caller's transaction.
 */
import { sql } from 'drizzle-orm';
import type { IsoDate, Month } from '../../domain/calendar';
import type { Region } from '../../domain/rates';
import { queryRows, type Executor, type Tx } from '../client';
import type { PaidRow } from './periods';

const json = (rows: unknown[]) => JSON.stringify(rows);

/** Rows per insert of many (months, notices). */
const INSERT_CHUNK = 20_000;

export interface EmploymentRow {
  employer_tax_code: string;
  region: Region;
  personal_id: string;
  ui: boolean;
  salary: string;
  /** The person also works, this period, for an employer outside the batch (their book is shared with another batch). */
  elsewhere: boolean;
}

/** The active employers of a batch: (after, upTo] when upTo is given, else the next `limit` after the cursor. */
export async function batchEmployers(
  tx: Tx,
  after: string,
  upTo: string | null | undefined,
  limit: number,
): Promise<{ tax_code: string; region: Region }[]> {
  return queryRows(
    tx,
    upTo
      ? sql`select tax_code, wage_region as region from employers
             where status = 'active' and tax_code > ${after} and tax_code <= ${upTo} order by tax_code`
      : sql`select tax_code, wage_region as region from employers
             where status = 'active' and tax_code > ${after} order by tax_code limit ${limit}`,
  );
}

/** The tax code ending each of the next `count` runs of `limit` active employers after the cursor (fewer at the end). */
export async function batchEnds(
  exec: Executor,
  after: string,
  limit: number,
  count: number,
): Promise<{ tax_code: string }[]> {
  return queryRows<{ tax_code: string }>(
    exec,
    sql`select tax_code from (
          select tax_code, row_number() over (order by tax_code) as n from employers
           where status = 'active' and tax_code > ${after}
           order by tax_code limit ${limit * count}) t
         where n % ${limit} = 0 order by tax_code`,
  );
}

/**
 * Every employment of these employers in force in the period (start ≤ period ≤ end) at the latest
 * salary effective on or before it, none in a month of unpaid leave (Law 41/2024 Art.33(5)); UI
 * only for Vietnamese citizens (rules §1); and whether the person also has an employment in force
 * with an employer outside [first, last] (another batch may write their book).
 */
export async function employmentsInForce(tx: Tx, first: string, last: string, period: Month): Promise<EmploymentRow[]> {
  return queryRows(
    tx,
    sql`select e.employer_tax_code, r.wage_region as region, e.personal_id, p.nationality = 'VN' as ui, s.amount::text as salary,
               exists (select 1 from employments o
                        where o.personal_id = e.personal_id and (o.employer_tax_code < ${first} or o.employer_tax_code > ${last})
                          and o.start_month <= ${period} and (o.end_month is null or o.end_month >= ${period})) as elsewhere
          from employers r
          join employments e on e.employer_tax_code = r.tax_code
          join participants p on p.personal_id = e.personal_id
          join lateral (select h.amount from salary_history h
                         where h.employment_id = e.id and h.effective_month <= ${period}
                         order by h.effective_month desc limit 1) s on true
         where r.status = 'active' and r.tax_code between ${first} and ${last}
           and e.start_month <= ${period} and (e.end_month is null or e.end_month >= ${period})
           and not exists (select 1 from unpaid_leave_months u where u.employment_id = e.id and u.month = ${period})`,
  );
}

/** The employers in [first, last] holding credit (a payment not allocated in full). */
export async function employersHoldingCredit(tx: Tx, first: string, last: string): Promise<string[]> {
  const rows = await queryRows<{ employer_tax_code: string }>(
    tx,
    sql`select distinct p.employer_tax_code from payments p
          left join lateral (select sum(a.principal + a.interest) as s from payment_allocations a where a.payment_id = p.id) a on true
         where p.employer_tax_code between ${first} and ${last} and p.amount > coalesce(a.s, 0)
         order by 1`,
  );
  return rows.map((r) => r.employer_tax_code);
}

/** What was allocated to the period by the as-of date, per employer in [first, last], in settlement order. */
export async function paidToPeriod(
  tx: Tx,
  first: string,
  last: string,
  period: Month,
  asOf: IsoDate,
): Promise<(PaidRow & { employer_tax_code: string })[]> {
  return queryRows<PaidRow & { employer_tax_code: string }>(
    tx,
    sql`select p.employer_tax_code, a.settled_on::text, a.principal::text, a.interest::text
          from payments p join payment_allocations a on a.payment_id = p.id
         where p.employer_tax_code between ${first} and ${last} and a.period = ${period} and a.settled_on <= ${asOf}::date
         order by p.employer_tax_code, a.settled_on, p.id`,
  );
}

export interface EmployerPeriodRow {
  e: string;
  due: string;
  paid: string;
  outstanding: string;
  late_charge: string;
  charge_paid: string;
  max_days_late: number;
  evasion: boolean;
  status: string;
  employees: number;
  due_by_fund: unknown;
}

/** The employers' periods, upserted in one statement. */
export async function upsertEmployerPeriods(
  tx: Tx,
  period: Month,
  asOf: IsoDate,
  periodRows: EmployerPeriodRow[],
): Promise<void> {
  await tx.execute(sql`
          insert into employer_periods (employer_tax_code, period, due, paid, outstanding, late_charge, charge_paid, max_days_late, evasion, status, as_of, employees, due_by_fund)
          select x.e, ${period}, x.due, x.paid, x.outstanding, x.late_charge, x.charge_paid, x.max_days_late, x.evasion, x.status, ${asOf}::date, x.employees, x.due_by_fund
            from json_to_recordset(${json(periodRows)}::json) as x(e text, due numeric, paid numeric, outstanding numeric, late_charge numeric, charge_paid numeric,
                                                                  max_days_late int, evasion boolean, status text, employees int, due_by_fund jsonb)
          on conflict (employer_tax_code, period) do update set
            due = excluded.due, paid = excluded.paid, outstanding = excluded.outstanding, late_charge = excluded.late_charge,
            charge_paid = excluded.charge_paid, max_days_late = excluded.max_days_late, evasion = excluded.evasion, status = excluded.status,
            as_of = excluded.as_of, employees = excluded.employees, due_by_fund = excluded.due_by_fund, reconciled_at = now()`);
}

/** Deletes the period's participant months of these employers; returns what they were (person, employer, status). */
export async function deleteContributionMonths(
  tx: Tx,
  taxCodes: string[],
  period: Month,
): Promise<{ p: string; e: string; s: string }[]> {
  return queryRows<{ p: string; e: string; s: string }>(
    tx,
    sql`delete from contribution_months
         where employer_tax_code in (select json_array_elements_text(${json(taxCodes)}::json)) and period = ${period}
        returning personal_id as p, employer_tax_code as e, status as s`,
  );
}

export interface ContributionMonthRow {
  p: string;
  e: string;
  s: string;
  y: string;
  ee: string;
  er: string;
  a: string;
  l: number;
}

/** Inserts the period's participant months, 20,000 per statement. */
export async function insertContributionMonths(
  tx: Tx,
  period: Month,
  monthRows: ContributionMonthRow[],
): Promise<void> {
  for (let i = 0; i < monthRows.length; i += INSERT_CHUNK) {
    await tx.execute(sql`
            insert into contribution_months (personal_id, employer_tax_code, period, status, salary, employee_amount, employer_amount, amount, lines)
            select x.p, x.e, ${period}, x.s, x.y, x.ee, x.er, x.a, x.l
              from json_to_recordset(${json(monthRows.slice(i, i + INSERT_CHUNK))}::json) as x(p text, e text, s text, y numeric, ee numeric, er numeric, a numeric, l int)`);
  }
}

export interface NoticeRow {
  k: string;
  kind: string;
  channel: string;
  t: string;
  r: string;
  j: unknown;
}

/** Enqueues notices once each (dedupe key k), 20,000 per statement. */
export async function enqueueNotices(tx: Tx, notices: NoticeRow[]): Promise<void> {
  for (let i = 0; i < notices.length; i += INSERT_CHUNK) {
    await tx.execute(sql`
            insert into outbox (dedupe_key, kind, channel, recipient_type, recipient_id, payload)
            select x.k, x.kind, x.channel, x.t, x.r, x.j
              from json_to_recordset(${json(notices.slice(i, i + INSERT_CHUNK))}::json) as x(k text, kind text, channel text, t text, r text, j jsonb)
            on conflict (dedupe_key) do nothing`);
  }
}

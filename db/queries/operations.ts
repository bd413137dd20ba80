/**
 * The operator's reads (issue #12): how much of a reconciliation is left (the same active employers
 * and employments in force as db/queries/reconciliation.ts walks) and the arrears of every month
 * (employer_periods, as each period's last reconciliation left it). Counts and sums only.
 */
import { sql } from 'drizzle-orm';
import type { Month } from '../../domain/calendar';
import { queryRows, type Executor } from '../client';

/** Active employers after the keyset cursor: what a running reconciliation has still to do. */
export async function activeEmployersAfter(exec: Executor, cursor: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    exec,
    sql`select count(*)::int as n from employers where status = 'active' and tax_code > ${cursor}`,
  );
  return row?.n ?? 0;
}

/**
 * Employments in force in the period at active employers with a salary and not on unpaid leave: the
 * people (per employer) a reconciliation of the period computes lines for. A scan of the period's
 * employments (about 200 ms per 200,000; the caller counts it once per run).
 */
export async function participantsInForce(exec: Executor, period: Month): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    exec,
    sql`select count(*)::int as n
          from employers r
          join employments e on e.employer_tax_code = r.tax_code
         where r.status = 'active'
           and e.start_month <= ${period} and (e.end_month is null or e.end_month >= ${period})
           and exists (select 1 from salary_history h where h.employment_id = e.id and h.effective_month <= ${period})
           and not exists (select 1 from unpaid_leave_months u where u.employment_id = e.id and u.month = ${period})`,
  );
  return row?.n ?? 0;
}

/**
 * The people of the period's reconciled employer periods up to the cursor (each period row counts
 * its employees): what a run has done so far, read from what its batches wrote.
 */
export async function participantsReconciled(exec: Executor, period: Month, cursor: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    exec,
    sql`select coalesce(sum(p.employees), 0)::int as n
          from employer_periods p join employers r on r.tax_code = p.employer_tax_code
         where p.period = ${period} and r.status = 'active' and p.employer_tax_code <= ${cursor}`,
  );
  return row?.n ?? 0;
}

export interface ArrearsRow {
  period: string;
  outstanding: string;
  late_charge: string;
  in_arrears: number;
  reconciled: number;
}

/** Per month in [from, to] with reconciled periods: principal outstanding, late charge, employers in arrears. */
export async function arrearsByMonth(exec: Executor, from: Month, to: Month): Promise<ArrearsRow[]> {
  return queryRows<ArrearsRow>(
    exec,
    sql`select period,
               sum(outstanding)::text as outstanding,
               sum(late_charge)::text as late_charge,
               (count(*) filter (where outstanding > 0))::int as in_arrears,
               count(*)::int as reconciled
          from employer_periods
         where period >= ${from} and period <= ${to}
         group by period
         order by period`,
  );
}

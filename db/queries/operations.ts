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
 * People with an employment in force in the period at an active employer (the reconciliation's
 * lines are theirs), and how many of them work at employers up to the cursor (already reconciled).
 */
export async function participantsInScope(
  exec: Executor,
  period: Month,
  cursor: string,
): Promise<{ total: number; done: number }> {
  const [row] = await queryRows<{ total: number; done: number }>(
    exec,
    sql`select count(*)::int as total, (count(*) filter (where r.tax_code <= ${cursor}))::int as done
          from employers r
          join employments e on e.employer_tax_code = r.tax_code
         where r.status = 'active'
           and e.start_month <= ${period} and (e.end_month is null or e.end_month >= ${period})
           and exists (select 1 from salary_history h where h.employment_id = e.id and h.effective_month <= ${period})
           and not exists (select 1 from unpaid_leave_months u where u.employment_id = e.id and u.month = ${period})`,
  );
  return { total: row?.total ?? 0, done: row?.done ?? 0 };
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

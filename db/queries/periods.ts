/**
 * What an employer owes for a month, derived — never stored twice — from the employments and
 * salaries in force that month and the effective-dated rates: one domain function computes a
 * line (domain/contributions.ts), the totals are sums of lines.
 */
import { inArray, sql } from 'drizzle-orm';
import { computeContribution, type ContributionLine } from '../../domain/contributions';
import type { IsoDate, Month } from '../../domain/calendar';
import { lateChargeForPeriod, paymentDeadline, periodStatus, type PeriodStatus } from '../../domain/reconciliation';
import { Dec } from '../../domain/money';
import type { Region } from '../../domain/rates';
import { queryRows, type Executor } from '../client';
import { employers } from '../schema';

export interface PeriodLine extends ContributionLine {
  employerTaxCode: string;
  period: Month;
  personalId: string;
}

interface Row {
  employer_tax_code: string;
  personal_id: string;
  nationality: string;
  salary: string;
  unpaid: boolean;
}

/**
 * Contribution lines of these employers for a period: every employment in force that month (start
 * ≤ period ≤ end), at the latest salary effective on or before it, none in a month of unpaid leave
 * (Law 41/2024 Art.33(5)); UI only for Vietnamese citizens (rules §1).
 */
export async function periodLines(exec: Executor, taxCodes: string[], period: Month): Promise<PeriodLine[]> {
  if (taxCodes.length === 0) return [];
  const regions = new Map(
    (await exec.select({ t: employers.taxCode, r: employers.wageRegion }).from(employers).where(inArray(employers.taxCode, taxCodes))).map((e) => [e.t, e.r as Region]),
  );
  const rows = await queryRows<Row>(
    exec,
    sql`select e.employer_tax_code, e.personal_id, p.nationality,
               (select s.amount::text from salary_history s
                 where s.employment_id = e.id and s.effective_month <= ${period}
                 order by s.effective_month desc limit 1) as salary,
               exists (select 1 from unpaid_leave_months u where u.employment_id = e.id and u.month = ${period}) as unpaid
          from employments e
          join participants p on p.personal_id = e.personal_id
         where e.employer_tax_code in (${sql.join(taxCodes.map((t) => sql`${t}`), sql`, `)})
           and e.start_month <= ${period}
           and (e.end_month is null or e.end_month >= ${period})
         order by e.employer_tax_code, e.personal_id`,
  );
  const out: PeriodLine[] = [];
  for (const r of rows) {
    if (r.unpaid || r.salary === null) continue;
    const c = computeContribution({ month: period, salary: r.salary, region: regions.get(r.employer_tax_code)!, uiCovered: r.nationality === 'VN' });
    for (const l of c.lines) out.push({ ...l, employerTaxCode: r.employer_tax_code, period, personalId: r.personal_id });
  }
  return out;
}

export interface PeriodDue {
  employees: number;
  employee: Record<string, string>;
  employer: Record<string, string>;
  total: string;
}

/** Sums lines by side and fund (totals are sums of rounded lines, rules §8). */
export function sumLines(lines: PeriodLine[]): PeriodDue {
  const acc = { employee: {} as Record<string, InstanceType<typeof Dec>>, employer: {} as Record<string, InstanceType<typeof Dec>> };
  let total = new Dec(0);
  for (const l of lines) {
    acc[l.side][l.fund] = (acc[l.side][l.fund] ?? new Dec(0)).plus(l.amount);
    total = total.plus(l.amount);
  }
  const str = (o: Record<string, InstanceType<typeof Dec>>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v.toFixed(0)]));
  return { employees: new Set(lines.map((l) => l.personalId)).size, employee: str(acc.employee), employer: str(acc.employer), total: total.toFixed(0) };
}

export interface PeriodStatement extends PeriodDue {
  taxCode: string;
  period: Month;
  deadline: string;
  paid: string;
  outstanding: string;
  status: PeriodStatus;
  lateCharge: string;
  chargePaid: string;
  maxDaysLate: number;
  evasion: boolean;
  asOf: string;
}

/**
 * Due (sum of lines), paid (principal allocated to the period), outstanding, status, and the
 * late-payment charge as of a date (domain/reconciliation.ts: per tranche, 0.03 %/day).
 */
export async function periodStatement(exec: Executor, taxCode: string, period: Month, asOf: IsoDate): Promise<PeriodStatement> {
  const due = sumLines(await periodLines(exec, [taxCode], period));
  const paidRows = await queryRows<PaidRow>(
    exec,
    sql`select p.value_date::text, a.principal::text, a.interest::text
          from payment_allocations a join payments p on p.id = a.payment_id
         where p.employer_tax_code = ${taxCode} and a.period = ${period} and p.value_date <= ${asOf}::date
         order by p.value_date, p.id`,
  );
  return settlePeriod(taxCode, period, asOf, due, paidRows);
}

export interface PaidRow {
  value_date: string;
  principal: string;
  interest: string;
}

/**
 * The statement of a period from its due (sums of lines) and the allocations paid to it up to the
 * as-of date, in value-date order: the one place the reconciliation and the statement endpoint
 * settle a period.
 */
export function settlePeriod(taxCode: string, period: Month, asOf: IsoDate, due: PeriodDue, paidRows: readonly PaidRow[]): PeriodStatement {
  const paid = paidRows.reduce((acc, r) => acc.plus(r.principal), new Dec(0));
  const chargePaid = paidRows.reduce((acc, r) => acc.plus(r.interest), new Dec(0));
  // A later declaration can lower what is due below what was paid: only the part up to the due
  // counts as a tranche (the rest is the employer's credit).
  let room = new Dec(due.total);
  const tranches: { paidOn: string; principal: string }[] = [];
  for (const r of paidRows) {
    const take = Dec.min(room, new Dec(r.principal));
    if (take.gt(0)) tranches.push({ paidOn: r.value_date, principal: take.toFixed(0) });
    room = room.minus(take);
  }
  const charge = lateChargeForPeriod({ period, principalDue: due.total, payments: tranches, asOf });
  return {
    ...due,
    taxCode,
    period,
    deadline: paymentDeadline(period),
    paid: paid.toFixed(0),
    outstanding: Dec.max(new Dec(due.total).minus(paid), 0).toFixed(0),
    status: periodStatus(due.total, paid),
    lateCharge: charge.totalCharge,
    chargePaid: chargePaid.toFixed(0),
    maxDaysLate: charge.maxDaysLate,
    evasion: charge.evasion,
    asOf,
  };
}

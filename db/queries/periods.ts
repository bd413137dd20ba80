/**
 * What an employer owes for a month, derived — never stored twice — from the employments and
 * salaries in force that month and the effective-dated rates: one domain function computes a
 * line (domain/contributions.ts), the totals are sums of lines.
 */
import { inArray, sql } from 'drizzle-orm';
import { computeContribution, type ContributionLine } from '../../domain/contributions';
import type { IsoDate, Month } from '../../domain/calendar';
import { contributionDueDate, periodStatus } from '../../domain/arrears';
import { lateChargeForPeriod } from '../../domain/late-charges';
import type { LedgerPeriodState } from '../../domain/ledger';
import { Dec } from '../../domain/money';
import type { Region } from '../../domain/rates';
import { queryRows, type Executor } from '../client';
import { replayEmployer, type PeriodDue } from './ledger';
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
    (
      await exec
        .select({ t: employers.taxCode, r: employers.wageRegion })
        .from(employers)
        .where(inArray(employers.taxCode, taxCodes))
    ).map((e) => [e.t, e.r as Region]),
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
         where e.employer_tax_code in (${sql.join(
           taxCodes.map((t) => sql`${t}`),
           sql`, `,
         )})
           and e.start_month <= ${period}
           and (e.end_month is null or e.end_month >= ${period})
         order by e.employer_tax_code, e.personal_id`,
  );
  const out: PeriodLine[] = [];
  for (const r of rows) {
    if (r.unpaid || r.salary === null) continue;
    const c = computeContribution({
      month: period,
      salary: r.salary,
      region: regions.get(r.employer_tax_code)!,
      uiCovered: r.nationality === 'VN',
    });
    for (const l of c.lines)
      out.push({ ...l, employerTaxCode: r.employer_tax_code, period, personalId: r.personal_id });
  }
  return out;
}

export type { PeriodDue };

/** Sums lines by side and fund (totals are sums of rounded lines, rules §8). */
export function sumLines(lines: PeriodLine[]): PeriodDue {
  const acc = {
    employee: {} as Record<string, InstanceType<typeof Dec>>,
    employer: {} as Record<string, InstanceType<typeof Dec>>,
  };
  let total = new Dec(0);
  for (const l of lines) {
    acc[l.side][l.fund] = (acc[l.side][l.fund] ?? new Dec(0)).plus(l.amount);
    total = total.plus(l.amount);
  }
  const str = (o: Record<string, InstanceType<typeof Dec>>) =>
    Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v.toFixed(0)]));
  return {
    employees: new Set(lines.map((l) => l.personalId)).size,
    employee: str(acc.employee),
    employer: str(acc.employer),
    total: total.toFixed(0),
  };
}

/** A period as the ledger's replay leaves it (domain/ledger.ts), with what was due in lines, for one employer and day. */
export interface PeriodStatement extends PeriodDue, Omit<LedgerPeriodState, 'due' | 'fromCredit'> {
  taxCode: string;
  asOf: string;
}

/** What settled a period, when, from which payment; fromCredit when held credit was used on a deadline. */
export interface PeriodSettlement {
  on: IsoDate;
  bankReference: string;
  principal: string;
  charge: string;
  fromCredit: boolean;
}

export interface PeriodAccountStatement extends PeriodStatement {
  /** Principal + charge of this period settled from the employer's held credit. */
  paidFromCredit: string;
  /** The employer's credit still held on asOf (it settles later periods on their deadlines). */
  creditHeld: string;
  settlements: PeriodSettlement[];
}

/**
 * Due (sum of lines), paid, outstanding, status, the late-payment charge as of a date
 * (domain/late-charges.ts: per tranche, 0.03 %/day), and the employer's credit: the account
 * replayed to `asOf` (db/queries/ledger.ts), so the figures are those of the ledger on that day.
 */
export async function periodStatement(
  exec: Executor,
  taxCode: string,
  period: Month,
  asOf: IsoDate,
): Promise<PeriodAccountStatement> {
  const due = sumLines(await periodLines(exec, [taxCode], period));
  const { replay, payments } = await replayEmployer(exec, taxCode, asOf);
  const st = replay.periods.find((p) => p.period === period);
  const refs = new Map(payments.map((p) => [p.id, p.bankReference]));
  const settlements = replay.settlements
    .filter((s) => s.period === period)
    .map((s) => ({
      on: s.on,
      bankReference: refs.get(s.paymentId)!,
      principal: s.principal,
      charge: s.interest,
      fromCredit: s.fromCredit,
    }));
  const base = settlePeriod(
    taxCode,
    period,
    asOf,
    due,
    settlements.map((s) => ({ settled_on: s.on, principal: s.principal, interest: s.charge })),
  );
  if (st && (st.due !== base.total || st.paid !== base.paid || st.lateCharge !== base.lateCharge)) {
    throw new Error(`statement of ${period}: the replay and the settlement disagree`); // one rule, two readings: never expected
  }
  return { ...base, paidFromCredit: st?.fromCredit ?? '0', creditHeld: replay.credit, settlements };
}

export interface PaidRow {
  /** The day the money settled the period (value date, or the deadline credit was used on). */
  settled_on: string;
  principal: string;
  interest: string;
}

/**
 * The statement of a period from its due (sums of lines) and the allocations paid to it up to the
 * as-of date, in the order they settled it: the one place the reconciliation and the statement endpoint
 * settle a period.
 */
export function settlePeriod(
  taxCode: string,
  period: Month,
  asOf: IsoDate,
  due: PeriodDue,
  paidRows: readonly PaidRow[],
): PeriodStatement {
  const paid = paidRows.reduce((acc, r) => acc.plus(r.principal), new Dec(0));
  const chargePaid = paidRows.reduce((acc, r) => acc.plus(r.interest), new Dec(0));
  // A later declaration can lower what is due below what was paid: only the part up to the due
  // counts as a tranche (the rest is the employer's credit).
  let room = new Dec(due.total);
  const tranches: { paidOn: string; principal: string }[] = [];
  for (const r of paidRows) {
    const take = Dec.min(room, new Dec(r.principal));
    if (take.gt(0)) tranches.push({ paidOn: r.settled_on, principal: take.toFixed(0) });
    room = room.minus(take);
  }
  const charge = lateChargeForPeriod({ period, principalDue: due.total, payments: tranches, asOf });
  return {
    ...due,
    taxCode,
    period,
    deadline: contributionDueDate(period),
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

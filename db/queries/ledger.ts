/**
 * The employer's ledger, derived: every period's due (one set-based query over all months), the
 * payments by value date, and domain/ledger.ts replayLedger, which decides what settled
 * what (oldest first, principal then the charge accrued to the value date, the rest a credit that
 * settles later periods on their deadlines). The stored allocations are that replay, rewritten in
 * the transaction of whatever changed its inputs — a payment, a declaration, a reconciliation —
 * with the employer's row locked (rewriteLedger). Nothing else writes payment_allocations.
 */
import { sql } from 'drizzle-orm';
import {
  addMonths,
  compareMonths,
  firstDayOf,
  localDateOf,
  monthOf,
  type IsoDate,
  type Month,
} from '../../domain/calendar';
import { computeContribution } from '../../domain/contributions';
import { Dec } from '../../domain/money';
import type { Region } from '../../domain/rates';
import { replayLedger, type LedgerPayment, type LedgerResult, type Settlement } from '../../domain/ledger';
import { queryRows, type Executor, type Tx } from '../client';
import { rewriteEbooks } from './ebooks';
import { firstMonthOfEmployer } from './partitions';

type Decimal = InstanceType<typeof Dec>;

interface DueRow {
  employer_tax_code: string;
  region: Region;
  period: string;
  salary: string;
  ui: boolean;
  n: number;
}

const json = (rows: unknown) => JSON.stringify(rows);

/** What an employer owes for a period: employees, the sums per side and fund, and the total. */
export interface PeriodDue {
  employees: number;
  employee: Record<string, string>;
  employer: Record<string, string>;
  total: string;
}

/**
 * What each of these employers owed for every month up to `until`, in ONE query: each employment
 * in force that month (start ≤ month ≤ end) at the salary effective then (the latest on or before
 * it), none in a month of unpaid leave (Law 41/2024 Art.33(5)), UI only for Vietnamese citizens
 * (rules §1) — the same rule as periodLines, counted per distinct salary × UI coverage, so the
 * rows grow with months × distinct salaries, not with people. Lines by domain/contributions.ts;
 * totals are sums of rounded lines (rules §8). Months with nothing due are left out.
 */
export async function duesByPeriod(
  exec: Executor,
  taxCodes: string[],
  until: Month,
): Promise<Map<string, Map<Month, PeriodDue>>> {
  const out = new Map<string, Map<Month, PeriodDue>>(taxCodes.map((t) => [t, new Map()]));
  if (taxCodes.length === 0) return out;
  const rows = await queryRows<DueRow>(
    exec,
    sql`with codes as (select json_array_elements_text(${json(taxCodes)}::json) as tax_code),
         h as (select h.employment_id, h.effective_month as f,
                      lead(h.effective_month) over (partition by h.employment_id order by h.effective_month) as t, h.amount
                 from salary_history h join employments e on e.id = h.employment_id join codes c on c.tax_code = e.employer_tax_code)
        select e.employer_tax_code, r.wage_region as region, to_char(m.m, 'YYYY-MM') as period, h.amount::text as salary,
               p.nationality = 'VN' as ui, count(*)::int as n
          from employments e
          join codes c on c.tax_code = e.employer_tax_code
          join employers r on r.tax_code = e.employer_tax_code
          join participants p on p.personal_id = e.personal_id
          join h on h.employment_id = e.id
          cross join lateral generate_series(
                to_date(greatest(e.start_month, h.f), 'YYYY-MM'),
                least(to_date(least(coalesce(e.end_month, ${until}), ${until}), 'YYYY-MM'),
                      coalesce(to_date(h.t, 'YYYY-MM') - interval '1 month', 'infinity'::timestamp)),
                interval '1 month') as m(m)
         where not exists (select 1 from unpaid_leave_months u where u.employment_id = e.id and u.month = to_char(m.m, 'YYYY-MM'))
         group by 1, 2, 3, 4, 5
         order by 1, 3`,
  );
  const acc = new Map<
    string,
    { employees: number; employee: Record<string, Decimal>; employer: Record<string, Decimal>; total: Decimal }
  >();
  for (const r of rows) {
    const k = `${r.employer_tax_code}|${r.period}`;
    let a = acc.get(k);
    if (!a) acc.set(k, (a = { employees: 0, employee: {}, employer: {}, total: new Dec(0) }));
    const c = computeContribution({ month: r.period, salary: r.salary, region: r.region, uiCovered: r.ui });
    a.employees += r.n;
    for (const l of c.lines) {
      const x = new Dec(l.amount).times(r.n);
      a[l.side][l.fund] = (a[l.side][l.fund] ?? new Dec(0)).plus(x);
      a.total = a.total.plus(x);
    }
  }
  const str = (o: Record<string, Decimal>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v.toFixed(0)]));
  for (const [k, a] of acc) {
    const [code, period] = k.split('|') as [string, Month];
    out.get(code)!.set(period, {
      employees: a.employees,
      employee: str(a.employee),
      employer: str(a.employer),
      total: a.total.toFixed(0),
    });
  }
  return out;
}

export interface StoredPayment extends LedgerPayment {
  bankReference: string;
}

async function paymentsOf(exec: Executor, taxCode: string): Promise<StoredPayment[]> {
  const rows = await queryRows<{ id: string; amount: string; value_date: string; bank_reference: string }>(
    exec,
    sql`select id::text, amount::text, value_date::text, bank_reference from payments where employer_tax_code = ${taxCode} order by value_date, id`,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    amount: r.amount,
    valueDate: r.value_date,
    bankReference: r.bank_reference,
  }));
}

/** The first day the employer existed for the fund: its first employment month, or its registration if earlier. */
export async function employerSince(exec: Executor, taxCode: string): Promise<IsoDate | null> {
  const [r] = await queryRows<{ first: string | null; created: Date | string | null }>(
    exec,
    sql`select (select min(start_month) from employments where employer_tax_code = ${taxCode}) as first,
               (select created_at from employers where tax_code = ${taxCode}) as created`,
  );
  if (!r) return null;
  const registered = r.created ? localDateOf(new Date(r.created).getTime()) : null;
  const firstMonth = r.first ? firstDayOf(r.first) : null;
  if (firstMonth && registered) return firstMonth < registered ? firstMonth : registered;
  return firstMonth ?? registered;
}

export interface EmployerLedger {
  dues: Map<Month, PeriodDue>;
  payments: StoredPayment[];
  replay: LedgerResult;
}

/** The employer's dues (every month up to the later of `asOf` and its last payment) and payments, replayed to `asOf`. */
export async function replayEmployer(exec: Executor, taxCode: string, asOf: IsoDate): Promise<EmployerLedger> {
  const payments = await paymentsOf(exec, taxCode);
  // Payments after asOf have not arrived (the replay leaves them out), so they never widen the months read.
  const last = payments.reduce<Month>(
    (m, p) => (p.valueDate <= asOf && compareMonths(monthOf(p.valueDate), m) > 0 ? monthOf(p.valueDate) : m),
    monthOf(asOf),
  );
  const dues = (await duesByPeriod(exec, [taxCode], addMonths(last, 1))).get(taxCode)!;
  const replay = replayLedger({ periods: [...dues].map(([period, d]) => ({ period, due: d.total })), payments, asOf });
  return { dues, payments, replay };
}

interface StoredAllocation {
  payment_id: string;
  period: string;
  principal: string;
  interest: string;
  settled_on: string;
  from_credit: boolean;
}

async function storedAllocations(exec: Executor, taxCode: string): Promise<StoredAllocation[]> {
  return queryRows<StoredAllocation>(
    exec,
    sql`select a.payment_id::text, a.period, a.principal::text, a.interest::text, a.settled_on::text, a.from_credit
          from payment_allocations a join payments p on p.id = a.payment_id
         where p.employer_tax_code = ${taxCode} order by a.payment_id, a.period`,
  );
}

const keyOf = (a: {
  paymentId: number;
  period: string;
  principal: string;
  interest: string;
  on: string;
  fromCredit: boolean;
}) => `${a.paymentId}|${a.period}|${a.principal}|${a.interest}|${a.on}|${a.fromCredit}`;
const storedKey = (a: StoredAllocation) =>
  keyOf({
    paymentId: Number(a.payment_id),
    period: a.period,
    principal: a.principal,
    interest: a.interest,
    on: a.settled_on,
    fromCredit: a.from_credit,
  });

/**
 * The date the stored ledger reached: its last event (a value date up to `notAfter`, or a
 * settlement by credit). A replay to any later date with no event in between gives the same
 * allocations.
 */
function lastEventOf(payments: StoredPayment[], stored: StoredAllocation[], notAfter = '9999-12-31'): IsoDate | null {
  let last: IsoDate | null = null;
  for (const p of payments) if (p.valueDate <= notAfter && (!last || p.valueDate > last)) last = p.valueDate;
  for (const a of stored) if (a.from_credit && (!last || a.settled_on > last)) last = a.settled_on;
  return last;
}

/**
 * Rewrites the employer's allocations as the replay of its account up to `asOf` (or the ledger's
 * last event, if later — a run with an earlier as-of date undoes no settlement; payments dated
 * after `today`, which recordPayment refuses, never count), and with them what follows from them in
 * the same transaction: each reconciled period's figures (employer_periods, at its own as-of date),
 * each contribution month's status (credited once the period's principal is paid in full, credit
 * included; rules §8.8) — after a declaration (`duesChangedFrom`: its earliest month), each
 * participant's month of the reconciled periods from then on, written again from what is now in
 * force — and the e-books whose months changed. Locks the employer's row. Returns the replay.
 */
export async function rewriteLedger(
  tx: Tx,
  taxCode: string,
  asOf: IsoDate,
  today?: IsoDate,
  opts: { duesChangedFrom?: Month } = {},
): Promise<EmployerLedger> {
  await tx.execute(sql`select 1 from employers where tax_code = ${taxCode} for update`);
  const before = await storedAllocations(tx, taxCode);
  const payments = await paymentsOf(tx, taxCode);
  const last = lastEventOf(payments, before, today);
  const horizon = last && last > asOf ? last : asOf;
  const ledger = await replayEmployer(tx, taxCode, horizon);
  const want = ledger.replay.settlements;
  const have = new Set(before.map(storedKey));
  const same = want.length === before.length && have.size === before.length && want.every((s) => have.has(keyOf(s)));
  if (!same) {
    await tx.execute(
      sql`delete from payment_allocations a using payments p where p.id = a.payment_id and p.employer_tax_code = ${taxCode}`,
    );
    await insertSettlements(tx, want);
  }
  await refreshPeriods(tx, taxCode, ledger, opts.duesChangedFrom ?? null);
  return ledger;
}

export async function insertSettlements(tx: Tx, settlements: readonly Settlement[]): Promise<void> {
  for (let i = 0; i < settlements.length; i += 10_000) {
    const rows = settlements
      .slice(i, i + 10_000)
      .map((s) => ({ i: s.paymentId, m: s.period, p: s.principal, c: s.interest, d: s.on, f: s.fromCredit }));
    await tx.execute(sql`
      insert into payment_allocations (payment_id, period, principal, interest, settled_on, from_credit)
      select x.i, x.m, x.p, x.c, x.d, x.f from json_to_recordset(${json(rows)}::json) as x(i bigint, m text, p numeric, c numeric, d date, f boolean)`);
  }
}

/**
 * The employer's reconciled periods after its ledger changed: each employer_periods row settled
 * again at its own as-of date from the new replay (the replay is chronological, so its prefix up
 * to that date is the ledger as of then), and each contribution month's status set from the
 * period's principal still outstanding.
 */
async function refreshPeriods(
  tx: Tx,
  taxCode: string,
  ledger: EmployerLedger,
  duesChangedFrom: Month | null,
): Promise<void> {
  const rows = await queryRows<{ period: string; as_of: string }>(
    tx,
    sql`select period, as_of::text from employer_periods where employer_tax_code = ${taxCode}`,
  );
  const states = new Map(ledger.replay.periods.map((p) => [p.period, p]));
  const byAsOf = new Map<string, LedgerResult>();
  const updates: unknown[] = [];
  for (const r of rows) {
    let at = byAsOf.get(r.as_of);
    if (!at) {
      at = replayLedger({
        periods: [...ledger.dues].map(([period, d]) => ({ period, due: d.total })),
        payments: ledger.payments,
        asOf: r.as_of,
      });
      byAsOf.set(r.as_of, at);
    }
    const st = at.periods.find((p) => p.period === r.period);
    const d = ledger.dues.get(r.period);
    updates.push({
      m: r.period,
      due: st?.due ?? '0',
      paid: st?.paid ?? '0',
      outstanding: st?.outstanding ?? '0',
      late_charge: st?.lateCharge ?? '0',
      charge_paid: st?.chargePaid ?? '0',
      max_days_late: st?.maxDaysLate ?? 0,
      evasion: st?.evasion ?? false,
      status: st?.status ?? 'paid',
      employees: d?.employees ?? 0,
      due_by_fund: { employee: d?.employee ?? {}, employer: d?.employer ?? {} },
    });
  }
  if (updates.length) {
    await tx.execute(sql`
      update employer_periods ep set due = x.due, paid = x.paid, outstanding = x.outstanding, late_charge = x.late_charge, charge_paid = x.charge_paid,
             max_days_late = x.max_days_late, evasion = x.evasion, status = x.status, employees = x.employees, due_by_fund = x.due_by_fund
        from json_to_recordset(${json(updates)}::json) as x(m text, due numeric, paid numeric, outstanding numeric, late_charge numeric, charge_paid numeric,
                                                             max_days_late int, evasion boolean, status text, employees int, due_by_fund jsonb)
       where ep.employer_tax_code = ${taxCode} and ep.period = x.m
         and (ep.due, ep.paid, ep.outstanding, ep.late_charge, ep.charge_paid, ep.max_days_late, ep.evasion, ep.status, ep.employees, ep.due_by_fund)
             is distinct from (x.due, x.paid, x.outstanding, x.late_charge, x.charge_paid, x.max_days_late, x.evasion, x.status, x.employees, x.due_by_fund)`);
  }
  // A month is credited once its period's principal is paid in full (credit included); a period
  // with nothing left due has nothing outstanding.
  const unpaid = new Set([...states.values()].filter((p) => !new Dec(p.outstanding).isZero()).map((p) => p.period));
  let touched: string[];
  if (duesChangedFrom) {
    touched = await replaceMonths(
      tx,
      taxCode,
      rows.map((r) => r.period).filter((m) => m >= duesChangedFrom),
      unpaid,
    );
    // The earlier reconciled periods kept their people; only their status can have changed.
    touched.push(...(await updateStatuses(tx, taxCode, unpaid)));
  } else {
    touched = await updateStatuses(tx, taxCode, unpaid);
  }
  if (touched.length) await rewriteEbooks(tx, touched);
}

/**
 * Each contribution month's status from its period's principal outstanding; returns the participants
 * changed. Every month of the employer, from its first employment (the partitions before are skipped).
 */
async function updateStatuses(tx: Tx, taxCode: string, unpaid: Set<string>): Promise<string[]> {
  const list = json([...unpaid]);
  const rows = await queryRows<{ personal_id: string }>(
    tx,
    sql`update contribution_months cm
           set status = case when cm.period in (select json_array_elements_text(${list}::json)) then 'declared_unpaid' else 'credited' end
         where cm.employer_tax_code = ${taxCode} and cm.period >= ${firstMonthOfEmployer(taxCode)}
           and cm.status <> case when cm.period in (select json_array_elements_text(${list}::json)) then 'declared_unpaid' else 'credited' end
        returning cm.personal_id`,
  );
  return rows.map((t) => t.personal_id);
}

/**
 * Each participant's month of these reconciled periods written again from the employments,
 * salaries and unpaid-leave months now in force (the same rule as the reconciliation: one row per
 * participant × employer × month, the sums of their lines). Returns the participants whose e-book
 * changes (a month appeared, vanished or changed status).
 */
async function replaceMonths(tx: Tx, taxCode: string, periods: string[], unpaid: Set<string>): Promise<string[]> {
  if (periods.length === 0) return [];
  // The list's ends bound the delete, so it reads only their partitions (a list alone does not prune).
  const sorted = [...periods].sort();
  const first = sorted[0]!;
  const last = sorted[sorted.length - 1]!;
  const people = await queryRows<{ period: string; personal_id: string; ui: boolean; salary: string; region: Region }>(
    tx,
    sql`with m as (select json_array_elements_text(${json(periods)}::json) as period)
        select m.period, e.personal_id, p.nationality = 'VN' as ui, s.amount::text as salary, r.wage_region as region
          from m
          join employments e on e.employer_tax_code = ${taxCode} and e.start_month <= m.period and (e.end_month is null or e.end_month >= m.period)
          join employers r on r.tax_code = e.employer_tax_code
          join participants p on p.personal_id = e.personal_id
          join lateral (select h.amount from salary_history h where h.employment_id = e.id and h.effective_month <= m.period
                         order by h.effective_month desc limit 1) s on true
         where not exists (select 1 from unpaid_leave_months u where u.employment_id = e.id and u.month = m.period)`,
  );
  const before = new Map(
    (
      await queryRows<{ p: string; m: string; s: string }>(
        tx,
        sql`delete from contribution_months where employer_tax_code = ${taxCode} and period in (select json_array_elements_text(${json(periods)}::json))
              and period between ${first} and ${last}
            returning personal_id as p, period as m, status as s`,
      )
    ).map((r) => [`${r.p}|${r.m}`, r.s]),
  );
  const touched: string[] = [];
  const rows = people.map((x) => {
    const c = computeContribution({ month: x.period, salary: x.salary, region: x.region, uiCovered: x.ui });
    const status = unpaid.has(x.period) ? 'declared_unpaid' : 'credited';
    const k = `${x.personal_id}|${x.period}`;
    if (before.get(k) !== status) touched.push(x.personal_id);
    before.delete(k);
    return {
      p: x.personal_id,
      m: x.period,
      s: status,
      y: x.salary,
      ee: c.employee.total,
      er: c.employer.total,
      a: c.total,
      l: c.lines.length,
    };
  });
  for (const k of before.keys()) touched.push(k.slice(0, k.indexOf('|')));
  for (let i = 0; i < rows.length; i += 20_000) {
    await tx.execute(sql`
      insert into contribution_months (personal_id, employer_tax_code, period, status, salary, employee_amount, employer_amount, amount, lines)
      select x.p, ${taxCode}, x.m, x.s, x.y, x.ee, x.er, x.a, x.l
        from json_to_recordset(${json(rows.slice(i, i + 20_000))}::json) as x(p text, m text, s text, y numeric, ee numeric, er numeric, a numeric, l int)`);
  }
  return touched;
}

/**
 * The ledger check of one employer: its stored allocations are exactly the replay of its account up
 * to its last event. Returns what differs (empty when it balances).
 */
export async function ledgerDifferences(
  exec: Executor,
  taxCode: string,
): Promise<
  { code: 'LEDGER_ALLOCATION_UNEXPECTED' | 'LEDGER_ALLOCATION_MISSING'; allocation: string; problem: string }[]
> {
  const stored = await storedAllocations(exec, taxCode);
  const payments = await paymentsOf(exec, taxCode);
  const last = lastEventOf(payments, stored);
  if (!last) return [];
  const { replay } = await replayEmployer(exec, taxCode, last);
  const want = new Set(replay.settlements.map(keyOf));
  const have = new Set(stored.map(storedKey));
  const problems: Awaited<ReturnType<typeof ledgerDifferences>> = [];
  for (const k of have)
    if (!want.has(k))
      problems.push({
        code: 'LEDGER_ALLOCATION_UNEXPECTED',
        allocation: k,
        problem: `stored allocation ${k} is not what the account gives`,
      });
  for (const k of want)
    if (!have.has(k))
      problems.push({ code: 'LEDGER_ALLOCATION_MISSING', allocation: k, problem: `allocation ${k} is missing` });
  return problems;
}

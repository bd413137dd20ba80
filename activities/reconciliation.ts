/**
 * Monthly reconciliation, one batch of employers per activity and per transaction, set-based:
 *   1. one read of every employment in force in the period (with its salary, unpaid-leave month,
 *      region and UI coverage), one read of every allocation paid to the period;
 *   2. lines by domain/contributions.ts (memoised per distinct salary × region × UI coverage:
 *      the function is pure, and a month of a national population has far fewer distinct
 *      salaries than people), summed per employer and per participant;
 *   3. each employer's period settled by db/queries/periods.ts settlePeriod (the same code as the
 *      statement endpoint) and upserted in one statement;
 *   4. each participant's month (their lines' sums; credited when the employer's period is paid in
 *      full, else declared but unpaid) replaced in two statements;
 *   5. arrears notices to employers and participants in one deduplicated insert each;
 *   6. the e-books whose month changed re-rendered and written, 5,000 per statement.
 * Re-running a batch gives the same rows and rewrites no e-book (unchanged months are not touched).
 */
import { localDateOf, type IsoDate, type Month } from '../domain/calendar';
import { computeContribution } from '../domain/contributions';
import type { EbookContributionMonth } from '../domain/ebook';
import { Dec } from '../domain/money';
import type { Region } from '../domain/rates';
import { noReconciliationTotals, type ReconciliationTotals } from '../workflows/definitions';
import type { Db } from '../db/client';
import { audit, storeResult, transactionOnce } from '../db/queries/audit';
import { rewriteEbooks } from '../db/queries/ebooks';
import { rewriteLedger } from '../db/queries/ledger';
import { settlePeriod, type PaidRow, type PeriodDue } from '../db/queries/periods';
import {
  batchEmployers,
  batchEnds,
  deleteContributionMonths,
  employersHoldingCredit,
  employmentsInForce,
  enqueueNotices,
  insertContributionMonths,
  paidToPeriod,
  upsertEmployerPeriods,
  type ContributionMonthRow,
  type EmployerPeriodRow,
} from '../db/queries/reconciliation';
import { Context } from '@temporalio/activity';
import { creditedCaseWorkflowsBetween } from '../db/queries/declaration-cases';
import { ensureContributionPartitions, partitionHorizon } from '../db/queries/partitions';
import { declarationCaseDeclaredSignal } from '../workflows/definitions';
import { heartbeat, yieldToEventLoop, YIELD_EVERY_ROWS } from './heartbeat';

export interface ReconcileBatchInput {
  period: Month;
  asOf: IsoDate;
  /** Keyset cursor: the last tax code done ('' to start). */
  after: string;
  /** The batch is (after, upTo] when given (batches planned to run side by side); else the next `limit`. */
  upTo?: string | null;
  limit: number;
  workflowId: string;
  runId: string;
}

export interface ReconcileBatchResult extends ReconciliationTotals {
  employers: number;
  lastTaxCode: string | null;
}

type Decimal = InstanceType<typeof Dec>;

/** A computed month for one salary × region × UI coverage: its line amounts (parsed once) and sums. */
interface Computed {
  amounts: { side: 'employee' | 'employer'; fund: string; amount: Decimal }[];
  employee: string;
  employer: string;
  total: string;
}

/**
 * computeContribution is pure: a month of a national population has far fewer distinct salaries
 * than people, so results are shared across batches (bounded; cleared when full).
 */
const MEMO_LIMIT = 50_000;
const memo = new Map<string, Computed>();
function computed(period: Month, salary: string, region: Region, ui: boolean): Computed {
  const k = `${period}|${salary}|${region}|${ui}`;
  let v = memo.get(k);
  if (!v) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    const c = computeContribution({ month: period, salary, region, uiCovered: ui });
    v = {
      amounts: c.lines.map((l) => ({ side: l.side, fund: l.fund, amount: new Dec(l.amount) })),
      employee: c.employee.total,
      employer: c.employer.total,
      total: c.total,
    };
    memo.set(k, v);
  }
  return v;
}

/** Per employer: how many participants share each distinct computation (Σ count × amount is exact). */
interface EmployerAcc {
  people: { personalId: string; c: Computed; salary: string }[];
  counts: Map<Computed, number>;
}

/** Due per side and fund, employees and total, from the distinct computations and their counts. */
function dueOf(acc: EmployerAcc): PeriodDue {
  const sums = { employee: {} as Record<string, Decimal>, employer: {} as Record<string, Decimal> };
  let total = new Dec(0);
  for (const [c, n] of acc.counts) {
    for (const l of c.amounts) {
      const x = n === 1 ? l.amount : l.amount.times(n);
      sums[l.side][l.fund] = (sums[l.side][l.fund] ?? new Dec(0)).plus(x);
      total = total.plus(x);
    }
  }
  const str = (o: Record<string, Decimal>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v.toFixed(0)]));
  return {
    employees: acc.people.length,
    employee: str(sums.employee),
    employer: str(sums.employer),
    total: total.toFixed(0),
  };
}

/** The steps of a batch, in order, as deps.profile names them; `commit` is the transaction's end. */
export type ReconcileStep = 'lines' | 'periods' | 'months' | 'notices' | 'ebooks' | 'audit' | 'commit';

export interface ReconcilePlanInput {
  after: string;
  limit: number;
  /** How many batches to plan. */
  count: number;
}

/**
 * The ends of the next `count` batches of `limit` active employers after the cursor: batch k is
 * (end k-1, end k]. Fewer ends than asked means the last planned batch reaches the end (its end is
 * null). A fixed range per batch keeps batches planned side by side disjoint and complete even if
 * an employer is approved meanwhile.
 */
async function planBatches(db: Db, input: ReconcilePlanInput): Promise<{ after: string; upTo: string | null }[]> {
  const ends = await batchEnds(db, input.after, input.limit, input.count);
  const out: { after: string; upTo: string | null }[] = [];
  let after = input.after;
  for (const e of ends) {
    out.push({ after, upTo: e.tax_code });
    after = e.tax_code;
  }
  if (out.length < input.count) out.push({ after, upTo: null });
  return out;
}

export function createReconciliationActivities(deps: {
  db: Db;
  clock?: () => Date;
  faults?: (point: string) => void | Promise<void>;
  /**
   * Benchmark seam (bench:reconcile's profile): told how long each step of a batch took, in ms
   * (monotonic time; nothing here reads it otherwise).
   */
  profile?: (step: ReconcileStep, ms: number) => void;
}) {
  const { db } = deps;
  return {
    async planReconciliationBatches(input: ReconcilePlanInput): Promise<{ after: string; upTo: string | null }[]> {
      return planBatches(db, input);
    },
    async reconcileEmployers(input: ReconcileBatchInput): Promise<ReconcileBatchResult> {
      // The maintenance step, before the batch writes and outside its transaction (catalog lookups
      // once the partitions exist): contribution_months' partitions kept 24 months ahead of the
      // clock's month (db/queries/partitions.ts), so the monthly run keeps them without an operator.
      if (deps.clock) await ensureContributionPartitions(db, partitionHorizon(localDateOf(deps.clock().getTime())));
      // The time since the last mark, given to deps.profile as the step's (only when profiling).
      let mark = deps.profile ? performance.now() : 0;
      const stepDone = (step: ReconcileStep) => {
        if (!deps.profile) return;
        const now = performance.now();
        deps.profile(step, now - mark);
        mark = now;
      };
      const key = `reconcile:${input.workflowId}:${input.runId}:${input.period}:${input.after}:${input.upTo ?? ''}:${input.limit}`;
      const result = await transactionOnce(db, key, async (tx): Promise<ReconcileBatchResult> => {
        const { period, asOf } = input;

        const batch = await batchEmployers(tx, input.after, input.upTo, input.limit);
        const out: ReconcileBatchResult = {
          employers: batch.length,
          lastTaxCode: batch[batch.length - 1]?.tax_code ?? null,
          ...noReconciliationTotals(),
        };
        if (batch.length === 0) return out;
        const first = batch[0]!.tax_code;
        const last = out.lastTaxCode!;

        // 1–2. Lines, per employer and per participant.
        const accs = new Map<string, EmployerAcc>(batch.map((b) => [b.tax_code, { people: [], counts: new Map() }]));
        let seen = 0;
        /** People with an employment in force outside the batch: their books are written last (step 6). */
        const shared = new Set<string>();
        for (const r of await employmentsInForce(tx, first, last, period)) {
          if (r.elsewhere) shared.add(r.personal_id);
          // ~100k people of distinct salaries is seconds of synchronous Decimal work: let the heartbeat out.
          if (++seen % YIELD_EVERY_ROWS === 0) await yieldToEventLoop();
          const k = computed(period, r.salary, r.region, r.ui);
          const acc = accs.get(r.employer_tax_code)!;
          acc.people.push({ personalId: r.personal_id, c: k, salary: r.salary });
          acc.counts.set(k, (acc.counts.get(k) ?? 0) + 1);
          out.lines += k.amounts.length;
        }
        heartbeat({ after: input.after, step: 'lines' });
        stepDone('lines');

        // 3. Each employer's period. Allocations are derived (db/queries/ledger.ts): an employer that
        // holds credit has its account replayed up to the as-of date first, so credit settles the
        // periods whose deadlines came (rules §8); without credit, passing time changes no allocation.
        for (const t of await employersHoldingCredit(tx, first, last)) {
          if (accs.has(t))
            await rewriteLedger(tx, t, asOf, deps.clock ? localDateOf(deps.clock().getTime()) : undefined);
        }
        const paidBy = new Map<string, PaidRow[]>();
        for (const r of await paidToPeriod(tx, first, last, period, asOf)) {
          if (!paidBy.has(r.employer_tax_code)) paidBy.set(r.employer_tax_code, []);
          paidBy.get(r.employer_tax_code)!.push(r);
        }
        let due = new Dec(0);
        let paid = new Dec(0);
        let outstanding = new Dec(0);
        let charge = new Dec(0);
        const periodRows: EmployerPeriodRow[] = [];
        const monthRows: ContributionMonthRow[] = [];
        const arrears: { k: string; r: string; j: unknown }[] = [];
        const unpaidPeople: { k: string; r: string; j: unknown }[] = [];
        for (const [code, acc] of accs) {
          const d = dueOf(acc);
          const st = settlePeriod(code, period, asOf, d, paidBy.get(code) ?? []);
          periodRows.push({
            e: code,
            due: st.total,
            paid: st.paid,
            outstanding: st.outstanding,
            late_charge: st.lateCharge,
            charge_paid: st.chargePaid,
            max_days_late: st.maxDaysLate,
            evasion: st.evasion,
            status: st.status,
            employees: d.employees,
            due_by_fund: { employee: d.employee, employer: d.employer },
          });
          due = due.plus(st.total);
          paid = paid.plus(st.paid);
          outstanding = outstanding.plus(st.outstanding);
          charge = charge.plus(st.lateCharge);
          if (st.evasion) out.evasionEmployers++;
          // Credited once the period's principal is paid in full (credit included; rules §8).
          const status = new Dec(st.outstanding).isZero() ? 'credited' : 'declared_unpaid';
          for (const p of acc.people) {
            monthRows.push({
              p: p.personalId,
              e: code,
              s: status,
              y: p.salary,
              ee: p.c.employee,
              er: p.c.employer,
              a: p.c.total,
              l: p.c.amounts.length,
            });
          }
          if (status === 'declared_unpaid') {
            out.unpaidEmployers++;
            arrears.push({
              k: `reconcile:${period}:${asOf}:${code}`,
              r: code,
              j: {
                period,
                asOf,
                outstanding: st.outstanding,
                lateCharge: st.lateCharge,
                deadline: st.deadline,
                evasion: st.evasion,
              },
            });
            for (const p of acc.people)
              unpaidPeople.push({
                k: `reconcile:${period}:${asOf}:${code}:${p.personalId}`,
                r: p.personalId,
                j: { period, employerTaxCode: code },
              });
          }
        }
        await upsertEmployerPeriods(tx, period, asOf, periodRows);
        heartbeat({ after: input.after, step: 'periods' });
        stepDone('periods');

        // 4. Each participant's month; the e-books to rewrite are those whose month appeared,
        // disappeared or changed status (what the book shows).
        const before = new Map<string, string>();
        for (const r of await deleteContributionMonths(tx, [...accs.keys()], period)) {
          before.set(`${r.p}|${r.e}`, r.s);
        }
        const touched: string[] = [];
        for (const m of monthRows) {
          const k = `${m.p}|${m.e}`;
          if (before.get(k) !== m.s) touched.push(m.p);
          before.delete(k);
        }
        // A month that went: the person may still work for an employer of another batch.
        for (const k of before.keys()) {
          const p = k.slice(0, k.indexOf('|'));
          touched.push(p);
          shared.add(p);
        }
        await insertContributionMonths(tx, period, monthRows);
        heartbeat({ after: input.after, step: 'months' });
        stepDone('months');

        // 5. Arrears notices (deduplicated: a rerun on the same as-of date sends nothing new).
        const notices = [
          ...arrears.map((n) => ({ ...n, kind: 'contributions.arrears', channel: 'portal', t: 'employer' })),
          ...unpaidPeople.map((n) => ({
            ...n,
            kind: 'contributions.month_unpaid',
            channel: 'email',
            t: 'participant',
          })),
        ];
        await enqueueNotices(tx, notices);
        stepDone('notices');

        // 6. E-books: only this month changed on them, so only its year's section is rewritten,
        // with the root (issue 16: the same cost in year 1 and year 30 of a career) — from the
        // stored section and the months just written, so no month is read back.
        const rows = new Map<string, EbookContributionMonth[]>();
        for (const m of monthRows) {
          let r = rows.get(m.p);
          if (!r) rows.set(m.p, (r = []));
          r.push({ employerTaxCode: m.e, period, status: m.s });
        }
        // The books another batch may also write (a person working for employers of both) last:
        // a concurrent batch that writes one of them first holds its row until it commits, so
        // written among the others they would make this batch wait through the rest of the other's
        // e-book step; written last, only through the other's last step. Both batches take them in
        // personal-ID order, so neither waits on the other in a cycle.
        const splice = { period, employers: new Set(accs.keys()), rows };
        out.ebooksWritten = await rewriteEbooks(
          tx,
          touched.filter((p) => !shared.has(p)),
          { splice },
        );
        out.ebooksWritten += await rewriteEbooks(
          tx,
          touched.filter((p) => shared.has(p)),
          { splice },
        );
        heartbeat({ after: input.after, step: 'ebooks' });
        stepDone('ebooks');
        out.due = due.toFixed(0);
        out.paid = paid.toFixed(0);
        out.outstanding = outstanding.toFixed(0);
        out.lateCharge = charge.toFixed(0);
        await audit(tx, {
          actor: `workflow:${input.workflowId}`,
          action: 'reconciliation.batch',
          subjectType: 'period',
          subjectId: period,
          workflowId: input.workflowId,
          runId: input.runId,
          details: { after: input.after, employers: out.employers, lines: out.lines, unpaid: out.unpaidEmployers },
        });
        stepDone('audit');
        if (deps.faults) await deps.faults('reconcile:before-commit');
        await storeResult(tx, key, out);
        return out;
      });
      stepDone('commit');
      // After the commit: the open declaration cases whose months the batch left all credited re-read the database now.
      if (result.lastTaxCode !== null)
        await signalCreditedCases(await creditedCaseWorkflowsBetween(db, input.after, result.lastTaxCode));
      return result;
    },
  };
}

/**
 * Signals declaration cases through the worker's client (issue #14 part 2), when run as an activity;
 * called directly (a test, a benchmark) there is no activity context and nothing to signal with —
 * the cases' own timers re-read the database. A failed signal is not the batch's.
 */
async function signalCreditedCases(workflowIds: string[]): Promise<void> {
  if (workflowIds.length === 0) return;
  let client;
  try {
    client = Context.current().client;
  } catch {
    return;
  }
  for (const id of workflowIds)
    await client.workflow
      .getHandle(id)
      .signal(declarationCaseDeclaredSignal)
      .catch(() => undefined);
}

/**
 * A ledger no ordinary sequence can break (issue #9 §2), proven with fast-check's model-based
 * testing on real PostgreSQL: random sequences of hires, leaves, salary changes, unpaid-leave
 * months, payments (partial, exact, over, late — any value date the bank could have) and
 * reconciliation runs, with days passing in between. After every step `ledger verify` and
 * `ebook verify` are clean, and every period's figures — the account as of today, each reconciled
 * period at its own as-of date, each contribution month's status — equal those of the plain model
 * below. LEDGER_MODEL_RUNS (default 15) raises the number of sequences for a longer search.
 *
 * The model is independent of the production ledger: it walks the calendar day by day (deadline
 * first, then the day's payments), counts days with Date.UTC, and computes charges in BigInt
 * (amount × 3 × days / 10,000, half-up). It shares only domain/contributions.ts for one person's
 * monthly contribution — the calculator that the rules §1–2 tests prove — not the ledger.
 */
import fc from 'fast-check';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declare } from '../../services/declarations';
import { recordPayment } from '../../services/payments';
import { verifyLedger } from '../../services/ledger';
import { createReconciliationActivities } from '../../activities/reconciliation';
import { sampleSubmission } from '../../dev/sample';
import { verifyEbooks } from '../../db/queries/ebooks';
import { replayEmployer } from '../../db/queries/ledger';
import { periodStatement } from '../../db/queries/periods';
import { contributionMonths, employerPeriods } from '../../db/schema';
import { computeContribution } from '../../domain/contributions';
import { declarationBatchSchema, type EmployeeInput } from '../../domain/schemas';
import { onboardDirectly } from '../api/fixture';
import { createTestDatabase, type TestDatabase } from '../setup/harness';

// ---------------------------------------------------------------------------------------------
// The model
// ---------------------------------------------------------------------------------------------

const FIRST = '2026-01';
const DAY = 86_400_000;
const utc = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const plusDays = (d: string, n: number) => iso(utc(d) + n * DAY);
const month = (d: string) => d.slice(0, 7);
const nextMonth = (m: string, n = 1) => {
  const k = Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1 + n;
  return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
};
const endOf = (m: string) => plusDays(`${nextMonth(m)}-01`, -1);
/** Periods from 2025-07 are due on the last day of the following month (Law 41/2024 Art.34(4)). */
const deadlineOf = (m: string) => endOf(nextMonth(m));
const daysBetween = (a: string, b: string) => Math.round((utc(b) - utc(a)) / DAY);
/** 0.03 % × amount × days, half-up to the dong, in integers. */
const charge = (amount: bigint, days: number) => (amount * 3n * BigInt(days) * 2n + 10_000n) / 20_000n;

interface Person {
  input: EmployeeInput;
  start: string;
  end: string | null;
  salaries: Map<string, string>;
  unpaid: Set<string>;
}
interface Model {
  taxCode: string;
  today: string;
  /** The day of the last step that rewrote the ledger (a payment, a declaration, a run). */
  ledgerDay: string;
  people: Person[];
  pool: EmployeeInput[];
  payments: { id: number; amount: bigint; valueDate: string }[];
  /** Reconciled periods and the as-of date of their last run. */
  reconciled: Map<string, string>;
  seq: number;
}

function dueOf(m: Model, period: string): bigint {
  let due = 0n;
  for (const p of m.people) {
    if (p.start > period || (p.end !== null && p.end < period) || p.unpaid.has(period)) continue;
    const effective = [...p.salaries.keys()].filter((k) => k <= period).sort();
    if (!effective.length) continue;
    due += BigInt(
      computeContribution({
        month: period,
        salary: p.salaries.get(effective[effective.length - 1]!)!,
        region: 'I',
        uiCovered: true,
      }).total,
    );
  }
  return due;
}

interface ModelPeriod {
  due: bigint;
  paid: bigint;
  chargePaid: bigint;
  fromCredit: bigint;
  tranches: { on: string; amount: bigint }[];
}
interface ModelFigures {
  due: string;
  paid: string;
  outstanding: string;
  status: string;
  lateCharge: string;
  chargePaid: string;
  maxDaysLate: number;
  evasion: boolean;
  fromCredit: string;
}

/** The account walked day by day up to `asOf`. */
function ledgerOf(m: Model, asOf: string): { periods: Map<string, ModelFigures>; credit: bigint } {
  const last = [m.today, ...m.payments.map((p) => p.valueDate)].reduce((a, b) => (b > a ? b : a));
  const months: string[] = [];
  for (let k = FIRST; k <= nextMonth(month(last)); k = nextMonth(k)) months.push(k);
  const st = new Map<string, ModelPeriod>(
    months.map((k) => [k, { due: dueOf(m, k), paid: 0n, chargePaid: 0n, fromCredit: 0n, tranches: [] }]),
  );
  const late = (k: string, on: string) => Math.max(0, daysBetween(deadlineOf(k), plusDays(on, -1)));
  const accrued = (k: string) => st.get(k)!.tranches.reduce((a, t) => a + charge(t.amount, late(k, t.on)), 0n);
  const spend = (money: bigint, on: string, upTo: string, credit: boolean): bigint => {
    for (const k of months) {
      if (k > upTo || money === 0n) break;
      const p = st.get(k)!;
      const principal = money < p.due - p.paid ? money : p.due - p.paid;
      if (principal > 0n) {
        p.tranches.push({ on, amount: principal });
        p.paid += principal;
        money -= principal;
      }
      if (p.paid === p.due) {
        const owed = accrued(k) - p.chargePaid;
        const c = money < owed ? money : owed;
        p.chargePaid += c;
        money -= c;
        if (credit) p.fromCredit += c;
      }
      if (credit) p.fromCredit += principal;
    }
    return money;
  };
  const credit: { left: bigint }[] = [];
  const paysBy = new Map<string, { id: number; amount: bigint }[]>();
  for (const p of [...m.payments].sort((a, b) => a.id - b.id))
    paysBy.set(p.valueDate, [...(paysBy.get(p.valueDate) ?? []), p]);
  for (let d = `${FIRST}-01`; d <= asOf; d = plusDays(d, 1)) {
    const due = months.find((k) => deadlineOf(k) === d);
    if (due) for (const c of credit) c.left = spend(c.left, d, due, true);
    for (const p of paysBy.get(d) ?? []) credit.push({ left: spend(p.amount, d, month(d), false) });
  }
  const out = new Map<string, ModelFigures>();
  for (const k of months) {
    const p = st.get(k)!;
    if (p.due === 0n && p.paid === 0n) continue;
    const outstanding = p.due - p.paid;
    const open = outstanding > 0n ? Math.max(0, daysBetween(deadlineOf(k), asOf)) : 0;
    const days = [...p.tranches.map((t) => late(k, t.on)), ...(outstanding > 0n ? [open] : [])];
    const maxDays = days.reduce((a, b) => Math.max(a, b), 0);
    out.set(k, {
      due: String(p.due),
      paid: String(p.paid),
      outstanding: String(outstanding),
      status: outstanding === 0n ? 'paid' : p.paid === 0n ? 'unpaid' : 'partially_paid',
      lateCharge: String(accrued(k) + (outstanding > 0n ? charge(outstanding, open) : 0n)),
      chargePaid: String(p.chargePaid),
      maxDaysLate: maxDays,
      evasion: maxDays >= 61,
      fromCredit: String(p.fromCredit),
    });
  }
  return { periods: out, credit: credit.reduce((a, c) => a + c.left, 0n) };
}

// ---------------------------------------------------------------------------------------------
// The real system
// ---------------------------------------------------------------------------------------------

let tdb: TestDatabase;
let runs = 0;
beforeAll(async () => {
  tdb = await createTestDatabase('ledger_model');
});
afterAll(async () => {
  await tdb?.drop();
});

interface Real {
  tdb: TestDatabase;
}
const nowOf = (d: string) => new Date(`${d}T10:00:00+07:00`);
const inForce = (p: Person, k: string) => p.start <= k && (p.end === null || p.end >= k);
const latestMonth = (m: Model) => nextMonth(month(m.today)); // declarations reach one month ahead

async function declareOne(m: Model, d: object): Promise<void> {
  // A reference of its own: the same content declared again later is a new declaration.
  const batch = declarationBatchSchema.parse({ declarations: [{ ...d, reference: `model-${m.seq++}` }] });
  await declare(tdb.db, { taxCode: m.taxCode, author: 'model', batch, now: nowOf(m.today) });
  m.ledgerDay = m.today;
}

/** Everything the database says equals the model. */
async function check(m: Model): Promise<void> {
  expect((await verifyLedger(tdb.db)).problems).toEqual([]);
  expect((await verifyEbooks(tdb.db)).mismatches).toEqual([]);
  // The account as of today, every period.
  const model = ledgerOf(m, m.today);
  const { replay } = await replayEmployer(tdb.db, m.taxCode, m.today);
  const real = new Map(
    replay.periods.map((p) => [
      p.period,
      {
        due: p.due,
        paid: p.paid,
        outstanding: p.outstanding,
        status: p.status,
        lateCharge: p.lateCharge,
        chargePaid: p.chargePaid,
        maxDaysLate: p.maxDaysLate,
        evasion: p.evasion,
        fromCredit: p.fromCredit,
      },
    ]),
  );
  for (const [k, v] of real) if (v.due === '0' && v.paid === '0') real.delete(k);
  expect(Object.fromEntries(real)).toEqual(Object.fromEntries(model.periods));
  expect(replay.credit).toBe(String(model.credit));
  // The statement of the current month (the endpoint's code path).
  const cur = month(m.today);
  const s = await periodStatement(tdb.db, m.taxCode, cur, m.today);
  const want = model.periods.get(cur);
  expect({ paid: s.paid, outstanding: s.outstanding, lateCharge: s.lateCharge, creditHeld: s.creditHeld }).toEqual({
    paid: want?.paid ?? '0',
    outstanding: want?.outstanding ?? '0',
    lateCharge: want?.lateCharge ?? '0',
    creditHeld: String(model.credit),
  });
  // Each reconciled period at its own as-of date.
  for (const row of await tdb.db.select().from(employerPeriods).where(eq(employerPeriods.employerTaxCode, m.taxCode))) {
    const at = ledgerOf(m, row.asOf).periods.get(row.period);
    expect({
      period: row.period,
      due: row.due,
      paid: row.paid,
      lateCharge: row.lateCharge,
      chargePaid: row.chargePaid,
      maxDaysLate: row.maxDaysLate,
      evasion: row.evasion,
    }).toEqual({
      period: row.period,
      due: at?.due ?? '0',
      paid: at?.paid ?? '0',
      lateCharge: at?.lateCharge ?? '0',
      chargePaid: at?.chargePaid ?? '0',
      maxDaysLate: at?.maxDaysLate ?? 0,
      evasion: at?.evasion ?? false,
    });
  }
  // Each participant's month of every reconciled period: who contributed, how much, and whether it
  // is credited — once its period is paid in full (credit counts as paid), by the ledger of the last rewrite.
  const ledgerThen = ledgerOf(m, m.ledgerDay).periods;
  const months = (
    await tdb.db.select().from(contributionMonths).where(eq(contributionMonths.employerTaxCode, m.taxCode))
  )
    .map((c) => `${c.period} ${c.personalId} ${c.amount} ${c.status}`)
    .sort();
  const expected: string[] = [];
  for (const k of m.reconciled.keys()) {
    const status = (ledgerThen.get(k)?.outstanding ?? '0') === '0' ? 'credited' : 'declared_unpaid';
    for (const p of m.people) {
      if (!inForce(p, k) || p.unpaid.has(k)) continue;
      const effective = [...p.salaries.keys()].filter((x) => x <= k).sort();
      const salary = p.salaries.get(effective[effective.length - 1]!)!;
      expected.push(
        `${k} ${p.input.personalId} ${computeContribution({ month: k, salary, region: 'I', uiCovered: true }).total} ${status}`,
      );
    }
  }
  expect(months).toEqual(expected.sort());
}

type Cmd = fc.AsyncCommand<Model, Real>;
const cmd = (name: string, pre: (m: Model) => boolean, run: (m: Model) => Promise<void>): Cmd => ({
  check: pre,
  async run(m) {
    await run(m);
    await check(m);
  },
  toString: () => name,
});

const SALARIES = ['5310000', '8000000', '23000000', '60000000'];
const advance = fc.integer({ min: 5, max: 75 }).map((n) =>
  cmd(
    `advance ${n}d`,
    (m) => m.today < '2026-12-01',
    async (m) => void (m.today = plusDays(m.today, n)),
  ),
);
const commands = [
  advance,
  advance, // twice as likely: deadlines pass, credit is spent, charges accrue
  fc.nat(12).map((k) =>
    cmd(
      `hire (start +${k})`,
      (m) => m.pool.length > 0,
      async (m) => {
        const input = { ...m.pool.shift()!, startMonth: nextMonth(FIRST, k % (1 + monthsFrom(FIRST, latestMonth(m)))) };
        await declareOne(m, { kind: 'hire', employee: input });
        m.people.push({
          input,
          start: input.startMonth,
          end: null,
          salaries: new Map([[input.startMonth, input.salary]]),
          unpaid: new Set(),
        });
      },
    ),
  ),
  fc.tuple(fc.nat(20), fc.nat(12)).map(([i, k]) =>
    cmd(
      `leave #${i} (+${k})`,
      (m) => m.people.some((p) => p.end === null),
      async (m) => {
        const open = m.people.filter((p) => p.end === null);
        const p = open[i % open.length]!;
        const end = nextMonth(p.start, k % (1 + monthsFrom(p.start, latestMonth(m))));
        await declareOne(m, { kind: 'leave', personalId: p.input.personalId, endMonth: end });
        p.end = end;
      },
    ),
  ),
  fc.tuple(fc.nat(20), fc.nat(12), fc.constantFrom(...SALARIES)).map(([i, k, salary]) =>
    cmd(
      `salary #${i} (+${k}) ${salary}`,
      (m) => m.people.length > 0,
      async (m) => {
        const p = m.people[i % m.people.length]!;
        const last = p.end !== null && p.end < latestMonth(m) ? p.end : latestMonth(m);
        const at = nextMonth(p.start, k % (1 + monthsFrom(p.start, last)));
        await declareOne(m, {
          kind: 'salary_change',
          personalId: p.input.personalId,
          effectiveMonth: at,
          salary: Number(salary),
        });
        p.salaries.set(at, salary);
      },
    ),
  ),
  fc.tuple(fc.nat(20), fc.nat(12)).map(([i, k]) =>
    cmd(
      `unpaid leave #${i} (+${k})`,
      (m) => m.people.length > 0,
      async (m) => {
        const p = m.people[i % m.people.length]!;
        const last = p.end !== null && p.end < latestMonth(m) ? p.end : latestMonth(m);
        const at = nextMonth(p.start, k % (1 + monthsFrom(p.start, last)));
        if (!inForce(p, at)) return;
        await declareOne(m, { kind: 'unpaid_leave', personalId: p.input.personalId, month: at });
        p.unpaid.add(at);
      },
    ),
  ),
  fc
    .tuple(fc.constantFrom('partial', 'exact', 'over'), fc.nat(400), fc.integer({ min: 1, max: 3_000_000 }))
    .map(([kind, back, extra]) =>
      cmd(
        `pay ${kind} (${back}d back, +${extra})`,
        () => true,
        async (m) => {
          const valueDate = plusDays(m.today, -Math.min(back, daysBetween(`${FIRST}-01`, m.today)));
          const open = [...ledgerOf(m, valueDate).periods.entries()].filter(([k]) => k <= month(valueDate));
          const owed = open.reduce(
            (a, [, v]) => a + BigInt(v.outstanding) + BigInt(v.lateCharge) - BigInt(v.chargePaid),
            0n,
          );
          const amount =
            kind === 'partial' ? owed / 3n + 1n : kind === 'exact' ? (owed > 0n ? owed : 1n) : owed + BigInt(extra);
          const r = await recordPayment(tdb.db, {
            taxCode: m.taxCode,
            bankReference: `MODEL-${m.taxCode}-${m.seq++}`,
            amount: String(amount),
            valueDate,
            author: 'model',
            today: m.today,
          });
          m.payments.push({ id: r.paymentId, amount, valueDate });
          m.ledgerDay = m.today;
        },
      ),
    ),
  fc.nat(12).map((k) =>
    cmd(
      `reconcile (−${k})`,
      (m) => month(m.today) > FIRST,
      async (m) => {
        const period = nextMonth(FIRST, k % monthsFrom(FIRST, month(m.today)));
        const acts = createReconciliationActivities({ db: tdb.db });
        const after = (BigInt(m.taxCode) - 1n).toString().padStart(10, '0');
        await acts.reconcileEmployers({
          period,
          asOf: m.today,
          after,
          upTo: m.taxCode,
          limit: 10,
          workflowId: 'reconciliation:model',
          runId: `run-${m.seq++}`,
        });
        m.reconciled.set(period, m.today);
        m.ledgerDay = m.today;
      },
    ),
  ),
];

function monthsFrom(a: string, b: string): number {
  return (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + Number(b.slice(5, 7)) - Number(a.slice(5, 7));
}

describe('the ledger against a model (fast-check model-based, real PostgreSQL)', () => {
  it('after every hire, leave, salary change, unpaid-leave month, payment and run, the ledger and the e-books verify and every period equals the model', async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 30, size: 'max' }), async (cmds) => {
        const seed = 7000 + runs++;
        const sub = sampleSubmission(seed, 8, { startMonth: FIRST });
        const staff = sub.employees.slice(0, 2);
        await onboardDirectly(tdb, { ...sub, employees: staff });
        const m: Model = {
          taxCode: sub.employer.taxCode,
          today: '2026-02-10',
          ledgerDay: '2026-02-10',
          people: staff.map((e) => ({
            input: e,
            start: e.startMonth,
            end: null,
            salaries: new Map([[e.startMonth, e.salary]]),
            unpaid: new Set<string>(),
          })),
          pool: sub.employees.slice(2),
          payments: [],
          reconciled: new Map(),
          seq: 0,
        };
        await fc.asyncModelRun(() => ({ model: m, real: { tdb } }), cmds);
      }),
      { numRuns: Number(process.env['LEDGER_MODEL_RUNS'] ?? 15), endOnFailure: true },
    );
  }, 900_000); // the default 15 runs take tens of seconds; LEDGER_MODEL_RUNS longer
});

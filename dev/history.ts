/**
 * The careers `ansinh seed --history-months <k>` puts behind each participant (dev/seed.ts): k
 * months before the seeded window, of employments that change (earlier jobs with other seeded
 * employers, ended, with gaps between them), yearly-ish raises, and the employers' payments that
 * leave some months unpaid. Everything here is pure and deterministic from the seed: a career is
 * drawn from its own generator (seed × participant), so it can be drawn again — the same — for each
 * table it is loaded into, and a million careers are never held in memory.
 *
 * What the reconciliation of those months would have written follows from the same rules it uses:
 * each month's lines by domain/contributions.ts (computed once per salary × region × run of months
 * with the same rates and floors), each employer's account replayed by domain/ledger.ts.
 */
import { addDays, addMonths, compareMonths, monthsBetween, type IsoDate, type Month } from '../domain/calendar';
import { computeContribution } from '../domain/contributions';
import { contributionDueDate } from '../domain/arrears';
import { replayLedger, type LedgerPayment, type LedgerPeriod, type Settlement } from '../domain/ledger';
import { Dec } from '../domain/money';
import {
  BASE_SALARY,
  baseSalaryFor,
  CONTRIBUTION_RATES,
  FUNDS,
  ratesFor,
  REGIONAL_MINIMUM_WAGE,
  regionalMinimumWageFor,
  REGIONS,
  SIDES,
  type Region,
} from '../domain/rates';
import { FIRST_PARTITION_MONTH } from '../db/queries/partitions';
import { rng } from './sample';

/**
 * The first month a seed can hold: contribution_months is partitioned from 1995 (migration 0030),
 * and domain/contributions.ts computes a month only once every rate table has a row for it (the
 * regional minimum wage starts in 2011-10).
 */
export const FIRST_SEEDABLE_MONTH: Month = [
  FIRST_PARTITION_MONTH,
  CONTRIBUTION_RATES[0]!.from,
  BASE_SALARY[0]!.from,
  REGIONAL_MINIMUM_WAGE[0]!.from,
].reduce((a, b) => (compareMonths(a, b) < 0 ? b : a));

/** The seed's months: the history (indices 0 … history − 1), then the window (history … length − 1). */
export class Timeline {
  readonly months: Month[];
  /** Per month: the first month of its run of months with the same floors, caps and rates. */
  readonly runStart: Int32Array;
  /** Per month: the last month of that run. */
  readonly runEnd: Int32Array;
  /** Per region, per month: the regional minimum wage, to draw salaries no lower. */
  readonly minimumWage: Record<Region, number[]>;

  constructor(
    readonly first: Month,
    /** Months of history: the index of the window's first month. */
    readonly history: number,
    /** Months in all (history and window). */
    readonly length: number,
  ) {
    this.months = Array.from({ length }, (_, t) => addMonths(first, t));
    this.runStart = new Int32Array(length);
    this.runEnd = new Int32Array(length);
    // computeContribution reads the month only through these three tables (contributionFloor, siCapFor, uiCapFor, ratesFor).
    const key = (m: Month) =>
      `${baseSalaryFor(m).toFixed(0)}|${REGIONS.map((r) => regionalMinimumWageFor(m, r).toFixed(0)).join(',')}|${JSON.stringify(ratesFor(m))}`;
    let prev = '';
    for (let t = 0; t < length; t++) {
      const k = key(this.months[t]!);
      this.runStart[t] = t > 0 && k === prev ? this.runStart[t - 1]! : t;
      prev = k;
    }
    for (let t = length - 1; t >= 0; t--)
      this.runEnd[t] = t < length - 1 && this.runStart[t + 1] === this.runStart[t] ? this.runEnd[t + 1]! : t;
    this.minimumWage = Object.fromEntries(
      REGIONS.map((r) => [r, this.months.map((m) => Number(regionalMinimumWageFor(m, r).toFixed(0)))]),
    ) as Record<Region, number[]>;
  }

  indexOf(m: Month): number {
    return monthsBetween(this.first, m);
  }
}

/** One employment of a career; months are indices into the timeline, `end` inclusive. */
export interface Job {
  employer: number;
  start: number;
  end: number;
  /** The current employment: no end month (it runs through the window). */
  open: boolean;
  contractType: string;
  /** Salary rows, by effective month ascending; the first is effective from `start`. */
  salaries: { from: number; amount: number }[];
}

/** What a career is drawn from: the participant as the window shows them. */
export interface CareerSeed {
  /** Index of the employer in the window. */
  employer: number;
  /** The salary in force in the window. */
  salary: number;
  dateOfBirth: string;
}

const CONTRACTS = ['indefinite', 'fixed_term_12_36', 'fixed_term_1_12'];

/** A 32-bit hash of two integers: one generator per participant or employer, independent of the others. */
function mix(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul((b + 0x632be5ab) | 0, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A salary as pay scales are: a multiple of 10,000 VND, never below the regional minimum wage. */
const payScale = (x: number, floor: number) =>
  Math.max(Math.ceil(floor / 10_000) * 10_000, Math.round(x / 10_000) * 10_000);

/**
 * Salary rows of a job that ends with `last`: a raise of 3–10 % every 11–13 months, counted back
 * from a raise in the job's last year (the current job's last raise is at or before the window's
 * first month, so the window shows `last`).
 */
function raises(
  r: () => number,
  start: number,
  end: number,
  last: number,
  wage: number[],
): { from: number; amount: number }[] {
  const out: { from: number; amount: number }[] = [];
  let at = end - Math.floor(r() * 12);
  let amount = last;
  while (at > start) {
    const before = payScale(amount / (1.03 + r() * 0.07), wage[at - 1]!);
    if (before >= amount) break; // already at the regional minimum: no raise to count back
    out.push({ from: at, amount });
    amount = before;
    at -= 11 + Math.floor(r() * 3);
  }
  out.push({ from: start, amount });
  return out.reverse();
}

/**
 * The career of participant `i`: their current employment (with the window's employer and salary;
 * it started at the window or up to the whole history before it), then, going back, earlier jobs
 * at other employers, each ended, with gaps of up to two years between them; nobody works before
 * 18 or before the history's first month. Chronological.
 */
export function careerOf(seed: number, i: number, p: CareerSeed, tl: Timeline, regions: readonly Region[]): Job[] {
  const r = rng(mix(seed, i));
  const k = tl.history;
  const employers = regions.length;
  const adultFrom = tl.indexOf(addMonths(p.dateOfBirth.slice(0, 7), 18 * 12));
  const earliest = Math.min(k, Math.max(0, adultFrom));
  let start = k;
  if (k > 0) {
    const tenure = r() < 0.25 ? k : Math.floor(-Math.log(1 - r()) * 36);
    start = Math.max(earliest, k - tenure);
  }
  const current: Job = {
    employer: p.employer,
    start,
    end: tl.length - 1,
    open: true,
    contractType: 'indefinite',
    salaries: raises(r, start, Math.max(start, k), p.salary, tl.minimumWage[regions[p.employer]!]),
  };
  const jobs: Job[] = [current];
  let next = current;
  let cursor = start - 1;
  while (cursor >= earliest) {
    const g = r();
    const gap = g < 0.5 ? 0 : g < 0.9 ? 1 + Math.floor(r() * 6) : 7 + Math.floor(r() * 18);
    const end = cursor - gap;
    if (end < earliest) break;
    const begin = Math.max(earliest, end - 2 - Math.floor(-Math.log(1 - r()) * 30));
    let employer = Math.floor(r() * employers);
    if (employers > 1 && employer === next.employer)
      employer = (employer + 1 + Math.floor(r() * (employers - 1))) % employers;
    const wage = tl.minimumWage[regions[employer]!];
    // Changing jobs often came with a raise: the job before paid 75–100 % of the next one's first salary.
    const last = payScale(next.salaries[0]!.amount * (0.75 + r() * 0.25), wage[end]!);
    const job: Job = {
      employer,
      start: begin,
      end,
      open: false,
      contractType: CONTRACTS[Math.floor(r() * CONTRACTS.length)]!,
      salaries: raises(r, begin, end, last, wage),
    };
    jobs.push(job);
    next = job;
    cursor = begin - 1;
  }
  return jobs.reverse();
}

/**
 * Each stretch of a job's months with one salary and one run of rates: (first, last, salary), in
 * order. A month's contribution is the same for every month of a stretch.
 */
export function forEachStretch(job: Job, tl: Timeline, f: (from: number, to: number, salary: number) => void): void {
  for (let j = 0; j < job.salaries.length; j++) {
    const s = job.salaries[j]!;
    const to = j + 1 < job.salaries.length ? job.salaries[j + 1]!.from - 1 : job.end;
    for (let t = s.from; t <= to;) {
      const e = Math.min(to, tl.runEnd[t]!);
      f(t, e, s.amount);
      t = e + 1;
    }
  }
}

/** Per fund × side (FUNDS × SIDES, in that order): the slot of its sum. */
const SLOT = new Map(FUNDS.flatMap((f, i) => SIDES.map((s, j) => [`${f}|${s}`, i * SIDES.length + j] as const)));
const SLOTS = FUNDS.length * SIDES.length;

/** One participant's month for one salary, region and run of rates: domain/contributions.ts's result, summed. */
export interface MonthAmounts {
  employee: string;
  employer: string;
  total: string;
  lines: number;
  /** Whole VND per fund × side slot (exact: integers far below 2^53). */
  slots: Float64Array;
  totalVnd: number;
}

/** computeContribution is pure: a history has far fewer salary × region × rate runs than person-months. */
export class ContributionMemo {
  private readonly memo = new Map<string, MonthAmounts>();
  constructor(private readonly tl: Timeline) {}

  of(t: number, region: Region, salary: number): MonthAmounts {
    const run = this.tl.runStart[t]!;
    const key = `${run}|${region}|${salary}`;
    let v = this.memo.get(key);
    if (!v) {
      const c = computeContribution({ month: this.tl.months[run]!, salary: String(salary), region });
      const slots = new Float64Array(SLOTS);
      for (const l of c.lines) slots[SLOT.get(`${l.fund}|${l.side}`)!] = Number(l.amount);
      v = {
        employee: c.employee.total,
        employer: c.employer.total,
        total: c.total,
        lines: c.lines.length,
        slots,
        totalVnd: Number(c.total),
      };
      this.memo.set(key, v);
    }
    return v;
  }
}

/** An employer's period as the reconciliation sums it (db/queries/periods.ts PeriodDue). */
export interface SeedPeriodDue {
  employees: number;
  employee: Record<string, string>;
  employer: Record<string, string>;
  total: string;
}

const EMPLOYEES = SLOTS;
const TOTAL = SLOTS + 1;
const WIDTH = SLOTS + 2;

/**
 * What every employer owes for every month, summed from the participants' stretches: each stretch
 * adds its amounts at its first month and takes them off after its last (a difference array), so
 * the cost grows with the stretches, not with the person-months; the running sums are the dues.
 * Sums of whole-VND line amounts are integers, exact in a double below 2^53 (2^53 VND is 9 × 10^15:
 * a million people's decade is about 10^15); `due` checks every figure it returns.
 */
export class DueSums {
  private readonly d: Float64Array;
  private summed = false;
  constructor(
    private readonly employers: number,
    private readonly months: number,
  ) {
    this.d = new Float64Array(employers * (months + 1) * WIDTH);
  }

  add(employer: number, from: number, to: number, c: MonthAmounts): void {
    const d = this.d;
    const a = (employer * (this.months + 1) + from) * WIDTH;
    const b = (employer * (this.months + 1) + to + 1) * WIDTH;
    for (let s = 0; s < SLOTS; s++) {
      const x = c.slots[s]!;
      if (x !== 0) {
        d[a + s] = d[a + s]! + x;
        d[b + s] = d[b + s]! - x;
      }
    }
    d[a + EMPLOYEES] = d[a + EMPLOYEES]! + 1;
    d[b + EMPLOYEES] = d[b + EMPLOYEES]! - 1;
    d[a + TOTAL] = d[a + TOTAL]! + c.totalVnd;
    d[b + TOTAL] = d[b + TOTAL]! - c.totalVnd;
  }

  private sum(): void {
    if (this.summed) return;
    const d = this.d;
    for (let e = 0; e < this.employers; e++) {
      const base = e * (this.months + 1) * WIDTH;
      for (let t = 1; t < this.months; t++)
        for (let s = 0; s < WIDTH; s++) {
          const at = base + t * WIDTH + s;
          d[at] = d[at]! + d[at - WIDTH]!;
        }
    }
    this.summed = true;
  }

  /** The employer's due for month t (zero: nobody employed). */
  due(employer: number, t: number): SeedPeriodDue {
    this.sum();
    const at = (employer * (this.months + 1) + t) * WIDTH;
    const whole = (x: number) => {
      if (!Number.isSafeInteger(x) || x < 0) throw new Error(`seed: a due of ${x} VND is not an exact whole amount`);
      return String(x);
    };
    const side = (j: number) => {
      const out: Record<string, string> = {};
      FUNDS.forEach((f, i) => {
        const x = this.d[at + i * SIDES.length + j]!;
        if (x !== 0) out[f] = whole(x);
      });
      return out;
    };
    return {
      employees: this.d[at + EMPLOYEES]!,
      employee: side(SIDES.indexOf('employee')),
      employer: side(SIDES.indexOf('employer')),
      total: whole(this.d[at + TOTAL]!),
    };
  }
}

/** A payment of the simulated account, with its bank reference. */
export interface SeedPayment extends LedgerPayment {
  bankReference: string;
}

export interface SimulatedAccount {
  payments: SeedPayment[];
  /** domain/ledger.ts replayLedger over every period and payment: the allocations the ledger derives. */
  settlements: Settlement[];
  /** Per period with something due: the principal still outstanding after every payment. */
  outstanding: Map<Month, string>;
}

/** The share of employers in arrears at the end of a history. */
const ARREARS_SHARE = 0.15;

/** Money enough to settle anything: the trial payment whose settlements say what "in full" costs. */
const ENOUGH = '1000000000000000000';
const TRIAL_ID = Number.MAX_SAFE_INTEGER;

/**
 * An employer's payments month by month, each month's behaviour drawn: 80 % pay on time (five days
 * before the deadline) and 8 % late (1–20 days after it), both in full — everything still open,
 * principal and late charge, so an employer behind catches up; 7 % pay 60 % of the month's due;
 * 5 % pay nothing. Nothing is dated after `today`. "In full" is what the ledger says it is: the
 * open periods (those not yet settled, with the payments since the account was last clear) are
 * replayed with a trial payment of more than enough, and the payment is what that trial used — so
 * no payment leaves credit, and the replay of the whole account agrees. Late days stop before the
 * next month's on-time date, so payments are in month order.
 *
 * With a history (`arrearsBefore`: the window's first month), 15 % of employers fall into arrears
 * for the last 2–12 months before it: they pay nothing then, and from the window on only each
 * month's own due, on time, never the arrears — which the ledger allocates oldest first, so their
 * latest months stay unpaid (declared but unpaid in the participants' books).
 */
export function simulateAccount(opts: {
  seed: number;
  employer: number;
  taxCode: string;
  periods: { period: Month; due: string }[];
  today: IsoDate;
  firstId: () => number;
  arrearsBefore?: Month;
}): SimulatedAccount {
  const r = rng(mix(opts.seed ^ 0x5eed, opts.employer));
  // Every employer on a 15 % stride (the employers' order is random: their tax codes are).
  const inArrears = (opts.employer * ARREARS_SHARE) % 1 < ARREARS_SHARE;
  const arrearsMonths = 2 + Math.floor(r() * 11);
  const arrearsFrom = opts.arrearsBefore && inArrears ? addMonths(opts.arrearsBefore, -arrearsMonths) : null;
  const payments: SeedPayment[] = [];
  let open: LedgerPeriod[] = [];
  let since: LedgerPayment[] = [];
  for (const p of opts.periods) {
    open.push(p);
    const x = r();
    const late = r();
    const behind = arrearsFrom !== null && p.period >= arrearsFrom;
    if (behind && p.period < opts.arrearsBefore!) continue; // the months of arrears: nothing paid
    if (!behind && x >= 0.95) continue;
    const deadline = contributionDueDate(p.period);
    const valueDate = behind || x < 0.8 ? addDays(deadline, -5) : addDays(deadline, 1 + Math.floor(late * 20));
    if (valueDate > opts.today) continue; // not arrived yet: the period is (partly) unpaid as of today
    let amount: string;
    const full = !behind && x < 0.88;
    if (behind) amount = p.due;
    else if (!full) amount = new Dec(p.due).times(0.6).toDecimalPlaces(0).toFixed(0);
    else if (open.length === 1 && since.length === 0 && valueDate <= deadline) amount = p.due;
    else {
      const trial = replayLedger({
        periods: open,
        payments: [...since, { id: TRIAL_ID, amount: ENOUGH, valueDate }],
        asOf: valueDate,
      });
      amount = trial.settlements
        .filter((s) => s.paymentId === TRIAL_ID)
        .reduce((a, s) => a.plus(s.principal).plus(s.interest), new Dec(0))
        .toFixed(0);
    }
    const pay: SeedPayment = {
      id: opts.firstId(),
      amount,
      valueDate,
      bankReference: `SEED-${opts.seed}-${p.period}-${opts.taxCode}`,
    };
    payments.push(pay);
    if (full) {
      // Everything up to this month is settled, principal and charge: the account is clear.
      open = [];
      since = [];
    } else since.push(pay);
  }
  const outstanding = new Map<Month, string>();
  if (payments.length === 0) {
    for (const p of opts.periods) outstanding.set(p.period, p.due);
    return { payments, settlements: [], outstanding };
  }
  const asOf = payments[payments.length - 1]!.valueDate;
  const replay = replayLedger({ periods: opts.periods, payments, asOf });
  for (const s of replay.periods) outstanding.set(s.period, s.outstanding);
  return { payments, settlements: replay.settlements, outstanding };
}

/** The day the reconciliation of a history month ran: a fortnight after its deadline (never after today). */
export function reconciledOn(period: Month, today: IsoDate): IsoDate {
  const d = addDays(contributionDueDate(period), 15);
  return d < today ? d : today;
}

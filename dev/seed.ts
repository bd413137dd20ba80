/**
 * `ansinh seed`: a realistic synthetic population, fast — PostgreSQL COPY, not row-by-row
 * inserts — and deterministic from a seed. Active employers, participants with an employment, a
 * salary, an employer-paid HI card and an e-book each, and for every month of the window the
 * employers' payments: most on time and in full, some late, some partial, some missing.
 * With `historyMonths` (`--history-months`), each participant also has a career of that many months
 * before the window (dev/history.ts: earlier employments, gaps, raises) and those months are as the
 * monthly reconciliation left them: contribution months credited or declared but unpaid, the
 * employers' reconciled periods, their payments and allocations, and the e-books showing it all.
 * The window itself is not reconciled (the next run does that). Everything written satisfies
 * `ansinh ebook verify` and `ansinh ledger verify`. The rows are generated here (from dev/sample.ts,
 * dev/history.ts); db/queries/bulk-load.ts COPYs them, streamed from generators.
 */
import type postgres from 'postgres';
import {
  advanceSequences,
  analyze,
  bulkLoadStart,
  ensureSeedPartitions,
  loadContributionMonths,
  loadEbooks,
  loadEmployerPeriods,
  loadEmployers,
  loadEmployments,
  loadHiCards,
  loadParticipants,
  loadPayments,
  nextPaymentId,
  type AllocationLoadRow,
  type ContributionMonthLoadRow,
  type EmployerPeriodLoadRow,
  type EmploymentLoadRow,
  type PaymentLoadRow,
  type ParticipantLoadRow,
} from '../db/queries/bulk-load';
import { settlePeriod } from '../db/queries/periods';
import { samplePersonalId, sampleTaxCode, rng } from './sample';
import {
  careerOf,
  ContributionMemo,
  DueSums,
  FIRST_SEEDABLE_MONTH,
  forEachStretch,
  reconciledOn,
  simulateAccount,
  Timeline,
  type Job,
} from './history';
import { addMonths, compareMonths, firstDayOf, monthsBetween, type IsoDate, type Month } from '../domain/calendar';
import type { EbookContributionMonth, EbookEmployment } from '../domain/ebook';
import { DomainError } from '../domain/errors';
import { buildHiCardCode, hiBenefitLevel } from '../domain/identifiers';
import type { Settlement } from '../domain/ledger';
import { EMPLOYEE_HI_GROUP, EMPLOYEE_HI_LEVEL_DIGIT, formatSiNumber, formatUnitCode } from '../domain/onboarding';
import type { Region } from '../domain/rates';

export interface SeedOptions {
  employers: number;
  participants: number;
  /** Months of contributions, ending with `lastPeriod`. */
  months: number;
  lastPeriod: Month;
  /**
   * Months of history before the window (default 0), ending the month before its first: careers,
   * contribution months, reconciled periods, payments and e-books as if reconciled month by month.
   */
  historyMonths?: number;
  /**
   * The seeding day: no payment is dated after it (money the bank has not yet received does not
   * exist; a later-dated payment would be refused by recordPayment and break the derived ledger).
   */
  today: IsoDate;
  seed: number;
  onProgress?: (stage: string, done: number, total: number) => void;
}

export interface SeedSummary {
  employers: number;
  participants: number;
  payments: number;
  firstPeriod: Month;
  lastPeriod: Month;
  historyMonths: number;
  /** The history's first month (null: no history). */
  firstHistoryMonth: Month | null;
  employments: number;
  /** Contribution months loaded (the history's). */
  contributionMonths: number;
}

const REGIONS: Region[] = ['I', 'I', 'II', 'III', 'IV'];
const PROVINCES = ['01', '79', '48', '31', '92', '75', '74', '27'];

/** The refusals of a seed's months, before anything is written. */
function checkMonths(o: SeedOptions): { firstPeriod: Month; first: Month; history: number } {
  const history = o.historyMonths ?? 0;
  if (!Number.isSafeInteger(history) || history < 0)
    throw new DomainError('INVALID_INPUT', '--history-months must be a whole number ≥ 0', 'historyMonths', undefined, {
      min: 0,
    });
  const firstPeriod = addMonths(o.lastPeriod, -(o.months - 1));
  const first = addMonths(firstPeriod, -history);
  if (compareMonths(first, FIRST_SEEDABLE_MONTH) < 0) {
    const max = Math.max(0, monthsBetween(FIRST_SEEDABLE_MONTH, firstPeriod));
    throw new DomainError(
      'INVALID_INPUT',
      `the seed would start in ${first}, before ${FIRST_SEEDABLE_MONTH} (contribution_months is partitioned from 1995 and the rate tables start in ${FIRST_SEEDABLE_MONTH}): at most ${max} months of history before ${firstPeriod}`,
      'historyMonths',
      undefined,
      { max },
    );
  }
  return { firstPeriod, first, history };
}

export async function seed(sql: postgres.Sql, o: SeedOptions): Promise<SeedSummary> {
  const { firstPeriod, first, history: k } = checkMonths(o);
  const tl = new Timeline(first, k, k + o.months);
  const r = rng(o.seed);
  const progress = o.onProgress ?? (() => {});
  const { unitBase, siBase, participants: idBase, taxCodes: taken } = await bulkLoadStart(sql);
  // contribution_months is partitioned by year (migration 0030): the history's years exist before the COPY.
  if (k > 0) await ensureSeedPartitions(sql, o.lastPeriod);

  // Employers.
  // Tax codes are random (10^8 of them): at 10,000 employers two would collide about every other
  // seed, so a code already taken (here or in the database) is drawn again.
  const uniqueTaxCode = (): string => {
    for (;;) {
      const t = sampleTaxCode(r);
      if (!taken.has(t)) {
        taken.add(t);
        return t;
      }
    }
  };
  const employers = Array.from({ length: o.employers }, (_, i) => {
    const province = PROVINCES[Math.floor(r() * PROVINCES.length)]!;
    return {
      taxCode: uniqueTaxCode(),
      province,
      region: REGIONS[Math.floor(r() * REGIONS.length)]!,
      unitCode: formatUnitCode(province, unitBase + i + 1),
      name: `Công ty Mẫu ${o.seed}-${i + 1}`,
    };
  });
  const regions = employers.map((e) => e.region);
  await loadEmployers(
    sql,
    employers.map((e) => ({
      taxCode: e.taxCode,
      name: e.name,
      address: 'Địa chỉ mẫu',
      provinceCode: e.province,
      wageRegion: e.region,
      category: 'enterprise',
      status: 'active',
      unitCode: e.unitCode,
    })),
  );
  progress('employers', o.employers, o.employers);

  // Participants as the window shows them: employer, salary, identity. Their careers before the
  // window are drawn from generators of their own (dev/history.ts), so the window is the same
  // whatever the history's length.
  const people = Array.from({ length: o.participants }, (_, i) => {
    const employer = i % o.employers;
    const e = employers[employer]!;
    const gender = r() < 0.5 ? 'male' : 'female';
    const year = 1966 + Math.floor(r() * 38);
    const dob = `${year}-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;
    const serial = idBase + i;
    const id = samplePersonalId(() => 0, dob, gender as 'male' | 'female', serial % 1_000_000);
    const personalId = `${String(1 + Math.floor(serial / 1_000_000)).padStart(3, '0')}${id.slice(3)}`;
    const siNumber = formatSiNumber(e.province, siBase + i + 1);
    const floor =
      e.region === 'I' ? 5_310_000 : e.region === 'II' ? 4_730_000 : e.region === 'III' ? 4_140_000 : 3_700_000;
    const salary = Math.max(floor, Math.round((6_000_000 + r() * 40_000_000) / 1000) * 1000);
    return { personalId, siNumber, gender, dob, employer, salary, name: `Người Mẫu ${serial + 1}` };
  });
  type Person = (typeof people)[number];
  const careerOfPerson = (i: number, p: Person): Job[] =>
    careerOf(o.seed, i, { employer: p.employer, salary: p.salary, dateOfBirth: p.dob }, tl, regions);
  /** Each participant with their career, drawn again (the same) on every call. */
  function* careers(stage?: string): Generator<[Person, Job[]]> {
    for (const [i, p] of people.entries()) {
      if (stage && i % 50_000 === 0) progress(stage, i, o.participants);
      yield [p, careerOfPerson(i, p)];
    }
    if (stage) progress(stage, o.participants, o.participants);
  }

  // What every employer owes for every month (history and window), from the careers' stretches.
  const memo = new ContributionMemo(tl);
  const dues = new DueSums(o.employers, tl.length);
  const currentStart = new Int32Array(o.participants);
  let monthCount = 0;
  {
    let i = 0;
    for (const [, jobs] of careers(k > 0 ? 'careers' : undefined)) {
      currentStart[i++] = jobs[jobs.length - 1]!.start;
      for (const job of jobs)
        forEachStretch(job, tl, (a, b, salary) => {
          dues.add(job.employer, a, b, memo.of(a, regions[job.employer]!, salary));
          if (a < k) monthCount += Math.min(b, k - 1) - a + 1;
        });
    }
  }

  // Each employer's account month by month (dev/history.ts simulateAccount): its payments, the
  // allocations the ledger derives, and which months are paid in full.
  let nextId = await nextPaymentId(sql);
  const firstPayment = nextId;
  const paymentRows: PaymentLoadRow[] = [];
  const allocationRows: AllocationLoadRow[] = [];
  /** Per employer × history month: 1 when the period is paid in full (its months credited). */
  const credited = new Uint8Array(o.employers * k);
  /** Per employer: its settlements by period (the reconciled periods' figures as of their day). */
  const settledBy: Map<Month, Settlement[]>[] = [];
  for (const [e, employer] of employers.entries()) {
    const periods: { period: Month; due: string }[] = [];
    for (let t = 0; t < tl.length; t++) {
      const due = dues.due(e, t);
      if (due.employees > 0 && due.total !== '0') periods.push({ period: tl.months[t]!, due: due.total });
    }
    const account = simulateAccount({
      seed: o.seed,
      employer: e,
      taxCode: employer.taxCode,
      periods,
      today: o.today,
      firstId: () => nextId++,
      ...(k > 0 ? { arrearsBefore: firstPeriod } : {}),
    });
    for (const pay of account.payments)
      paymentRows.push({
        id: pay.id,
        bankReference: pay.bankReference,
        employerTaxCode: employer.taxCode,
        amount: pay.amount,
        valueDate: pay.valueDate,
        author: 'seed',
      });
    const byPeriod = new Map<Month, Settlement[]>();
    for (const s of account.settlements) {
      allocationRows.push({
        paymentId: s.paymentId,
        period: s.period,
        principal: s.principal,
        interest: s.interest,
        settledOn: s.on,
        fromCredit: s.fromCredit,
      });
      if (k > 0 && compareMonths(s.period, firstPeriod) < 0) {
        if (!byPeriod.has(s.period)) byPeriod.set(s.period, []);
        byPeriod.get(s.period)!.push(s);
      }
    }
    settledBy.push(byPeriod);
    for (let t = 0; t < k; t++) if (account.outstanding.get(tl.months[t]!) === '0') credited[e * k + t] = 1;
  }
  for (let t = k; t < tl.length; t++) progress(`payments ${tl.months[t]}`, 1, 1);

  // Participants, employments, salaries, HI cards: one COPY per table.
  const participantOf = (p: Person): ParticipantLoadRow => ({
    personalId: p.personalId,
    siNumber: p.siNumber,
    fullName: p.name,
    dateOfBirth: p.dob,
    gender: p.gender,
    nationality: 'VN',
  });
  await loadParticipants(sql, people.map(participantOf));
  progress('participants', o.participants, o.participants);
  const employmentsOf = (jobs: Job[]): EbookEmployment[] =>
    jobs.map((j) => ({
      employerTaxCode: employers[j.employer]!.taxCode,
      employerName: employers[j.employer]!.name,
      unitCode: employers[j.employer]!.unitCode,
      startMonth: tl.months[j.start]!,
      endMonth: j.open ? null : tl.months[j.end]!,
      jobTitle: 'Nhân viên',
      contractType: j.contractType,
      salaries: j.salaries.map((s) => ({ effectiveMonth: tl.months[s.from]!, amount: String(s.amount) })),
    }));
  const employments = await loadEmployments(sql, function* (): Generator<EmploymentLoadRow> {
    for (const [p, jobs] of careers()) for (const e of employmentsOf(jobs)) yield { personalId: p.personalId, ...e };
  });
  const cards = people.map((p, i) => ({
    cardCode: buildHiCardCode(EMPLOYEE_HI_GROUP, EMPLOYEE_HI_LEVEL_DIGIT, employers[p.employer]!.province, p.siNumber),
    // From the current employment's start: its employer pays the card.
    validFrom: firstDayOf(tl.months[currentStart[i]!]!),
  }));
  await loadHiCards(
    sql,
    people.map((p, i) => ({
      cardCode: cards[i]!.cardCode,
      personalId: p.personalId,
      payerKind: 'employer',
      payerTaxCode: employers[p.employer]!.taxCode,
      levelDigit: EMPLOYEE_HI_LEVEL_DIGIT,
      benefitLevel: hiBenefitLevel(EMPLOYEE_HI_LEVEL_DIGIT),
      validFrom: cards[i]!.validFrom,
    })),
  );
  progress('employments, salaries, HI cards', o.participants, o.participants);

  // The history as reconciled: each participant's months, each employer's periods.
  /** The participant's history months, as the reconciliation writes them (one per month employed). */
  function historyMonthsOf(jobs: Job[], f: (m: Omit<ContributionMonthLoadRow, 'personalId'>) => void): void {
    for (const job of jobs) {
      if (job.start >= k) continue;
      const e = employers[job.employer]!;
      forEachStretch(job, tl, (a, b, salary) => {
        if (a >= k) return;
        const c = memo.of(a, e.region, salary);
        for (let t = a; t <= Math.min(b, k - 1); t++)
          f({
            employerTaxCode: e.taxCode,
            period: tl.months[t]!,
            status: credited[job.employer * k + t] ? 'credited' : 'declared_unpaid',
            salary: String(salary),
            employeeAmount: c.employee,
            employerAmount: c.employer,
            amount: c.total,
            lines: c.lines,
          });
      });
    }
  }
  let contributionMonths = 0;
  if (k > 0) {
    contributionMonths = await loadContributionMonths(
      sql,
      (function* () {
        const out: ContributionMonthLoadRow[] = [];
        for (const [p, jobs] of careers('contribution months')) {
          historyMonthsOf(jobs, (m) => out.push({ personalId: p.personalId, ...m }));
          yield* out;
          out.length = 0;
        }
      })(),
    );
    if (contributionMonths !== monthCount)
      throw new Error(`seed: ${contributionMonths} contribution months loaded, ${monthCount} expected`);
    await loadEmployerPeriods(
      sql,
      (function* (): Generator<EmployerPeriodLoadRow> {
        for (const [e, employer] of employers.entries()) {
          for (let t = 0; t < k; t++) {
            const period = tl.months[t]!;
            const asOf = reconciledOn(period, o.today);
            const due = dues.due(e, t);
            const paid = (settledBy[e]!.get(period) ?? [])
              .filter((s) => s.on <= asOf)
              .map((s) => ({ settled_on: s.on, principal: s.principal, interest: s.interest }));
            const st = settlePeriod(employer.taxCode, period, asOf, due, paid);
            yield {
              employerTaxCode: employer.taxCode,
              period,
              due: st.total,
              paid: st.paid,
              outstanding: st.outstanding,
              lateCharge: st.lateCharge,
              chargePaid: st.chargePaid,
              maxDaysLate: st.maxDaysLate,
              evasion: st.evasion,
              status: st.status,
              asOf,
              employees: due.employees,
              dueByFund: { employee: due.employee, employer: due.employer },
            };
          }
        }
      })(),
    );
  }
  await loadPayments(sql, firstPayment, paymentRows, allocationRows);

  // E-books: each participant's records, rendered and stored by loadEbooks.
  await loadEbooks(
    sql,
    (function* () {
      let i = 0;
      for (const [p, jobs] of careers('e-books')) {
        const months: EbookContributionMonth[] = [];
        historyMonthsOf(jobs, (m) =>
          months.push({ period: m.period, employerTaxCode: m.employerTaxCode, status: m.status }),
        );
        yield {
          participant: participantOf(p),
          employments: employmentsOf(jobs),
          hiCards: [
            {
              cardCode: cards[i]!.cardCode,
              payerKind: 'employer',
              payerTaxCode: employers[p.employer]!.taxCode,
              benefitLevel: 80,
              validFrom: cards[i]!.validFrom,
              validTo: null,
              initialFacilityCode: null,
              fiveYearsFrom: null,
            },
          ],
          contributionMonths: months,
        };
        i++;
      }
    })(),
  );
  await advanceSequences(sql, { siNumber: siBase + o.participants, unitCode: unitBase + o.employers });
  await analyze(sql);
  return {
    employers: o.employers,
    participants: o.participants,
    payments: paymentRows.length,
    firstPeriod,
    lastPeriod: o.lastPeriod,
    historyMonths: k,
    firstHistoryMonth: k > 0 ? first : null,
    employments,
    contributionMonths,
  };
}

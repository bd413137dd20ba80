/**
 * `ansinh seed`: a realistic synthetic population, fast — PostgreSQL COPY, not row-by-row
 * inserts — and deterministic from a seed. Active employers, participants with one employment,
 * a salary, an employer-paid HI card and an e-book each, and for every month of the window the
 * employers' payments: most on time and in full, some late, some partial, some missing.
 * Everything written satisfies `ansinh ebook verify` and `ansinh ledger verify`. The rows are
 * generated here (from dev/sample.ts); db/queries/bulk-load.ts COPYs them.
 */
import type postgres from 'postgres';
import {
  advanceSequences,
  analyze,
  bulkLoadStart,
  loadEbooks,
  loadEmployers,
  loadEmployments,
  loadHiCards,
  loadParticipants,
  loadPayments,
  nextPaymentId,
  type AllocationLoadRow,
  type PaymentLoadRow,
  type ParticipantLoadRow,
} from '../db/queries/bulk-load';
import { samplePersonalId, sampleTaxCode, rng } from './sample';
import { addDays, addMonths, firstDayOf, type IsoDate, type Month } from '../domain/calendar';
import { computeContribution } from '../domain/contributions';
import { buildHiCardCode, hiBenefitLevel } from '../domain/identifiers';
import { Dec } from '../domain/money';
import { EMPLOYEE_HI_GROUP, EMPLOYEE_HI_LEVEL_DIGIT, formatSiNumber, formatUnitCode } from '../domain/onboarding';
import type { Region } from '../domain/rates';
import { contributionDueDate } from '../domain/arrears';
import { replayLedger, type LedgerPayment, type LedgerPeriod } from '../domain/ledger';

export interface SeedOptions {
  employers: number;
  participants: number;
  /** Months of contributions, ending with `lastPeriod`. */
  months: number;
  lastPeriod: Month;
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
}

const REGIONS: Region[] = ['I', 'I', 'II', 'III', 'IV'];
const PROVINCES = ['01', '79', '48', '31', '92', '75', '74', '27'];
export async function seed(sql: postgres.Sql, o: SeedOptions): Promise<SeedSummary> {
  const r = rng(o.seed);
  const firstPeriod = addMonths(o.lastPeriod, -(o.months - 1));
  const progress = o.onProgress ?? (() => {});
  const { unitBase, siBase, participants: idBase, taxCodes: taken } = await bulkLoadStart(sql);

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

  // Participants, employments, salaries, HI cards, e-books: one pass, one COPY per table.
  const people = Array.from({ length: o.participants }, (_, i) => {
    const employer = employers[i % o.employers]!;
    const gender = r() < 0.5 ? 'male' : 'female';
    const year = 1966 + Math.floor(r() * 38);
    const dob = `${year}-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;
    const serial = idBase + i;
    const id = samplePersonalId(() => 0, dob, gender as 'male' | 'female', serial % 1_000_000);
    const personalId = `${String(1 + Math.floor(serial / 1_000_000)).padStart(3, '0')}${id.slice(3)}`;
    const siNumber = formatSiNumber(employer.province, siBase + i + 1);
    const floor =
      employer.region === 'I'
        ? 5_310_000
        : employer.region === 'II'
          ? 4_730_000
          : employer.region === 'III'
            ? 4_140_000
            : 3_700_000;
    const salary = String(Math.max(floor, Math.round((6_000_000 + r() * 40_000_000) / 1000) * 1000));
    return { personalId, siNumber, gender, dob, employer, salary, name: `Người Mẫu ${serial + 1}` };
  });
  /** The participant row, as loaded and as the e-book shows it. */
  const participantOf = (p: (typeof people)[number]): ParticipantLoadRow => ({
    personalId: p.personalId,
    siNumber: p.siNumber,
    fullName: p.name,
    dateOfBirth: p.dob,
    gender: p.gender,
    nationality: 'VN',
  });
  await loadParticipants(sql, people.map(participantOf));
  progress('participants', o.participants, o.participants);
  await loadEmployments(
    sql,
    people.map((p) => ({
      personalId: p.personalId,
      employerTaxCode: p.employer.taxCode,
      startMonth: firstPeriod,
      jobTitle: 'Nhân viên',
      contractType: 'indefinite',
      salary: p.salary,
    })),
  );
  const cards = people.map((p) => ({
    cardCode: buildHiCardCode(EMPLOYEE_HI_GROUP, EMPLOYEE_HI_LEVEL_DIGIT, p.employer.province, p.siNumber),
    validFrom: firstDayOf(firstPeriod),
  }));
  await loadHiCards(
    sql,
    people.map((p, i) => ({
      cardCode: cards[i]!.cardCode,
      personalId: p.personalId,
      payerKind: 'employer',
      payerTaxCode: p.employer.taxCode,
      levelDigit: EMPLOYEE_HI_LEVEL_DIGIT,
      benefitLevel: hiBenefitLevel(EMPLOYEE_HI_LEVEL_DIGIT),
      validFrom: cards[i]!.validFrom,
    })),
  );
  progress('employments, salaries, HI cards', o.participants, o.participants);
  await loadEbooks(
    sql,
    (function* () {
      for (const [i, p] of people.entries()) {
        if (i % 50_000 === 0) progress('e-books', i, o.participants);
        yield {
          participant: participantOf(p),
          employments: [
            {
              employerTaxCode: p.employer.taxCode,
              employerName: p.employer.name,
              unitCode: p.employer.unitCode,
              startMonth: firstPeriod,
              endMonth: null,
              jobTitle: 'Nhân viên',
              contractType: 'indefinite',
              salaries: [{ effectiveMonth: firstPeriod, amount: p.salary }],
            },
          ],
          hiCards: [
            {
              cardCode: cards[i]!.cardCode,
              payerKind: 'employer',
              payerTaxCode: p.employer.taxCode,
              benefitLevel: 80,
              validFrom: cards[i]!.validFrom,
              validTo: null,
              initialFacilityCode: null,
              fiveYearsFrom: null,
            },
          ],
          contributionMonths: [],
        };
      }
    })(),
  );
  progress('e-books', o.participants, o.participants);
  await advanceSequences(sql, { siNumber: siBase + o.participants, unitCode: unitBase + o.employers });

  // Payments: per employer and month, 80 % on time in full, 8 % late in full, 7 % partial, 5 % none.
  const dueBy = new Map<string, InstanceType<typeof Dec>>();
  const firstPayment = await nextPaymentId(sql);
  const paymentsRows: PaymentLoadRow[] = [];
  // Per employer, its dues and payments: the allocations are the replay of its account (rules §8),
  // exactly what the ledger derives (a late payment leaves its charge for the next one to settle).
  const accounts = new Map<string, { periods: LedgerPeriod[]; payments: LedgerPayment[] }>(
    employers.map((e) => [e.taxCode, { periods: [], payments: [] }]),
  );
  for (let m = firstPeriod; m <= o.lastPeriod; m = addMonths(m, 1)) {
    dueBy.clear();
    for (const p of people) {
      const due = new Dec(computeContribution({ month: m, salary: p.salary, region: p.employer.region }).total);
      dueBy.set(p.employer.taxCode, (dueBy.get(p.employer.taxCode) ?? new Dec(0)).plus(due));
    }
    const deadline = contributionDueDate(m);
    for (const e of employers) {
      const x = r();
      const due = dueBy.get(e.taxCode) ?? new Dec(0);
      if (!due.isZero()) accounts.get(e.taxCode)!.periods.push({ period: m, due: due.toFixed(0) });
      if (x >= 0.95 || due.isZero()) continue;
      const amount = x < 0.88 ? due : due.times(0.6).toDecimalPlaces(0);
      const valueDate = x < 0.8 ? addDays(deadline, -5) : addDays(deadline, 1 + Math.floor(r() * 40));
      if (valueDate > o.today) continue; // not arrived yet: the period is (partly) unpaid as of today
      const id = firstPayment + paymentsRows.length;
      paymentsRows.push({
        id,
        bankReference: `SEED-${o.seed}-${m}-${e.taxCode}`,
        employerTaxCode: e.taxCode,
        amount: amount.toFixed(0),
        valueDate,
        author: 'seed',
      });
      accounts.get(e.taxCode)!.payments.push({ id, amount: amount.toFixed(0), valueDate });
    }
    progress(`payments ${m}`, 1, 1);
  }
  const allocationRows: AllocationLoadRow[] = [];
  for (const a of accounts.values()) {
    if (a.payments.length === 0) continue;
    const asOf = a.payments.reduce((d, p) => (p.valueDate > d ? p.valueDate : d), a.payments[0]!.valueDate);
    for (const s of replayLedger({ ...a, asOf }).settlements)
      allocationRows.push({
        paymentId: s.paymentId,
        period: s.period,
        principal: s.principal,
        interest: s.interest,
        settledOn: s.on,
        fromCredit: s.fromCredit,
      });
  }
  await loadPayments(sql, firstPayment, paymentsRows, allocationRows);
  await analyze(sql);
  return {
    employers: o.employers,
    participants: o.participants,
    payments: paymentsRows.length,
    firstPeriod,
    lastPeriod: o.lastPeriod,
  };
}

/**
 * `ansinh seed`: a realistic synthetic population, fast — PostgreSQL COPY, not row-by-row
 * inserts — and deterministic from a seed. Active employers, participants with one employment,
 * a salary, an employer-paid HI card and an e-book each, and for every month of the window the
 * employers' payments: most on time and in full, some late, some partial, some missing.
 * Everything written satisfies `ansinh ebook verify` and `ansinh ledger verify`.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type postgres from 'postgres';
import { samplePersonalId, sampleTaxCode, rng } from '../dev/sample';
import { addDays, addMonths, firstDayOf, type IsoDate, type Month } from '../domain/calendar';
import { computeContribution } from '../domain/contributions';
import { renderEbook } from '../domain/ebook';
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
const TSV = (v: unknown) => (v === null || v === undefined ? '\\N' : String(v).replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!));

async function copy(sql: postgres.Sql, table: string, columns: string[], rows: Iterable<unknown[]>): Promise<void> {
  const writable = await sql.unsafe(`copy ${table} (${columns.join(', ')}) from stdin`).writable();
  async function* lines() {
    let chunk = '';
    for (const r of rows) {
      chunk += `${r.map(TSV).join('\t')}\n`;
      if (chunk.length > 1 << 20) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
  }
  await pipeline(Readable.from(lines()), writable);
}

export async function seed(sql: postgres.Sql, o: SeedOptions): Promise<SeedSummary> {
  const r = rng(o.seed);
  const firstPeriod = addMonths(o.lastPeriod, -(o.months - 1));
  const progress = o.onProgress ?? (() => {});
  const [{ n: unitBase }] = (await sql`select coalesce(max(substr(unit_code, 3)::int), 0) as n from employers`) as unknown as [{ n: number }];
  const [{ n: siBase }] = (await sql`select last_value::int as n from si_number_seq`) as unknown as [{ n: number }];
  const [{ n: idBase }] = (await sql`select count(*)::int as n from participants`) as unknown as [{ n: number }];

  // Employers.
  // Tax codes are random (10^8 of them): at 10,000 employers two would collide about every other
  // seed, so a code already taken (here or in the database) is drawn again.
  const taken = new Set((await sql`select tax_code from employers`).map((e) => e.tax_code as string));
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
    return { taxCode: uniqueTaxCode(), province, region: REGIONS[Math.floor(r() * REGIONS.length)]!, unitCode: formatUnitCode(province, unitBase + i + 1), name: `Công ty Mẫu ${o.seed}-${i + 1}` };
  });
  await copy(
    sql,
    'employers',
    ['tax_code', 'name', 'address', 'province_code', 'wage_region', 'category', 'status', 'unit_code'],
    employers.map((e) => [e.taxCode, e.name, 'Địa chỉ mẫu', e.province, e.region, 'enterprise', 'active', e.unitCode]),
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
    const floor = employer.region === 'I' ? 5_310_000 : employer.region === 'II' ? 4_730_000 : employer.region === 'III' ? 4_140_000 : 3_700_000;
    const salary = String(Math.max(floor, Math.round((6_000_000 + r() * 40_000_000) / 1000) * 1000));
    return { personalId, siNumber, gender, dob, employer, salary, name: `Người Mẫu ${serial + 1}` };
  });
  await copy(sql, 'participants', ['personal_id', 'si_number', 'full_name', 'date_of_birth', 'gender', 'nationality'], people.map((p) => [p.personalId, p.siNumber, p.name, p.dob, p.gender, 'VN']));
  progress('participants', o.participants, o.participants);
  const [{ id: firstJob }] = (await sql`select coalesce(max(id), 0)::int + 1 as id from employments`) as unknown as [{ id: number }];
  await copy(sql, 'employments', ['id', 'personal_id', 'employer_tax_code', 'start_month', 'job_title', 'contract_type'], people.map((p, i) => [firstJob + i, p.personalId, p.employer.taxCode, firstPeriod, 'Nhân viên', 'indefinite']));
  await sql`select setval('employments_id_seq', ${firstJob + o.participants})`;
  await copy(sql, 'salary_history', ['employment_id', 'effective_month', 'amount'], people.map((p, i) => [firstJob + i, firstPeriod, p.salary]));
  const cards = people.map((p) => ({
    cardCode: buildHiCardCode(EMPLOYEE_HI_GROUP, EMPLOYEE_HI_LEVEL_DIGIT, p.employer.province, p.siNumber),
    validFrom: firstDayOf(firstPeriod),
  }));
  await copy(
    sql,
    'hi_cards',
    ['card_code', 'personal_id', 'payer_kind', 'payer_tax_code', 'level_digit', 'benefit_level', 'valid_from'],
    people.map((p, i) => [cards[i]!.cardCode, p.personalId, 'employer', p.employer.taxCode, EMPLOYEE_HI_LEVEL_DIGIT, hiBenefitLevel(EMPLOYEE_HI_LEVEL_DIGIT), cards[i]!.validFrom]),
  );
  progress('employments, salaries, HI cards', o.participants, o.participants);
  await copy(
    sql,
    'ebooks',
    ['personal_id', 'version', 'content', 'sha256'],
    (function* () {
      for (const [i, p] of people.entries()) {
        const book = renderEbook({
          participant: { personalId: p.personalId, siNumber: p.siNumber, fullName: p.name, dateOfBirth: p.dob, gender: p.gender, nationality: 'VN' },
          employments: [{ employerTaxCode: p.employer.taxCode, employerName: p.employer.name, unitCode: p.employer.unitCode, startMonth: firstPeriod, endMonth: null, jobTitle: 'Nhân viên', contractType: 'indefinite', salaries: [{ effectiveMonth: firstPeriod, amount: p.salary }] }],
          hiCards: [{ cardCode: cards[i]!.cardCode, payerKind: 'employer', payerTaxCode: p.employer.taxCode, benefitLevel: 80, validFrom: cards[i]!.validFrom, validTo: null, initialFacilityCode: null, fiveYearsFrom: null }],
          contributionMonths: [],
        });
        if (i % 50_000 === 0) progress('e-books', i, o.participants);
        yield [p.personalId, 1, book.content, book.sha256];
      }
    })(),
  );
  progress('e-books', o.participants, o.participants);
  await sql`select setval('si_number_seq', ${siBase + o.participants})`;
  await sql`select setval('unit_code_seq', ${unitBase + o.employers})`;

  // Payments: per employer and month, 80 % on time in full, 8 % late in full, 7 % partial, 5 % none.
  const dueBy = new Map<string, InstanceType<typeof Dec>>();
  const [{ id: firstPayment }] = (await sql`select coalesce(max(id), 0)::int + 1 as id from payments`) as unknown as [{ id: number }];
  const paymentsRows: unknown[][] = [];
  // Per employer, its dues and payments: the allocations are the replay of its account (rules §8),
  // exactly what the ledger derives (a late payment leaves its charge for the next one to settle).
  const accounts = new Map<string, { periods: LedgerPeriod[]; payments: LedgerPayment[] }>(employers.map((e) => [e.taxCode, { periods: [], payments: [] }]));
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
      paymentsRows.push([id, `SEED-${o.seed}-${m}-${e.taxCode}`, e.taxCode, amount.toFixed(0), valueDate, 'seed']);
      accounts.get(e.taxCode)!.payments.push({ id, amount: amount.toFixed(0), valueDate });
    }
    progress(`payments ${m}`, 1, 1);
  }
  const allocationRows: unknown[][] = [];
  for (const a of accounts.values()) {
    if (a.payments.length === 0) continue;
    const asOf = a.payments.reduce((d, p) => (p.valueDate > d ? p.valueDate : d), a.payments[0]!.valueDate);
    for (const s of replayLedger({ ...a, asOf }).settlements) allocationRows.push([s.paymentId, s.period, s.principal, s.interest, s.on, s.fromCredit]);
  }
  await copy(sql, 'payments', ['id', 'bank_reference', 'employer_tax_code', 'amount', 'value_date', 'author'], paymentsRows);
  await copy(sql, 'payment_allocations', ['payment_id', 'period', 'principal', 'interest', 'settled_on', 'from_credit'], allocationRows);
  await sql`select setval('payments_id_seq', ${firstPayment + paymentsRows.length})`;
  await sql`analyze`;
  return { employers: o.employers, participants: o.participants, payments: paymentsRows.length, firstPeriod, lastPeriod: o.lastPeriod };
}

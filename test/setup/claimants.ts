/**
 * Claimants for the claim tests: an employer, participants, and contribution months credited (or
 * declared but unpaid) up to a month, written directly as the reconciliation would leave them,
 * with their e-books rendered — so each test controls exactly which months count.
 */
import { sql } from 'drizzle-orm';
import { samplePersonalId, sampleTaxCode, rng } from '../../dev/sample';
import type { Db } from '../../db/client';
import { rewriteEbooks } from '../../db/queries/ebooks';
import { ensureContributionPartitions } from '../../db/queries/partitions';
import { addMonths, type Month } from '../../domain/calendar';
import { computeContribution } from '../../domain/contributions';
import { formatSiNumber, formatUnitCode } from '../../domain/onboarding';

let serial = 0;

export interface Claimant {
  personalId: string;
  taxCode: string;
}

export async function createClaimant(
  db: Db,
  opts: { lastMonth: Month; months: number; salary: number; unpaid?: Month[]; seed?: number },
): Promise<Claimant> {
  const r = rng(opts.seed ?? 4242 + serial);
  serial++;
  const taxCode = sampleTaxCode(r);
  const unit = 90_000 + Math.floor(r() * 9_000);
  await db.execute(sql`insert into employers (tax_code, name, address, province_code, wage_region, category, status, unit_code)
    values (${taxCode}, ${'Công ty Kiểm thử ' + serial}, 'Hà Nội', '01', 'I', 'enterprise', 'active', ${formatUnitCode('01', unit)}) on conflict do nothing`);
  const dob = '1990-05-17';
  const personalId = samplePersonalId(r, dob, 'female', 500_000 + Math.floor(r() * 400_000));
  const si = formatSiNumber('01', 50_000_000 + Math.floor(r() * 40_000_000));
  await db.execute(sql`insert into participants (personal_id, si_number, full_name, date_of_birth, gender, nationality)
    values (${personalId}, ${si}, 'Người Thử Nghiệm', ${dob}, 'female', 'VN')`);
  const first = addMonths(opts.lastMonth, -(opts.months - 1));
  const [job] =
    (await db.execute(sql`insert into employments (personal_id, employer_tax_code, start_month, end_month, job_title, contract_type)
    values (${personalId}, ${taxCode}, ${first}, ${opts.lastMonth}, 'Kế toán', 'indefinite') returning id`)) as unknown as {
      id: number;
    }[];
  await db.execute(
    sql`insert into salary_history (employment_id, effective_month, amount) values (${job!.id}, ${first}, ${opts.salary})`,
  );
  // The months are written here as a reconciliation would write them, so their partitions are made
  // as a reconciliation makes them: the time-skipping server's today can be years past the template's.
  await ensureContributionPartitions(db, opts.lastMonth);
  for (let i = 0; i < opts.months; i++) {
    const m = addMonths(first, i);
    const c = computeContribution({ month: m, salary: String(opts.salary), region: 'I' });
    const status = opts.unpaid?.includes(m) ? 'declared_unpaid' : 'credited';
    await db.execute(sql`insert into contribution_months (personal_id, employer_tax_code, period, status, salary, employee_amount, employer_amount, amount, lines)
      values (${personalId}, ${taxCode}, ${m}, ${status}, ${opts.salary}, ${c.employee.total}, ${c.employer.total}, ${c.total}, ${c.lines.length})`);
    // The employer's period as the reconciliation leaves it: a credited month's period is paid in full (ledger verify checks).
    const paid = status === 'credited' ? c.total : '0';
    await db.execute(sql`insert into employer_periods (employer_tax_code, period, due, paid, outstanding, late_charge, charge_paid, max_days_late, evasion, status, as_of, employees)
      values (${taxCode}, ${m}, ${c.total}, ${paid}, ${status === 'credited' ? '0' : c.total}, 0, 0, 0, false, ${status === 'credited' ? 'paid' : 'unpaid'}, ${`${m}-28`}, 1)
      on conflict do nothing`);
  }
  await db.transaction((tx) => rewriteEbooks(tx, [personalId]));
  return { personalId, taxCode };
}

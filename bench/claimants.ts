/**
 * Claimants for the claim benchmarks (bench:claims, bench:pools): `n` participants of one employer,
 * each with `months` credited months up to `lastMonth` and their e-books written, inserted set-based.
 */
import type { DatabaseHandle } from '../db/client';
import { rewriteEbooks } from '../db/queries/ebooks';
import { addMonths } from '../domain/calendar';
import { computeContribution } from '../domain/contributions';
import { Dec } from '../domain/money';
import { formatSiNumber, formatUnitCode } from '../domain/onboarding';
import { rng, samplePersonalId } from '../dev/sample';

export async function benchClaimants(
  db: DatabaseHandle,
  opts: { n: number; lastMonth: string; months: number; salary: number; taxCode?: string },
): Promise<string[]> {
  const r = rng(7);
  const taxCode = opts.taxCode ?? '0312345678';
  await db.sql!`insert into employers (tax_code, name, address, province_code, wage_region, category, status, unit_code)
    values (${taxCode}, 'Công ty Đo Lường', 'TP HCM', '79', 'I', 'enterprise', 'active', ${formatUnitCode('79', 1)})`;
  const first = addMonths(opts.lastMonth, -(opts.months - 1));
  const ids = Array.from({ length: opts.n }, (_, i) => samplePersonalId(r, '1988-03-09', 'male', 100_000 + i));
  const c = computeContribution({ month: opts.lastMonth, salary: String(opts.salary), region: 'I' });
  await db.sql!`insert into participants ${db.sql!(ids.map((id, i) => ({ personal_id: id, si_number: formatSiNumber('79', 1_000_000 + i), full_name: 'Người Đo', date_of_birth: '1988-03-09', gender: 'male', nationality: 'VN' })))}`;
  const jobs =
    await db.sql!`insert into employments ${db.sql!(ids.map((id) => ({ personal_id: id, employer_tax_code: taxCode, start_month: first, end_month: opts.lastMonth, job_title: 'Công nhân', contract_type: 'indefinite' })))} returning id`;
  await db.sql!`insert into salary_history ${db.sql!(jobs.map((j) => ({ employment_id: j.id, effective_month: first, amount: opts.salary })))}`;
  for (let i = 0; i < ids.length; i += 100) {
    const rows = ids.slice(i, i + 100).flatMap((id) =>
      Array.from({ length: opts.months }, (_, k) => ({
        personal_id: id,
        employer_tax_code: taxCode,
        period: addMonths(first, k),
        status: 'credited',
        salary: opts.salary,
        employee_amount: c.employee.total,
        employer_amount: c.employer.total,
        amount: c.total,
        lines: c.lines.length,
      })),
    );
    await db.sql!`insert into contribution_months ${db.sql!(rows)}`;
  }
  // Each month credited because the employer paid its period in full (the ledger's rule: a month is
  // credited only then), as the reconciliation leaves the period.
  const due = new Dec(c.total).times(ids.length).toFixed(0);
  await db.sql!`insert into employer_periods ${db.sql!(
    Array.from({ length: opts.months }, (_, k) => {
      const period = addMonths(first, k);
      return {
        employer_tax_code: taxCode,
        period,
        due,
        paid: due,
        outstanding: 0,
        late_charge: 0,
        charge_paid: 0,
        max_days_late: 0,
        evasion: false,
        status: 'paid',
        as_of: `${period}-28`,
        employees: ids.length,
      };
    }),
  )}`;
  await db.db.transaction((tx) => rewriteEbooks(tx, ids));
  return ids;
}

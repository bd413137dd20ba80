/**
 * What the front ends read about an employer: its record with its number of employments, its
 * employees a page at a time, its period statement. Reads only; the writes are declarations and
 * payments (services/declarations.ts, services/payments.ts).
 */
import type { z } from 'zod';
import type { Db } from '../db/client';
import {
  employerExists,
  employerInputOf,
  employmentCount,
  employmentsAfter,
  findEmployer,
  type EmployerRow,
} from '../db/queries/employers';
import { periodStatement } from '../db/queries/periods';
import type { IsoDate, Month } from '../domain/calendar';
import type { employeeViewSchema, employerViewSchema } from '../domain/schemas';

export type EmployerView = z.infer<typeof employerViewSchema>;
export type EmployeeView = z.infer<typeof employeeViewSchema>;

/** Whether an employer with this tax code is known (in any status). */
export async function isKnownEmployer(db: Db, taxCode: string): Promise<boolean> {
  return employerExists(db, taxCode);
}

/** The employer's row as the database holds it, with how many employments it has; undefined when unknown. */
export async function employerRecord(
  db: Db,
  taxCode: string,
): Promise<{ row: EmployerRow; employees: number } | undefined> {
  const row = await findEmployer(db, taxCode);
  if (!row) return undefined;
  return { row, employees: await employmentCount(db, taxCode) };
}

/** The employer as the API shows it; undefined when unknown. */
export async function employerView(db: Db, taxCode: string): Promise<EmployerView | undefined> {
  const record = await employerRecord(db, taxCode);
  if (!record) return undefined;
  const { row, employees } = record;
  return {
    ...employerInputOf(row),
    status: row.status as EmployerView['status'],
    unitCode: row.unitCode,
    rejectionReason: row.rejectionReason,
    employees,
  };
}

/** A page of the employer's employees after the employment id `after`; `nextAfter` is the last id when more follow. */
export async function employeePage(
  db: Db,
  taxCode: string,
  page: { after: number; limit: number },
): Promise<{ items: EmployeeView[]; nextAfter: number | null }> {
  const rows = await employmentsAfter(db, taxCode, page.after, page.limit + 1);
  const items = rows.slice(0, page.limit);
  return {
    items: items.map(({ id: _id, salary, ...r }) => ({ ...r, salary: String(salary) })),
    nextAfter: rows.length > page.limit ? Number(items[items.length - 1]!.id) : null,
  };
}

/** What the employer owes for a month as of a day: due per side and fund, paid, outstanding, late charge, settlements. */
export async function employerAccount(db: Db, taxCode: string, period: Month, asOf: IsoDate) {
  return periodStatement(db, taxCode, period, asOf);
}

/** The same statement with `due` grouped as the API shows it. */
export async function employerPeriodStatement(db: Db, taxCode: string, period: Month, asOf: IsoDate) {
  const { employee, employer, total, ...rest } = await employerAccount(db, taxCode, period, asOf);
  return { ...rest, due: { employee, employer, total } };
}

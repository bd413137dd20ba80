/**
 * Employers as the database holds them: the lookups every front end and service shares ("does this
 * employer exist" is asked here, once).
 */
import { and, asc, count, desc, eq, gt, sql } from 'drizzle-orm';
import type { EmployerInput } from '../../domain/schemas';
import type { Executor, Tx } from '../client';
import { employers, employments, participants, salaryHistory } from '../schema';

export type EmployerRow = typeof employers.$inferSelect;

/** The dossier fields of a stored employer, typed as the domain's input (the check constraints hold the enums). */
export function employerInputOf(row: EmployerRow): EmployerInput {
  return {
    taxCode: row.taxCode,
    name: row.name,
    address: row.address,
    provinceCode: row.provinceCode,
    wageRegion: row.wageRegion as EmployerInput['wageRegion'],
    category: row.category as EmployerInput['category'],
  };
}

/** The employer with this tax code, or undefined. */
export async function findEmployer(exec: Executor, taxCode: string): Promise<EmployerRow | undefined> {
  const [row] = await exec.select().from(employers).where(eq(employers.taxCode, taxCode));
  return row;
}

/** The employer row, locked for the transaction (registration, decisions, declarations and payments serialise on it). */
export async function lockEmployer(tx: Tx, taxCode: string): Promise<EmployerRow | undefined> {
  const [emp] = await tx.select().from(employers).where(eq(employers.taxCode, taxCode)).for('update');
  return emp;
}

/** Whether an employer with this tax code is known (in any status). */
export async function employerExists(exec: Executor, taxCode: string): Promise<boolean> {
  const [row] = await exec.select({ t: employers.taxCode }).from(employers).where(eq(employers.taxCode, taxCode));
  return row !== undefined;
}

/** How many employments (current and ended) the employer has. */
export async function employmentCount(exec: Executor, taxCode: string): Promise<number> {
  const [n] = await exec.select({ n: count() }).from(employments).where(eq(employments.employerTaxCode, taxCode));
  return Number(n?.n ?? 0);
}

/**
 * The employer's employments with an id above `after`, in id order, at most `limit`: each with its
 * participant's SI number and name and the latest salary (keyset page).
 */
export async function employmentsAfter(exec: Executor, taxCode: string, after: number, limit: number) {
  const currentSalary = exec
    .select({ amount: salaryHistory.amount })
    .from(salaryHistory)
    .where(eq(salaryHistory.employmentId, employments.id))
    .orderBy(desc(salaryHistory.effectiveMonth))
    .limit(1);
  return exec
    .select({
      id: employments.id,
      personalId: employments.personalId,
      siNumber: participants.siNumber,
      fullName: participants.fullName,
      startMonth: employments.startMonth,
      endMonth: employments.endMonth,
      jobTitle: employments.jobTitle,
      contractType: employments.contractType,
      salary: sql<string>`(${currentSalary})`,
    })
    .from(employments)
    .innerJoin(participants, eq(participants.personalId, employments.personalId))
    .where(and(eq(employments.employerTaxCode, taxCode), gt(employments.id, after)))
    .orderBy(asc(employments.id))
    .limit(limit);
}

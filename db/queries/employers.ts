/**
 * Employers as the database holds them: the lookups every front end and service shares ("does this
 * employer exist" is asked here, once).
 */
import { count, eq } from 'drizzle-orm';
import type { Executor } from '../client';
import { employers, employments } from '../schema';

export type EmployerRow = typeof employers.$inferSelect;

/** The employer with this tax code, or undefined. */
export async function findEmployer(exec: Executor, taxCode: string): Promise<EmployerRow | undefined> {
  const [row] = await exec.select().from(employers).where(eq(employers.taxCode, taxCode));
  return row;
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

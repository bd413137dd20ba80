/**
 * The employer's employees in force in a month, with what the D02-LT list shows of each (the
 * person, the job, the salary in force that month): one set-based query, in the order the list
 * keeps (the employment's id).
 */
import { and, asc, desc, eq, gte, isNull, lte, or, sql } from 'drizzle-orm';
import type { Month } from '../../domain/calendar';
import type { Executor } from '../client';
import { employments, participants, salaryHistory } from '../schema';

export interface RosterRow {
  personalId: string;
  siNumber: string;
  fullName: string;
  dateOfBirth: string;
  gender: string;
  nationality: string;
  jobTitle: string;
  contractType: string;
  startMonth: string;
  endMonth: string | null;
  /** The salary in force in the month (whole VND, as stored), null if none is. */
  salary: string | null;
}

export async function employeeRoster(exec: Executor, taxCode: string, month: Month): Promise<RosterRow[]> {
  const salaryThen = exec
    .select({ amount: salaryHistory.amount })
    .from(salaryHistory)
    .where(and(eq(salaryHistory.employmentId, employments.id), lte(salaryHistory.effectiveMonth, month)))
    .orderBy(desc(salaryHistory.effectiveMonth))
    .limit(1);
  const rows = await exec
    .select({
      personalId: employments.personalId,
      siNumber: participants.siNumber,
      fullName: participants.fullName,
      dateOfBirth: participants.dateOfBirth,
      gender: participants.gender,
      nationality: participants.nationality,
      jobTitle: employments.jobTitle,
      contractType: employments.contractType,
      startMonth: employments.startMonth,
      endMonth: employments.endMonth,
      salary: sql<string | null>`(${salaryThen})::text`,
    })
    .from(employments)
    .innerJoin(participants, eq(participants.personalId, employments.personalId))
    .where(
      and(
        eq(employments.employerTaxCode, taxCode),
        lte(employments.startMonth, month),
        or(isNull(employments.endMonth), gte(employments.endMonth, month)),
      ),
    )
    .orderBy(asc(employments.id));
  return rows;
}

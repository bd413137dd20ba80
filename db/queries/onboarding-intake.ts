/** Onboarding dossiers as they are taken in: stored before their workflow starts, withdrawn if it is refused. */
import { eq } from 'drizzle-orm';
import type { EmployeeInput, OnboardingSubmission } from '../../domain/schemas';
import type { Executor } from '../client';
import { onboardingRequestEmployees, onboardingRequests } from '../schema';

/** Employee lines per insert statement. */
const LINES_PER_INSERT = 1000;

export interface Dossier {
  requestId: string;
  submission: OnboardingSubmission;
  submittedBy: string;
  workflowId: string;
  createdAt: Date;
}

/** Stores the dossier and its employee lines (numbered from 1, in the order submitted). */
export async function insertDossier(exec: Executor, d: Dossier): Promise<void> {
  const { requestId, submission } = d;
  await exec.insert(onboardingRequests).values({
    id: requestId,
    taxCode: submission.employer.taxCode,
    employer: submission.employer,
    employeeCount: submission.employees.length,
    submittedBy: d.submittedBy,
    workflowId: d.workflowId,
    createdAt: d.createdAt,
  });
  for (let i = 0; i < submission.employees.length; i += LINES_PER_INSERT) {
    await exec
      .insert(onboardingRequestEmployees)
      .values(
        submission.employees
          .slice(i, i + LINES_PER_INSERT)
          .map((e: EmployeeInput, k) => ({ requestId, line: i + k + 1, personalId: e.personalId, data: e })),
      );
  }
}

/** Removes a dossier (its lines cascade). */
export async function deleteDossier(exec: Executor, requestId: string): Promise<void> {
  await exec.delete(onboardingRequests).where(eq(onboardingRequests.id, requestId));
}

/**
 * What follows a new employment on a participant's book, whoever wrote it (an onboarding batch or
 * a `hire` declaration), in the transaction that wrote it:
 * - the participant is told (outbox `employment.declared`, once per employment);
 * - a person with an open unemployment claim puts an "a new job was declared" task in front of the
 *   claim's officer (Law 74/2025 Art.41(4)(a); rules §3, §8.32), once per claim and employment.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { IsoDate, Month } from '../domain/calendar';
import { newJobReviewDeadline } from '../domain/unemployment';
import type { Tx } from '../db/client';
import { audit } from '../db/queries/audit';
import { OPEN_CLAIM_STATUSES, outbox, tasks, uiClaims } from '../db/schema';

export const NEW_JOB_TASK_KIND = 'claim.new_job_declared';
/** The officers' queue of unemployment claims (the claim's deciding officer is its assignee). */
export const UI_CLAIMS_QUEUE = 'ui-claims';

export interface NewEmployment {
  id: number;
  personalId: string;
  startMonth: Month;
}

export async function announceNewEmployments(
  tx: Tx,
  employer: { taxCode: string; unitCode: string },
  jobs: NewEmployment[],
  today: IsoDate,
): Promise<{ notified: number; tasks: number }> {
  if (jobs.length === 0) return { notified: 0, tasks: 0 };
  const notices = await tx
    .insert(outbox)
    .values(
      jobs.map((j) => ({
        dedupeKey: `employment:${j.id}:declared`,
        kind: 'employment.declared',
        channel: 'portal',
        recipientType: 'participant',
        recipientId: j.personalId,
        payload: { employmentId: j.id, employerTaxCode: employer.taxCode, unitCode: employer.unitCode, startMonth: j.startMonth },
      })),
    )
    .onConflictDoNothing({ target: outbox.dedupeKey })
    .returning({ id: outbox.id });

  const claims = await tx
    .select({ id: uiClaims.id, personalId: uiClaims.personalId, status: uiClaims.status, decidedBy: uiClaims.decidedBy })
    .from(uiClaims)
    .where(and(inArray(uiClaims.personalId, [...new Set(jobs.map((j) => j.personalId))]), inArray(uiClaims.status, [...OPEN_CLAIM_STATUSES])));
  const due = newJobReviewDeadline(today);
  const rows = claims.flatMap((c) =>
    jobs
      .filter((j) => j.personalId === c.personalId)
      .map((j) => ({
        dedupeKey: `claim:${c.id}:new_job:${j.id}`,
        kind: NEW_JOB_TASK_KIND,
        queue: UI_CLAIMS_QUEUE,
        assignee: c.decidedBy,
        dueDate: due,
        claimId: c.id,
        employmentId: j.id,
        employerTaxCode: employer.taxCode,
        details: { startMonth: j.startMonth, claimStatus: c.status, declaredOn: today },
      })),
  );
  const created = rows.length ? await tx.insert(tasks).values(rows).onConflictDoNothing().returning({ id: tasks.id, claimId: tasks.claimId }) : [];
  for (const t of created) {
    await audit(tx, { actor: `employer:${employer.taxCode}`, action: 'claim.new_job_declared', subjectType: 'claim', subjectId: t.claimId!, details: { taskId: t.id } });
  }
  return { notified: notices.length, tasks: created.length };
}

/** Open and closed tasks about a claim, oldest first (the claim's state shows them). */
export async function tasksOfClaim(tx: Pick<Tx, 'select'>, claimId: string) {
  return tx
    .select({ id: tasks.id, kind: tasks.kind, status: tasks.status, queue: tasks.queue, assignee: tasks.assignee, dueDate: tasks.dueDate, employmentId: tasks.employmentId, employerTaxCode: tasks.employerTaxCode, createdAt: tasks.createdAt })
    .from(tasks)
    .where(eq(tasks.claimId, claimId))
    .orderBy(tasks.id);
}

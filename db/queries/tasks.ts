/**
 * Officers' tasks, and the notices of new employments: the statements of
 * db/queries/hires.ts announceNewEmployments, inside the caller's transaction.
 */
import { eq } from 'drizzle-orm';
import type { Tx } from '../client';
import type { OutboxMessage } from './audit';
import { outbox, tasks } from '../schema';

/** Notices enqueued once each (the dedupe key); returns those that are new. */
export async function enqueueMany(tx: Tx, messages: OutboxMessage[]) {
  return tx
    .insert(outbox)
    .values(messages)
    .onConflictDoNothing({ target: outbox.dedupeKey })
    .returning({ id: outbox.id });
}

/** Tasks created once each (their dedupe key); returns those that are new. */
export async function insertTasks(tx: Tx, rows: (typeof tasks.$inferInsert)[]) {
  return tx.insert(tasks).values(rows).onConflictDoNothing().returning({ id: tasks.id, claimId: tasks.claimId });
}

/** Open and closed tasks about a claim, oldest first (the claim's state shows them). */
export async function tasksOfClaim(tx: Pick<Tx, 'select'>, claimId: string) {
  return tx
    .select({
      id: tasks.id,
      kind: tasks.kind,
      status: tasks.status,
      queue: tasks.queue,
      assignee: tasks.assignee,
      dueDate: tasks.dueDate,
      employmentId: tasks.employmentId,
      employerTaxCode: tasks.employerTaxCode,
      createdAt: tasks.createdAt,
    })
    .from(tasks)
    .where(eq(tasks.claimId, claimId))
    .orderBy(tasks.id);
}

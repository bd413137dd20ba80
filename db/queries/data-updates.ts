/**
 * Data-update requests (issue #14 part 1, migration 0020): the request rows, the participant's
 * fields an approval changes, and the request's tasks. Every statement runs in the caller's
 * transaction (or on the database for a read).
 */
import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../client';
import { dataUpdateRequests, participants, tasks } from '../schema';

export type DataUpdateRow = typeof dataUpdateRequests.$inferSelect;
export type DataUpdateInsert = typeof dataUpdateRequests.$inferInsert;

const OPEN = ['awaiting_code', 'awaiting_review', 'more_evidence'];

/** A new request; undefined when the participant already has an open one of this kind (the partial unique index). */
export async function insertDataUpdate(tx: Tx, row: DataUpdateInsert): Promise<DataUpdateRow | undefined> {
  const [r] = await tx.insert(dataUpdateRequests).values(row).onConflictDoNothing().returning();
  return r;
}

export async function findDataUpdate(exec: Executor, id: number): Promise<DataUpdateRow | undefined> {
  const [r] = await exec.select().from(dataUpdateRequests).where(eq(dataUpdateRequests.id, id));
  return r;
}

/** The request, locked for the step that changes it. */
export async function lockDataUpdate(tx: Tx, id: number): Promise<DataUpdateRow | undefined> {
  const [r] = await tx.select().from(dataUpdateRequests).where(eq(dataUpdateRequests.id, id)).for('update');
  return r;
}

/** The participant's open request of a kind, locked (a new filing of a contact kind replaces it). */
export async function lockOpenDataUpdate(tx: Tx, personalId: string, kind: string): Promise<DataUpdateRow | undefined> {
  const [r] = await tx
    .select()
    .from(dataUpdateRequests)
    .where(
      and(
        eq(dataUpdateRequests.personalId, personalId),
        eq(dataUpdateRequests.kind, kind),
        inArray(dataUpdateRequests.status, OPEN),
      ),
    )
    .for('update');
  return r;
}

export async function setDataUpdate(tx: Tx, id: number, set: Partial<DataUpdateInsert> & { updatedAt: Date }) {
  await tx.update(dataUpdateRequests).set(set).where(eq(dataUpdateRequests.id, id));
}

/** A participant's requests, newest first (`before`: the keyset, an id). */
export async function dataUpdatesOf(exec: Executor, personalId: string, limit: number, before?: number) {
  return exec
    .select()
    .from(dataUpdateRequests)
    .where(
      and(
        eq(dataUpdateRequests.personalId, personalId),
        ...(before !== undefined ? [lt(dataUpdateRequests.id, before)] : []),
      ),
    )
    .orderBy(desc(dataUpdateRequests.id))
    .limit(limit);
}

export interface ParticipantFields {
  fullName: string;
  dateOfBirth: string;
  gender: string;
  nationality: string;
  email: string | null;
  phone: string | null;
}

/** The participant's fields a request may change, locked (undefined: no such participant). */
export async function lockParticipantFields(tx: Tx, personalId: string): Promise<ParticipantFields | undefined> {
  const [p] = await tx
    .select({
      fullName: participants.fullName,
      dateOfBirth: participants.dateOfBirth,
      gender: participants.gender,
      nationality: participants.nationality,
      email: participants.email,
      phone: participants.phone,
    })
    .from(participants)
    .where(eq(participants.personalId, personalId))
    .for('update');
  return p;
}

export async function participantFields(exec: Executor, personalId: string): Promise<ParticipantFields | undefined> {
  const [p] = await exec
    .select({
      fullName: participants.fullName,
      dateOfBirth: participants.dateOfBirth,
      gender: participants.gender,
      nationality: participants.nationality,
      email: participants.email,
      phone: participants.phone,
    })
    .from(participants)
    .where(eq(participants.personalId, personalId));
  return p;
}

/** Writes the approved (or confirmed) values onto the participant. */
export async function setParticipantFields(tx: Tx, personalId: string, set: Partial<ParticipantFields>, at: Date) {
  await tx
    .update(participants)
    .set({ ...set, updatedAt: at })
    .where(eq(participants.personalId, personalId));
}

/** Whether the request's review task has been escalated (its current one, or any before). */
export async function dataUpdateEscalated(exec: Executor, id: number): Promise<boolean> {
  const [r] = await exec
    .select({ n: sql<number>`count(*)::int` })
    .from(tasks)
    .where(and(eq(tasks.dataUpdateId, id), sql`${tasks.escalatedAt} is not null`));
  return (r?.n ?? 0) > 0;
}

/** The request's tasks, oldest first. */
export async function tasksOfDataUpdate(exec: Executor, id: number) {
  return exec
    .select({
      id: tasks.id,
      kind: tasks.kind,
      status: tasks.status,
      queue: tasks.queue,
      actor: tasks.actor,
      dueDate: tasks.dueDate,
      escalatedAt: tasks.escalatedAt,
      details: tasks.details,
    })
    .from(tasks)
    .where(eq(tasks.dataUpdateId, id))
    .orderBy(tasks.id);
}

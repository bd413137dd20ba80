/**
 * Account-access recoveries and the token revocation list (migration 0022): every statement, in the
 * caller's transaction.
 */
import { and, eq, gt, notInArray, sql } from 'drizzle-orm';
import type { Db, Executor, Tx } from '../client';
import { accessRecoveries, participants, tokenRevocations, type RecoveryStatus } from '../schema';

export type RecoveryRow = typeof accessRecoveries.$inferSelect;

/** The channel a revocation is announced on (NOTIFY at commit): `<subject hash> <revoked before, epoch ms>`. */
export const REVOCATION_CHANNEL = 'ansinh_token_revocations';

export async function insertRecovery(
  exec: Executor,
  row: {
    id: string;
    personalId: string;
    method: 'vneid' | 'in_person';
    startedBy: string;
    workflowIdOf: (id: string) => string;
  },
): Promise<RecoveryRow> {
  const id = row.id;
  const [r] = await exec
    .insert(accessRecoveries)
    .values({
      id,
      personalId: row.personalId,
      method: row.method,
      startedBy: row.startedBy,
      workflowId: row.workflowIdOf(id),
    })
    .returning();
  return r!;
}

export async function findRecovery(exec: Executor, id: string): Promise<RecoveryRow | undefined> {
  const [r] = await exec.select().from(accessRecoveries).where(eq(accessRecoveries.id, id)).limit(1);
  return r;
}

export async function lockRecovery(tx: Tx, id: string): Promise<RecoveryRow | undefined> {
  const [r] = await tx.select().from(accessRecoveries).where(eq(accessRecoveries.id, id)).for('update').limit(1);
  return r;
}

/** The participant's open recovery (at most one: access_recoveries_open_unique). */
export async function openRecoveryOf(exec: Executor, personalId: string): Promise<RecoveryRow | undefined> {
  const [r] = await exec
    .select()
    .from(accessRecoveries)
    .where(
      and(eq(accessRecoveries.personalId, personalId), notInArray(accessRecoveries.status, ['completed', 'expired'])),
    )
    .limit(1);
  return r;
}

export async function deleteIntakeRecovery(exec: Executor, id: string): Promise<void> {
  await exec.delete(accessRecoveries).where(and(eq(accessRecoveries.id, id), eq(accessRecoveries.status, 'intake')));
}

export async function updateRecovery(
  tx: Tx,
  id: string,
  set: Partial<{
    status: RecoveryStatus;
    verifiedBy: string;
    verifiedAt: Date;
    documentKind: 'cccd' | 'passport' | 'vneid_app';
    documentLast4: string;
    newEmail: string | null;
    oldContact: string | null;
    codeId: number | null;
    expiresAt: Date;
    endedAt: Date;
  }>,
): Promise<void> {
  await tx
    .update(accessRecoveries)
    .set({ ...set, updatedAt: sql`now()` })
    .where(eq(accessRecoveries.id, id));
}

/** The participant's e-mail address and phone number on file, the row locked (the recovery changes the address). */
export async function lockParticipantEmail(
  tx: Tx,
  personalId: string,
): Promise<{ email: string | null; phone: string | null } | undefined> {
  const [r] = await tx
    .select({ email: participants.email, phone: participants.phone })
    .from(participants)
    .where(eq(participants.personalId, personalId))
    .for('update')
    .limit(1);
  return r;
}

export async function participantExists(exec: Executor, personalId: string): Promise<boolean> {
  const [r] = await exec
    .select({ id: participants.personalId })
    .from(participants)
    .where(eq(participants.personalId, personalId))
    .limit(1);
  return r !== undefined;
}

export async function setParticipantEmail(tx: Tx, personalId: string, email: string): Promise<void> {
  await tx
    .update(participants)
    .set({ email, updatedAt: sql`now()` })
    .where(eq(participants.personalId, personalId));
}

/**
 * Revokes every token of a subject issued before `before` (a later instant moves it forward, never
 * back) and announces it on REVOCATION_CHANNEL, delivered when the transaction commits.
 */
export async function revokeSubject(tx: Tx, r: { subjectHash: string; before: Date; reason: string }): Promise<Date> {
  const [row] = await tx
    .insert(tokenRevocations)
    .values({ subjectHash: r.subjectHash, revokedBefore: r.before, reason: r.reason })
    .onConflictDoUpdate({
      target: tokenRevocations.subjectHash,
      set: {
        revokedBefore: sql`greatest(${tokenRevocations.revokedBefore}, excluded.revoked_before)`,
        reason: sql`excluded.reason`,
        updatedAt: sql`now()`,
      },
    })
    .returning({ revokedBefore: tokenRevocations.revokedBefore });
  const at = row!.revokedBefore;
  await tx.execute(sql`select pg_notify(${REVOCATION_CHANNEL}, ${`${r.subjectHash} ${at.getTime()}`})`);
  return at;
}

/** The revocations that can still refuse a token: revoked_before after `since` (older tokens have expired anyway). */
export async function liveRevocations(
  exec: Executor,
  since: Date,
): Promise<{ subjectHash: string; revokedBefore: Date }[]> {
  return exec
    .select({ subjectHash: tokenRevocations.subjectHash, revokedBefore: tokenRevocations.revokedBefore })
    .from(tokenRevocations)
    .where(gt(tokenRevocations.revokedBefore, since));
}

/**
 * Listens on REVOCATION_CHANNEL with the postgres.js client under drizzle (`onListen` runs at every
 * (re)connection, when notifications may have been missed); null on a driver without LISTEN (PGlite).
 */
export async function listenRevocations(
  db: Db,
  onNotify: (payload: string) => void,
  onListen: () => void,
): Promise<{ unlisten(): Promise<void> } | null> {
  const client = (db as unknown as { $client?: { listen?: unknown } }).$client;
  if (!client || typeof client.listen !== 'function') return null;
  const listen = client.listen as (
    channel: string,
    fn: (payload: string) => void,
    onlisten?: () => void,
  ) => Promise<{ unlisten(): Promise<void> }>;
  return listen.call(client, REVOCATION_CHANNEL, onNotify, onListen);
}

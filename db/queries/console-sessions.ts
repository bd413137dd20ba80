/** The web console's sessions (db/schema/console.ts): found by the hash of the cookie's id, never by the id. */
import { and, eq, gt, lt } from 'drizzle-orm';
import type { Executor } from '../client';
import { consoleSessions } from '../schema';

export async function insertSession(
  exec: Executor,
  row: { idHash: string; sealedToken: string; role: string; expiresAt: Date; subjectHash?: string | null },
): Promise<void> {
  await exec.insert(consoleSessions).values(row);
}

/** The session of this id hash if it has not expired at `now`. */
export async function liveSession(exec: Executor, idHash: string, now: Date) {
  const [row] = await exec
    .select({
      sealedToken: consoleSessions.sealedToken,
      role: consoleSessions.role,
      expiresAt: consoleSessions.expiresAt,
    })
    .from(consoleSessions)
    .where(and(eq(consoleSessions.idHash, idHash), gt(consoleSessions.expiresAt, now)))
    .limit(1);
  return row ?? null;
}

export async function deleteSession(exec: Executor, idHash: string): Promise<void> {
  await exec.delete(consoleSessions).where(eq(consoleSessions.idHash, idHash));
}

/** Sessions that expired before `now` (a sign-in removes them, so the table holds live sessions only). */
export async function deleteExpiredSessions(exec: Executor, now: Date): Promise<void> {
  await exec.delete(consoleSessions).where(lt(consoleSessions.expiresAt, now));
}

/** Every session of a subject (its keyed hash, migration 0022): an account-access recovery ends them. Returns how many. */
export async function deleteSessionsOfSubject(exec: Executor, subjectHash: string): Promise<number> {
  const rows = await exec
    .delete(consoleSessions)
    .where(eq(consoleSessions.subjectHash, subjectHash))
    .returning({ idHash: consoleSessions.idHash });
  return rows.length;
}

/**
 * The web console's sessions (issue #12): a sign-in stores the bearer token the console presents
 * to the API for this person, under the hash of a random id that only the browser's cookie holds.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/client';
import { deleteExpiredSessions, deleteSession, insertSession, liveSession } from '../db/queries/console-sessions';

/** A session's longest life, whatever its token says: a working day. */
export const SESSION_MAX_HOURS = 12;

const hashOf = (id: string) => createHash('sha256').update(id).digest('hex');

/** Stores a session for this token; returns the id the cookie carries (256 random bits, base64url). */
export async function openSession(
  db: Db,
  input: { token: string; role: string; tokenExpiresAt: Date; now: Date; maxHours?: number },
): Promise<{ id: string; expiresAt: Date }> {
  const id = randomBytes(32).toString('base64url');
  const longest = new Date(input.now.getTime() + (input.maxHours ?? SESSION_MAX_HOURS) * 3_600_000);
  const expiresAt = input.tokenExpiresAt < longest ? input.tokenExpiresAt : longest;
  await db.transaction(async (tx) => {
    await deleteExpiredSessions(tx, input.now);
    await insertSession(tx, { idHash: hashOf(id), token: input.token, role: input.role, expiresAt });
  });
  return { id, expiresAt };
}

/** The live session of a cookie's id, or null (unknown, expired or signed out). */
export async function findSession(db: Db, id: string, now: Date) {
  if (!/^[A-Za-z0-9_-]{43}$/.test(id)) return null;
  return liveSession(db, hashOf(id), now);
}

export async function closeSession(db: Db, id: string): Promise<void> {
  await deleteSession(db, hashOf(id));
}

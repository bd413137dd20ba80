/**
 * The web console's sessions (issue #12): a sign-in stores the bearer token the console presents
 * to the API for this person, sealed (AES-256-GCM) under a key derived (HKDF-SHA256) from a random
 * 256-bit id that only the browser's cookie holds, and found by the SHA-256 of that id. A copy of
 * the table (the application's role, a backup, a replica) holds neither a way in nor a token.
 */
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import type { Db } from '../db/client';
import type { Executor } from '../db/client';
import {
  deleteExpiredSessions,
  deleteSession,
  deleteSessionsOfSubject,
  insertSession,
  liveSession,
} from '../db/queries/console-sessions';

/** A session's longest life, whatever its token says: a working day. */
export const SESSION_MAX_HOURS = 12;

const ID_RE = /^[A-Za-z0-9_-]{43}$/;
const hashOf = (id: string) => createHash('sha256').update(id).digest('hex');
const keyOf = (id: string) =>
  Buffer.from(hkdfSync('sha256', Buffer.from(id, 'base64url'), 'ansinh-console-session', 'bearer-token', 32));

/** iv (12 bytes) ‖ ciphertext ‖ tag (16 bytes), base64url; the id hash is the additional data. */
function seal(id: string, token: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(id), iv);
  cipher.setAAD(Buffer.from(hashOf(id)));
  const body = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
}

function unseal(id: string, sealed: string): string | null {
  const raw = Buffer.from(sealed, 'base64url');
  if (raw.length < 12 + 16 + 1) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyOf(id), raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(hashOf(id)));
    decipher.setAuthTag(raw.subarray(raw.length - 16));
    return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

/** Stores a session for this token; returns the id the cookie carries (256 random bits, base64url). */
export async function openSession(
  db: Db,
  input: {
    token: string;
    role: string;
    tokenExpiresAt: Date;
    now: Date;
    maxHours?: number;
    replacing?: string;
    /** The keyed hash of the signed-in subject (services/token-revocations.ts): a recovery ends the subject's sessions. */
    subjectHash?: string;
  },
): Promise<{ id: string; expiresAt: Date }> {
  const id = randomBytes(32).toString('base64url');
  const longest = new Date(input.now.getTime() + (input.maxHours ?? SESSION_MAX_HOURS) * 3_600_000);
  const expiresAt = input.tokenExpiresAt < longest ? input.tokenExpiresAt : longest;
  await db.transaction(async (tx) => {
    await deleteExpiredSessions(tx, input.now);
    // A sign-in in a browser that held a session ends that session: one browser, one person.
    if (input.replacing && ID_RE.test(input.replacing)) await deleteSession(tx, hashOf(input.replacing));
    await insertSession(tx, {
      idHash: hashOf(id),
      sealedToken: seal(id, input.token),
      role: input.role,
      expiresAt,
      subjectHash: input.subjectHash ?? null,
    });
  });
  return { id, expiresAt };
}

/** The live session of a cookie's id with its token, or null (unknown, expired, signed out, or not unsealed). */
export async function findSession(db: Db, id: string, now: Date) {
  if (!ID_RE.test(id)) return null;
  const row = await liveSession(db, hashOf(id), now);
  if (!row) return null;
  const token = unseal(id, row.sealedToken);
  return token === null ? null : { token, role: row.role, expiresAt: row.expiresAt };
}

export async function closeSession(db: Db, id: string): Promise<void> {
  if (ID_RE.test(id)) await deleteSession(db, hashOf(id));
}

/**
 * Ends every console session of a subject (its keyed hash), in the caller's transaction: an
 * account-access recovery's completion (issue #14 part 3). Returns how many ended.
 */
export function closeSessionsOfSubject(exec: Executor, subjectHash: string): Promise<number> {
  return deleteSessionsOfSubject(exec, subjectHash);
}

/**
 * What goes into Temporal instead of a person (issue 11): who acted as an opaque reference
 * `p:<keyed hash>` (HMAC-SHA-256 under the subject key, 128 bits), and what a person typed as the
 * id of a row of `case_texts`. Each is written in its own transaction before the Update or start
 * that carries it; the activity that writes the audit resolves it (db/queries/minimise.ts).
 */
import { createHmac } from 'node:crypto';
import type { Db } from '../db/client';
import { actorOf, caseTextOf, deleteCaseText, insertCaseText, insertPrincipal } from '../db/queries/minimise';
import type { CaseTextKind } from '../db/schema';

/** The opaque reference of an actor (the same actor always gets the same reference under one key). */
export function principalRef(actor: string, key: string): string {
  return `p:${createHmac('sha256', key).update(`principal\u0000${actor}`).digest('base64url').slice(0, 22)}`;
}

/** Records the actor behind its reference; returns the reference. */
export async function recordPrincipal(db: Db, actor: string, key: string): Promise<string> {
  const ref = principalRef(actor, key);
  await insertPrincipal(db, ref, actor);
  return ref;
}

/** Stores what a person typed; returns the id the workflow carries. */
export function recordCaseText(db: Db, kind: CaseTextKind, text: string): Promise<number> {
  return insertCaseText(db, kind, text);
}

/** The actor behind a reference (itself when it is not a `p:` reference, or unknown). */
export function resolvePrincipal(db: Db, ref: string): Promise<string> {
  return actorOf(db, ref);
}

export function caseText(db: Db, id: number): Promise<string | null> {
  return caseTextOf(db, id);
}

/** Withdraws a text whose Update was refused: a refusal writes nothing. */
export function withdrawCaseText(db: Db, id: number): Promise<void> {
  return deleteCaseText(db, id);
}

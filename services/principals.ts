/**
 * What goes into Temporal instead of a person (issue 11): who acted as an opaque reference
 * `p:<128 random bits>`, one per action (so references link nothing across cases), and what a
 * person typed as the id of a row of `case_texts`. Each is written in its own transaction before
 * the Update that carries it, and withdrawn when the workflow refuses that Update (a refusal
 * writes nothing); the activity that writes the audit resolves it (db/queries/minimise.ts).
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/client';
import {
  actorOf,
  caseTextOf,
  deleteCaseText,
  deletePrincipal,
  insertCaseText,
  insertPrincipal,
} from '../db/queries/minimise';
import type { CaseTextKind } from '../db/schema';

/** Records the actor behind a new reference; returns the reference. */
export async function recordPrincipal(db: Db, actor: string): Promise<string> {
  const ref = `p:${randomBytes(16).toString('base64url')}`;
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

/** What an Update carries in place of a person: withdrawn together when the workflow refuses it. */
export interface CarriedRefs {
  principal: string;
  textId?: number | undefined;
}

/** Withdraws the reference and the text of a refused Update: a refusal writes nothing. */
export async function withdrawCarried(db: Db, refs: CarriedRefs): Promise<void> {
  await deletePrincipal(db, refs.principal);
  if (refs.textId !== undefined) await deleteCaseText(db, refs.textId);
}

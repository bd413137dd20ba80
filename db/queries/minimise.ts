/**
 * Principal references and typed texts (issue 11: nothing personal in Temporal): written before
 * the Update or start that carries their id, read back by the activity that writes the audit.
 */
import { eq, inArray } from 'drizzle-orm';
import type { Executor } from '../client';
import { caseTexts, principals, type CaseTextKind } from '../schema';

/** Records ref → actor (a repeated call finds it written). */
export async function insertPrincipal(exec: Executor, ref: string, actor: string): Promise<void> {
  await exec.insert(principals).values({ ref, actor }).onConflictDoNothing({ target: principals.ref });
}

/** The actors of these references (those recorded). */
export async function actorsOf(exec: Executor, refs: string[]): Promise<Map<string, string>> {
  if (refs.length === 0) return new Map();
  const rows = await exec
    .select({ ref: principals.ref, actor: principals.actor })
    .from(principals)
    .where(inArray(principals.ref, refs));
  return new Map(rows.map((r) => [r.ref, r.actor]));
}

/** Stores a typed text; returns its id. */
export async function insertCaseText(exec: Executor, kind: CaseTextKind, text: string): Promise<number> {
  const [row] = await exec.insert(caseTexts).values({ kind, text }).returning({ id: caseTexts.id });
  return row!.id;
}

/** The text with this id, or null. */
export async function caseTextOf(exec: Executor, id: number): Promise<string | null> {
  const [row] = await exec.select({ text: caseTexts.text }).from(caseTexts).where(eq(caseTexts.id, id));
  return row?.text ?? null;
}

/**
 * The actor behind a reference, for the audit and the stored decision: a `p:` reference is read
 * back; anything else (`system:claims`, or what a history recorded before references) is the actor.
 */
export async function actorOf(exec: Executor, ref: string): Promise<string> {
  if (!ref.startsWith('p:')) return ref;
  return (await actorsOf(exec, [ref])).get(ref) ?? ref;
}

/** Withdraws a text whose Update was refused (a refusal writes nothing). */
export async function deleteCaseText(exec: Executor, id: number): Promise<void> {
  await exec.delete(caseTexts).where(eq(caseTexts.id, id));
}

/** Withdraws the reference of a refused Update (each reference belongs to one action). */
export async function deletePrincipal(exec: Executor, ref: string): Promise<void> {
  await exec.delete(principals).where(eq(principals.ref, ref));
}

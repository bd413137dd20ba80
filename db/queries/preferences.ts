/**
 * The recipient's stored language (migration 0016: participants.preferred_lang,
 * employers.preferred_lang). The relay reads it in its lease (db/queries/notices.ts); these are the
 * writes of PUT …/preferences and the e-book PDF's fallback.
 */
import { eq, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../client';
import { employers, participants } from '../schema';

export type PreferredLang = 'vi' | 'en';

/** The participant's stored language, the row locked until commit; undefined for no such person. */
export async function lockParticipantLang(tx: Tx, personalId: string): Promise<PreferredLang | undefined> {
  const [row] = await tx
    .select({ lang: participants.preferredLang })
    .from(participants)
    .where(eq(participants.personalId, personalId))
    .for('update');
  return row?.lang;
}

export async function setParticipantLang(tx: Tx, personalId: string, lang: PreferredLang): Promise<void> {
  await tx
    .update(participants)
    .set({ preferredLang: lang, updatedAt: sql`now()` })
    .where(eq(participants.personalId, personalId));
}

/** The participant's stored language; undefined for no such person. */
export async function participantLang(exec: Executor, personalId: string): Promise<PreferredLang | undefined> {
  const [row] = await exec
    .select({ lang: participants.preferredLang })
    .from(participants)
    .where(eq(participants.personalId, personalId));
  return row?.lang;
}

/** The employer's stored language, the row locked until commit; undefined for no such employer. */
export async function lockEmployerLang(tx: Tx, taxCode: string): Promise<PreferredLang | undefined> {
  const [row] = await tx
    .select({ lang: employers.preferredLang })
    .from(employers)
    .where(eq(employers.taxCode, taxCode))
    .for('update');
  return row?.lang;
}

export async function setEmployerLang(tx: Tx, taxCode: string, lang: PreferredLang): Promise<void> {
  await tx
    .update(employers)
    .set({ preferredLang: lang, updatedAt: sql`now()` })
    .where(eq(employers.taxCode, taxCode));
}

/**
 * The recipient's language preference (issue 13: "the language is chosen by Accept-Language,
 * --lang, or the recipient's preference"). Setting it is one transaction: the row locked, the value
 * written and an audit event appended when it changes; the same value again changes nothing and
 * gives the same answer (idempotent under retry). The relay reads the preference when it leases a
 * notice, so every notice not yet sent goes in the new language.
 */
import type { Db } from '../db/client';
import { audit } from '../db/queries/audit';
import {
  lockEmployerLang,
  lockParticipantLang,
  participantLang,
  setEmployerLang,
  setParticipantLang,
  type PreferredLang,
} from '../db/queries/preferences';
import { DomainError } from '../domain/errors';
import { DEFAULT_LANG, isLang, type Lang } from '../messages';

export type { PreferredLang } from '../db/queries/preferences';

/** Sets a participant's language; NOT_FOUND for an unknown person. `actor` as api/context.ts actorOf writes it. */
export async function setParticipantPreferences(
  db: Db,
  r: { personalId: string; lang: PreferredLang; actor: string },
): Promise<{ personalId: string; lang: PreferredLang }> {
  return db.transaction(async (tx) => {
    const current = await lockParticipantLang(tx, r.personalId);
    if (current === undefined) throw new DomainError('NOT_FOUND', 'participant not found');
    if (current !== r.lang) {
      await setParticipantLang(tx, r.personalId, r.lang);
      await audit(tx, {
        actor: r.actor,
        action: 'participant.preferences_set',
        subjectType: 'participant',
        subjectId: r.personalId,
        details: { lang: r.lang, previous: current },
      });
    }
    return { personalId: r.personalId, lang: r.lang };
  });
}

/** Sets an employer's language; NOT_FOUND for an unknown employer. */
export async function setEmployerPreferences(
  db: Db,
  r: { taxCode: string; lang: PreferredLang; actor: string },
): Promise<{ taxCode: string; lang: PreferredLang }> {
  return db.transaction(async (tx) => {
    const current = await lockEmployerLang(tx, r.taxCode);
    if (current === undefined) throw new DomainError('NOT_FOUND', 'employer not found');
    if (current !== r.lang) {
      await setEmployerLang(tx, r.taxCode, r.lang);
      await audit(tx, {
        actor: r.actor,
        action: 'employer.preferences_set',
        subjectType: 'employer',
        subjectId: r.taxCode,
        details: { lang: r.lang, previous: current },
      });
    }
    return { taxCode: r.taxCode, lang: r.lang };
  });
}

/**
 * The language an `Accept-Language` header asks for among the catalog's (vi, en), by its q-values;
 * null when there is no header or it names neither (then the caller falls back to the preference).
 */
export function acceptedLang(header: string | undefined): Lang | null {
  if (!header) return null;
  let best: { lang: Lang; q: number } | null = null;
  for (const part of header.split(',').slice(0, 20)) {
    const [tag, ...params] = part.trim().split(';');
    const primary = tag?.trim().toLowerCase().split('-')[0];
    if (!isLang(primary)) continue;
    const qParam = params.map((x) => x.trim()).find((x) => x.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    if (!best || q > best.q) best = { lang: primary, q };
  }
  return best?.lang ?? null;
}

/**
 * The language of a participant's e-book PDF: `?lang=` wins, then `Accept-Language` when it names
 * vi or en, then the participant's stored preference, then Vietnamese.
 */
export async function ebookPdfLang(
  db: Db,
  personalId: string,
  asked: { query?: Lang | undefined; acceptLanguage?: string | undefined },
): Promise<Lang> {
  if (asked.query) return asked.query;
  const accepted = acceptedLang(asked.acceptLanguage);
  if (accepted) return accepted;
  return (await participantLang(db, personalId)) ?? DEFAULT_LANG;
}

/**
 * Notices as people read them (issue 13): each outbox kind's subject and body from the catalog
 * (messages/notices.ts), in the recipient's language (a `lang` the notice carries, else the
 * recipient's stored preference — participants.preferred_lang, employers.preferred_lang — else Vietnamese),
 * with dates, months and amounts written per locale; and the notice lists the API serves — the
 * operator's (by status, e.g. the dead letters), the participant's inbox — and the operator's retry.
 */
import { findNotice, listNotices, participantExists, requeueDead, type NoticeRow } from '../db/queries/notices';
import type { Db } from '../db/client';
import { findEmployer } from '../db/queries/employers';
import type { NoticeStatus } from '../db/schema';
import { DomainError } from '../domain/errors';
import { ONBOARDING_AUTO_REJECT_AFTER_DAYS } from '../workflows/definitions';
import { appealDeadline, APPEAL_DAYS, complaintsLaw } from '../domain/appeal';
import type { IsoDate } from '../domain/calendar';
import { CARD_LOCK_BASIS } from '../domain/coverage';
import { catalog, DEFAULT_LANG, isLang, t, translator, type Lang, type MessageKey } from '../messages';
import { formatDate, formatMoney, formatMonth } from '../messages/format';
import { citationIn } from './documents';

/** Payload fields that are amounts of money (decimal strings). */
const MONEY_FIELDS = new Set(['amount', 'outstanding', 'lateCharge', 'monthlyBenefit']);

/**
 * The language a notice is sent in: an explicit `lang` the notice carries, else the recipient's
 * stored preference (read with the lease, db/queries/notices.ts), else Vietnamese.
 */
export function noticeLang(payload: unknown, preferred?: string | null): Lang {
  const lang = (payload as { lang?: unknown } | null)?.lang;
  if (isLang(lang)) return lang;
  return isLang(preferred) ? preferred : DEFAULT_LANG;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * "Now" on the timeline of outbox.created_at: created_at is stamped by PostgreSQL's clock (the real
 * time), while the injected clock may be pinned to another date (ANSINH_TODAY: `offsetDays` = pinned
 * − real). A notice's age is this minus its created_at (or its retried_at, which is stamped with this).
 */
export function noticeAgeNow(clock: (() => Date) & { readonly offsetDays?: number }): Date {
  return new Date(clock().getTime() - (clock.offsetDays ?? 0) * DAY_MS);
}

/** What a one-time code reads as anywhere but the e-mail that carries it (the inbox, the operator's lists). */
export const MASKED_CODE = '••••••';

/** Payload fields that carry a code, by notice kind: the catalog prefix that words them. */
const CODED_FIELDS: Record<string, Record<string, string>> = {
  'declaration_case.closed': { outcome: 'declarationCase.outcome.' },
  'declaration_case.dismissed': { reason: 'declarationCase.reason.' },
  'declaration_case.referred': { code: 'declarationCase.referral.' },
  'declaration_case.referral_closed': { whereToTurn: 'declarationCase.whereToTurn.' },
  'hi_card.locked': { lockKind: 'hiCardLock.kind.', ground: 'hiCardLock.ground.' },
  'hi_card.withdrawn': { lockKind: 'hiCardLock.kind.', ground: 'hiCardLock.ground.' },
};

/** The provisions each card notice cites (domain/coverage.ts CARD_LOCK_BASIS). */
const CARD_NOTICE_BASIS: Record<string, keyof typeof CARD_LOCK_BASIS> = {
  'hi_card.locked': 'locked',
  'hi_card.withdrawn': 'withdrawn',
  'hi_card.lock_lifted': 'lifted',
};

function params(
  lang: Lang,
  kind: string,
  payload: unknown,
  secrets: { code?: string } = {},
): Record<string, string | number> {
  const out: Record<string, string | number> = { kind };
  if (!payload || typeof payload !== 'object') return out;
  for (const [k, v] of Object.entries(payload as Record<string, unknown>)) {
    if (typeof v === 'number') out[k] = v;
    else if (typeof v === 'string') {
      if (MONEY_FIELDS.has(k)) out[k] = formatMoney(lang, v);
      else if (/^\d{4}-\d{2}-\d{2}$/.test(v)) out[k] = formatDate(lang, v);
      else if (/^\d{4}-\d{2}$/.test(v)) out[k] = formatMonth(lang, v);
      else out[k] = v;
    } else if (typeof v === 'boolean') out[k] = String(v);
    else if (Array.isArray(v) && v.every((x) => typeof x === 'string')) out[k] = v.join(', ');
  }
  // The automatic rejection's reason is written by the workflow in English: the notice says it in
  // the reader's language instead (older rows carry the same flag).
  if (kind === 'onboarding.rejected' && (payload as { automatic?: unknown }).automatic === true)
    out.reason = t(lang, 'notice.onboarding.rejected.automatic_reason', { days: ONBOARDING_AUTO_REJECT_AFTER_DAYS });
  // A payload's codes are printed as the catalog's words in the reader's language, never as codes.
  for (const [field, prefix] of Object.entries(CODED_FIELDS[kind] ?? {})) {
    const v = (payload as Record<string, unknown>)[field];
    const key = `${prefix}${String(v)}`;
    if (typeof v === 'string' && key in catalog) out[field] = t(lang, key as MessageKey);
  }
  // A referral's closure says what came of it: the case opened against the employer, or where to turn.
  if (kind === 'declaration_case.referral_closed')
    out.ending =
      (payload as { outcome?: unknown }).outcome === 'employer_identified'
        ? t(lang, 'notice.declaration_case.referral_closed.identified', out)
        : t(lang, 'notice.declaration_case.referral_closed.outside', out);
  // A card's lock, withdrawal or lifting cites its provisions in the reader's words; a lock or a
  // withdrawal also says how long the participant has to complain (Law 02/2011 Art.9).
  const basis = CARD_NOTICE_BASIS[kind];
  if (basis) {
    const tr = translator(lang);
    out.basis = CARD_LOCK_BASIS[basis].map((c) => citationIn(tr, c)).join('; ');
    // The deadline counts from the day of the decision (the notice goes out the same day).
    const decidedOn = (payload as { decidedOn?: unknown }).decidedOn;
    const dated = typeof decidedOn === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(decidedOn);
    if (basis !== 'lifted')
      out.appeal = dated
        ? t(lang, 'notice.hi_card.appeal', {
            days: APPEAL_DAYS,
            deadline: formatDate(lang, appealDeadline(decidedOn as IsoDate)),
            basis: citationIn(tr, complaintsLaw.article(9)),
          })
        : '';
  }
  // A code is never in the payload in clear (it is sealed); only the relay's e-mail writes it.
  if (kind === 'otp.code') out['code'] = secrets.code ?? MASKED_CODE;
  return out;
}

const keyOf = (kind: string, part: 'subject' | 'body'): MessageKey => {
  const k = `notice.${kind}.${part}`;
  return (k in catalog ? k : `notice.generic.${part}`) as MessageKey;
};

/** Whether the catalog has this kind's own texts (not the generic fallback). */
export const hasNoticeTexts = (kind: string): boolean =>
  `notice.${kind}.subject` in catalog && `notice.${kind}.body` in catalog;

/** The subject and plain-text body of a notice, in `lang`; `secrets` only from the relay's e-mail of a code. */
export function renderNotice(
  kind: string,
  payload: unknown,
  lang: Lang = noticeLang(payload),
  secrets: { code?: string } = {},
): { subject: string; text: string } {
  const p = params(lang, kind, payload, secrets);
  return {
    subject: t(lang, keyOf(kind, 'subject'), p),
    text: `${t(lang, keyOf(kind, 'body'), p)}\n\n${t(lang, 'notice.footer')}\n`,
  };
}

/** Whether the catalog has this kind's SMS text (`sms.<kind>`): only such kinds go by SMS. */
export const hasSmsText = (kind: string): boolean => `sms.${kind}` in catalog;

/** A notice's SMS text in `lang` (one message: services/sms.ts fitsOneSms); `secrets` only from the relay. */
export function renderSms(kind: string, payload: unknown, lang: Lang, secrets: { code?: string } = {}): string {
  return t(lang, `sms.${kind}` as MessageKey, params(lang, kind, payload, secrets));
}

export interface NoticeView {
  id: number;
  kind: string;
  channel: string;
  recipientType: string;
  status: NoticeStatus;
  attempts: number;
  lastError: string | null;
  deliveredVia: 'smtp' | 'sms' | 'inbox' | null;
  messageId: string;
  createdAt: string;
  sentAt: string | null;
  nextAttemptAt: string | null;
  subject: string;
  body: string;
}

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

function viewOf(r: NoticeRow, lang: Lang): NoticeView {
  const { subject, text } = renderNotice(r.kind, r.payload, lang);
  return {
    id: Number(r.id),
    kind: r.kind,
    channel: r.channel,
    recipientType: r.recipientType,
    status: r.status,
    attempts: r.attempts,
    lastError: r.lastError,
    deliveredVia: r.deliveredVia,
    messageId: r.messageId,
    createdAt: iso(r.createdAt)!,
    sentAt: iso(r.sentAt),
    nextAttemptAt: iso(r.nextAttemptAt),
    subject,
    body: text,
  };
}

export interface NoticePage {
  items: NoticeView[];
  next: number | null;
}

function page(rows: NoticeRow[], limit: number, lang: Lang): NoticePage {
  const items = rows.slice(0, limit).map((r) => viewOf(r, lang));
  return { items, next: rows.length > limit ? items[items.length - 1]!.id : null };
}

/** The operator's view of the outbox, newest first (status: e.g. `dead`, the dead letters). */
export async function noticesByStatus(
  db: Db,
  q: { status?: NoticeStatus; before: number | null; limit: number; lang?: Lang },
): Promise<NoticePage> {
  const rows = await listNotices(db, {
    ...(q.status ? { status: q.status } : {}),
    ...(q.before !== null ? { before: q.before } : {}),
    limit: q.limit + 1,
  });
  return page(rows, q.limit, q.lang ?? DEFAULT_LANG);
}

/** A participant's inbox: every notice to them, newest first, with its delivery status. NOT_FOUND for an unknown person. */
export async function participantInbox(
  db: Db,
  personalId: string,
  q: { before: number | null; limit: number; lang?: Lang },
): Promise<NoticePage> {
  if (!(await participantExists(db, personalId))) throw new DomainError('NOT_FOUND', 'participant not found');
  const rows = await listNotices(db, {
    recipientType: 'participant',
    recipientId: personalId,
    ...(q.before !== null ? { before: q.before } : {}),
    limit: q.limit + 1,
  });
  return page(rows, q.limit, q.lang ?? DEFAULT_LANG);
}

/**
 * An employer's inbox (issue 13, helper "delivery"): the notices to the unit — its onboarding's
 * outcome, its arrears notices — newest first, with their status. Employers have no e-mail address
 * on file, so the relay delivers these to the inbox; this is where they arrive. NOT_FOUND for an unknown employer.
 */
export async function employerInbox(
  db: Db,
  taxCode: string,
  q: { before: number | null; limit: number; lang?: Lang },
): Promise<NoticePage> {
  if (!(await findEmployer(db, taxCode))) throw new DomainError('NOT_FOUND', 'employer not found');
  const rows = await listNotices(db, {
    recipientType: 'employer',
    recipientId: taxCode,
    ...(q.before !== null ? { before: q.before } : {}),
    limit: q.limit + 1,
  });
  return page(rows, q.limit, q.lang ?? DEFAULT_LANG);
}

/**
 * An operator's retry of a dead notice: queued again with a fresh attempt budget, on the same row
 * (so with the same Message-ID). NOT_FOUND for no such notice; WRONG_STATE when it is not dead.
 * The retry resets the notice's age (retried_at, by the injected clock): a notice the relay found
 * too old (EXPIRED) goes when the operator deliberately retries it.
 */
export async function retryDeadNotice(
  db: Db,
  id: number,
  clock: (() => Date) & { readonly offsetDays?: number },
): Promise<NoticeView> {
  return db.transaction(async (tx) => {
    const row = await requeueDead(tx, id, noticeAgeNow(clock));
    if (row) return viewOf(row, DEFAULT_LANG);
    if (!(await findNotice(tx, id))) throw new DomainError('NOT_FOUND', 'notice not found');
    throw new DomainError(
      'WRONG_STATE',
      'only a dead notice is retried; this one is still being delivered or was sent',
    );
  });
}

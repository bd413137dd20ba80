/**
 * Numbers and dates as a person reads them: Vietnamese groups digits with "." and writes dates
 * day/month/year; English groups with "," and writes ISO dates. Money stays a decimal string to the
 * end (no float ever holds an amount). And a card lock of the e-book as one sentence.
 */
import { catalog, t, type Lang, type MessageKey } from './index';

/** "1234567.00" → "1.234.567 ₫" (vi) or "1,234,567 ₫" (en); whole dong (amounts are rounded to the dong). */
export function formatMoney(lang: Lang, amount: string | null | undefined): string {
  if (amount === null || amount === undefined || amount === '') return '—';
  const negative = amount.startsWith('-');
  const [whole = '0', frac = ''] = amount.replace(/^-/, '').split('.');
  const sep = lang === 'vi' ? '.' : ',';
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  const cents = /[1-9]/.test(frac) ? (lang === 'vi' ? ',' : '.') + frac.replace(/0+$/, '') : '';
  return `${negative ? '−' : ''}${grouped}${cents} ₫`;
}

/** "2026-12-01" → "01/12/2026" (vi) or "2026-12-01" (en). */
export function formatDate(lang: Lang, iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = iso.slice(0, 10);
  if (lang === 'en') return d;
  const [y, m, day] = d.split('-');
  return `${day}/${m}/${y}`;
}

/** "2026-12" → "12/2026" (vi) or "2026-12" (en). */
export function formatMonth(lang: Lang, month: string | null | undefined): string {
  if (!month) return '—';
  if (lang === 'en') return month;
  const [y, m] = month.split('-');
  return `${m}/${y}`;
}

/** A code as the catalog's word under `prefix`; a code the catalog does not know prints as it is. */
const word = (lang: Lang, prefix: string, code: string): string =>
  `${prefix}${code}` in catalog ? t(lang, `${prefix}${code}` as MessageKey) : code;

/**
 * A lock or withdrawal of an HI card (the e-book's `cardLocks`, domain/ebook.ts) in one sentence:
 * "Tạm khóa từ ngày 03/11/2026 (lý do: cho người khác mượn thẻ); mở khóa từ ngày 10/11/2026." The
 * e-book PDF and the console's card lists print it under the card.
 */
export function formatCardLock(
  lang: Lang,
  l: { kind: string; ground: string; effectiveFrom: string; liftedOn: string | null },
): string {
  const ground = word(lang, 'hiCardLock.ground.', l.ground);
  const from = formatDate(lang, l.effectiveFrom);
  if (l.kind === 'withdrawn') return t(lang, 'hiCardLock.line.withdrawn', { from, ground });
  const state = l.liftedOn
    ? t(lang, 'hiCardLock.state.lifted', { date: formatDate(lang, l.liftedOn) })
    : t(lang, 'hiCardLock.state.inEffect');
  return t(lang, 'hiCardLock.line.locked', { from, ground, state });
}

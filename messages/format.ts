/**
 * Numbers and dates as a person reads them: Vietnamese groups digits with "." and writes dates
 * day/month/year; English groups with "," and writes ISO dates. Money stays a decimal string to the
 * end (no float ever holds an amount).
 */
import type { Lang } from './index';

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

/** The one catalog (messages/): every text in both languages, with the same placeholders. */
import { describe, expect, it } from 'vitest';
import { catalog, t, translator, type MessageKey } from '../../messages';
import { formatCardLock, formatDate, formatMoney, formatMonth } from '../../messages/format';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the message catalog', () => {
  it('has a Vietnamese and an English text for every key, with the same placeholders', () => {
    const broken: string[] = [];
    for (const [key, entry] of Object.entries(catalog) as [string, { vi: string; en: string }][]) {
      if (!entry.vi.trim() || !entry.en.trim()) broken.push(`${key}: empty`);
      if (placeholders(entry.vi).join() !== placeholders(entry.en).join()) broken.push(`${key}: placeholders differ`);
    }
    expect(broken).toEqual([]);
  });

  it('writes every Vietnamese (and English) text in Unicode NFC, so a search or a PDF font sees one form of each letter', () => {
    const notNfc = Object.entries(catalog)
      .filter(([, e]) => e.vi !== e.vi.normalize('NFC') || e.en !== e.en.normalize('NFC'))
      .map(([k]) => k);
    expect(notNfc).toEqual([]);
    // The check can fail: a decomposed "ệ" (e + combining marks) is not NFC.
    const decomposed = 'Việt'.normalize('NFD');
    expect(decomposed === decomposed.normalize('NFC')).toBe(false);
  });

  it('has both languages for every key, and no key that is only one of them', () => {
    const wrong = Object.entries(catalog)
      .filter(
        ([, e]) => Object.keys(e).sort().join() !== 'en,vi' || typeof e.vi !== 'string' || typeof e.en !== 'string',
      )
      .map(([k]) => k);
    expect(wrong).toEqual([]);
  });

  it('fills placeholders and leaves an unknown one visible', () => {
    expect(t('vi', 'session.signedInAs', { role: 'cán bộ' })).toBe('Đăng nhập với vai trò cán bộ');
    expect(translator('en')('session.signedInAs', { role: 'officer' })).toBe('Signed in as officer');
    expect(t('en', 'session.signedInAs' as MessageKey)).toBe('Signed in as {role}');
  });

  it('writes money from decimal strings, to the dong, grouped as each language groups digits', () => {
    expect(formatMoney('vi', '1234567.00')).toBe('1.234.567 ₫');
    expect(formatMoney('en', '1234567')).toBe('1,234,567 ₫');
    expect(formatMoney('vi', '-5000000.50')).toBe('−5.000.000,5 ₫');
    expect(formatMoney('vi', '999')).toBe('999 ₫');
    // Beyond a double's precision, still exact.
    expect(formatMoney('en', '123456789012345678901')).toBe('123,456,789,012,345,678,901 ₫');
    expect(formatMoney('vi', null)).toBe('—');
  });

  it('writes dates and months day first in Vietnamese', () => {
    expect(formatDate('vi', '2026-12-01')).toBe('01/12/2026');
    expect(formatDate('en', '2026-12-01')).toBe('2026-12-01');
    expect(formatMonth('vi', '2026-07')).toBe('07/2026');
    expect(formatMonth('en', '2026-07')).toBe('2026-07');
  });

  it('writes a card lock as one sentence: kind, day, ground in words, lifted or still in effect (HI Law Art.20)', () => {
    const lock = { kind: 'locked', ground: 'lent', effectiveFrom: '2026-11-03', liftedOn: null };
    expect(formatCardLock('vi', lock)).toBe(
      'Tạm khóa từ ngày 03/11/2026 (lý do: cho người khác mượn thẻ); đang có hiệu lực.',
    );
    expect(formatCardLock('en', { ...lock, liftedOn: '2026-11-20' })).toBe(
      'Temporarily locked from 2026-11-03 (ground: the card was lent to someone else); unlocked from 2026-11-20.',
    );
    expect(formatCardLock('vi', { ...lock, kind: 'withdrawn', ground: 'fraud' })).toBe(
      'Thu hồi từ ngày 03/11/2026 (lý do: gian lận trong việc cấp thẻ).',
    );
    // A ground the catalog does not know (none the database allows) prints as it is, never as "undefined".
    expect(formatCardLock('en', { ...lock, ground: 'other' })).toContain('(ground: other)');
  });
});

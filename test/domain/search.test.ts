/**
 * The one folding search compares names by (domain/search.ts), and how a search query is read:
 * every Vietnamese letter, in both cases, folds to its base letter; a query is a personal ID, an
 * SI number, or at least two letters of a name — anything else is refused with its code.
 */
import { describe, expect, it } from 'vitest';
import { FOLD_FROM, FOLD_TO, foldName, parseEmployerQuery, parseParticipantQuery } from '../../domain/search';

const TONES = ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323']; // none, huyền, sắc, hỏi, ngã, nặng
const VOWELS: Record<string, string[]> = {
  a: ['a', 'a\u0306', 'a\u0302'], // a ă â
  e: ['e', 'e\u0302'], // e ê
  i: ['i'],
  o: ['o', 'o\u0302', 'o\u031b'], // o ô ơ
  u: ['u', 'u\u031b'], // u ư
  y: ['y'],
};
/** Every Vietnamese letter with a mark, composed (NFC), and its base: 66 vowels and đ. */
const VIETNAMESE_LETTERS: [string, string][] = [
  ...Object.entries(VOWELS).flatMap(([base, forms]) =>
    forms.flatMap((v) => TONES.map((t) => [(v + t).normalize('NFC'), base] as [string, string])),
  ),
  ['đ', 'd'] as [string, string],
].filter(([c, base]) => c !== base);

describe('foldName', () => {
  it('knows all 67 marked Vietnamese letters, each one character, in both cases, folding to its base letter', () => {
    expect(VIETNAMESE_LETTERS).toHaveLength(67);
    for (const [c, base] of VIETNAMESE_LETTERS) {
      expect([...c], c).toHaveLength(1);
      expect(foldName(c), c).toBe(base);
      expect(foldName(c.toUpperCase()), c.toUpperCase()).toBe(base);
    }
    expect([...FOLD_FROM]).toHaveLength([...FOLD_TO].length);
    expect(new Set(FOLD_FROM).size).toBe([...FOLD_FROM].length);
  });

  it('folds names as an officer types them: accents, case and spacing ignored, "đ" = "d", decomposed input too', () => {
    expect(foldName('Nguyễn Văn An')).toBe('nguyen van an');
    expect(foldName('ĐẶNG THỊ LAN')).toBe('dang thi lan');
    expect(foldName('  Trương   Mỹ  Lệ ')).toBe('truong my le');
    expect(foldName('Nguyễn'.normalize('NFD'))).toBe('nguyen');
    expect(foldName('Phạm Ngọc Ánh')).toBe(foldName('pham ngoc anh'));
  });
});

describe('parseParticipantQuery', () => {
  it('reads a 12-digit personal ID, a 10-digit SI number, or a name prefix (folded)', () => {
    expect(parseParticipantQuery('079190000123')).toEqual({ kind: 'personalId', personalId: '079190000123' });
    expect(parseParticipantQuery(' 7912345678 ')).toEqual({ kind: 'siNumber', siNumber: '7912345678' });
    expect(parseParticipantQuery('Nguyễn Văn')).toEqual({ kind: 'name', prefix: 'nguyen van' });
    expect(parseParticipantQuery('đa')).toEqual({ kind: 'name', prefix: 'da' });
    expect(parseParticipantQuery("O'Brien")).toEqual({ kind: 'name', prefix: "o'brien" });
  });

  it('refuses anything else with a specific code: one letter, digits of another length, characters no name has', () => {
    expect(parseParticipantQuery('N')).toMatchObject({ code: 'SEARCH_TOO_SHORT' });
    expect(parseParticipantQuery('Đ ')).toMatchObject({ code: 'SEARCH_TOO_SHORT' });
    for (const q of ['12345', '0791900001234', '079-190-000', '%', 'an%', 'a_b', 'Nguyễn 1', '*'])
      expect(parseParticipantQuery(q), q).toMatchObject({ code: 'INVALID_SEARCH' });
  });
});

describe('parseEmployerQuery', () => {
  it('digits are a tax-code prefix, other text a name prefix, nothing every employer; one character is too short', () => {
    expect(parseEmployerQuery('0101')).toEqual({ kind: 'taxCode', prefix: '0101' });
    expect(parseEmployerQuery('0101234567-00')).toEqual({ kind: 'taxCode', prefix: '0101234567-00' });
    expect(parseEmployerQuery('Công ty Đông Á')).toEqual({ kind: 'name', prefix: 'cong ty dong a' });
    expect(parseEmployerQuery(undefined)).toEqual({ kind: 'all' });
    expect(parseEmployerQuery('  ')).toEqual({ kind: 'all' });
    expect(parseEmployerQuery('0')).toMatchObject({ code: 'SEARCH_TOO_SHORT' });
    expect(parseEmployerQuery('Đ')).toMatchObject({ code: 'SEARCH_TOO_SHORT' });
    expect(parseEmployerQuery('01012345678-9')).toMatchObject({ code: 'INVALID_SEARCH' });
  });
});

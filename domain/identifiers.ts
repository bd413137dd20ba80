/**
 * Identifiers (rules §5, §7): personal ID (CCCD), legacy SI number, tax code, HI card code.
 */
import { z } from 'zod';
import type { IsoDate } from './calendar';

export type IdResult = { ok: true; warnings: string[] } | { ok: false; code: string; message: string };
const ok = (warnings: string[] = []): IdResult => ({ ok: true, warnings });
const bad = (code: string, message: string): IdResult => ({ ok: false, code, message });

/** 12 digits: 3 province, 1 century+gender, 2 year, 6 random; no check digit (Decree 137/2015 Art.13). */
export function decodePersonalId(id: string): { provinceCode: string; gender: 'male' | 'female'; birthYear: number } | null {
  if (!/^\d{12}$/.test(id)) return null;
  const cg = Number(id[3]);
  return { provinceCode: id.slice(0, 3), gender: cg % 2 === 0 ? 'male' : 'female', birthYear: 1900 + Math.floor(cg / 2) * 100 + Number(id.slice(4, 6)) };
}

export function validatePersonalId(id: string, opts: { dateOfBirth?: IsoDate; gender?: 'male' | 'female' } = {}): IdResult {
  const d = decodePersonalId(id);
  if (!d) return bad('INVALID_PERSONAL_ID', 'a personal ID has exactly 12 digits');
  if (opts.dateOfBirth && Number(opts.dateOfBirth.slice(0, 4)) !== d.birthYear) {
    return bad('PERSONAL_ID_BIRTH_YEAR_MISMATCH', `the personal ID encodes birth year ${d.birthYear}, not ${opts.dateOfBirth.slice(0, 4)}`);
  }
  if (opts.gender && opts.gender !== d.gender) return bad('PERSONAL_ID_GENDER_MISMATCH', `the personal ID encodes gender ${d.gender}`);
  return ok();
}

export const validateSiNumber = (s: string): IdResult => (/^\d{10}$/.test(s) ? ok() : bad('INVALID_SI_NUMBER', 'a legacy SI number has exactly 10 digits'));

const TAX_WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3];
/**
 * Community check digit: N10 = 10 − (Σ Ni·Wi mod 11). Not officially published (rules §7); a
 * result of 10 (remainder 0) or 11 cannot be a digit, so such codes give null (warning only).
 */
export function taxCodeCheckDigit(first9: string): number | null {
  if (!/^\d{9}$/.test(first9)) return null;
  const sum = TAX_WEIGHTS.reduce((acc, w, i) => acc + w * Number(first9[i]), 0);
  const d = 10 - (sum % 11);
  return d >= 0 && d <= 9 ? d : null;
}

export function validateTaxCode(s: string): IdResult & { kind?: 'enterprise' | 'dependent_unit' } {
  const m = /^(\d{10})(-\d{3})?$/.exec(s);
  if (!m) return bad('INVALID_TAX_CODE', 'a tax code has 10 digits, or 10-3 digits for a dependent unit');
  const kind = m[2] ? 'dependent_unit' : 'enterprise';
  const check = taxCodeCheckDigit(m[1]!.slice(0, 9));
  return { ...ok(check === Number(m[1]![9]) ? [] : ['TAX_CODE_CHECK_DIGIT']), kind };
}

export const validateHiCardCode = (s: string): IdResult =>
  /^[A-Z]{2}[1-5]\d{2}\d{10}$/.test(s) ? ok() : bad('INVALID_HI_CARD_CODE', 'an HI card code is 2 letters, a level digit 1–5, 2-digit province and 10-digit SI number');

/** Decision 1351/QĐ-BHXH: level 1/2/5 → 100%, 3 → 95%, 4 → 80%. */
export function hiBenefitLevel(levelDigit: 1 | 2 | 3 | 4 | 5 | number): 100 | 95 | 80 {
  if (levelDigit === 3) return 95;
  if (levelDigit === 4) return 80;
  if (levelDigit === 1 || levelDigit === 2 || levelDigit === 5) return 100;
  throw new Error(`HI level digit must be 1–5: ${levelDigit}`);
}

export function buildHiCardCode(group: string, levelDigit: number, provinceCode: string, siNumber: string): string {
  const code = `${group}${levelDigit}${provinceCode}${siNumber}`;
  const v = validateHiCardCode(code);
  if (!v.ok) throw new Error(`${v.code}: ${code}`);
  return code;
}

export const personalIdSchema = z.string().regex(/^\d{12}$/, 'INVALID_PERSONAL_ID: 12 digits');
export const siNumberSchema = z.string().regex(/^\d{10}$/, 'INVALID_SI_NUMBER: 10 digits');
export const taxCodeSchema = z.string().regex(/^\d{10}(-\d{3})?$/, 'INVALID_TAX_CODE: 10 digits, or 10-3 for a dependent unit');
export const hiCardCodeSchema = z.string().regex(/^[A-Z]{2}[1-5]\d{2}\d{10}$/, 'INVALID_HI_CARD_CODE');

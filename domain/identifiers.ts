/**
 * Identifiers (rules §5, §7): 12-digit personal ID (CCCD), legacy 10-digit SI number, enterprise
 * tax code, legacy 15-character HI card code. Format checks return a result, never throw.
 */
import { isIsoDate, type IsoDate } from './calendar';
import { DomainError } from './errors';
import { ansinh, circular105, decision1351, decree137, enterpriseLaw, rule } from './law';

export type IdResult = { ok: true; warnings: string[] } | { ok: false; code: string; message: string };
const ok = (warnings: string[] = []): { ok: true; warnings: string[] } => ({ ok: true, warnings });
const bad = (code: string, message: string): { ok: false; code: string; message: string } => ({
  ok: false,
  code,
  message,
});

// ---------------------------------------------------------------------------------------------
// Personal ID: 3 digits province of birth registration, 1 digit century + gender, 2 digits birth
// year, 6 random digits; no check digit (Decree 137/2015 Art.13 [S]; rules §5).

export const PERSONAL_ID_RE = /^\d{12}$/;

/**
 * Century + gender digit: 0/1 = 1900s male/female, 2/3 = 2000s, 4/5 = 2100s, 6/7 = 2200s,
 * 8/9 = 2300s (rules §5). Even = male, odd = female.
 */
export const decodePersonalId = rule(decree137.article(13), function decodePersonalId(id: string): {
  provinceCode: string;
  gender: 'male' | 'female';
  birthYear: number;
} | null {
  if (!PERSONAL_ID_RE.test(id)) return null;
  const cg = Number(id[3]);
  return {
    provinceCode: id.slice(0, 3),
    gender: cg % 2 === 0 ? 'male' : 'female',
    birthYear: 1900 + Math.floor(cg / 2) * 100 + Number(id.slice(4, 6)),
  };
});

/**
 * Format, and — when given — agreement of digits 4–6 with the date of birth and of digit 4's
 * parity with the gender. The birth year is checked first (a wrong century digit is reported as a
 * year mismatch). A dateOfBirth that is not a calendar date gives 'INVALID_DATE_OF_BIRTH'.
 */
export const validatePersonalId = rule(
  decree137.article(13),
  function validatePersonalId(id: string, opts: { dateOfBirth?: IsoDate; gender?: 'male' | 'female' } = {}): IdResult {
    const d = decodePersonalId(id);
    if (!d) return bad('INVALID_PERSONAL_ID', 'a personal ID has exactly 12 digits');
    if (opts.dateOfBirth !== undefined) {
      if (!isIsoDate(opts.dateOfBirth))
        return bad('INVALID_DATE_OF_BIRTH', `not a calendar date (YYYY-MM-DD): ${opts.dateOfBirth}`);
      const year = Number(opts.dateOfBirth.slice(0, 4));
      if (year !== d.birthYear) {
        return bad(
          'PERSONAL_ID_BIRTH_YEAR_MISMATCH',
          `the personal ID encodes birth year ${d.birthYear}, the date of birth says ${year}`,
        );
      }
    }
    if (opts.gender !== undefined && opts.gender !== d.gender) {
      return bad(
        'PERSONAL_ID_GENDER_MISMATCH',
        `the personal ID encodes gender ${d.gender}, the record says ${opts.gender}`,
      );
    }
    return ok();
  },
);

// ---------------------------------------------------------------------------------------------
// Legacy SI number: 10 digits, no published check digit [S]. Replaced by the personal ID from
// 01/08/2025 (Official Letter 1804/BHXH-QLT [O]) but kept as an alias (rules §8).

export const SI_NUMBER_RE = /^\d{10}$/;

export function validateSiNumber(s: string): IdResult {
  return SI_NUMBER_RE.test(s) ? ok() : bad('INVALID_SI_NUMBER', 'a legacy SI number has exactly 10 digits');
}

// ---------------------------------------------------------------------------------------------
// Tax code = enterprise code (Law on Enterprises 59/2020 Art.29): 10 digits, or 10 digits, a
// hyphen and 3 digits for a dependent unit (Circular 105/2020/TT-BTC [S]; rules §7).

export const TAX_CODE_RE = /^(\d{10})(?:-(\d{3}))?$/;

/** Community check-digit weights (rules §7; not officially published). */
export const TAX_CODE_WEIGHTS: readonly number[] = [31, 29, 23, 19, 17, 13, 7, 5, 3];

/**
 * The community check digit N10 = 10 − (Σ Ni·Wi mod 11) of the first nine digits, or null.
 * Edge case (project decision): a remainder of 0 gives 10, which is not a digit; implementations
 * disagree on it (rules §7), so it is reported as "not representable" (null) and any 10th digit
 * then draws the TAX_CODE_CHECK_DIGIT warning. Non-9-digit input also gives null.
 */
export const taxCodeCheckDigit = rule(
  [enterpriseLaw.article(29), ansinh.decision('8.10')],
  function taxCodeCheckDigit(first9: string): number | null {
    if (!/^\d{9}$/.test(first9)) return null;
    let sum = 0;
    for (let i = 0; i < 9; i++) sum += Number(first9[i]) * TAX_CODE_WEIGHTS[i]!;
    const d = 10 - (sum % 11);
    return d >= 0 && d <= 9 ? d : null;
  },
);

/** Warning code when the 10th digit does not match the community check digit (rules §8: a warning, not a rejection). */
export const TAX_CODE_CHECK_DIGIT_WARNING = 'TAX_CODE_CHECK_DIGIT';

export const validateTaxCode = rule(
  [enterpriseLaw.article(29), circular105.whole(), ansinh.decision('8.10')],
  function validateTaxCode(s: string): IdResult & { kind?: 'enterprise' | 'dependent_unit' } {
    const m = TAX_CODE_RE.exec(s);
    if (!m)
      return bad('INVALID_TAX_CODE', 'a tax code has 10 digits, or 10 digits, "-" and 3 digits for a dependent unit');
    const ten = m[1]!;
    const kind = m[2] === undefined ? 'enterprise' : 'dependent_unit';
    const check = taxCodeCheckDigit(ten.slice(0, 9));
    const warnings = check !== null && check === Number(ten[9]) ? [] : [TAX_CODE_CHECK_DIGIT_WARNING];
    return { ...ok(warnings), kind };
  },
);

// ---------------------------------------------------------------------------------------------
// Legacy HI card code (Decision 1351/QĐ-BHXH [S]; rules §5): 2 letters beneficiary group, 1 digit
// benefit level, 2 digits province, 10 digits SI number.

export const HI_CARD_RE = /^[A-Z]{2}[1-5]\d{2}\d{10}$/;

export const validateHiCardCode = rule(decision1351.whole(), function validateHiCardCode(s: string): IdResult {
  return HI_CARD_RE.test(s)
    ? ok()
    : bad(
        'INVALID_HI_CARD_CODE',
        'an HI card code is 2 capital letters, a benefit-level digit 1–5, a 2-digit province code and a 10-digit SI number',
      );
});

export type HiLevelDigit = 1 | 2 | 3 | 4 | 5;

/** Benefit level of the card's level digit: 1, 2, 5 → 100%; 3 → 95%; 4 → 80% (Decision 1351/QĐ-BHXH [S]; rules §5). */
export const hiBenefitLevel = rule(decision1351.whole(), function hiBenefitLevel(levelDigit: HiLevelDigit):
  100 | 95 | 80 {
  switch (levelDigit) {
    case 1:
    case 2:
    case 5:
      return 100;
    case 3:
      return 95;
    case 4:
      return 80;
    default:
      throw new DomainError(
        'INVALID_HI_LEVEL',
        `an HI benefit-level digit is 1–5: ${String(levelDigit)}`,
        'levelDigit',
        undefined,
        { value: String(levelDigit) },
      );
  }
});

/** group + level digit + province + SI number, e.g. ('DN', 4, '79', '7912345678') → 'DN4797912345678'. */
export const buildHiCardCode = rule(
  decision1351.whole(),
  function buildHiCardCode(group: string, levelDigit: number, provinceCode: string, siNumber: string): string {
    const code = `${group}${levelDigit}${provinceCode}${siNumber}`;
    const v = validateHiCardCode(code);
    if (!v.ok)
      throw new DomainError(v.code, `${v.message}: got ${JSON.stringify(code)}`, 'hiCardCode', {
        group,
        levelDigit,
        provinceCode,
        siNumber,
      });
    return code;
  },
);

/** Identifier formats (rules §5 and §7) and the tax-code check-digit warning (rules §8). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildHiCardCode,
  decodePersonalId,
  hiBenefitLevel,
  taxCodeCheckDigit,
  validateHiCardCode,
  validatePersonalId,
  validateSiNumber,
  validateTaxCode,
} from '../../domain/identifiers';
import { hiCardCodeSchema, personalIdSchema, siNumberSchema, taxCodeSchema } from '../../domain/schemas-fields';

describe('personal ID (12 digits; Decree 137/2015 Art.13 via rules §5)', () => {
  it('decodes province, gender and birth year: 079 0 90 123456 → province 079, male, 1990', () => {
    expect(decodePersonalId('079090123456')).toEqual({ provinceCode: '079', gender: 'male', birthYear: 1990 });
  });

  it.each([
    ['001005000001', 'male', 1905], // 0 = 1900s male
    ['001199000001', 'female', 1999], // 1 = 1900s female
    ['001205000001', 'male', 2005], // 2 = 2000s male
    ['001305000001', 'female', 2005], // 3 = 2000s female
    ['001400000001', 'male', 2100], // 4/5 = 2100s
    ['001501000001', 'female', 2101],
    ['001699000001', 'male', 2299], // 6/7 = 2200s
    ['001800000001', 'male', 2300], // 8/9 = 2300s
    ['001999000001', 'female', 2399],
  ])('reads the century/gender digit of %s as %s born %d', (id, gender, birthYear) => {
    expect(decodePersonalId(id)).toMatchObject({ gender, birthYear });
  });

  it('accepts an ID that agrees with the date of birth and gender', () => {
    expect(validatePersonalId('079090123456', { dateOfBirth: '1990-05-12', gender: 'male' })).toEqual({
      ok: true,
      warnings: [],
    });
    expect(validatePersonalId('001305000001', { dateOfBirth: '2005-12-31', gender: 'female' })).toEqual({
      ok: true,
      warnings: [],
    });
    expect(validatePersonalId('079090123456')).toEqual({ ok: true, warnings: [] });
  });

  it('rejects a year mismatch (digits 5–6) and a century mismatch (digit 4) as PERSONAL_ID_BIRTH_YEAR_MISMATCH', () => {
    expect(validatePersonalId('079090123456', { dateOfBirth: '1991-05-12' })).toMatchObject({
      ok: false,
      code: 'PERSONAL_ID_BIRTH_YEAR_MISMATCH',
    });
    expect(validatePersonalId('079290123456', { dateOfBirth: '1990-05-12' })).toMatchObject({
      ok: false,
      code: 'PERSONAL_ID_BIRTH_YEAR_MISMATCH',
    }); // 2 → 2090
  });

  it('rejects a gender mismatch as PERSONAL_ID_GENDER_MISMATCH', () => {
    expect(validatePersonalId('079090123456', { dateOfBirth: '1990-05-12', gender: 'female' })).toMatchObject({
      ok: false,
      code: 'PERSONAL_ID_GENDER_MISMATCH',
    });
    expect(validatePersonalId('079190123456', { gender: 'male' })).toMatchObject({
      ok: false,
      code: 'PERSONAL_ID_GENDER_MISMATCH',
    });
  });

  it.each(['07909012345', '0790901234567', '07909012345a', ' 079090123456', '079-090-123456', ''])(
    'rejects %j as INVALID_PERSONAL_ID',
    (id) => {
      expect(validatePersonalId(id)).toMatchObject({ ok: false, code: 'INVALID_PERSONAL_ID' });
      expect(decodePersonalId(id)).toBeNull();
      expect(personalIdSchema.safeParse(id).success).toBe(false);
    },
  );

  it('reports a date of birth that is not a date', () => {
    expect(validatePersonalId('079090123456', { dateOfBirth: '1990-02-30' })).toMatchObject({
      ok: false,
      code: 'INVALID_DATE_OF_BIRTH',
    });
  });

  it('decodes what it encodes for every year 1900–2399 and both genders (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1900, max: 2399 }),
        fc.constantFrom('male' as const, 'female' as const),
        fc.stringMatching(/^\d{3}$/),
        fc.stringMatching(/^\d{6}$/),
        (year, gender, prov, rest) => {
          const digit = (Math.floor(year / 100) - 19) * 2 + (gender === 'female' ? 1 : 0);
          const id = `${prov}${digit}${String(year % 100).padStart(2, '0')}${rest}`;
          expect(decodePersonalId(id)).toEqual({ provinceCode: prov, gender, birthYear: year });
          expect(validatePersonalId(id, { dateOfBirth: `${year}-01-01`, gender })).toEqual({ ok: true, warnings: [] });
        },
      ),
    );
  });
});

describe('legacy SI number (10 digits; rules §5)', () => {
  it('accepts 10 digits and rejects anything else as INVALID_SI_NUMBER', () => {
    expect(validateSiNumber('7912345678')).toEqual({ ok: true, warnings: [] });
    for (const s of ['791234567', '79123456789', '79123456a8', '']) {
      expect(validateSiNumber(s)).toMatchObject({ ok: false, code: 'INVALID_SI_NUMBER' });
      expect(siNumberSchema.safeParse(s).success).toBe(false);
    }
    expect(siNumberSchema.parse('7912345678')).toBe('7912345678');
  });
});

describe('tax code (10 digits, or 10-3 for a dependent unit; Circular 105/2020/TT-BTC via rules §7)', () => {
  it('computes the community check digit N10 = 10 − (Σ Ni·Wi mod 11), W = [31,29,23,19,17,13,7,5,3] (rules §7)', () => {
    // 010010079: 0·31 + 1·29 + 0·23 + 0·19 + 1·17 + 0·13 + 0·7 + 7·5 + 9·3 = 29 + 17 + 35 + 27 = 108;
    // 108 mod 11 = 9 (99 + 9); 10 − 9 = 1 → 0100100791
    expect(taxCodeCheckDigit('010010079')).toBe(1);
    // 010010751: 29 + 17 + 7·7 + 5·5 + 1·3 = 29 + 17 + 49 + 25 + 3 = 123; 123 mod 11 = 2; 10 − 2 = 8 → 0100107518
    expect(taxCodeCheckDigit('010010751')).toBe(8);
    // 030058856: 3·29 + 5·17 + 8·13 + 8·7 + 5·5 + 6·3 = 87 + 85 + 104 + 56 + 25 + 18 = 375; 375 mod 11 = 1; 10 − 1 = 9 → 0300588569
    expect(taxCodeCheckDigit('030058856')).toBe(9);
  });

  it('treats remainder 0 (computed digit 10) as not representable: null, and the code draws the warning', () => {
    // 000100001: 1·19 + 1·3 = 22; 22 mod 11 = 0; 10 − 0 = 10 → no single digit
    expect(taxCodeCheckDigit('000100001')).toBeNull();
    for (let last = 0; last <= 9; last++)
      expect(validateTaxCode(`000100001${last}`)).toEqual({
        ok: true,
        warnings: ['TAX_CODE_CHECK_DIGIT'],
        kind: 'enterprise',
      });
    // the other end is fine: 000000020: 2·5 = 10; 10 mod 11 = 10; 10 − 10 = 0 → check digit 0
    expect(taxCodeCheckDigit('000000020')).toBe(0);
    expect(validateTaxCode('0000000200')).toEqual({ ok: true, warnings: [], kind: 'enterprise' });
  });

  it('accepts a code with a matching check digit without warnings', () => {
    expect(validateTaxCode('0100100791')).toEqual({ ok: true, warnings: [], kind: 'enterprise' });
    expect(validateTaxCode('0300588569')).toEqual({ ok: true, warnings: [], kind: 'enterprise' });
  });

  it('accepts a dependent unit NNNNNNNNNN-NNN and checks the parent’s digit', () => {
    expect(validateTaxCode('0100107518-001')).toEqual({ ok: true, warnings: [], kind: 'dependent_unit' });
    expect(validateTaxCode('0100107519-001')).toEqual({
      ok: true,
      warnings: ['TAX_CODE_CHECK_DIGIT'],
      kind: 'dependent_unit',
    });
  });

  it('accepts a wrong check digit with the TAX_CODE_CHECK_DIGIT warning, not a rejection (rules §8)', () => {
    expect(validateTaxCode('0100107519')).toEqual({ ok: true, warnings: ['TAX_CODE_CHECK_DIGIT'], kind: 'enterprise' });
  });

  it.each([
    '010010751',
    '01001075188',
    '0100107518-01',
    '0100107518-0001',
    '0100107518001',
    '0100107518 001',
    'A100107518',
    '',
  ])('rejects %j as INVALID_TAX_CODE', (s) => {
    expect(validateTaxCode(s)).toMatchObject({ ok: false, code: 'INVALID_TAX_CODE' });
    expect(taxCodeSchema.safeParse(s).success).toBe(false);
  });

  it('exactly one 10th digit passes without warning whenever the check digit is representable (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{9}$/), (first9) => {
        const check = taxCodeCheckDigit(first9);
        const clean = [...'0123456789'].filter(
          (d) =>
            validateTaxCode(first9 + d).ok &&
            (validateTaxCode(first9 + d) as { warnings: string[] }).warnings.length === 0,
        );
        expect(clean).toEqual(check === null ? [] : [String(check)]);
      }),
    );
  });

  it('rejects input that is not nine digits', () => {
    expect(taxCodeCheckDigit('01001075')).toBeNull();
    expect(taxCodeCheckDigit('01001075x')).toBeNull();
  });
});

describe('HI card code (Decision 1351/QĐ-BHXH via rules §5)', () => {
  it('accepts group + level 1–5 + province + SI number, 15 characters', () => {
    expect(validateHiCardCode('DN4797912345678')).toEqual({ ok: true, warnings: [] });
    expect(hiCardCodeSchema.parse('TE1010123456789')).toBe('TE1010123456789');
  });

  it.each([
    'DN6797912345678',
    'DN0797912345678',
    'dn4797912345678',
    'DN479791234567',
    'DN47979123456789',
    'D44797912345678',
    '',
  ])('rejects %j as INVALID_HI_CARD_CODE', (s) => {
    expect(validateHiCardCode(s)).toMatchObject({ ok: false, code: 'INVALID_HI_CARD_CODE' });
    expect(hiCardCodeSchema.safeParse(s).success).toBe(false);
  });

  it('maps the level digit to the benefit level: 1, 2, 5 → 100%; 3 → 95%; 4 → 80%', () => {
    expect([1, 2, 3, 4, 5].map((d) => hiBenefitLevel(d as 1 | 2 | 3 | 4 | 5))).toEqual([100, 100, 95, 80, 100]);
    expect(() => hiBenefitLevel(6 as never)).toThrowError(expect.objectContaining({ code: 'INVALID_HI_LEVEL' }));
  });

  it('builds a card code and refuses parts that do not make a valid one', () => {
    expect(buildHiCardCode('DN', 4, '79', '7912345678')).toBe('DN4797912345678');
    expect(() => buildHiCardCode('DN', 4, '079', '7912345678')).toThrowError(
      expect.objectContaining({ name: 'DomainError', code: 'INVALID_HI_CARD_CODE' }),
    );
    expect(() => buildHiCardCode('DN', 7, '79', '7912345678')).toThrowError(
      expect.objectContaining({ code: 'INVALID_HI_CARD_CODE' }),
    );
  });
});

describe('the samples a newcomer sees', () => {
  it('every tax code in the README, and every sample employer of `npm run demo`, draws no check-digit warning (rules §7)', async () => {
    const { readFileSync } = await import('node:fs');
    const path = await import('node:path');
    const { rng, sampleSubmission } = await import('../../dev/sample');
    const readme = readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
    const codes = [...readme.matchAll(/"taxCode":\s*"([0-9-]+)"/g)].map((m) => m[1]!);
    expect(codes.length).toBeGreaterThan(0);
    for (const code of codes) expect(validateTaxCode(code), code).toMatchObject({ ok: true, warnings: [] });
    // demo.ts seeds its dossier from the clock: every seed must give a clean tax code.
    const r = rng(7);
    for (let i = 0; i < 200; i++)
      expect(
        validateTaxCode(sampleSubmission(Math.floor(r() * 1_000_000), 1, { startMonth: '2026-11' }).employer.taxCode),
      ).toMatchObject({ ok: true, warnings: [] });
  });
});

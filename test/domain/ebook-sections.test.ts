/**
 * The e-book stored in sections (issue 16): the sections put back together are the very bytes of
 * the whole rendering (Law 41/2024 Art.25: the book equals the database), and a month changes only
 * its year's section and the root.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assembleEbook,
  ebookManifest,
  EBOOK_SCHEMA,
  parseManifest,
  renderEbook,
  renderMonthSections,
  renderSectionedEbook,
  renderSections,
  type EbookContributionMonth,
  type EbookRecords,
} from '../../domain/ebook';

const native = (t: string) => createHash('sha256').update(t, 'utf8').digest('hex');
const month = fc
  .tuple(fc.integer({ min: 1995, max: 2030 }), fc.integer({ min: 1, max: 12 }))
  .map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`);
const taxCode = fc.constantFrom('0100109106', '0312345678', '0401234567');
const months = fc.uniqueArray(
  fc.record({
    period: month,
    employerTaxCode: taxCode,
    status: fc.constantFrom('credited', 'declared_unpaid'),
  }) as fc.Arbitrary<EbookContributionMonth>,
  { maxLength: 60, selector: (m) => `${m.period}|${m.employerTaxCode}` },
);
const day = month.map((m) => `${m}-15`);

const recordsArb: fc.Arbitrary<EbookRecords> = fc.record({
  participant: fc.record({
    personalId: fc.constant('079090123456'),
    siNumber: fc.constant('7900000001'),
    fullName: fc.constantFrom('Nguyễn Văn An', 'Trần "Thị" Bình\\'),
    dateOfBirth: fc.constant('1990-05-12'),
    gender: fc.constantFrom('male', 'female'),
    nationality: fc.constant('VN'),
  }),
  employments: fc.array(
    fc.record({
      employerTaxCode: taxCode,
      employerName: fc.string({ maxLength: 8 }),
      unitCode: fc.option(fc.constant('7900002')),
      startMonth: month,
      endMonth: fc.option(month),
      jobTitle: fc.constant('Kế toán'),
      contractType: fc.constant('indefinite'),
      salaries: fc.array(fc.record({ effectiveMonth: month, amount: fc.integer({ min: 1, max: 9e9 }).map(String) }), {
        maxLength: 5,
      }),
    }),
    { maxLength: 4 },
  ),
  hiCards: fc.array(
    fc.record({
      cardCode: fc.constantFrom('DN4797900000001', 'HT3797900000002'),
      payerKind: fc.constantFrom('employer', 'ui_fund'),
      payerTaxCode: fc.option(taxCode),
      benefitLevel: fc.constantFrom(80, 100),
      validFrom: day,
      validTo: fc.option(day),
      initialFacilityCode: fc.option(fc.constant('79001')),
      fiveYearsFrom: fc.option(day),
    }),
    { maxLength: 3 },
  ),
  contributionMonths: months,
  cardLocks: fc.array(
    fc.record({
      cardCode: fc.constant('DN4797900000001'),
      kind: fc.constantFrom('locked', 'withdrawn'),
      ground: fc.constant('lent'),
      effectiveFrom: day,
      liftedOn: fc.option(day),
    }),
    { maxLength: 2 },
  ),
  corrections: fc.array(fc.record({ field: fc.constantFrom('fullName', 'gender'), correctedOn: day }), {
    maxLength: 2,
  }),
  disputedMonths: fc.array(
    fc.record({ caseId: fc.nat(), employerTaxCode: taxCode, fromMonth: month, toMonth: month }),
    { maxLength: 2 },
  ),
});

describe('e-book sections', () => {
  it('put back together, the sections are byte for byte the whole book rendered from the same records', () => {
    fc.assert(
      fc.property(recordsArb, (r) => {
        expect(assembleEbook(renderSections(r, native))).toBe(renderEbook(r, native).content);
      }),
      { numRuns: 300 },
    );
  });

  it('gives each calendar year of contribution months a section of its own, and no section to a year without one', () => {
    fc.assert(
      fc.property(recordsArb, (r) => {
        const years = new Set(r.contributionMonths.map((m) => m.period.slice(0, 4)));
        const keys = renderSections(r, native).map((s) => s.key);
        expect(keys.filter((k) => k.startsWith('months/')).sort()).toEqual([...years].sort().map((y) => `months/${y}`));
        expect(keys).toEqual([...keys].sort());
        for (const s of renderSections(r, native)) expect(s.sha256).toBe(native(s.content));
      }),
    );
  });

  it("renders a year alone exactly as the whole book's section of that year", () => {
    fc.assert(
      fc.property(recordsArb, (r) => {
        const whole = new Map(renderSections(r, native).map((s) => [s.key, s]));
        for (const year of new Set(r.contributionMonths.map((m) => m.period.slice(0, 4)))) {
          const alone = renderMonthSections(
            r.contributionMonths.filter((m) => m.period.startsWith(year)),
            native,
          );
          expect(alone).toEqual([whole.get(`months/${year}`)]);
        }
      }),
    );
  });

  it("changes only the month's year section and the root when a month is added to a 30-year book", () => {
    const r: EbookRecords = {
      participant: {
        personalId: '079090123456',
        siNumber: '7900000001',
        fullName: 'Nguyễn Văn An',
        dateOfBirth: '1970-05-12',
        gender: 'male',
        nationality: 'VN',
      },
      employments: [],
      hiCards: [],
      contributionMonths: Array.from({ length: 360 }, (_, i) => ({
        period: `${1996 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`,
        employerTaxCode: '0100109106',
        status: 'credited',
      })),
    };
    const before = renderSectionedEbook(r, native);
    const after = renderSectionedEbook(
      {
        ...r,
        contributionMonths: [
          ...r.contributionMonths,
          { period: '2026-01', employerTaxCode: '0100109106', status: 'credited' },
        ],
      },
      native,
    );
    const changed = after.sections.filter((s) => before.sections.find((b) => b.key === s.key)?.sha256 !== s.sha256);
    expect(changed.map((s) => s.key)).toEqual(['months/2026']);
    expect(after.root).not.toBe(before.root);
    expect(after.root).toBe(native(after.manifest));
  });

  it('names the schema in the manifest the root hashes, and reads it back', () => {
    const r = fc.sample(recordsArb, { numRuns: 1, seed: 7 })[0]!;
    const book = renderSectionedEbook(r, native);
    const parsed = parseManifest(book.manifest);
    expect(parsed.schema).toBe(EBOOK_SCHEMA);
    expect(parsed.sections).toEqual(book.sections.map((s) => ({ key: s.key, sha256: s.sha256 })));
    expect(ebookManifest([...book.sections].reverse())).toBe(book.manifest);
  });
});

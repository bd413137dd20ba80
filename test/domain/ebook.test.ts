/** The e-book model: a pure render(records) → canonical JSON and its sha256 (Circular 09/2026/TT-BTC). */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, render, renderEbook, sha256Hex, type EbookRecords } from '../../domain/ebook';

const records = (): EbookRecords => ({
  participant: {
    personalId: '079090123456',
    siNumber: '7900000001',
    fullName: 'Nguyễn Văn An',
    dateOfBirth: '1990-05-12',
    gender: 'male',
    nationality: 'VN',
  },
  employments: [
    {
      employerTaxCode: '0312345678',
      employerName: 'B Co',
      unitCode: '7900002',
      startMonth: '2026-03',
      endMonth: null,
      jobTitle: 'Kế toán',
      contractType: 'indefinite',
      salaries: [
        { effectiveMonth: '2026-07', amount: '12000000' },
        { effectiveMonth: '2026-03', amount: '10000000.00' },
      ],
    },
    {
      employerTaxCode: '0100109106',
      employerName: 'A Co',
      unitCode: '0100001',
      startMonth: '2020-01',
      endMonth: '2026-02',
      jobTitle: 'Kỹ sư',
      contractType: 'fixed_term_12_36',
      salaries: [{ effectiveMonth: '2020-01', amount: '8000000' }],
    },
  ],
  hiCards: [
    {
      cardCode: 'DN4797900000001',
      payerKind: 'employer',
      payerTaxCode: '0312345678',
      benefitLevel: 80,
      validFrom: '2026-03-01',
      validTo: null,
      initialFacilityCode: '79001',
      fiveYearsFrom: null,
    },
  ],
  contributionMonths: [
    { period: '2026-04', employerTaxCode: '0312345678', status: 'declared_unpaid' },
    { period: '2026-03', employerTaxCode: '0312345678', status: 'credited' },
  ],
});

describe('e-book rendering', () => {
  it('orders employments by start month and salaries by month, and normalises numeric amounts', () => {
    const doc = render(records());
    expect(doc.employments.map((e) => e.startMonth)).toEqual(['2020-01', '2026-03']);
    expect(doc.employments[1]!.salaries).toEqual([
      { effectiveMonth: '2026-03', amount: '10000000' },
      { effectiveMonth: '2026-07', amount: '12000000' },
    ]);
  });

  it('gives the same bytes and hash whatever order the database returned the rows in', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), (flipJobs, flipSalaries) => {
        const r = records();
        if (flipJobs) r.employments.reverse();
        if (flipSalaries) r.employments.forEach((e) => e.salaries.reverse());
        if (flipJobs) r.contributionMonths.reverse();
        expect(renderEbook(r).sha256).toBe(renderEbook(records()).sha256);
      }),
    );
  });

  it('changes its hash when anything shown changes', () => {
    const a = renderEbook(records());
    const r = records();
    r.hiCards[0]!.benefitLevel = 100;
    expect(renderEbook(r).sha256).not.toBe(a.sha256);
  });

  it('canonical JSON sorts keys at every level and drops no data', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: null, e: 'x' }], c: true } })).toBe(
      '{"a":{"c":true,"d":[2,{"e":"x","f":null}]},"b":1}',
    );
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(JSON.parse(canonicalJson(v))).toEqual(JSON.parse(JSON.stringify(v)));
      }),
    );
  });

  it('the stored content is the canonical JSON of the document, for any records (render builds keys in sorted order)', () => {
    const str = fc.string({ maxLength: 12 });
    const opt = fc.option(str, { nil: null });
    const amount = fc.bigInt({ min: 0n, max: 10n ** 12n }).map(String);
    const records = fc.record({
      participant: fc.record({
        personalId: str,
        siNumber: str,
        fullName: fc.string({ unit: 'grapheme', maxLength: 20 }),
        dateOfBirth: str,
        gender: str,
        nationality: str,
      }),
      employments: fc.array(
        fc.record({
          employerTaxCode: str,
          employerName: fc.string({ unit: 'grapheme' }),
          unitCode: opt,
          startMonth: str,
          endMonth: opt,
          jobTitle: str,
          contractType: str,
          salaries: fc.array(fc.record({ effectiveMonth: str, amount }), { maxLength: 3 }),
        }),
        { maxLength: 3 },
      ),
      hiCards: fc.array(
        fc.record({
          cardCode: str,
          payerKind: str,
          payerTaxCode: opt,
          benefitLevel: fc.integer({ min: 0, max: 100 }),
          validFrom: str,
          validTo: opt,
          initialFacilityCode: opt,
          fiveYearsFrom: opt,
        }),
        { maxLength: 3 },
      ),
      contributionMonths: fc.array(fc.record({ period: str, employerTaxCode: str, status: str }), { maxLength: 4 }),
      unemploymentClaims: fc.array(
        fc.record({
          claimId: str,
          status: str,
          law: opt,
          filingDate: str,
          decision: opt,
          decidedOn: opt,
          monthlyBenefit: fc.option(amount, { nil: null }),
          durationMonths: fc.option(fc.integer({ min: 0, max: 12 }), { nil: null }),
          startDate: opt,
          endDate: opt,
          monthsPaid: fc.integer({ min: 0, max: 12 }),
          monthsSuspended: fc.integer({ min: 0, max: 12 }),
          terminationGround: opt,
          terminatedOn: opt,
          reservedMonths: fc.option(fc.integer({ min: 0, max: 144 }), { nil: null }),
          months: fc.array(
            fc.record({
              index: fc.integer({ min: 1, max: 12 }),
              from: str,
              to: str,
              status: str,
              amount: fc.option(amount, { nil: null }),
              paidOn: opt,
            }),
            { maxLength: 3 },
          ),
        }),
        { maxLength: 2 },
      ),
    });
    fc.assert(
      fc.property(records, (r) => {
        const book = renderEbook(r as EbookRecords);
        expect(book.content).toBe(canonicalJson(render(r as EbookRecords)));
      }),
      { numRuns: 300 },
    );
  });

  it('the pure sha256 agrees with Node’s', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(sha256Hex(s)).toBe(createHash('sha256').update(s, 'utf8').digest('hex'));
      }),
    );
  });

  it('refuses an amount that is not whole VND', () => {
    const r = records();
    r.employments[0]!.salaries[0]!.amount = '100.5';
    expect(() => render(r)).toThrow(/whole VND/);
  });
});

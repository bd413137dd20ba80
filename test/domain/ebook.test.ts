/** The e-book model: a pure render(records) → canonical JSON and its sha256 (Circular 09/2026/TT-BTC). */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, render, renderEbook, sha256Hex, type EbookRecords } from '../../domain/ebook';

const records = (): EbookRecords => ({
  participant: { personalId: '079090123456', siNumber: '7900000001', fullName: 'Nguyễn Văn An', dateOfBirth: '1990-05-12', gender: 'male', nationality: 'VN' },
  employments: [
    { employerTaxCode: '0312345678', employerName: 'B Co', unitCode: '7900002', startMonth: '2026-03', endMonth: null, jobTitle: 'Kế toán', contractType: 'indefinite', salaries: [{ effectiveMonth: '2026-07', amount: '12000000' }, { effectiveMonth: '2026-03', amount: '10000000.00' }] },
    { employerTaxCode: '0100109106', employerName: 'A Co', unitCode: '0100001', startMonth: '2020-01', endMonth: '2026-02', jobTitle: 'Kỹ sư', contractType: 'fixed_term_12_36', salaries: [{ effectiveMonth: '2020-01', amount: '8000000' }] },
  ],
  hiCards: [{ cardCode: 'DN4797900000001', payerKind: 'employer', payerTaxCode: '0312345678', benefitLevel: 80, validFrom: '2026-03-01', validTo: null, initialFacilityCode: '79001', fiveYearsFrom: null }],
  contributionMonths: [
    { period: '2026-04', employerTaxCode: '0312345678', status: 'declared_unpaid' },
    { period: '2026-03', employerTaxCode: '0312345678', status: 'credited' },
  ],
});

describe('e-book rendering', () => {
  it('orders employments by start month and salaries by month, and normalises numeric amounts', () => {
    const doc = render(records());
    expect(doc.employments.map((e) => e.startMonth)).toEqual(['2020-01', '2026-03']);
    expect(doc.employments[1]!.salaries).toEqual([{ effectiveMonth: '2026-03', amount: '10000000' }, { effectiveMonth: '2026-07', amount: '12000000' }]);
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
    expect(canonicalJson({ b: 1, a: { d: [2, { f: null, e: 'x' }], c: true } })).toBe('{"a":{"c":true,"d":[2,{"e":"x","f":null}]},"b":1}');
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(JSON.parse(canonicalJson(v))).toEqual(JSON.parse(JSON.stringify(v)));
      }),
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

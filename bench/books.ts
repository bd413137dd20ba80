/**
 * Books the benchmarks share: a participant's thirty years (bench:pdf prints it, bench:ebook stores
 * and reads it back).
 */
import { addMonths } from '../domain/calendar';
import type { EbookRecords } from '../domain/ebook';

/** A participant's thirty years, 1996-01 … 2025-12. */
export function thirtyYearBook(personalId = '079070123456', siNumber = '7912345670'): EbookRecords {
  const months = Array.from({ length: 360 }, (_, i) => addMonths('1996-01', i));
  const employers = Array.from({ length: 6 }, (_, e) => `03012345${String(60 + e)}`);
  return {
    participant: {
      personalId,
      siNumber,
      fullName: 'Trần Thị Ngọc Hoà',
      dateOfBirth: '1970-05-17',
      gender: 'female',
      nationality: 'VN',
    },
    employments: employers.map((taxCode, e) => ({
      employerTaxCode: taxCode,
      employerName: `Công ty Cổ phần Xây dựng và Thương mại Đông Á số ${e + 1}`,
      unitCode: `TA${1000 + e}`,
      startMonth: months[e * 60]!,
      endMonth: e === 5 ? null : months[e * 60 + 59]!,
      jobTitle: 'Kỹ sư giám sát công trình',
      contractType: 'indefinite',
      salaries: Array.from({ length: 5 }, (_, y) => ({
        effectiveMonth: months[e * 60 + y * 12]!,
        amount: String(3_000_000 + e * 2_000_000 + y * 400_000),
      })),
    })),
    hiCards: Array.from({ length: 30 }, (_, y) => ({
      cardCode: `DN479${String(7912345670 + y).padStart(10, '0')}`,
      payerKind: 'employer',
      payerTaxCode: employers[Math.floor(y / 5)]!,
      benefitLevel: 80,
      validFrom: `${1996 + y}-01-01`,
      validTo: `${1996 + y}-12-31`,
      initialFacilityCode: '79001',
      fiveYearsFrom: null,
    })),
    contributionMonths: months.map((period, i) => ({
      period,
      employerTaxCode: employers[Math.floor(i / 60)]!,
      status: i % 41 === 40 ? 'declared_unpaid' : 'credited',
    })),
    unemploymentClaims: [2009, 2021].map((year, k) => ({
      claimId: `5b0c5c1e-0d1f-4c1a-9d38-3f3c3f0b6a1${k}`,
      status: 'completed',
      law: 'Law 38/2013',
      filingDate: `${year}-01-05`,
      decision: 'approved',
      decidedOn: `${year}-01-20`,
      monthlyBenefit: '4300000',
      durationMonths: 3,
      startDate: `${year}-01-20`,
      endDate: `${year}-04-19`,
      monthsPaid: 3,
      monthsSuspended: 0,
      terminationGround: null,
      terminatedOn: null,
      reservedMonths: 0,
      months: [],
    })),
  };
}

/**
 * Deterministic synthetic dossiers (demo, benchmarks, tests): valid identifiers, salaries above
 * the regional floor, no real person's data.
 */
import { taxCodeCheckDigit } from '../domain/identifiers';
import type { EmployeeInput, EmployerInput, OnboardingSubmission } from '../domain/schemas';

/** mulberry32: a small seeded PRNG, so the same seed gives the same dossier. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const digits = (r: () => number, n: number) => Array.from({ length: n }, () => Math.floor(r() * 10)).join('');

export function sampleTaxCode(r: () => number): string {
  for (;;) {
    const first9 = `0${digits(r, 8)}`;
    const check = taxCodeCheckDigit(first9);
    if (check !== null) return `${first9}${check}`;
  }
}

/** Vietnamese family, middle and given names the samples (and bench:search's population) draw from. */
export const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng'];
export const MIDDLE = ['Văn', 'Thị', 'Minh', 'Quốc', 'Thu', 'Ngọc', 'Đức', 'Thanh'];
export const GIVEN = [
  'An',
  'Bình',
  'Chi',
  'Dũng',
  'Hà',
  'Hải',
  'Lan',
  'Long',
  'Mai',
  'Nam',
  'Phương',
  'Quân',
  'Trang',
  'Tuấn',
];
const JOBS = ['Kỹ sư phần mềm', 'Kế toán', 'Công nhân may', 'Nhân viên kinh doanh', 'Kỹ thuật viên', 'Lái xe'];

/** A personal ID consistent with the birth date and gender (rules §5: century/gender digit + 2-digit year). */
export function samplePersonalId(
  r: () => number,
  dateOfBirth: string,
  gender: 'male' | 'female',
  serial?: number,
): string {
  const year = Number(dateOfBirth.slice(0, 4));
  const century = Math.floor((year - 1900) / 100) * 2 + (gender === 'female' ? 1 : 0);
  const tail = serial === undefined ? digits(r, 6) : String(serial).padStart(6, '0');
  return `0${String(1 + Math.floor(r() * 96)).padStart(2, '0')}${century}${String(year % 100).padStart(2, '0')}${tail}`;
}

export function sampleEmployee(
  r: () => number,
  opts: { startMonth: string; serial?: number; minSalary?: number },
): EmployeeInput {
  const gender = r() < 0.5 ? 'male' : 'female';
  const year = 1965 + Math.floor(r() * 40);
  const dob = `${year}-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;
  const salary = Math.max(opts.minSalary ?? 6_000_000, Math.round((6_000_000 + r() * 54_000_000) / 1000) * 1000);
  return {
    personalId: samplePersonalId(r, dob, gender, opts.serial),
    fullName: `${FAMILY[Math.floor(r() * FAMILY.length)]} ${gender === 'female' ? 'Thị' : MIDDLE[Math.floor(r() * MIDDLE.length)]} ${GIVEN[Math.floor(r() * GIVEN.length)]}`,
    dateOfBirth: dob,
    gender,
    nationality: 'VN',
    startMonth: opts.startMonth,
    salary: String(salary),
    jobTitle: JOBS[Math.floor(r() * JOBS.length)]!,
    contractType: r() < 0.7 ? 'indefinite' : 'fixed_term_12_36',
  };
}

export function sampleEmployer(r: () => number, overrides: Partial<EmployerInput> = {}): EmployerInput {
  return {
    taxCode: sampleTaxCode(r),
    name: `Công ty TNHH Mẫu ${digits(r, 4)}`,
    address: '1 Đường Lê Lợi, Quận 1, TP. Hồ Chí Minh',
    provinceCode: '79',
    wageRegion: 'I',
    category: 'enterprise',
    ...overrides,
  };
}

export function sampleSubmission(
  seed: number,
  employees: number,
  opts: { startMonth: string; employer?: Partial<EmployerInput> },
): OnboardingSubmission {
  const r = rng(seed);
  const employer = sampleEmployer(r, opts.employer);
  // Serial numbers keep personal IDs unique within a dossier whatever its size.
  return {
    employer,
    employees: Array.from({ length: employees }, (_, i) =>
      sampleEmployee(r, { startMonth: opts.startMonth, serial: (seed * 7919 + i) % 1_000_000 }),
    ),
  };
}

/**
 * Rules an onboarding dossier must meet before anything is written (Law 41/2024 Art.27–29).
 * Pure: the CLI/API run it before storing a dossier, and the workflow's first activity again.
 */
import { compareMonths, type Month } from './calendar';
import { DomainError } from './errors';
import { validatePersonalId, validateTaxCode } from './identifiers';
import type { Issue } from './issues';
import { Dec } from './money';
import { MINIMUM_WORKING_AGE, reachesWorkingAgeBy } from './plausibility';
import { regionalMinimumWageFor } from './rates';
import type { OnboardingSubmission } from './schemas';
import { isOutsideElectronicSystem } from './scope';
import { ansinh, circular09, labourCode, law41, rule } from './law';

export interface SubmissionCheck {
  errors: Issue[];
  warnings: Issue[];
}

/**
 * @param asOf the month the dossier is received in; employees may start at most one month later.
 */
export const checkSubmission = rule(
  [law41.article('27–29'), circular09.whole(), labourCode.article(3, 1)],
  function checkSubmission(s: OnboardingSubmission, asOf: Month): SubmissionCheck {
    const errors: Issue[] = [];
    const warnings: Issue[] = [];
    const e = s.employer;

    if (isOutsideElectronicSystem(e.category)) {
      errors.push({
        code: 'EMPLOYER_EXCLUDED',
        field: 'employer.category',
        message:
          'Units of the Ministry of National Defence and the Ministry of Public Security are outside the electronic SI system (Circular 09/2026/TT-BTC)',
      });
    }
    const tax = validateTaxCode(e.taxCode);
    if (!tax.ok) errors.push({ code: tax.code, field: 'employer.taxCode', message: tax.message });
    else
      for (const w of tax.warnings)
        warnings.push({
          code: w,
          field: 'employer.taxCode',
          message: 'tax code check digit does not match (warning only, rules §8)',
        });

    if (s.employees.length === 0) {
      errors.push({
        code: 'NO_EMPLOYEES',
        field: 'employees',
        message: 'the dossier lists no employees (Law 41 Art.28: a list of employees is required)',
      });
    }

    const firstLineById = new Map<string, number>();
    const firstLineBySi = new Map<string, number>();
    s.employees.forEach((emp, i) => {
      const line = i + 1;
      const at = (f: string) => `employees[${i}].${f}`;
      const id = validatePersonalId(emp.personalId, { dateOfBirth: emp.dateOfBirth, gender: emp.gender });
      if (!id.ok) errors.push({ code: id.code, field: at('personalId'), line, message: id.message });

      const seen = firstLineById.get(emp.personalId);
      if (seen !== undefined) {
        errors.push({
          code: 'DUPLICATE_EMPLOYEE',
          field: at('personalId'),
          line,
          message: `line ${line} repeats the person on line ${seen}`,
          params: { line, first: seen },
        });
      } else firstLineById.set(emp.personalId, line);
      if (emp.siNumber) {
        const seenSi = firstLineBySi.get(emp.siNumber);
        if (seenSi !== undefined) {
          errors.push({
            code: 'DUPLICATE_SI_NUMBER',
            field: at('siNumber'),
            line,
            message: `line ${line} repeats the SI number on line ${seenSi}`,
            params: { line, first: seenSi },
          });
        } else firstLineBySi.set(emp.siNumber, line);
      }

      if (!reachesWorkingAgeBy(emp.dateOfBirth, emp.startMonth)) {
        // Labour Code 2019 Art.3(1): the minimum working age is 15 full years (domain/plausibility.ts).
        errors.push({
          code: 'BELOW_WORKING_AGE',
          field: at('dateOfBirth'),
          line,
          message: `line ${line} is younger than ${MINIMUM_WORKING_AGE} in the start month ${emp.startMonth} (Labour Code 2019 Art.3(1))`,
          params: { line, age: MINIMUM_WORKING_AGE, month: emp.startMonth },
        });
      }

      if (compareMonths(emp.startMonth, nextMonth(asOf)) > 0) {
        errors.push({
          code: 'START_MONTH_IN_FUTURE',
          field: at('startMonth'),
          line,
          message: `start month ${emp.startMonth} is more than a month ahead of ${asOf}`,
          params: { month: emp.startMonth, asOf },
        });
        return;
      }
      try {
        const floor = regionalMinimumWageFor(emp.startMonth, e.wageRegion);
        if (new Dec(emp.salary).lt(floor)) {
          errors.push({
            code: 'SALARY_BELOW_FLOOR',
            field: at('salary'),
            line,
            message: `salary is below the region ${e.wageRegion} minimum wage of ${floor.toFixed(0)} VND in force in ${emp.startMonth}`,
            // The floor, its region and month: never the person's salary.
            params: { region: e.wageRegion, min: floor.toFixed(0), month: emp.startMonth },
          });
        }
      } catch (err) {
        if (err instanceof DomainError)
          errors.push({ code: err.code, field: at('startMonth'), line, message: err.message, params: err.params });
        else throw err;
      }
    });
    return { errors, warnings };
  },
);

function nextMonth(m: Month): Month {
  const [y, mo] = m.split('-').map(Number) as [number, number];
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
}

/**
 * The agency answers an employer's registration within 5 working days (Law 41/2024 Art.28–29); an
 * onboarding still undecided then is escalated.
 */
export const ONBOARDING_ESCALATE_AFTER_WORKING_DAYS = 5;

/** The HI card level digit and beneficiary group for an employee of an employer (Decision 1351/QĐ-BHXH). */
export const EMPLOYEE_HI_GROUP = 'DN';
export const EMPLOYEE_HI_LEVEL_DIGIT = 4; // ordinary employees: 80% (HI Law Art.22)

/** Unit code given on approval: province code + 5-digit serial (project decision; VSS standardised codes from 08/2025). */
export const formatUnitCode = rule(
  ansinh.decision('8.29'),
  function formatUnitCode(provinceCode: string, serial: number): string {
    if (!/^\d{2}$/.test(provinceCode) || !Number.isInteger(serial) || serial < 1 || serial > 99_999) {
      throw new DomainError('INVALID_UNIT_CODE', `cannot form a unit code from ${provinceCode}/${serial}`);
    }
    return `${provinceCode}${String(serial).padStart(5, '0')}`;
  },
);

/** Legacy-format SI number for a person who has none: province code + 8-digit serial (rules §5). */
export const formatSiNumber = rule(
  ansinh.decision('8.11'),
  function formatSiNumber(provinceCode: string, serial: number): string {
    if (!/^\d{2}$/.test(provinceCode) || !Number.isInteger(serial) || serial < 1 || serial > 99_999_999) {
      throw new DomainError('INVALID_SI_NUMBER', `cannot form an SI number from ${provinceCode}/${serial}`);
    }
    return `${provinceCode}${String(serial).padStart(8, '0')}`;
  },
);

/**
 * A name as the comparison of identities sees it: Unicode NFC (a precomposed "ễ" equals "e" +
 * combining marks), runs of whitespace collapsed to one space, trimmed, and lower-cased.
 * Case is ignored because the chip citizen ID card (CCCD) prints the name in capitals
 * ("NGUYỄN VĂN AN") and employers copy it so; diacritics are kept, since they tell names apart
 * ("Lê" is not "Le"). Identity comes from the database (rules §8.14).
 */
export function comparableName(name: string): string {
  return name.normalize('NFC').replace(/\s+/gu, ' ').trim().toLowerCase();
}

export interface IdentityFields {
  fullName: string;
  dateOfBirth: string;
  gender: string;
}

/**
 * Whether a declared person is the person on record under the same personal ID: same name (as
 * comparableName sees it), birth date and gender (rules §5, §8.14: identity is the database's).
 */
export const sameIdentity = rule(
  ansinh.decision('8.14'),
  function sameIdentity(onRecord: IdentityFields, declared: IdentityFields): boolean {
    return (
      comparableName(onRecord.fullName) === comparableName(declared.fullName) &&
      onRecord.dateOfBirth === declared.dateOfBirth &&
      onRecord.gender === declared.gender
    );
  },
);

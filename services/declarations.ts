/**
 * Employer declarations (Law 41/2024 Art.28–29): hire, leave, salary change, a month of unpaid
 * leave. A batch is validated whole first (bad input changes nothing), then written in ONE
 * transaction with the e-books it touches. Each declaration's idempotency key is the employer's
 * reference, or the hash of its content, so a resubmission is recorded once. The front ends call
 * it through client/case-signals.ts `declareAndSignal`, which tells the open declaration cases
 * (issue #14 part 2) once the transaction committed.
 */
import { addMonths, compareMonths, firstDayOf, lastDayOf, localDateOf, monthOf, type Month } from '../domain/calendar';
import { canonicalJson, sha256Hex } from '../domain/ebook';
import { DomainError } from '../domain/errors';
import type { Issue } from '../domain/issues';
import { checkSubmission, sameIdentity } from '../domain/onboarding';
import { Dec } from '../domain/money';
import { regionalMinimumWageFor } from '../domain/rates';
import type { Declaration, DeclarationBatch, DeclarationResult } from '../domain/schemas';
import type { Db, Tx } from '../db/client';
import { audit } from '../db/queries/audit';
import { rewriteEbooks } from '../db/queries/ebooks';
import { rewriteLedger } from '../db/queries/ledger';
import { declarationIdByKey, insertDeclaration } from '../db/queries/declarations';
import {
  employmentInForce,
  endEmployerHiCard,
  endEmployment,
  identitiesOf,
  insertUnpaidLeaveMonth,
  upsertSalary,
} from '../db/queries/employments';
import { findEmployer, lockEmployer } from '../db/queries/employers';
import { hiringEmployer, onboardLines } from '../db/queries/hires';

const effectiveMonthOf = (d: Declaration): Month =>
  d.kind === 'hire'
    ? d.employee.startMonth
    : d.kind === 'leave'
      ? d.endMonth
      : d.kind === 'salary_change'
        ? d.effectiveMonth
        : d.month;
const personOf = (d: Declaration) => (d.kind === 'hire' ? d.employee.personalId : d.personalId);

function keyOf(taxCode: string, d: Declaration): string {
  return d.reference
    ? `declaration:${taxCode}:ref:${d.reference}`
    : `declaration:${taxCode}:sha:${sha256Hex(canonicalJson(d))}`;
}

export interface DeclareInput {
  taxCode: string;
  author: string;
  batch: DeclarationBatch;
  now: Date;
}

export async function declare(db: Db, input: DeclareInput): Promise<DeclarationResult> {
  const { taxCode, batch } = input;
  const asOf = monthOf(localDateOf(input.now.getTime()));
  const fail = (errors: Issue[]): never => {
    const first = errors[0]!;
    throw new DomainError(first.code, first.message, first.field, { errors }, first.params ?? {});
  };

  return db.transaction(async (tx) => {
    const employer = declaringEmployer(await lockEmployer(tx, taxCode), taxCode);

    // 1. Validate every declaration against the database before writing anything.
    const errors = await validateBatch(tx, taxCode, employer, batch, asOf);
    if (errors.length) fail(errors);

    // 2. Write: each declaration once (its key), the effects, then every touched e-book.
    const results: DeclarationResult['results'] = [];
    const touched: string[] = [];
    for (const d of batch.declarations) {
      const personalId = personOf(d);
      const month = effectiveMonthOf(d);
      const key = keyOf(taxCode, d);
      const seen = await declarationIdByKey(tx, key);
      if (seen !== undefined) {
        results.push({ id: seen, kind: d.kind, personalId, effectiveMonth: month, alreadyRecorded: true });
        continue;
      }
      // A hire creates the participant first (the declaration row refers to it).
      if (d.kind === 'hire')
        await onboardLines(tx, employer, [{ line: 1, employee: d.employee }], null, localDateOf(input.now.getTime()));
      const id = await insertDeclaration(tx, {
        idempotencyKey: key,
        employerTaxCode: taxCode,
        personalId,
        kind: d.kind,
        effectiveMonth: month,
        details: d,
        author: input.author,
      });
      results.push({ id, kind: d.kind, personalId, effectiveMonth: month, alreadyRecorded: false });
      touched.push(personalId);
      if (d.kind === 'hire') continue;
      const job = (await employmentInForce(tx, taxCode, personalId, month))!;
      if (d.kind === 'leave') {
        await endEmployment(tx, job.id, d.endMonth);
        // The employer-paid HI card ends with the employment (its last day).
        await endEmployerHiCard(tx, personalId, taxCode, firstDayOf(job.startMonth), lastDayOf(d.endMonth));
      } else if (d.kind === 'salary_change') {
        await upsertSalary(tx, job.id, d.effectiveMonth, d.salary);
      } else {
        await insertUnpaidLeaveMonth(tx, job.id, d.month, id);
      }
    }
    await rewriteEbooks(tx, touched);
    const fresh = results.filter((r) => !r.alreadyRecorded);
    // What was due may have changed: the ledger follows (excess paid becomes credit; rules §8).
    const today = localDateOf(input.now.getTime());
    if (fresh.length)
      await rewriteLedger(tx, taxCode, today, today, { duesChangedFrom: fresh.map((r) => r.effectiveMonth).sort()[0] });
    if (fresh.length) {
      await audit(tx, {
        actor: input.author,
        action: 'employer.declared',
        subjectType: 'employer',
        subjectId: taxCode,
        details: { declarations: fresh.map((r) => r.id), kinds: [...new Set(fresh.map((r) => r.kind))] },
      });
    }
    return { results };
  });
}

/** What a batch would do, as `declare` would do it, without writing: its findings, and each declaration's effect. */
export interface DeclarationPreview {
  /** The findings `declare` would refuse the batch with (empty: it would be accepted). */
  errors: Issue[];
  /** Each declaration in the batch's order: whether it is new or already recorded (same reference or content). */
  results: { kind: Declaration['kind']; personalId: string; effectiveMonth: Month; alreadyRecorded: boolean }[];
}

/**
 * The same validation as `declare` (the same function), in a transaction that reads only: the
 * preview of an employer's file (services/d02.ts) shows what submitting it would refuse or change.
 */
export async function previewDeclarations(
  db: Db,
  input: { taxCode: string; batch: DeclarationBatch; now: Date },
): Promise<DeclarationPreview> {
  const { taxCode, batch } = input;
  const asOf = monthOf(localDateOf(input.now.getTime()));
  return db.transaction(async (tx) => {
    const employer = declaringEmployer(await findEmployer(tx, taxCode), taxCode);
    const errors = await validateBatch(tx, taxCode, employer, batch, asOf);
    const results: DeclarationPreview['results'] = [];
    for (const d of batch.declarations)
      results.push({
        kind: d.kind,
        personalId: personOf(d),
        effectiveMonth: effectiveMonthOf(d),
        alreadyRecorded: (await declarationIdByKey(tx, keyOf(taxCode, d))) !== undefined,
      });
    return { errors, results };
  });
}

type HiringEmployer = ReturnType<typeof hiringEmployer>;

/** The employer a declaration is for: known, active and with its unit code (else the refusal). */
function declaringEmployer(emp: Awaited<ReturnType<typeof findEmployer>>, taxCode: string): HiringEmployer {
  if (!emp)
    throw new DomainError('NOT_FOUND', `no employer with tax code ${taxCode}`, undefined, undefined, { taxCode });
  if (emp.status !== 'active' || !emp.unitCode)
    throw new DomainError(
      'WRONG_STATE',
      `employer ${taxCode} is ${emp.status}: declarations need an active employer`,
      undefined,
      undefined,
      { taxCode, status: emp.status },
    );
  return hiringEmployer(emp, emp.unitCode);
}

/** Every finding of a batch against the rules and the database, in the batch's order; nothing written. */
async function validateBatch(
  tx: Tx,
  taxCode: string,
  employer: HiringEmployer,
  batch: DeclarationBatch,
  asOf: Month,
): Promise<Issue[]> {
  const errors: Issue[] = [];
  // A hire names a person: if the database knows that personal ID, it must be that person.
  const hired = batch.declarations.flatMap((d) => (d.kind === 'hire' ? [d.employee.personalId] : []));
  const onRecord = new Map((hired.length ? await identitiesOf(tx, hired) : []).map((p) => [p.personalId, p]));
  for (const [i, d] of batch.declarations.entries()) {
    const at = (f: string) => `declarations[${i}].${f}`;
    const month = effectiveMonthOf(d);
    if (compareMonths(month, addMonths(asOf, 1)) > 0) {
      errors.push({
        code: 'MONTH_IN_FUTURE',
        field: at('month'),
        message: `${month} is more than a month ahead of ${asOf}`,
        params: { month, asOf },
      });
      continue;
    }
    if (d.kind === 'hire') {
      const check = checkSubmission({ employer, employees: [d.employee] }, asOf);
      errors.push(
        ...check.errors.map((e) => ({
          ...e,
          field: e.field.replace(/^employees\[0\]/, at('employee')),
          line: i + 1,
        })),
      );
      const known = onRecord.get(d.employee.personalId);
      // One answer whichever field differs, and nothing of the record in it (rules §8.14).
      if (known && !sameIdentity(known, d.employee)) {
        errors.push({
          code: 'IDENTITY_MISMATCH',
          field: at('employee'),
          message: 'the name, date of birth or gender does not match the person registered under this personal ID',
          line: i + 1,
        });
      }
      continue;
    }
    const job = await employmentInForce(tx, taxCode, d.personalId, month);
    if (!job) {
      errors.push({
        code: 'NOT_EMPLOYED',
        field: at('personalId'),
        message: `this person is not employed by ${taxCode} in ${month}`,
        params: { taxCode, month },
      });
      continue;
    }
    if (d.kind === 'salary_change') {
      const floor = regionalMinimumWageFor(month, employer.wageRegion);
      if (new Dec(d.salary).lt(floor)) {
        errors.push({
          code: 'SALARY_BELOW_FLOOR',
          field: at('salary'),
          message: `below the region ${employer.wageRegion} minimum wage of ${floor.toFixed(0)} VND in ${month}`,
          // The floor, its region and month: never the person's salary.
          params: { region: employer.wageRegion, min: floor.toFixed(0), month },
        });
      }
    }
  }
  return errors;
}

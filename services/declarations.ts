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
import {
  declarationIdByKey,
  declarationIdsByKeys,
  insertDeclaration,
  insertDeclarations,
} from '../db/queries/declarations';
import {
  employmentInForce,
  employmentsInForce,
  endEmployerHiCard,
  endEmployment,
  identitiesOf,
  insertUnpaidLeaveMonth,
  insertUnpaidLeaveMonths,
  upsertSalaries,
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
    const { errors, jobs } = await validateBatch(tx, taxCode, employer, batch, asOf);
    if (errors.length) fail(errors);

    // 2. Write: each declaration once (its key), the effects, then every touched e-book.
    const { results, touched } = setBasedWritable(batch.declarations)
      ? await writeSetBased(tx, taxCode, input.author, batch.declarations, jobs)
      : await writeInOrder(tx, taxCode, employer, input, batch.declarations);
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

type Written = { results: DeclarationResult['results']; touched: string[] };
/** Each checked declaration's employment in force, by `personalId|month` (its effective month). */
type JobsInForce = Awaited<ReturnType<typeof employmentsInForce>>;

/**
 * Whether a batch can be written set-based from what validation read: no hire (it creates the
 * participant and employment a later line may need), and no leave of a person the batch names
 * again (the leave ends the employment another line would look up). Otherwise `writeInOrder`.
 */
function setBasedWritable(declarations: Declaration[]): boolean {
  if (declarations.some((d) => d.kind === 'hire')) return false;
  const lines = new Map<string, number>();
  for (const d of declarations) lines.set(personOf(d), (lines.get(personOf(d)) ?? 0) + 1);
  return declarations.every((d) => d.kind !== 'leave' || lines.get(d.personalId) === 1);
}

/**
 * The batch written with a few statements whatever its size (issue #15: 10,000 rows in seconds):
 * one lookup of the keys recorded, multi-row inserts of the new declarations (in the batch's order,
 * so their ids ascend as row-by-row inserts would), of the salaries and the unpaid months; a leave
 * is written on its own. The same results as `writeInOrder`: a key already recorded, or met earlier
 * in the batch, is `alreadyRecorded` with that declaration's id.
 */
async function writeSetBased(
  tx: Tx,
  taxCode: string,
  author: string,
  declarations: Declaration[],
  jobs: JobsInForce,
): Promise<Written> {
  const keys = declarations.map((d) => keyOf(taxCode, d));
  const recorded = await declarationIdsByKeys(tx, keys);
  const fresh: number[] = [];
  const met = new Set<string>();
  for (const [i, key] of keys.entries()) {
    if (recorded.has(key) || met.has(key)) continue;
    met.add(key);
    fresh.push(i);
  }
  const ids = await insertDeclarations(
    tx,
    fresh.map((i) => {
      const d = declarations[i]!;
      return {
        idempotencyKey: keys[i]!,
        employerTaxCode: taxCode,
        personalId: personOf(d),
        kind: d.kind,
        effectiveMonth: effectiveMonthOf(d),
        details: d,
        author,
      };
    }),
  );
  const isFresh = new Set(fresh);
  const results = declarations.map((d, i) => ({
    id: recorded.get(keys[i]!) ?? ids.get(keys[i]!)!,
    kind: d.kind,
    personalId: personOf(d),
    effectiveMonth: effectiveMonthOf(d),
    alreadyRecorded: !isFresh.has(i),
  }));
  const salaries: Parameters<typeof upsertSalaries>[1] = [];
  const unpaid: Parameters<typeof insertUnpaidLeaveMonths>[1] = [];
  for (const i of fresh) {
    const d = declarations[i]!;
    if (d.kind === 'hire') continue; // not set-based (setBasedWritable)
    const job = jobs.get(`${d.personalId}|${effectiveMonthOf(d)}`)!;
    if (d.kind === 'leave') {
      await endEmployment(tx, job.id, d.endMonth);
      // The employer-paid HI card ends with the employment (its last day).
      await endEmployerHiCard(tx, d.personalId, taxCode, firstDayOf(job.startMonth), lastDayOf(d.endMonth));
    } else if (d.kind === 'salary_change') {
      salaries.push({ employmentId: job.id, effectiveMonth: d.effectiveMonth, amount: d.salary });
    } else {
      unpaid.push({ employmentId: job.id, month: d.month, declarationId: results[i]!.id });
    }
  }
  await upsertSalaries(tx, salaries);
  await insertUnpaidLeaveMonths(tx, unpaid);
  return { results, touched: fresh.map((i) => personOf(declarations[i]!)) };
}

/** The batch written line by line (a hire first creates its participant and employment). */
async function writeInOrder(
  tx: Tx,
  taxCode: string,
  employer: HiringEmployer,
  input: DeclareInput,
  declarations: Declaration[],
): Promise<Written> {
  const results: DeclarationResult['results'] = [];
  const touched: string[] = [];
  for (const d of declarations) {
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
  return { results, touched };
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
    const { errors } = await validateBatch(tx, taxCode, employer, batch, asOf);
    const keys = batch.declarations.map((d) => keyOf(taxCode, d));
    const recorded = await declarationIdsByKeys(tx, keys);
    const results: DeclarationPreview['results'] = batch.declarations.map((d, i) => ({
      kind: d.kind,
      personalId: personOf(d),
      effectiveMonth: effectiveMonthOf(d),
      alreadyRecorded: recorded.has(keys[i]!),
    }));
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
): Promise<{ errors: Issue[]; jobs: JobsInForce }> {
  const errors: Issue[] = [];
  // Every employment a non-hire line needs, in one query (the lines checked below).
  const jobs = await employmentsInForce(
    tx,
    taxCode,
    batch.declarations.flatMap((d) => {
      const month = effectiveMonthOf(d);
      return d.kind === 'hire' || compareMonths(month, addMonths(asOf, 1)) > 0
        ? []
        : [{ personalId: d.personalId, month }];
    }),
  );
  // A hire names a person: if the database knows that personal ID, it must be that person.
  const hired = batch.declarations.flatMap((d) => (d.kind === 'hire' ? [d.employee.personalId] : []));
  const onRecord = new Map((hired.length ? await identitiesOf(tx, hired) : []).map((p) => [p.personalId, p]));
  const leaves = new Map<string, Month>(); // the first leave of each person, as the batch's lines go
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
    const job = jobs.get(`${d.personalId}|${month}`);
    // A leave earlier in the batch ends the employment first: a later line past its end has none.
    const leftIn = leaves.get(d.personalId);
    if (!job || (leftIn !== undefined && compareMonths(month, leftIn) > 0)) {
      errors.push({
        code: 'NOT_EMPLOYED',
        field: at('personalId'),
        message: `this person is not employed by ${taxCode} in ${month}`,
        params: { taxCode, month },
      });
      continue;
    }
    if (d.kind === 'leave' && !leaves.has(d.personalId)) leaves.set(d.personalId, d.endMonth);
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
  return { errors, jobs };
}

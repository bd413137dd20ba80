/**
 * Employer onboarding activities. Each is one database transaction and one idempotent effect;
 * whatever changes what an e-book shows re-renders that e-book in the same transaction.
 */
import { and, asc, between, eq, inArray, sql } from 'drizzle-orm';
import { firstDayOf, localDateOf, monthOf, type IsoDate } from '../domain/calendar';
import { DomainError } from '../domain/errors';
import { buildHiCardCode, hiBenefitLevel } from '../domain/identifiers';
import {
  checkSubmission,
  EMPLOYEE_HI_GROUP,
  EMPLOYEE_HI_LEVEL_DIGIT,
  formatSiNumber,
  formatUnitCode,
  sameIdentity,
} from '../domain/onboarding';
import {
  employeeInputSchema,
  employerInputSchema,
  type EmployeeInput,
  type EmployerInput,
  type OnboardingSummary,
} from '../domain/schemas';
import { queryRows, type Db, type Tx } from '../db/client';
import { audit, enqueue, storedResult, storeResult } from '../db/queries/audit';
import { rewriteEbooks } from '../db/queries/ebooks';
import { heartbeat } from './heartbeat';
import { announceNewEmployments } from './new-employments';
import {
  employers,
  employments,
  hiCards,
  onboardingRequestEmployees,
  onboardingRequests,
  participants,
  salaryHistory,
} from '../db/schema';

export interface OnboardingDeps {
  db: Db;
  clock: () => Date;
  /** Test seam: called at named points inside a transaction (a throw there must roll everything back). */
  faults?: (point: string) => void | Promise<void>;
}

export interface WorkflowRef {
  requestId: string;
  taxCode: string;
  workflowId: string;
  runId: string;
}

export type RegisterResult =
  | { outcome: 'registered'; employeeCount: number; warnings: string[] }
  | { outcome: 'duplicate'; existingStatus: string };

export interface BatchInput extends WorkflowRef {
  fromLine: number;
  toLine: number;
}

export interface BatchResult {
  fromLine: number;
  toLine: number;
  employees: number;
  participantsCreated: number;
  participantsExisting: number;
  hiCardsIssued: number;
  ebooksWritten: number;
  identityMismatchLines: number[];
}

/** The audit event of an onboarding step: ids and counts only. */
function auditStep(tx: Tx, ref: WorkflowRef, action: string, details: Record<string, unknown>, actor = `workflow:${ref.workflowId}`) {
  return audit(tx, {
    actor,
    action,
    subjectType: 'employer',
    subjectId: ref.taxCode,
    workflowId: ref.workflowId,
    runId: ref.runId,
    details: { requestId: ref.requestId, ...details },
  });
}

async function loadRequest(tx: Tx, requestId: string) {
  const [req] = await tx.select().from(onboardingRequests).where(eq(onboardingRequests.id, requestId));
  if (!req) throw new DomainError('REQUEST_NOT_FOUND', `onboarding request ${requestId} does not exist`);
  return req;
}

async function loadEmployees(tx: Tx, requestId: string, fromLine: number, toLine: number) {
  const rows = await tx
    .select()
    .from(onboardingRequestEmployees)
    .where(and(eq(onboardingRequestEmployees.requestId, requestId), between(onboardingRequestEmployees.line, fromLine, toLine)))
    .orderBy(asc(onboardingRequestEmployees.line));
  return rows.map((r) => ({ line: r.line, employee: employeeInputSchema.parse(r.data) }));
}

export function createOnboardingActivities(deps: OnboardingDeps) {
  const { db } = deps;
  const fault = async (point: string) => {
    if (deps.faults) await deps.faults(point);
  };

  return {
    /**
     * Re-checks the stored dossier and registers the employer as pending. A known employer
     * (pending or active under another dossier) gives a duplicate result and writes nothing else.
     */
    async registerEmployer(ref: WorkflowRef): Promise<RegisterResult> {
      return db.transaction(async (tx) => {
        const req = await loadRequest(tx, ref.requestId);
        const employer = employerInputSchema.parse(req.employer);
        if (employer.taxCode !== ref.taxCode) {
          throw new DomainError('TAX_CODE_MISMATCH', 'the workflow tax code differs from the dossier', 'employer.taxCode');
        }
        const lines = await loadEmployees(tx, ref.requestId, 1, req.employeeCount);
        const check = checkSubmission(
          { employer, employees: lines.map((l) => l.employee) },
          monthOf(localDateOf(req.createdAt.getTime())),
        );
        if (check.errors.length > 0) {
          const first = check.errors[0]!;
          throw new DomainError(first.code, first.message, first.field, {
            errors: check.errors.map(({ code, field, line }) => ({ code, field, line })),
          });
        }
        const [existing] = await tx.select().from(employers).where(eq(employers.taxCode, employer.taxCode)).for('update');
        if (existing && existing.onboardingRequestId === ref.requestId) {
          return { outcome: 'registered', employeeCount: req.employeeCount, warnings: check.warnings.map((w) => w.code) };
        }
        if (existing && existing.status !== 'rejected') {
          await tx.update(onboardingRequests).set({ status: 'duplicate', updatedAt: sql`now()` }).where(eq(onboardingRequests.id, ref.requestId));
          await auditStep(tx, ref, 'onboarding.duplicate', { existingStatus: existing.status });
          return { outcome: 'duplicate', existingStatus: existing.status };
        }
        const values = {
          name: employer.name,
          address: employer.address,
          provinceCode: employer.provinceCode,
          wageRegion: employer.wageRegion,
          category: employer.category,
          status: 'pending',
          unitCode: null,
          rejectionReason: null,
          onboardingRequestId: ref.requestId,
        };
        if (existing) {
          // A previously rejected employer applies again with a new dossier.
          await tx.update(employers).set({ ...values, updatedAt: sql`now()` }).where(eq(employers.taxCode, employer.taxCode));
        } else {
          await tx.insert(employers).values({ taxCode: employer.taxCode, ...values });
        }
        await tx.update(onboardingRequests).set({ status: 'pending', updatedAt: sql`now()` }).where(eq(onboardingRequests.id, ref.requestId));
        await auditStep(tx, ref, 'employer.registered_pending', { employees: req.employeeCount, reapplication: Boolean(existing) });
        return { outcome: 'registered', employeeCount: req.employeeCount, warnings: check.warnings.map((w) => w.code) };
      });
    },

    /** No decision within the deadline: put the case in the officers' queue (once). */
    async escalateOnboarding(ref: WorkflowRef & { deadline: string }): Promise<void> {
      await db.transaction(async (tx) => {
        const fresh = await enqueue(tx, {
          dedupeKey: `onboarding:${ref.requestId}:escalation`,
          kind: 'onboarding.decision_overdue',
          channel: 'officer_queue',
          recipientType: 'officer',
          recipientId: 'onboarding-officers',
          payload: { taxCode: ref.taxCode, requestId: ref.requestId, workflowId: ref.workflowId, deadline: ref.deadline },
        });
        if (fresh) {
          await auditStep(tx, ref, 'onboarding.escalated', { deadline: ref.deadline });
        }
      });
    },

    /** Approval: the employer becomes active with a unit code (the same code on retry). */
    async activateEmployer(ref: WorkflowRef & { officer: string }): Promise<{ unitCode: string }> {
      return db.transaction(async (tx) => {
        const [emp] = await tx.select().from(employers).where(eq(employers.taxCode, ref.taxCode)).for('update');
        if (!emp || emp.onboardingRequestId !== ref.requestId) {
          throw new DomainError('WRONG_STATE', `employer ${ref.taxCode} is not registered by this dossier`);
        }
        if (emp.status === 'active' && emp.unitCode) return { unitCode: emp.unitCode };
        if (emp.status !== 'pending') throw new DomainError('WRONG_STATE', `employer ${ref.taxCode} is ${emp.status}, not pending`);
        const [seq] = await queryRows<{ n: number }>(tx, sql`select nextval('unit_code_seq')::int as n`);
        const unitCode = formatUnitCode(emp.provinceCode, Number(seq!.n));
        await tx.update(employers).set({ status: 'active', unitCode, updatedAt: sql`now()` }).where(eq(employers.taxCode, ref.taxCode));
        await tx.update(onboardingRequests).set({ status: 'approved', updatedAt: sql`now()` }).where(eq(onboardingRequests.id, ref.requestId));
        // The unit code shows on the e-books of anyone already employed there.
        const people = await tx.select({ id: employments.personalId }).from(employments).where(eq(employments.employerTaxCode, ref.taxCode));
        await rewriteEbooks(tx, people.map((p) => p.id));
        await auditStep(tx, ref, 'employer.approved', { unitCode }, ref.officer);
        return { unitCode };
      });
    },

    /** Rejection by an officer, or automatic after 30 days; the employer is told through the outbox. */
    async rejectEmployer(ref: WorkflowRef & { officer: string; reason: string; automatic: boolean }): Promise<void> {
      await db.transaction(async (tx) => {
        const [emp] = await tx.select().from(employers).where(eq(employers.taxCode, ref.taxCode)).for('update');
        if (!emp || emp.onboardingRequestId !== ref.requestId) {
          throw new DomainError('WRONG_STATE', `employer ${ref.taxCode} is not registered by this dossier`);
        }
        if (emp.status === 'rejected') return;
        if (emp.status !== 'pending') throw new DomainError('WRONG_STATE', `employer ${ref.taxCode} is ${emp.status}, not pending`);
        await tx
          .update(employers)
          .set({ status: 'rejected', rejectionReason: ref.reason, updatedAt: sql`now()` })
          .where(eq(employers.taxCode, ref.taxCode));
        await tx.update(onboardingRequests).set({ status: 'rejected', updatedAt: sql`now()` }).where(eq(onboardingRequests.id, ref.requestId));
        await enqueue(tx, {
          dedupeKey: `onboarding:${ref.requestId}:rejected`,
          kind: 'onboarding.rejected',
          channel: 'portal',
          recipientType: 'employer',
          recipientId: ref.taxCode,
          payload: { requestId: ref.requestId, reason: ref.reason, automatic: ref.automatic },
        });
        await auditStep(tx, ref, ref.automatic ? 'employer.auto_rejected' : 'employer.rejected', {}, ref.officer);
      });
    },

    /**
     * Onboards dossier lines fromLine..toLine in ONE transaction: participants found or created,
     * employments and salary history, HI cards, e-books. Idempotent: the result is stored under a
     * key in the same transaction and returned as it is on retry.
     */
    async onboardEmployeeBatch(input: BatchInput): Promise<BatchResult> {
      const key = `onboarding:${input.requestId}:lines:${input.fromLine}-${input.toLine}`;
      const done = await storedResult<BatchResult>(db, key);
      if (done) return done;
      return db.transaction(async (tx) => {
        // Serialise concurrent attempts of the same batch (a retry racing a slow first attempt).
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${key}))`);
        const again = await storedResult<BatchResult>(tx, key);
        if (again) return again;

        const [emp] = await tx.select().from(employers).where(eq(employers.taxCode, input.taxCode));
        if (!emp || emp.status !== 'active' || emp.onboardingRequestId !== input.requestId) {
          throw new DomainError('WRONG_STATE', `employer ${input.taxCode} is not active under this dossier`);
        }
        const employer: EmployerInput & { unitCode: string } = {
          taxCode: emp.taxCode,
          name: emp.name,
          address: emp.address,
          provinceCode: emp.provinceCode,
          wageRegion: emp.wageRegion as EmployerInput['wageRegion'],
          category: emp.category as EmployerInput['category'],
          unitCode: emp.unitCode!,
        };
        const lines = await loadEmployees(tx, input.requestId, input.fromLine, input.toLine);
        heartbeat({ fromLine: input.fromLine, step: 'loaded' });
        const result = await onboardLines(tx, employer, lines, input.requestId, localDateOf(deps.clock().getTime()));
        await fault('batch:before-ebooks');
        heartbeat({ fromLine: input.fromLine, step: 'rows-written' });
        result.ebooksWritten = await rewriteEbooks(tx, lines.map((l) => l.employee.personalId));
        await fault('batch:after-ebooks');
        const out: BatchResult = { fromLine: input.fromLine, toLine: input.toLine, ...result };
        await auditStep(tx, input, 'onboarding.batch_written', { fromLine: input.fromLine, toLine: input.toLine, employees: out.employees });
        await storeResult(tx, key, out);
        return out;
      });
    },

    /** Closes the dossier with its summary and tells the employer (once). */
    async completeOnboarding(ref: WorkflowRef & { summary: OnboardingSummary }): Promise<void> {
      await db.transaction(async (tx) => {
        await tx
          .update(onboardingRequests)
          .set({ status: 'completed', summary: ref.summary, updatedAt: sql`now()` })
          .where(eq(onboardingRequests.id, ref.requestId));
        const fresh = await enqueue(tx, {
          dedupeKey: `onboarding:${ref.requestId}:completed`,
          kind: 'onboarding.completed',
          channel: 'portal',
          recipientType: 'employer',
          recipientId: ref.taxCode,
          payload: {
            requestId: ref.requestId,
            unitCode: ref.summary.unitCode,
            employeesOnboarded: ref.summary.employeesOnboarded,
          },
        });
        if (fresh) {
          await auditStep(tx, ref, 'onboarding.completed', { employees: ref.summary.employeesOnboarded });
        }
      });
    },
  };
}

/**
 * The set-based writes of one batch of hires (onboarding, or a `hire` declaration). Rows that
 * already exist (retry, re-run) are left as they are. The caller rewrites the e-books.
 */
export async function onboardLines(
  tx: Tx,
  employer: EmployerInput & { unitCode: string },
  lines: { line: number; employee: EmployeeInput }[],
  requestId: string | null,
  today: IsoDate,
): Promise<Omit<BatchResult, 'fromLine' | 'toLine'>> {
  const ids = lines.map((l) => l.employee.personalId);
  const known = new Map(
    (ids.length ? await tx.select().from(participants).where(inArray(participants.personalId, ids)) : []).map((p) => [p.personalId, p]),
  );
  const fresh = lines.filter((l) => !known.has(l.employee.personalId));
  const needSerial = fresh.filter((l) => !l.employee.siNumber).length;
  const serials = needSerial
    ? await queryRows<{ n: number }>(tx, sql`select nextval('si_number_seq')::int as n from generate_series(1, ${needSerial})`)
    : [];
  let s = 0;
  const newRows = fresh.map((l) => ({
    personalId: l.employee.personalId,
    siNumber: l.employee.siNumber ?? formatSiNumber(employer.provinceCode, Number(serials[s++]!.n)),
    fullName: l.employee.fullName,
    dateOfBirth: l.employee.dateOfBirth,
    gender: l.employee.gender,
    nationality: l.employee.nationality,
    email: l.employee.email ?? null,
    phone: l.employee.phone ?? null,
  }));
  if (newRows.length) await tx.insert(participants).values(newRows);
  const siNumberOf = new Map<string, string>([...known.values(), ...newRows].map((p) => [p.personalId, p.siNumber]));

  // Identity comes from the database; a dossier that disagrees is reported, not applied (rules §8).
  const identityMismatchLines = lines
    .filter((l) => {
      const p = known.get(l.employee.personalId);
      return p && !sameIdentity(p, l.employee);
    })
    .map((l) => l.line);

  const newJobs = await tx
    .insert(employments)
    .values(
      lines.map((l) => ({
        personalId: l.employee.personalId,
        employerTaxCode: employer.taxCode,
        startMonth: l.employee.startMonth,
        jobTitle: l.employee.jobTitle,
        contractType: l.employee.contractType,
        onboardingRequestId: requestId,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: employments.id, personalId: employments.personalId, startMonth: employments.startMonth });
  // Every new employment on a book is told to its participant; a benefit claim's officer gets a task.
  await announceNewEmployments(tx, employer, newJobs, today);
  const jobs = await tx
    .select({ id: employments.id, personalId: employments.personalId, startMonth: employments.startMonth })
    .from(employments)
    .where(and(eq(employments.employerTaxCode, employer.taxCode), inArray(employments.personalId, ids)));
  const jobId = new Map(jobs.map((j) => [`${j.personalId}|${j.startMonth}`, Number(j.id)]));
  await tx
    .insert(salaryHistory)
    .values(
      lines.map((l) => ({
        employmentId: jobId.get(`${l.employee.personalId}|${l.employee.startMonth}`)!,
        effectiveMonth: l.employee.startMonth,
        amount: l.employee.salary,
      })),
    )
    .onConflictDoNothing();

  const cards = await tx
    .insert(hiCards)
    .values(
      lines.map((l) => ({
        cardCode: buildHiCardCode(EMPLOYEE_HI_GROUP, EMPLOYEE_HI_LEVEL_DIGIT, employer.provinceCode, siNumberOf.get(l.employee.personalId)!),
        personalId: l.employee.personalId,
        payerKind: 'employer',
        payerTaxCode: employer.taxCode,
        levelDigit: EMPLOYEE_HI_LEVEL_DIGIT,
        benefitLevel: hiBenefitLevel(EMPLOYEE_HI_LEVEL_DIGIT),
        validFrom: firstDayOf(l.employee.startMonth),
        initialFacilityCode: l.employee.initialFacilityCode ?? null,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: hiCards.id });

  return {
    employees: lines.length,
    participantsCreated: newRows.length,
    participantsExisting: lines.length - newRows.length,
    hiCardsIssued: cards.length,
    ebooksWritten: 0,
    identityMismatchLines,
  };
}

/**
 * What a hire writes, whoever declares it (an onboarding batch, activities/onboarding.ts, or a
 * `hire` declaration, services/declarations.ts), inside the caller's transaction: the participant
 * found or created, the employment and its salary, the employer-paid HI card; then what follows a
 * new employment on a participant's book:
 * - the participant is told (outbox `employment.declared`, once per employment);
 * - a person with an open unemployment claim puts an "a new job was declared" task in front of the
 *   claim's officer (Law 74/2025 Art.41(4)(a); rules §3, §8.32), once per claim and employment.
 */
import { firstDayOf, type IsoDate, type Month } from '../../domain/calendar';
import { buildHiCardCode, hiBenefitLevel } from '../../domain/identifiers';
import { EMPLOYEE_HI_GROUP, EMPLOYEE_HI_LEVEL_DIGIT, formatSiNumber, sameIdentity } from '../../domain/onboarding';
import type { EmployeeInput, EmployerInput } from '../../domain/schemas';
import { newJobReviewDeadline } from '../../domain/unemployment';
import type { Tx } from '../client';
import { audit } from './audit';
import { openClaimsOf } from './claims';
import {
  employmentsAt,
  insertEmployments,
  insertHiCards,
  insertParticipants,
  insertSalaries,
  nextSiSerials,
  participantsByIds,
} from './employments';
import { employerInputOf, type EmployerRow } from './employers';
import { enqueueMany, insertTasks } from './tasks';

/** An employer as a hire needs it: its dossier fields and its unit code. */
export type HiringEmployer = EmployerInput & { unitCode: string };

export function hiringEmployer(emp: EmployerRow, unitCode: string): HiringEmployer {
  return { ...employerInputOf(emp), unitCode };
}

/** What a batch of hires wrote (an onboarding batch reports it; the caller rewrites the e-books). */
export interface HireCounts {
  employees: number;
  participantsCreated: number;
  participantsExisting: number;
  hiCardsIssued: number;
  ebooksWritten: number;
  identityMismatchLines: number[];
}

/**
 * The set-based writes of one batch of hires (onboarding, or a `hire` declaration). Rows that
 * already exist (retry, re-run) are left as they are. The caller rewrites the e-books.
 */
export async function onboardLines(
  tx: Tx,
  employer: HiringEmployer,
  lines: { line: number; employee: EmployeeInput }[],
  requestId: string | null,
  today: IsoDate,
): Promise<HireCounts> {
  const ids = lines.map((l) => l.employee.personalId);
  const known = new Map((ids.length ? await participantsByIds(tx, ids) : []).map((p) => [p.personalId, p]));
  const fresh = lines.filter((l) => !known.has(l.employee.personalId));
  const needSerial = fresh.filter((l) => !l.employee.siNumber).length;
  const serials = needSerial ? await nextSiSerials(tx, needSerial) : [];
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
  if (newRows.length) await insertParticipants(tx, newRows);
  const siNumberOf = new Map<string, string>([...known.values(), ...newRows].map((p) => [p.personalId, p.siNumber]));

  // Identity comes from the database; a dossier that disagrees is reported, not applied (rules §8).
  const identityMismatchLines = lines
    .filter((l) => {
      const p = known.get(l.employee.personalId);
      return p && !sameIdentity(p, l.employee);
    })
    .map((l) => l.line);

  const newJobs = await insertEmployments(
    tx,
    lines.map((l) => ({
      personalId: l.employee.personalId,
      employerTaxCode: employer.taxCode,
      startMonth: l.employee.startMonth,
      jobTitle: l.employee.jobTitle,
      contractType: l.employee.contractType,
      onboardingRequestId: requestId,
    })),
  );
  // Every new employment on a book is told to its participant; a benefit claim's officer gets a task.
  await announceNewEmployments(tx, employer, newJobs, today);
  const jobs = await employmentsAt(tx, employer.taxCode, ids);
  const jobId = new Map(jobs.map((j) => [`${j.personalId}|${j.startMonth}`, Number(j.id)]));
  await insertSalaries(
    tx,
    lines.map((l) => ({
      employmentId: jobId.get(`${l.employee.personalId}|${l.employee.startMonth}`)!,
      effectiveMonth: l.employee.startMonth,
      amount: l.employee.salary,
    })),
  );

  const cards = await insertHiCards(
    tx,
    lines.map((l) => ({
      cardCode: buildHiCardCode(
        EMPLOYEE_HI_GROUP,
        EMPLOYEE_HI_LEVEL_DIGIT,
        employer.provinceCode,
        siNumberOf.get(l.employee.personalId)!,
      ),
      personalId: l.employee.personalId,
      payerKind: 'employer',
      payerTaxCode: employer.taxCode,
      levelDigit: EMPLOYEE_HI_LEVEL_DIGIT,
      benefitLevel: hiBenefitLevel(EMPLOYEE_HI_LEVEL_DIGIT),
      validFrom: firstDayOf(l.employee.startMonth),
      initialFacilityCode: l.employee.initialFacilityCode ?? null,
    })),
  );

  return {
    employees: lines.length,
    participantsCreated: newRows.length,
    participantsExisting: lines.length - newRows.length,
    hiCardsIssued: cards.length,
    ebooksWritten: 0,
    identityMismatchLines,
  };
}

export const NEW_JOB_TASK_KIND = 'claim.new_job_declared';
/** The officers' queue of unemployment claims (the claim's deciding officer is its assignee). */
export const UI_CLAIMS_QUEUE = 'ui-claims';

export interface NewEmployment {
  id: number;
  personalId: string;
  startMonth: Month;
}

export async function announceNewEmployments(
  tx: Tx,
  employer: { taxCode: string; unitCode: string; provinceCode?: string },
  jobs: NewEmployment[],
  today: IsoDate,
): Promise<{ notified: number; tasks: number }> {
  if (jobs.length === 0) return { notified: 0, tasks: 0 };
  const notices = await enqueueMany(
    tx,
    jobs.map((j) => ({
      dedupeKey: `employment:${j.id}:declared`,
      kind: 'employment.declared',
      channel: 'portal' as const,
      recipientType: 'participant' as const,
      recipientId: j.personalId,
      payload: {
        employmentId: j.id,
        employerTaxCode: employer.taxCode,
        unitCode: employer.unitCode,
        startMonth: j.startMonth,
      },
    })),
  );

  const claims = await openClaimsOf(tx, [...new Set(jobs.map((j) => j.personalId))]);
  const due = newJobReviewDeadline(today);
  const rows = claims.flatMap((c) =>
    jobs
      .filter((j) => j.personalId === c.personalId)
      .map((j) => ({
        dedupeKey: `claim:${c.id}:new_job:${j.id}`,
        kind: NEW_JOB_TASK_KIND,
        actor: 'officer' as const,
        queue: UI_CLAIMS_QUEUE,
        provinceCode: employer.provinceCode ?? null,
        assignee: c.decidedBy,
        dueDate: due,
        claimId: c.id,
        employmentId: j.id,
        employerTaxCode: employer.taxCode,
        details: { startMonth: j.startMonth, claimStatus: c.status, declaredOn: today },
      })),
  );
  const created = rows.length ? await insertTasks(tx, rows) : [];
  for (const t of created) {
    await audit(tx, {
      actor: `employer:${employer.taxCode}`,
      action: 'claim.new_job_declared',
      subjectType: 'claim',
      subjectId: t.claimId!,
      details: { taskId: t.id },
    });
  }
  return { notified: notices.length, tasks: created.length };
}

/**
 * The database side of unemployment claims for the front ends and the claim starter
 * (client/claims.ts): a claim read once by id, its state as the database holds it when its
 * workflow cannot answer, its officers' tasks, and the starter's two checks. Filing a claim is
 * fileClaim's (one transaction with the e-book).
 */
import type { Db } from '../db/client';
import {
  claimantOf,
  claimMonths,
  deleteIntakeClaim,
  findUiClaim,
  openClaimUnderWorkflow,
  uiFundCardFrom,
  type StoredClaim,
} from '../db/queries/claim-state';
import { tasksOfClaim } from '../db/queries/tasks';
import { DomainError } from '../domain/errors';
import type { ClaimEvaluationView, ClaimFacts } from '../domain/schemas-officer';
import { amountCitations, conditionCitations } from '../domain/unemployment/citations';
import type { UiEvaluation } from '../domain/unemployment/evaluate';
import type { UiLaw } from '../domain/unemployment/applicable-law';
import type { ClaimState, ClaimStatus } from '../workflows/definitions';

export type { StoredClaim } from '../db/queries/claim-state';

export interface ClaimTask {
  id: number;
  kind: string;
  status: 'open' | 'done' | 'cancelled';
  assignee: string | null;
  dueDate: string | null;
  employmentId: number | null;
  employerTaxCode: string | null;
}

const CLOSED: readonly string[] = ['rejected', 'terminated', 'completed'];

/** The claim with this id: INVALID_CLAIM_ID unless it is a UUID, NOT_FOUND when there is none. */
export async function findClaim(db: Db, claimId: string): Promise<StoredClaim> {
  if (!/^[0-9a-f-]{36}$/i.test(claimId)) throw new DomainError('INVALID_CLAIM_ID', 'a claim id is a UUID', 'id');
  const c = await findUiClaim(db, claimId);
  if (!c) throw new DomainError('NOT_FOUND', `no claim ${claimId}`, undefined, undefined, { claimId });
  return c;
}

/** Whether a claim still open carries this workflow id. */
export async function hasOpenClaimUnder(db: Db, workflowId: string): Promise<boolean> {
  return openClaimUnderWorkflow(db, workflowId);
}

/** Withdraws a filing still in intake whose workflow could not start. */
export async function withdrawIntakeClaim(db: Db, claimId: string): Promise<void> {
  await deleteIntakeClaim(db, claimId);
}

/** The officers' tasks of the claim, in the order they were opened. */
export async function claimTasks(db: Db, claimId: string): Promise<ClaimTask[]> {
  return (await tasksOfClaim(db, claimId)).map(({ createdAt: _at, queue: _q, ...t }) => ({
    ...t,
    status: t.status as ClaimTask['status'],
  }));
}

/** The claim's own HI card: paid by the UI fund from its first benefit day; null before it has one. */
export async function claimCard(
  db: Db,
  c: StoredClaim,
): Promise<{ cardCode: string; validFrom: string; validTo: string | null } | null> {
  if (!c.startDate) return null;
  const k = await uiFundCardFrom(db, c.personalId, c.startDate);
  return k ? { cardCode: k.cardCode, validFrom: k.validFrom, validTo: k.validTo } : null;
}

/** The claim's state as the database holds it (closed and archived, or its workflow out of reach). */
export async function storedClaimState(db: Db, c: StoredClaim): Promise<ClaimState & { personalId: string }> {
  const months = await claimMonths(db, c.id);
  const closed = CLOSED.includes(c.status);
  const evaluation = (c.evaluation ?? {}) as { reasons?: string[] };
  return {
    claimId: c.id,
    personalId: c.personalId,
    status: c.status as ClaimStatus,
    law: c.law,
    eligible: c.eligible,
    reasons: evaluation.reasons ?? [],
    monthlyBenefit: c.monthlyBenefit,
    durationMonths: c.durationMonths ?? 0,
    startDate: c.startDate,
    decisionDeadline: c.decisionDeadline,
    decisionAlerts: 'none',
    decision: (c.decision as 'approved' | 'rejected' | null) ?? null,
    months: months.map((m) => ({
      index: m.idx,
      from: m.periodFrom,
      to: m.periodTo,
      reportDeadline: m.reportDeadline,
      paymentDeadline: m.paymentDeadline,
      status: m.status as 'paid',
      paidOn: m.paidOn,
    })),
    monthsPaid: c.monthsPaid,
    monthsSuspended: c.monthsSuspended,
    monthsRemaining: months.filter((m) => m.status === 'scheduled' || m.status === 'reported').length,
    consecutiveMissedReports: 0,
    reportWindowFor: null,
    nextDeadline: null,
    waitingFor: closed ? `nothing: the claim is ${c.status}` : 'its workflow (not reachable now)',
    waiting: closed ? { code: 'closed', status: c.status } : { code: 'unreachable' },
    terminationGround: c.terminationGround,
    reservedMonths: c.reservedMonths,
    coverage: await claimCard(db, c),
  };
}

/**
 * Whose claim it is (the name and SI number: the claim's state never carries the personal ID), the
 * filing as submitted and the decision — what the officer's claim page shows as the facts.
 */
export async function claimFacts(db: Db, c: StoredClaim): Promise<ClaimFacts> {
  return {
    claimant: (await claimantOf(db, c.personalId)) ?? { fullName: null, siNumber: null },
    terminationDate: c.terminationDate,
    filingDate: c.filingDate,
    terminationReason: c.terminationReason,
    region: c.region,
    contractMonths: c.contractMonths,
    pensionEligible: c.pensionEligible,
    newCoveredJob: c.newCoveredJob,
    decidedOn: c.decidedOn,
    decisionReason: c.decisionReason,
  };
}

/**
 * The evaluation intake stored (domain/unemployment/evaluate.ts), each condition with the provisions
 * of the claim's law that state it; null while the claim is in intake. A claim row read before
 * intake ended is read again.
 */
export async function claimEvaluation(db: Db, c: StoredClaim): Promise<ClaimEvaluationView | null> {
  const row = c.evaluation ? c : await findUiClaim(db, c.id);
  const e = row?.evaluation as UiEvaluation | null | undefined;
  if (!e || !Array.isArray(e.conditions)) return null;
  const law = e.law as UiLaw;
  return {
    conditions: e.conditions.map((x) => ({
      condition: x.condition,
      ok: x.ok,
      code: x.code,
      detail: x.detail,
      citations: conditionCitations(law, x.condition),
    })),
    windowMonths: e.windowMonths,
    windowFrom: e.windowFrom,
    windowTo: e.windowTo,
    monthsInWindow: e.monthsInWindow,
    totalContributionMonths: e.totalContributionMonths,
    averagedMonths: e.averagedMonths,
    averageSalary: e.averageSalary,
    capMonth: e.capMonth,
    cap: e.cap,
    capped: e.capped,
    monthlyBenefit: e.monthlyBenefit,
    durationMonths: e.durationMonths,
    filingDeadline: e.filingDeadline,
    decisionDeadline: e.decisionDeadline,
    hiMonthlyContribution: e.hiMonthlyContribution,
    citations: amountCitations(law),
  };
}

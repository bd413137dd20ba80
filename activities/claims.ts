/**
 * Unemployment claims and the health coverage that goes with them. Every activity is one
 * transaction that locks the claim row, is idempotent (a repeated call finds its effect already
 * written and returns the same result), and rewrites the participant's e-book in the same
 * transaction. Rules come from domain/unemployment/; nothing here computes a figure itself.
 */
import type { IsoDate } from '../domain/calendar';
import type { ClaimMonthState } from '../workflows/definitions';
import { DomainError } from '../domain/errors';
import { buildHiCardCode, hiBenefitLevel } from '../domain/identifiers';
import { Dec, toDong } from '../domain/money';
import type { Region } from '../domain/rates';
import {
  benefitMonthPeriods,
  benefitPaymentDeadline,
  decisionTimeline,
  evaluateUnemployment,
  HI_RATE_ON_BENEFIT,
  reportDeadline,
  reservedOnCompletion,
  reservedOnTermination,
  UI_HI_GROUP,
  UI_HI_LEVEL_DIGIT,
  type BenefitTerminationGround,
  type TerminationReason,
  type UiLaw,
  type UiReasonCode,
} from '../domain/unemployment';
import type { Db, Executor, Tx } from '../db/client';
import { audit, enqueue } from '../db/queries/audit';
import {
  cancelOpenMonths,
  creditedMonths,
  findClaim,
  findParticipant,
  insertHiCardOnce,
  insertMonths,
  lockClaimRow,
  lockMonth,
  lockUiHiCard,
  monthRowsOf,
  setHiCardValidTo,
  setMonth,
  updateClaim as touch,
  type ClaimMonthRecord,
  type ClaimRecord,
} from '../db/queries/claims';
import { monthPaymentsOf } from '../db/queries/bank-payments';
import { rewriteEbooks } from '../db/queries/ebooks';
import { actorOf, caseTextOf } from '../db/queries/minimise';
import { alertTasks, closeTasks, openTask } from '../db/queries/tasks';
import { TASK_QUEUES } from '../domain/tasks';

/**
 * Every claim step ends the same way: its audit event and the participant's e-book, in the step's
 * transaction. A claim's step touches no contribution month: only the book's member sections are
 * read and compared (db/queries/ebooks.ts EbookChange), so a step costs the same on a 30-year book.
 */
async function claimStepWritten(
  tx: Tx,
  c: { id: string; personalId: string },
  actor: string,
  action: string,
  details?: Record<string, unknown>,
): Promise<void> {
  await audit(tx, { actor, action, subjectType: 'claim', subjectId: c.id, ...(details ? { details } : {}) });
  await rewriteEbooks(tx, [c.personalId], { members: true });
}

export interface ClaimMonthPlan {
  index: number;
  from: IsoDate;
  to: IsoDate;
  reportDeadline: IsoDate;
  paymentDeadline: IsoDate;
  status: string;
}

export interface ClaimIntake {
  claimId: string;
  law: UiLaw;
  eligible: boolean;
  reasons: UiReasonCode[];
  /** Only in histories recorded before issue 11: the amount stays in the database (client/claims.ts reads it). */
  monthlyBenefit?: string;
  durationMonths: number;
  startDate: IsoDate | null;
  filingDate: IsoDate;
  decisionDeadline: IsoDate;
  reminderAt: IsoDate;
  escalateAt: IsoDate;
}

async function lockClaim(tx: Tx, claimId: string): Promise<ClaimRecord> {
  const c = await lockClaimRow(tx, claimId);
  if (!c) throw new DomainError('CLAIM_NOT_FOUND', `no claim ${claimId}`, undefined, undefined, { claimId });
  return c;
}

/** The claim and one of its benefit months, both locked; MONTH_NOT_FOUND when the claim has no such month. */
async function lockClaimMonth(
  tx: Tx,
  claimId: string,
  index: number,
): Promise<{ c: ClaimRecord; m: ClaimMonthRecord }> {
  const c = await lockClaim(tx, claimId);
  const m = await lockMonth(tx, c.id, index);
  if (!m)
    throw new DomainError('MONTH_NOT_FOUND', `claim has no benefit month ${index}`, undefined, undefined, { index });
  return { c, m };
}

async function monthsOf(exec: Executor, claimId: string): Promise<ClaimMonthPlan[]> {
  const rows = await monthRowsOf(exec, claimId);
  return rows.map((m) => ({
    index: m.idx,
    from: m.periodFrom,
    to: m.periodTo,
    reportDeadline: m.reportDeadline,
    paymentDeadline: m.paymentDeadline,
    status: m.status,
  }));
}

// ——— The claim's waits in the work queue (issue 12), written in the step's transaction ———

const DECISION_TASK = 'claim.decision';
const REPORT_TASK = 'claim.report';
const reportTaskKey = (claimId: string, index: number) => `claim:${claimId}:report:${index}`;

/**
 * The participant's wait for a benefit month's job-search report: its window opens on the month's
 * first day (month 1: at once, with the decision) and closes on its report deadline. Written when
 * the month becomes the next to report — by the decision for month 1, and for month n + 1 by the
 * step that closes month n's window (its report recorded, or the month suspended). The workflow
 * opens the window with a timer and no activity, so the row carries the day it opens (`opens_on`)
 * and the queue shows it from then.
 */
async function openReportTask(
  tx: Tx,
  claimId: string,
  m: { idx: number; periodFrom: IsoDate; periodTo: IsoDate; reportDeadline: IsoDate },
  opensAtOnce: boolean,
): Promise<void> {
  await openTask(tx, {
    dedupeKey: reportTaskKey(claimId, m.idx),
    kind: REPORT_TASK,
    actor: 'participant',
    queue: TASK_QUEUES.participants,
    dueDate: m.reportDeadline,
    opensOn: opensAtOnce ? null : m.periodFrom,
    claimId,
    details: { month: m.idx, from: m.periodFrom, to: m.periodTo },
  });
}

/** Month n's window closed (`done`: reported; `cancelled`: missed), and month n + 1's wait written, if there is one. */
async function nextReportWindow(
  tx: Tx,
  claimId: string,
  index: number,
  close: { status: 'done' | 'cancelled'; by: string },
): Promise<void> {
  await closeTasks(tx, { dedupeKey: reportTaskKey(claimId, index) }, close);
  const next = await lockMonth(tx, claimId, index + 1);
  if (next && next.status === 'scheduled') await openReportTask(tx, claimId, next, false);
}

/** A notice to the claimant, once per key (the outbox deduplicates). */
async function notifyClaimant(
  tx: Tx,
  c: { id: string; personalId: string },
  dedupeKey: string,
  kind: string,
  payload: Record<string, unknown>,
): Promise<void> {
  await enqueue(tx, {
    dedupeKey,
    kind,
    channel: 'email',
    recipientType: 'participant',
    recipientId: c.personalId,
    payload: { claimId: c.id, ...payload },
  });
}

export interface ClaimDeps {
  db: Db;
  clock: () => Date;
  faults?: (point: string) => void | Promise<void>;
}

export function createClaimActivities(deps: ClaimDeps) {
  const { db } = deps;

  const intakeOf = (c: ClaimRecord): ClaimIntake => {
    const t = decisionTimeline(c.filingDate, c.law as UiLaw);
    const e = c.evaluation as { reasons: UiReasonCode[] };
    return {
      claimId: c.id,
      law: c.law as UiLaw,
      eligible: c.eligible!,
      reasons: e.reasons,
      durationMonths: c.durationMonths ?? 0,
      startDate: c.startDate,
      filingDate: c.filingDate,
      decisionDeadline: t.deadline,
      reminderAt: t.reminderAt,
      escalateAt: t.escalateAt,
    };
  };

  return {
    /**
     * Intake: evaluates eligibility and the benefit from the months credited on the participant's
     * e-book (paid in full by the employer; declared-but-unpaid months do not count) and records
     * the evaluation with the e-book. The officer is told a claim awaits a decision.
     */
    async intakeClaim(input: { claimId: string }): Promise<ClaimIntake> {
      return db.transaction(async (tx) => {
        const c = await lockClaim(tx, input.claimId);
        if (c.status !== 'intake') return intakeOf(c);
        const contributions = await creditedMonths(tx, c.personalId, c.terminationDate.slice(0, 7));
        const e = evaluateUnemployment({
          terminationDate: c.terminationDate,
          filingDate: c.filingDate,
          region: c.region as Region,
          contractMonths: c.contractMonths,
          terminationReason: c.terminationReason as TerminationReason,
          contributions,
          pensionEligible: c.pensionEligible,
          receivingPension: false,
          activeClaim: false, // the one-open-claim index already refused a second claim
          newCoveredJob: c.newCoveredJob,
        });
        const last = e.benefitMonths[e.benefitMonths.length - 1];
        await touch(tx, c.id, {
          status: 'awaiting_decision',
          law: e.law,
          eligible: e.eligible,
          evaluation: e,
          monthlyBenefit: e.eligible ? e.monthlyBenefit : null,
          hiMonthlyContribution: e.eligible ? e.hiMonthlyContribution : null,
          durationMonths: e.eligible ? e.durationMonths : null,
          totalContributionMonths: e.totalContributionMonths,
          startDate: e.startDate,
          endDate: last?.to ?? null,
          decisionDeadline: e.decisionDeadline,
        });
        await enqueue(tx, {
          dedupeKey: `claim:${c.id}:awaiting_decision`,
          kind: 'claim.awaiting_decision',
          channel: 'officer_queue',
          recipientType: 'officer',
          recipientId: 'ui-claims',
          payload: { claimId: c.id, eligible: e.eligible, decisionDeadline: e.decisionDeadline },
        });
        // The officers' wait for the decision, due on its legal deadline.
        await openTask(tx, {
          dedupeKey: `claim:${c.id}:decision`,
          kind: DECISION_TASK,
          queue: TASK_QUEUES.claims,
          dueDate: e.decisionDeadline,
          claimId: c.id,
          details: { filingDate: c.filingDate, eligible: e.eligible },
        });
        await claimStepWritten(tx, c, 'system:intake', 'claim.evaluated', { eligible: e.eligible, reasons: e.reasons });
        return intakeOf((await findClaim(tx, c.id))!);
      });
    },

    /** A reminder or an escalation to the officers (deduplicated per claim and kind). */
    async notifyClaimOfficers(input: {
      claimId: string;
      kind: 'decision_reminder' | 'decision_escalation' | 'decision_overdue';
      deadline: IsoDate;
    }): Promise<void> {
      await db.transaction(async (tx) => {
        await enqueue(tx, {
          dedupeKey: `claim:${input.claimId}:${input.kind}`,
          kind: `claim.${input.kind}`,
          channel: 'officer_queue',
          recipientType: 'officer',
          recipientId: input.kind === 'decision_reminder' ? 'ui-claims' : 'ui-claims-director',
          payload: { claimId: input.claimId, deadline: input.deadline },
        });
        // An escalation (and the overdue alert) moves the decision to the supervisor's queue; a reminder only marks it.
        const escalate = input.kind !== 'decision_reminder';
        await alertTasks(
          tx,
          { kinds: [DECISION_TASK], claimId: input.claimId },
          { alert: input.kind, escalate, ...(escalate ? { queue: TASK_QUEUES.claimsDirector } : {}) },
        );
        await audit(tx, {
          actor: 'system:claims',
          action: `claim.${input.kind}`,
          subjectType: 'claim',
          subjectId: input.claimId,
        });
      });
    },

    /**
     * The decision (Form 12): approval schedules the benefit months with their report and payment
     * deadlines; rejection closes the claim with its reason. Written with the e-book.
     */
    async decideClaim(input: {
      claimId: string;
      decision: 'approve' | 'reject';
      /** The officer's principal reference (or, in older histories, the officer). */
      officer: string;
      /** The reason as typed (older histories), or the id of its `case_texts` row. */
      reason?: string;
      reasonId?: number;
      decidedOn: IsoDate;
    }): Promise<{ status: string; months: ClaimMonthPlan[] }> {
      return db.transaction(async (tx) => {
        const c = await lockClaim(tx, input.claimId);
        if (c.decision !== null) return { status: c.status, months: await monthsOf(tx, c.id) };
        const officer = await actorOf(tx, input.officer);
        const reason = input.reasonId !== undefined ? await caseTextOf(tx, input.reasonId) : (input.reason ?? null);
        if (c.status !== 'awaiting_decision')
          throw new DomainError('WRONG_STATE', `a claim in ${c.status} cannot be decided`, undefined, undefined, {
            status: c.status,
          });
        if (input.decision === 'approve' && !c.eligible)
          throw new DomainError('NOT_ELIGIBLE', 'an ineligible claim can only be rejected');
        // The officers' wait is over, in the decision's transaction.
        await closeTasks(tx, { kinds: [DECISION_TASK], claimId: c.id }, { status: 'done', by: input.officer });
        if (input.decision === 'approve') {
          const law = c.law as UiLaw;
          const periods = benefitMonthPeriods(c.startDate!, c.durationMonths!);
          const rows = periods.map((p) => {
            const report = reportDeadline(p.from, input.decidedOn, p.index);
            return {
              claimId: c.id,
              idx: p.index,
              periodFrom: p.from,
              periodTo: p.to,
              reportDeadline: report,
              paymentDeadline: benefitPaymentDeadline(p.index, input.decidedOn, report, law, p.from),
              status: 'scheduled',
            };
          });
          await insertMonths(tx, rows);
          await openReportTask(tx, c.id, rows[0]!, true); // month 1's window opens with the decision
          await touch(tx, c.id, {
            status: 'active',
            decision: 'approved',
            decidedBy: officer,
            decidedOn: input.decidedOn,
            decisionReason: reason,
          });
        } else {
          await touch(tx, c.id, {
            status: 'rejected',
            decision: 'rejected',
            decidedBy: officer,
            decidedOn: input.decidedOn,
            decisionReason: reason ?? 'rejected',
          });
          // Nothing else about a rejected claim is awaited.
          await closeTasks(tx, { claimId: c.id }, { status: 'cancelled', by: input.officer });
        }
        await notifyClaimant(
          tx,
          c,
          `claim:${c.id}:decision`,
          input.decision === 'approve' ? 'claim.approved' : 'claim.rejected',
          { decision: input.decision, decidedOn: input.decidedOn },
        );
        await claimStepWritten(tx, c, officer, input.decision === 'approve' ? 'claim.approved' : 'claim.rejected');
        return { status: input.decision === 'approve' ? 'active' : 'rejected', months: await monthsOf(tx, c.id) };
      });
    },

    async recordReport(input: {
      claimId: string;
      index: number;
      reportedOn: IsoDate;
      by: string;
      /** The id of the job-search summary's `case_texts` row (Form 24), linked to the month here. */
      summaryId?: number;
    }): Promise<void> {
      await db.transaction(async (tx) => {
        const { c, m } = await lockClaimMonth(tx, input.claimId, input.index);
        if (m.status !== 'scheduled') return; // already reported (or paid): idempotent
        const by = await actorOf(tx, input.by);
        await setMonth(tx, c.id, input.index, {
          status: 'reported',
          reportedOn: input.reportedOn,
          reportedBy: by,
          ...(input.summaryId !== undefined ? { reportTextId: input.summaryId } : {}),
        });
        if (c.status === 'suspended') await touch(tx, c.id, { status: 'active' }); // resumption (Art.41(3))
        await nextReportWindow(tx, c.id, input.index, { status: 'done', by: input.by });
        await claimStepWritten(tx, c, by, 'claim.report', {
          month: input.index,
          ...(input.summaryId !== undefined ? { summaryId: input.summaryId } : {}),
        });
      });
    },

    /**
     * Pays one benefit month: key `uipay:<claim>:<month>` (unique), so a retried or replayed call
     * pays nothing twice and returns the first result. The payment, the UI fund's HI contribution
     * (4.5 %) and the e-book are one transaction.
     */
    async payClaimMonth(input: {
      claimId: string;
      index: number;
      paidOn: IsoDate;
    }): Promise<{ paidOn: IsoDate; repeated: boolean }> {
      const key = `uipay:${input.claimId}:${input.index}`;
      const paid = await db.transaction(async (tx) => {
        const { c, m } = await lockClaimMonth(tx, input.claimId, input.index);
        if (m.status === 'paid') return { paidOn: m.paidOn!, repeated: true };
        if (m.status !== 'reported')
          throw new DomainError(
            'WRONG_STATE',
            `benefit month ${input.index} is ${m.status}, not reported`,
            undefined,
            undefined,
            { index: input.index, status: m.status },
          );
        const amount = c.monthlyBenefit!;
        const hi = toDong(new Dec(amount).times(HI_RATE_ON_BENEFIT)).toFixed(0);
        await setMonth(tx, c.id, input.index, {
          status: 'paid',
          amount,
          hiContribution: hi,
          paidOn: input.paidOn,
          paymentKey: key,
        });
        await touch(tx, c.id, { monthsPaid: c.monthsPaid + 1 });
        await notifyClaimant(tx, c, key, 'claim.payment', { month: input.index, amount, paidOn: input.paidOn });
        await claimStepWritten(tx, c, 'system:payments', 'claim.paid', { month: input.index });
        if (deps.faults) await deps.faults('claim:pay:before-commit');
        // No amount in the result: it would be in Temporal's history; the database has it.
        return { paidOn: input.paidOn, repeated: false };
      });
      // Tests: the worker lost after the payment committed, before Temporal recorded it.
      if (deps.faults) await deps.faults('claim:pay:after-commit');
      return paid;
    },

    /**
     * Where the bank has got with the claim's months (rules §8.36): each month's status and
     * payment date, and the months paid. Read only: the payment run and the bank's reports write.
     */
    async claimPayments(input: { claimId: string }): Promise<{
      months: { index: number; status: ClaimMonthState['status']; paidOn: IsoDate | null; paymentDeadline: IsoDate }[];
      monthsPaid: number;
    }> {
      const months = await monthPaymentsOf(db, input.claimId);
      return {
        months: months.map((m) => ({
          index: m.idx,
          status: m.status as ClaimMonthState['status'],
          paidOn: m.paid_on,
          paymentDeadline: m.payment_deadline,
        })),
        monthsPaid: months.filter((m) => m.status === 'paid').length,
      };
    },

    /** No report within the window: the month is suspended — not paid and not reserved (Art.41(1)–(2)). */
    async suspendClaimMonth(input: { claimId: string; index: number }): Promise<void> {
      await db.transaction(async (tx) => {
        const c = await lockClaim(tx, input.claimId);
        const m = await lockMonth(tx, c.id, input.index);
        if (!m || m.status !== 'scheduled') return;
        await setMonth(tx, c.id, input.index, { status: 'suspended' });
        await touch(tx, c.id, { status: 'suspended', monthsSuspended: c.monthsSuspended + 1 });
        await nextReportWindow(tx, c.id, input.index, { status: 'cancelled', by: 'system:claims' });
        await notifyClaimant(tx, c, `claim:${c.id}:suspended:${input.index}`, 'claim.suspended', {
          month: input.index,
        });
        await claimStepWritten(tx, c, 'system:claims', 'claim.suspended', { month: input.index });
      });
    },

    /**
     * Termination on a ground of Art.41(4): months not yet paid are cancelled and the unused
     * contribution months reserved where Art.41(5) says so.
     */
    async terminateClaim(input: {
      claimId: string;
      ground: BenefitTerminationGround;
      effectiveDate: IsoDate;
      /** Principal reference of who terminated (or, in older histories, the actor). */
      by: string;
      /** The id of the termination note's `case_texts` row. */
      noteId?: number;
    }): Promise<{ reservedMonths: number; monthsPaid: number }> {
      return db.transaction(async (tx) => {
        const c = await lockClaim(tx, input.claimId);
        if (c.status === 'terminated') return { reservedMonths: c.reservedMonths ?? 0, monthsPaid: c.monthsPaid };
        if (c.status !== 'active' && c.status !== 'suspended')
          throw new DomainError('WRONG_STATE', `a claim in ${c.status} cannot be terminated`, undefined, undefined, {
            status: c.status,
          });
        // The months the benefit was received for: paid, or owed to the claimant and left to the bank (rules §8.36).
        const received = (await monthRowsOf(tx, c.id)).filter((m) =>
          ['reported', 'instructed', 'paid', 'returned'].includes(m.status),
        ).length;
        const reserved = reservedOnTermination(c.totalContributionMonths ?? 0, received, input.ground);
        const by = await actorOf(tx, input.by);
        await cancelOpenMonths(tx, c.id);
        await closeTasks(tx, { claimId: c.id }, { status: 'cancelled', by: input.by }); // whatever was still awaited
        await touch(tx, c.id, {
          status: 'terminated',
          terminationGround: input.ground,
          terminatedOn: input.effectiveDate,
          terminatedBy: by,
          reservedMonths: reserved,
        });
        await notifyClaimant(tx, c, `claim:${c.id}:terminated`, 'claim.terminated', {
          ground: input.ground,
          effectiveDate: input.effectiveDate,
          reservedMonths: reserved,
        });
        await claimStepWritten(tx, c, by, 'claim.terminated', {
          ground: input.ground,
          reserved,
          ...(input.noteId !== undefined ? { noteId: input.noteId } : {}),
        });
        return { reservedMonths: reserved, monthsPaid: c.monthsPaid };
      });
    },

    /** The last month is behind: the claim is closed; months beyond those consumed stay reserved (Art.41(5)). */
    async completeClaim(input: {
      claimId: string;
    }): Promise<{ reservedMonths: number; monthsPaid: number; monthsSuspended: number }> {
      return db.transaction(async (tx) => {
        const c = await lockClaim(tx, input.claimId);
        if (c.status === 'completed')
          return {
            reservedMonths: c.reservedMonths ?? 0,
            monthsPaid: c.monthsPaid,
            monthsSuspended: c.monthsSuspended,
          };
        const reserved = reservedOnCompletion(c.totalContributionMonths ?? 0, c.durationMonths ?? 0);
        await touch(tx, c.id, { status: 'completed', reservedMonths: reserved });
        await closeTasks(tx, { claimId: c.id }, { status: 'cancelled', by: 'system:claims' });
        await notifyClaimant(tx, c, `claim:${c.id}:completed`, 'claim.completed', {
          monthsPaid: c.monthsPaid,
          monthsSuspended: c.monthsSuspended,
          reservedMonths: reserved,
        });
        await claimStepWritten(tx, c, 'system:claims', 'claim.completed');
        return { reservedMonths: reserved, monthsPaid: c.monthsPaid, monthsSuspended: c.monthsSuspended };
      });
    },

    /**
     * Health-coverage continuation: the HI card paid by the UI fund for the benefit period (rules
     * §1, §8), issued once (business key person + payer + start date).
     */
    async issueUiHiCard(input: { claimId: string }): Promise<{ validFrom: IsoDate; validTo: IsoDate }> {
      return db.transaction(async (tx) => {
        const c = await lockClaim(tx, input.claimId);
        if (!c.startDate || !c.endDate) throw new DomainError('WRONG_STATE', 'the claim has no benefit period');
        const p = await findParticipant(tx, c.personalId);
        const cardCode = buildHiCardCode(UI_HI_GROUP, UI_HI_LEVEL_DIGIT, p!.personalId.slice(1, 3), p!.siNumber);
        await insertHiCardOnce(tx, {
          cardCode,
          personalId: c.personalId,
          payerKind: 'ui_fund',
          payerTaxCode: null,
          levelDigit: UI_HI_LEVEL_DIGIT,
          benefitLevel: hiBenefitLevel(UI_HI_LEVEL_DIGIT),
          validFrom: c.startDate,
          validTo: c.endDate,
        });
        await notifyClaimant(tx, c, `claim:${c.id}:hi_card`, 'coverage.ui_card_issued', {
          validFrom: c.startDate,
          validTo: c.endDate,
        });
        await rewriteEbooks(tx, [c.personalId], { members: true }); // an HI card: no month changes
        // The code embeds the SI number: it stays in the database (the claim's state reads it there).
        return { validFrom: c.startDate, validTo: c.endDate };
      });
    },

    /** Coverage ends with the benefit: on the end of the period, or the day before a termination takes effect. */
    async endUiHiCard(input: { claimId: string; lastDay: IsoDate }): Promise<{ validTo: IsoDate | null }> {
      return db.transaction(async (tx) => {
        const c = await lockClaim(tx, input.claimId);
        const card = await lockUiHiCard(tx, c.personalId, c.startDate!);
        if (!card) return { validTo: null };
        const lastDay = input.lastDay < card.validFrom ? card.validFrom : input.lastDay;
        if (card.validTo === null || card.validTo > lastDay) {
          await setHiCardValidTo(tx, card.id, lastDay);
        }
        await notifyClaimant(tx, c, `claim:${c.id}:hi_card_ended`, 'coverage.ui_card_ended', { lastDay });
        await rewriteEbooks(tx, [c.personalId], { members: true });
        return { validTo: card.validTo === null || card.validTo > lastDay ? lastDay : card.validTo };
      });
    },
  };
}

/**
 * The review of a participant's data-update request (issue #14 part 1; workflows/data-update.ts).
 * Each activity is one transaction that locks the request, is idempotent (a repeat finds its
 * effect written and returns the same result), and writes its tasks, notices and audit event in
 * that transaction; the approval writes the participant and re-renders the e-book with it.
 */
import type { IsoDate } from '../domain/calendar';
import {
  dataUpdateReviewTimeline,
  DATA_UPDATE_REVIEW_WORKING_DAYS,
  reviewDaysLeftAtPause,
  type DataUpdateKind,
} from '../domain/data-updates';
import { DomainError } from '../domain/errors';
import { TASK_QUEUES } from '../domain/tasks';
import type { Db, Tx } from '../db/client';
import { audit, enqueue } from '../db/queries/audit';
import {
  lockDataUpdate,
  lockParticipantFields,
  setDataUpdate,
  setParticipantFields,
  type DataUpdateRow,
  type ParticipantFields,
} from '../db/queries/data-updates';
import { rewriteEbooks } from '../db/queries/ebooks';
import { actorOf, caseTextOf } from '../db/queries/minimise';
import { alertTasks, closeTasks, openTask } from '../db/queries/tasks';
import { DEV_CLAIM_SUBJECT_KEY } from '../runtime/config';
import { proposeBankAccount, requestedAccountNumber, verifyBankAccount } from '../services/bank-accounts';

export interface DataUpdateDeps {
  db: Db;
  clock: () => Date;
  /** The server secret (CLAIM_SUBJECT_KEY) a bank account's number is sealed under; default the development key. */
  secret?: string;
}

/** A review round's deadline, reminder and escalation (rules §8.38). */
export interface DataUpdateTimeline {
  due: IsoDate;
  reminderAt: IsoDate;
  escalateAt: IsoDate;
}

const REVIEW_TASK = 'data_update.review';
const EVIDENCE_TASK = 'data_update.evidence';
const reviewKey = (id: number, round: number) => `data-update:${id}:review:${round}`;
const evidenceKey = (id: number, round: number) => `data-update:${id}:evidence:${round}`;

async function lockRequest(tx: Tx, id: number): Promise<DataUpdateRow> {
  const r = await lockDataUpdate(tx, id);
  if (!r) throw new DomainError('DATA_UPDATE_NOT_FOUND', `no data-update request ${id}`);
  return r;
}

/** A notice to the participant about their request, once per key. */
async function notify(tx: Tx, r: DataUpdateRow, key: string, kind: string, payload: Record<string, unknown> = {}) {
  await enqueue(tx, {
    dedupeKey: `data-update:${r.id}:${key}`,
    kind,
    channel: 'email',
    recipientType: 'participant',
    recipientId: r.personalId,
    payload: { requestId: r.id, kind: r.kind, ...payload },
  });
}

const step = (tx: Tx, r: DataUpdateRow, actor: string, action: string, details?: Record<string, unknown>) =>
  audit(tx, {
    actor,
    action,
    subjectType: 'data_update',
    subjectId: String(r.id),
    ...(details ? { details } : {}),
  });

/** What an approval writes onto the participant (a bank account goes to bank_accounts instead, see approveDataUpdate). */
function changesOf(kind: DataUpdateKind, requested: Record<string, string>): Partial<ParticipantFields> {
  if (kind === 'nationality') return { nationality: requested['nationality']! };
  if (kind !== 'identity') return {};
  const out: Partial<ParticipantFields> = {};
  for (const f of ['fullName', 'dateOfBirth', 'gender'] as const) if (requested[f] !== undefined) out[f] = requested[f];
  return out;
}

export function createDataUpdateActivities(deps: DataUpdateDeps) {
  const { db } = deps;
  return {
    /** The review opened: its deadline set, the officers' task and the participant's "filed" notice written. */
    async openDataUpdateReview(input: { requestId: number }): Promise<DataUpdateTimeline> {
      return db.transaction(async (tx) => {
        const r = await lockRequest(tx, input.requestId);
        const t = dataUpdateReviewTimeline(r.filedOn, DATA_UPDATE_REVIEW_WORKING_DAYS);
        if (r.dueDate !== null) return t; // opened already (a retry)
        await setDataUpdate(tx, r.id, { dueDate: t.due, updatedAt: deps.clock() });
        await openTask(tx, {
          dedupeKey: reviewKey(r.id, 1),
          kind: REVIEW_TASK,
          queue: TASK_QUEUES.dataUpdates,
          dueDate: t.due,
          dataUpdateId: r.id,
          details: { requestId: r.id, kind: r.kind, round: 1 },
        });
        await notify(tx, r, 'filed', 'data_update.filed', { dueDate: t.due });
        await step(tx, r, 'system:data-updates', 'data_update.review_opened', { dueDate: t.due });
        return t;
      });
    },

    /** The reminder (the officers' queue) or the escalation (to the supervisor's queue) of a review round. */
    async alertDataUpdateReview(input: { requestId: number; round: number; kind: 'reminder' | 'escalation' }) {
      await db.transaction(async (tx) => {
        const r = await lockRequest(tx, input.requestId);
        const escalate = input.kind === 'escalation';
        await alertTasks(
          tx,
          { kinds: [REVIEW_TASK], dedupeKey: reviewKey(r.id, input.round) },
          {
            alert: `review_${input.kind}`,
            escalate,
            ...(escalate ? { queue: TASK_QUEUES.dataUpdatesSupervisor } : {}),
          },
        );
        await enqueue(tx, {
          dedupeKey: `data-update:${r.id}:${input.round}:${input.kind}`,
          kind: `data_update.review_${input.kind}`,
          channel: 'officer_queue',
          recipientType: 'officer',
          recipientId: escalate ? TASK_QUEUES.dataUpdatesSupervisor : TASK_QUEUES.dataUpdates,
          payload: { requestId: r.id, dueDate: r.dueDate },
        });
        await step(tx, r, 'system:data-updates', `data_update.review_${input.kind}`, { round: input.round });
      });
    },

    /** More evidence asked: the review paused (its task done), the participant's task and notice written. */
    async askDataUpdateEvidence(input: {
      requestId: number;
      round: number;
      officer: string;
      reasonId: number;
      pausedOn: IsoDate;
    }): Promise<{ daysLeft: number }> {
      return db.transaction(async (tx) => {
        const r = await lockRequest(tx, input.requestId);
        if (r.status === 'more_evidence' && r.pausedOn !== null)
          return { daysLeft: reviewDaysLeftAtPause(r.pausedOn, r.dueDate!) };
        if (r.status !== 'awaiting_review')
          throw new DomainError('WRONG_STATE', `more evidence cannot be asked while the request is ${r.status}`);
        const officer = await actorOf(tx, input.officer);
        const reason = await caseTextOf(tx, input.reasonId);
        const daysLeft = reviewDaysLeftAtPause(input.pausedOn, r.dueDate!);
        await setDataUpdate(tx, r.id, {
          status: 'more_evidence',
          pausedOn: input.pausedOn,
          reason,
          updatedAt: deps.clock(),
        });
        await closeTasks(tx, { dedupeKey: reviewKey(r.id, input.round) }, { status: 'done', by: input.officer });
        await openTask(tx, {
          dedupeKey: evidenceKey(r.id, input.round),
          kind: EVIDENCE_TASK,
          actor: 'participant',
          queue: TASK_QUEUES.participants,
          dataUpdateId: r.id,
          details: { requestId: r.id, kind: r.kind, round: input.round, daysLeft },
        });
        await notify(tx, r, `more-evidence:${input.round}`, 'data_update.more_evidence', {
          ...(reason !== null ? { reason } : {}),
        });
        await step(tx, r, officer, 'data_update.more_evidence', { round: input.round, daysLeft });
        return { daysLeft };
      });
    },

    /** Evidence added: the review resumes with the working days it had left, counted from today. */
    async resumeDataUpdateReview(input: {
      requestId: number;
      round: number;
      resumedOn: IsoDate;
      daysLeft: number;
    }): Promise<DataUpdateTimeline> {
      return db.transaction(async (tx) => {
        const r = await lockRequest(tx, input.requestId);
        const t = dataUpdateReviewTimeline(input.resumedOn, input.daysLeft);
        if (r.status !== 'more_evidence') return t; // resumed already (a retry): the same inputs, the same round
        await setDataUpdate(tx, r.id, {
          status: 'awaiting_review',
          pausedOn: null,
          dueDate: t.due,
          updatedAt: deps.clock(),
        });
        await closeTasks(
          tx,
          { dedupeKey: evidenceKey(r.id, input.round - 1) },
          { status: 'done', by: 'system:evidence-added' }, // who uploaded is in the audit trail, not here
        );
        await openTask(tx, {
          dedupeKey: reviewKey(r.id, input.round),
          kind: REVIEW_TASK,
          queue: TASK_QUEUES.dataUpdates,
          dueDate: t.due,
          dataUpdateId: r.id,
          details: { requestId: r.id, kind: r.kind, round: input.round },
        });
        await step(tx, r, 'system:data-updates', 'data_update.review_resumed', { round: input.round, dueDate: t.due });
        return t;
      });
    },

    /**
     * The approval: the participant's record changed, the request approved, the review task done,
     * the participant told, and the e-book re-rendered with its correction note — one transaction.
     * A bank account is applied as the officer's own path does it (rules §8.35): proposed (by the
     * participant who filed) and verified by the approving officer in this transaction
     * (services/bank-accounts.ts), so it is the one account payments go to: the "no account" waits
     * close, and the months owed — a month the bank returned included — join the next payment run.
     */
    async approveDataUpdate(input: { requestId: number; round: number; officer: string; decidedOn: IsoDate }) {
      await db.transaction(async (tx) => {
        const r = await lockRequest(tx, input.requestId);
        if (r.status === 'approved') return;
        if (r.status !== 'awaiting_review')
          throw new DomainError('WRONG_STATE', `a request in ${r.status} cannot be approved`);
        const officer = await actorOf(tx, input.officer);
        const person = (await lockParticipantFields(tx, r.personalId))!;
        const changes = changesOf(r.kind as DataUpdateKind, r.requested as Record<string, string>);
        const previous = Object.fromEntries(Object.keys(changes).map((k) => [k, person[k as keyof ParticipantFields]]));
        const now = deps.clock();
        if (r.kind === 'bank_account') {
          const requested = r.requested as Record<string, string>;
          const secret = deps.secret ?? DEV_CLAIM_SUBJECT_KEY;
          const { account } = await proposeBankAccount(tx, {
            personalId: r.personalId,
            account: {
              bankCode: requested['bankCode'],
              accountNumber: requestedAccountNumber(secret, r.personalId, requested),
              holderName: requested['accountHolder'],
            },
            by: r.filedBy,
            today: input.decidedOn,
            secret,
          });
          await verifyBankAccount(tx, {
            personalId: r.personalId,
            accountId: account.id,
            officer,
            today: input.decidedOn,
          });
        } else await setParticipantFields(tx, r.personalId, changes, now);
        await setDataUpdate(tx, r.id, {
          status: 'approved',
          decidedBy: officer,
          decidedOn: input.decidedOn,
          previous,
          appliedAt: now,
          updatedAt: now,
        });
        await closeTasks(tx, { dedupeKey: reviewKey(r.id, input.round) }, { status: 'done', by: input.officer });
        await notify(tx, r, 'decision', 'data_update.approved', { decidedOn: input.decidedOn });
        await step(tx, r, officer, 'data_update.approved', { kind: r.kind, applied: true });
        await rewriteEbooks(tx, [r.personalId]);
      });
    },

    /** The rejection with its reason: nothing of the participant changes. */
    async rejectDataUpdate(input: {
      requestId: number;
      round: number;
      officer: string;
      reasonId: number;
      decidedOn: IsoDate;
    }) {
      await db.transaction(async (tx) => {
        const r = await lockRequest(tx, input.requestId);
        if (r.status === 'rejected') return;
        if (r.status !== 'awaiting_review')
          throw new DomainError('WRONG_STATE', `a request in ${r.status} cannot be rejected`);
        const officer = await actorOf(tx, input.officer);
        const reason = (await caseTextOf(tx, input.reasonId)) ?? 'rejected';
        await setDataUpdate(tx, r.id, {
          status: 'rejected',
          decidedBy: officer,
          decidedOn: input.decidedOn,
          reason,
          updatedAt: deps.clock(),
        });
        await closeTasks(tx, { dedupeKey: reviewKey(r.id, input.round) }, { status: 'done', by: input.officer });
        await notify(tx, r, 'decision', 'data_update.rejected', { decidedOn: input.decidedOn, reason });
        await step(tx, r, officer, 'data_update.rejected', { kind: r.kind });
        await rewriteEbooks(tx, [r.personalId]);
      });
    },
  };
}

/**
 * Account-access recovery activities (issue #14 part 3). Each is one transaction that locks the
 * recovery's row and stores its result under the step's key (a retry returns it and writes nothing
 * twice), writes its audit event, and opens or closes its task. Nothing here changes what an e-book
 * shows (the e-book carries no contact), so none is re-rendered.
 */
import { DomainError } from '../domain/errors';
import { localDateOf } from '../domain/calendar';
import { recoveryLastDay } from '../domain/recovery';
import { TASK_QUEUES } from '../domain/tasks';
import type { Tx } from '../db/client';
import { audit, enqueue, storeResult, transactionOnce } from '../db/queries/audit';
import { actorOf, caseTextOf, deleteCaseText } from '../db/queries/minimise';
import {
  lockParticipantEmail,
  lockRecovery,
  revokeSubject,
  setParticipantEmail,
  updateRecovery,
  type RecoveryRow,
} from '../db/queries/recoveries';
import { closeTasks, openTask } from '../db/queries/tasks';
import { DEV_CLAIM_SUBJECT_KEY } from '../runtime/config';
import { closeSessionsOfSubject } from '../services/console-sessions';
import { issueOneTimeCode } from '../services/otp';
import { openRecipient, sealRecipient, type SealedRecipient } from '../services/seal';
import { revokedBeforeOf, subjectHash } from '../services/token-revocations';
import type { OnboardingDeps } from './onboarding';

export interface RecoveryDeps extends OnboardingDeps {
  /** The server secret (CLAIM_SUBJECT_KEY): one-time codes, the revocation list's hashes; default the development key. */
  secret?: string;
}

export interface RecoveryRef {
  recoveryId: string;
  workflowId: string;
  runId: string;
}

/** The in-person verification an officer owes a recovery started at the desk (issue 12's work queue). */
export const RECOVERY_VERIFICATION_TASK = 'recovery.verification';
/** The notice kinds of a recovery (messages/recovery.ts). */
const STARTED_NOTICE = 'recovery.started';
const COMPLETED_NOTICE = 'recovery.completed';
const EXPIRED_NOTICE = 'recovery.expired';
/** The contact on file a recovery's notices reach the owner at: the e-mail address, else the phone (by SMS), else none. */
const contactOf = (p: { email: string | null; phone: string | null }): SealedRecipient | null =>
  p.email ? { channel: 'email', to: p.email } : p.phone ? { channel: 'sms', to: p.phone } : null;
/** The process key of a recovery's one-time codes. */
export const recoveryCodeKey = (recoveryId: string) => `recovery:${recoveryId}`;

const OPEN = ['intake', 'awaiting_identity', 'awaiting_contact', 'awaiting_code'] as const;

function auditStep(tx: Tx, ref: RecoveryRef, action: string, details: Record<string, unknown>, actor?: string) {
  return audit(tx, {
    actor: actor ?? `workflow:${ref.workflowId}`,
    action,
    subjectType: 'recovery',
    subjectId: ref.recoveryId,
    workflowId: ref.workflowId,
    runId: ref.runId,
    details: { recoveryId: ref.recoveryId, ...details },
  });
}

async function lockOpen(tx: Tx, ref: RecoveryRef, allowed: readonly string[]): Promise<RecoveryRow> {
  const r = await lockRecovery(tx, ref.recoveryId);
  if (!r || r.workflowId !== ref.workflowId)
    throw new DomainError('RECOVERY_NOT_FOUND', `recovery ${ref.recoveryId} does not exist`);
  if (!allowed.includes(r.status))
    throw new DomainError('WRONG_STATE', `the recovery is ${r.status}, not ${allowed.join(' or ')}`);
  return r;
}

export function createRecoveryActivities(deps: RecoveryDeps) {
  const { db } = deps;
  const secret = deps.secret ?? DEV_CLAIM_SUBJECT_KEY;
  const once = <T>(ref: RecoveryRef, step: string, fn: (tx: Tx) => Promise<T>) =>
    transactionOnce(db, `recovery:${ref.recoveryId}:${step}`, async (tx) => {
      const result = await fn(tx);
      await storeResult(tx, `recovery:${ref.recoveryId}:${step}`, result);
      return result;
    });

  return {
    /**
     * The stored recovery, under way: its deadline, the notice to the address on file (whoever
     * asked, the owner of the account learns of it), the audit event, and for a start at the desk
     * the officer's in-person verification task, due on the recovery's last day. The contact on file
     * now — the OLD one once the recovery completes — is kept on the recovery, sealed, for the
     * completion's notice.
     */
    async openRecovery(ref: RecoveryRef & { expiresAt: string }): Promise<{ method: 'vneid' | 'in_person' }> {
      return once(ref, 'open', async (tx) => {
        const r = await lockOpen(tx, ref, ['intake']);
        const status = r.method === 'in_person' ? 'awaiting_identity' : 'awaiting_contact';
        const expiresAt = new Date(ref.expiresAt);
        const person = await lockParticipantEmail(tx, r.personalId);
        const old = person ? contactOf(person) : null;
        await updateRecovery(tx, r.id, { status, expiresAt, oldContact: old ? sealRecipient(secret, old) : null });
        await enqueue(tx, {
          dedupeKey: `recovery:${r.id}:started`,
          kind: STARTED_NOTICE,
          channel: 'email',
          recipientType: 'participant',
          recipientId: r.personalId,
          payload: { recoveryId: r.id, expiresOn: localDateOf(expiresAt.getTime()) },
        });
        if (r.method === 'in_person') {
          await openTask(tx, {
            dedupeKey: `${RECOVERY_VERIFICATION_TASK}:${r.id}`,
            kind: RECOVERY_VERIFICATION_TASK,
            queue: TASK_QUEUES.participants,
            actor: 'officer',
            recoveryId: r.id,
            dueDate: recoveryLastDay(localDateOf(r.createdAt.getTime())),
            details: { recoveryId: r.id },
          });
        }
        await auditStep(tx, ref, 'recovery.started', { method: r.method }, r.startedBy);
        return { method: r.method };
      });
    },

    /** The officer's in-person verification: who, and the document's kind and last four characters (never more). */
    async recordRecoveryIdentity(
      ref: RecoveryRef & { officer: string; documentKind: 'cccd' | 'passport' | 'vneid_app'; documentLast4: string },
    ): Promise<{ verified: true }> {
      return once(ref, 'identity', async (tx) => {
        const r = await lockOpen(tx, ref, ['awaiting_identity']);
        const officer = await actorOf(tx, ref.officer);
        await updateRecovery(tx, r.id, {
          status: 'awaiting_contact',
          verifiedBy: officer,
          verifiedAt: deps.clock(),
          documentKind: ref.documentKind,
          documentLast4: ref.documentLast4,
        });
        await closeTasks(
          tx,
          { dedupeKey: `${RECOVERY_VERIFICATION_TASK}:${r.id}` },
          { status: 'done', by: ref.officer },
        );
        await auditStep(tx, ref, 'recovery.identity_verified', { documentKind: ref.documentKind }, officer);
        return { verified: true as const };
      });
    },

    /**
     * The new address: kept on the recovery (not on file until the code confirms it), a one-time
     * code issued for it (superseding a live one) and its notice queued to that address, sealed.
     * The case text that carried the address to here is deleted. OTP_TOO_MANY is a refusal.
     */
    async issueRecoveryCode(
      ref: RecoveryRef & { by: string; contactTextId: number },
    ): Promise<{ codeId: number; expiresAt: string }> {
      return once(ref, `code:${ref.contactTextId}`, async (tx) => {
        const r = await lockOpen(tx, ref, ['awaiting_contact', 'awaiting_code']);
        const email = await caseTextOf(tx, ref.contactTextId);
        if (email === null) throw new DomainError('WRONG_STATE', 'the new address of this step is gone');
        const issued = await issueOneTimeCode(
          tx,
          { secret, clock: deps.clock },
          {
            processKey: recoveryCodeKey(r.id),
            purpose: 'recovery.contact',
            recipientType: 'participant',
            recipientId: r.personalId,
            email,
          },
        );
        await updateRecovery(tx, r.id, { status: 'awaiting_code', newEmail: email, codeId: issued.codeId });
        await deleteCaseText(tx, ref.contactTextId);
        await auditStep(tx, ref, 'recovery.code_sent', { codeId: issued.codeId }, await actorOf(tx, ref.by));
        return { codeId: issued.codeId, expiresAt: issued.expiresAt.toISOString() };
      });
    },

    /** The code's time ran out before it was confirmed: the recovery waits for a new address again. */
    async expireRecoveryCode(ref: RecoveryRef & { codeId: number }): Promise<{ status: 'awaiting_contact' }> {
      return once(ref, `code-expired:${ref.codeId}`, async (tx) => {
        const r = await lockOpen(tx, ref, ['awaiting_code']);
        if (r.codeId === ref.codeId) await updateRecovery(tx, r.id, { status: 'awaiting_contact', codeId: null });
        await auditStep(tx, ref, 'recovery.code_expired', { codeId: ref.codeId });
        return { status: 'awaiting_contact' as const };
      });
    },

    /**
     * The recovery completes, in one transaction: the new address on file; every token of the
     * person issued before now revoked (the revocation list, announced to the API processes at
     * commit) and every console session of theirs ended; the notices to the OLD contact and to the
     * new address. The old contact is the one captured when the recovery opened (sealed on the
     * recovery, moved sealed into its notice and erased from the recovery): an address changed in
     * between does not divert it. A recovery opened before migration 0025 has none captured: the
     * contact on file before the change stands in. An old phone is told by SMS.
     */
    async completeRecovery(
      ref: RecoveryRef & { by: string; codeId: number },
    ): Promise<{ revokedBefore: string; sessionsEnded: number }> {
      return once(ref, 'complete', async (tx) => {
        const r = await lockOpen(tx, ref, ['awaiting_code']);
        if (r.codeId !== ref.codeId || r.newEmail === null)
          throw new DomainError('WRONG_STATE', 'the code confirmed is not the recovery’s live code');
        const person = await lockParticipantEmail(tx, r.personalId);
        if (!person) throw new DomainError('PARTICIPANT_NOT_FOUND', 'the participant is gone');
        const oldEmail = person.email;
        // Captured at the start (sealed); for a recovery opened before it was captured, the contact on file now.
        const old = r.oldContact !== null ? openRecipient(secret, r.oldContact) : contactOf(person);
        const now = deps.clock();
        await setParticipantEmail(tx, r.personalId, r.newEmail);
        const hash = subjectHash(secret, `pid:${r.personalId}`);
        const before = await revokeSubject(tx, {
          subjectHash: hash,
          before: revokedBeforeOf(now),
          reason: recoveryCodeKey(r.id),
        });
        const sessionsEnded = await closeSessionsOfSubject(tx, hash);
        const payload = { recoveryId: r.id, completedOn: localDateOf(now.getTime()) };
        // The old contact, which the relay no longer finds on file: sealed in the notice (the relay
        // opens it and erases it once sent). The row's channel is the sealed one's.
        await enqueue(tx, {
          dedupeKey: `recovery:${r.id}:completed:old`,
          kind: COMPLETED_NOTICE,
          channel: old ? old.channel : 'portal',
          recipientType: 'participant',
          recipientId: r.personalId,
          payload: {
            ...payload,
            contact: 'old',
            ...(old ? { sealed: r.oldContact ?? sealRecipient(secret, old) } : {}),
          },
        });
        await enqueue(tx, {
          dedupeKey: `recovery:${r.id}:completed:new`,
          kind: COMPLETED_NOTICE,
          channel: 'email',
          recipientType: 'participant',
          recipientId: r.personalId,
          payload: { ...payload, contact: 'new' },
        });
        await updateRecovery(tx, r.id, { status: 'completed', endedAt: now, codeId: null, oldContact: null });
        await auditStep(
          tx,
          ref,
          'recovery.completed',
          {
            codeId: ref.codeId,
            revokedBefore: before.toISOString(),
            sessionsEnded,
            hadAddress: oldEmail !== null,
            oldContact: old?.channel ?? 'none',
          },
          await actorOf(tx, ref.by),
        );
        return { revokedBefore: before.toISOString(), sessionsEnded };
      });
    },

    /** The deadline passed before completion: the end written, the task cancelled, the person told on file. */
    async expireRecovery(ref: RecoveryRef): Promise<{ status: 'expired' }> {
      return once(ref, 'expire', async (tx) => {
        const r = await lockOpen(tx, ref, OPEN);
        await updateRecovery(tx, r.id, { status: 'expired', endedAt: deps.clock(), codeId: null, oldContact: null });
        await closeTasks(
          tx,
          { dedupeKey: `${RECOVERY_VERIFICATION_TASK}:${r.id}` },
          { status: 'cancelled', by: `workflow:${ref.workflowId}` },
        );
        await enqueue(tx, {
          dedupeKey: `recovery:${r.id}:expired`,
          kind: EXPIRED_NOTICE,
          channel: 'email',
          recipientType: 'participant',
          recipientId: r.personalId,
          payload: { recoveryId: r.id },
        });
        await auditStep(tx, ref, 'recovery.expired', { from: r.status });
        return { status: 'expired' as const };
      });
    },
  };
}

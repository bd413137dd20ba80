/**
 * One account-access recovery as the workflow runs it (workflows/recovery.ts is the entry): its
 * state, the Updates' validators and handlers, and `run`, the process as its phases — opened,
 * identified (in person: the officer's Update), the new address and its code (10 minutes; a new
 * address supersedes the code), completed — all within the recovery's deadline (5 working days),
 * after which it expires.
 */
import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  condition,
  proxyActivities,
  type WorkflowInfo,
} from '@temporalio/workflow';
import type { Activities, RecoveryRef } from '../activities';
import { RECOVERY_CODE_MINUTES, RECOVERY_DOCUMENT_KIND_VALUES, recoveryExpiry } from '../domain/recovery';
import { SHORT_ACTIVITY } from './activity-options';
import type {
  RecoveryAnswer,
  RecoveryConfirmMessage,
  RecoveryContactMessage,
  RecoveryState,
  RecoveryStatus,
  RecoverySummary,
  RecoveryVerificationMessage,
  RecoveryWorkflowInput,
} from './recovery-definitions';

const acts = proxyActivities<Activities>(SHORT_ACTIVITY);
const DAY_MS = 24 * 60 * 60 * 1000;
const refuse = (message: string, type: string) => ApplicationFailure.nonRetryable(message, type);

export class RecoveryCase {
  private readonly ref: RecoveryRef;
  private readonly offsetMs: number;
  private status: RecoveryStatus = 'intake';
  private method: 'vneid' | 'in_person' | null = null;
  private expiresAtMs = 0;
  private codeId: number | null = null;
  private codeExpiresAtMs: number | null = null;
  private verified = false;

  private identity: RecoveryVerificationMessage | undefined;
  private pendingContact: RecoveryContactMessage | undefined;
  /** Contacts received, and the last one whose code was issued (or refused): each contact's Update answers then. */
  private contactSeq = 0;
  private issuedSeq = 0;
  private readonly contactRefusals = new Map<number, { message: string; type: string }>();
  private confirmation: RecoveryConfirmMessage | undefined;
  private ended = false;

  constructor(input: RecoveryWorkflowInput, info: Pick<WorkflowInfo, 'workflowId' | 'runId'>) {
    this.ref = { recoveryId: input.recoveryId, workflowId: info.workflowId, runId: info.runId };
    this.offsetMs = (input.offsetDays ?? 0) * DAY_MS;
  }

  state(): RecoveryState {
    return {
      recoveryId: this.ref.recoveryId,
      method: this.method,
      status: this.status,
      expiresAt: this.expiresAtMs ? new Date(this.expiresAtMs).toISOString() : null,
      codeId: this.codeId,
      codeExpiresAt: this.codeExpiresAtMs !== null ? new Date(this.codeExpiresAtMs).toISOString() : null,
      verified: this.verified,
    };
  }

  // ——— The Updates ———

  validateVerification(m: RecoveryVerificationMessage): void {
    if (
      typeof m?.officer !== 'string' ||
      !(RECOVERY_DOCUMENT_KIND_VALUES as readonly string[]).includes(m.documentKind) ||
      typeof m.documentLast4 !== 'string' ||
      !/^[0-9A-Z]{4}$/.test(m.documentLast4)
    )
      throw refuse('a verification names the officer, the document kind and its last 4 characters', 'INVALID_INPUT');
    if (this.status !== 'awaiting_identity' || this.identity !== undefined)
      throw refuse(`no in-person verification is awaited while the recovery is ${this.status}`, 'WRONG_STATE');
  }

  async onVerification(m: RecoveryVerificationMessage): Promise<RecoveryAnswer> {
    this.identity = m;
    await condition(() => this.verified || this.ended);
    if (!this.verified) throw refuse('the recovery ended before the verification was recorded', 'WRONG_STATE');
    return { accepted: true, status: this.status };
  }

  validateContact(m: RecoveryContactMessage): void {
    if (typeof m?.by !== 'string' || !Number.isSafeInteger(m.contactTextId))
      throw refuse('a new contact names who gave it and its text', 'INVALID_INPUT');
    if ((this.status !== 'awaiting_contact' && this.status !== 'awaiting_code') || this.confirmation !== undefined)
      throw refuse(`no new address is awaited while the recovery is ${this.status}`, 'WRONG_STATE');
  }

  async onContact(m: RecoveryContactMessage): Promise<RecoveryAnswer> {
    const seq = ++this.contactSeq;
    this.pendingContact = m;
    await condition(() => this.issuedSeq >= seq || this.ended);
    const refused = this.contactRefusals.get(seq);
    if (refused) throw refuse(refused.message, refused.type);
    if (this.issuedSeq < seq) throw refuse(`the recovery is ${this.status}`, 'WRONG_STATE');
    return { accepted: true, status: this.status, codeExpiresAt: this.state().codeExpiresAt };
  }

  validateConfirm(m: RecoveryConfirmMessage): void {
    if (typeof m?.by !== 'string' || !Number.isSafeInteger(m.codeId))
      throw refuse('a confirmation names who confirmed and the code', 'INVALID_INPUT');
    if (this.status !== 'awaiting_code' || this.confirmation !== undefined)
      throw refuse(`no code is awaited while the recovery is ${this.status}`, 'RECOVERY_NO_CODE');
    if (m.codeId !== this.codeId) throw refuse('this code was superseded by a newer one', 'OTP_NOT_FOUND');
  }

  async onConfirm(m: RecoveryConfirmMessage): Promise<RecoveryAnswer> {
    this.confirmation = m;
    await condition(() => this.ended);
    return { accepted: true, status: this.status };
  }

  // ——— The process ———

  async run(): Promise<RecoverySummary> {
    // The deadline counts working days on the application's date (shifted by ANSINH_TODAY's offset).
    this.expiresAtMs = recoveryExpiry(Date.now() + this.offsetMs) - this.offsetMs;
    const { method } = await acts.openRecovery({ ...this.ref, expiresAt: new Date(this.expiresAtMs).toISOString() });
    this.method = method;
    if (method === 'in_person') {
      this.status = 'awaiting_identity';
      if (!(await condition(() => this.identity !== undefined, this.left()))) return this.expire();
      await acts.recordRecoveryIdentity({ ...this.ref, ...this.identity! });
    }
    this.verified = true;
    this.status = 'awaiting_contact';
    for (;;) {
      if (!(await condition(() => this.pendingContact !== undefined, this.left()))) return this.expire();
      const contact = this.pendingContact!;
      const seq = this.contactSeq;
      this.pendingContact = undefined;
      try {
        const issued = await acts.issueRecoveryCode({ ...this.ref, ...contact });
        this.codeId = issued.codeId;
        this.codeExpiresAtMs = Math.min(Date.now() + RECOVERY_CODE_MINUTES * 60_000, this.expiresAtMs);
        this.status = 'awaiting_code';
      } catch (err) {
        const cause = err instanceof ActivityFailure ? err.cause : undefined;
        if (!(cause instanceof ApplicationFailure && cause.nonRetryable)) throw err;
        this.contactRefusals.set(seq, { message: cause.message, type: cause.type ?? 'REFUSED' });
      }
      this.issuedSeq = seq;
      if (this.status !== 'awaiting_code') continue;
      const answered = await condition(
        () => this.confirmation !== undefined || this.pendingContact !== undefined,
        Math.max(1, this.codeExpiresAtMs! - Date.now()),
      );
      if (this.confirmation !== undefined) break;
      if (answered) continue; // a new address: its code supersedes this one
      if (this.left() <= 1) return this.expire();
      await acts.expireRecoveryCode({ ...this.ref, codeId: this.codeId! });
      this.codeId = null;
      this.codeExpiresAtMs = null;
      this.status = 'awaiting_contact';
    }
    await acts.completeRecovery({ ...this.ref, ...this.confirmation });
    this.status = 'completed';
    this.codeId = null;
    this.codeExpiresAtMs = null;
    return this.end('completed');
  }

  /** Milliseconds until the recovery's deadline (at least 1: a timer of 0 never fires). */
  private left(): number {
    return Math.max(1, this.expiresAtMs - Date.now());
  }

  private async expire(): Promise<RecoverySummary> {
    await acts.expireRecovery(this.ref);
    this.status = 'expired';
    this.codeId = null;
    this.codeExpiresAtMs = null;
    return this.end('expired');
  }

  private async end(outcome: RecoverySummary['outcome']): Promise<RecoverySummary> {
    this.ended = true;
    await condition(allHandlersFinished);
    return { recoveryId: this.ref.recoveryId, outcome };
  }
}

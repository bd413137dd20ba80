/**
 * Typed starters and messages for account-access recovery (issue #14 part 3): the recovery is stored
 * first, then `recovery:<id>` starts with the id only; the officer's in-person verification, the new
 * address and the code's confirmation are the workflow's Updates (accepted or refused at once, with
 * a stable code). Who acted travels as a principal reference and the address as a case text's id,
 * both withdrawn when the workflow refuses the Update.
 */
import {
  Client,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { Db } from '../db/client';
import { DomainError } from '../domain/errors';
import { parseOrThrow } from '../domain/issues';
import { signInFreshness } from '../domain/recovery';
import {
  recoveryConfirmSchema,
  recoveryContactSchema,
  recoveryStartSchema,
  recoveryVerificationSchema,
  type RecoveryView,
} from '../domain/schemas-recovery';
import type { Clock } from '../runtime/clock';
import { otpRefusal } from '../services/otp';
import { recordCaseText, recordPrincipal, withdrawCarried, type CarriedRefs } from '../services/principals';
import {
  checkRecoveryCode,
  loadRecovery,
  recoveryView,
  storeRecovery,
  withdrawRecovery,
  type RecoveryRow,
} from '../services/recovery';
import {
  DEFAULT_TASK_QUEUE,
  recoveryConfirmUpdate,
  recoveryContactUpdate,
  recoveryStateQuery,
  recoveryVerifyUpdate,
  type RecoveryAnswer,
  type RecoveryState,
} from '../workflows/definitions';
import type { accessRecovery } from '../workflows/recovery';

export interface RecoveryContext {
  db: Db;
  client: Client;
  taskQueue?: string;
  clock: Clock;
  /** The server secret (CLAIM_SUBJECT_KEY): the one-time codes' HMAC. */
  secret: string;
}

/** Who is acting, as the front end knows them. */
export interface RecoveryCaller {
  role: string;
  /** As the audit names an actor (`participant:<sub>`, `officer:<sub>`). */
  actor: string;
  personalId?: string | undefined;
  level: number;
  authTime?: number | undefined;
}

/** A participant's step that chooses where access goes needs a fresh VNeID level-2 sign-in (rules §8.40). */
function requireFresh(ctx: RecoveryContext, caller: RecoveryCaller): void {
  if (caller.role !== 'participant') return;
  const why = signInFreshness(caller.authTime, caller.level, ctx.clock().getTime());
  if (why === 'IDENTITY_LEVEL_TOO_LOW')
    throw new DomainError(why, 'a recovery needs a VNeID level-2 sign-in (Circular 09/2026/TT-BTC Art.6(1))');
  if (why)
    throw new DomainError(why, 'a recovery needs a fresh VNeID sign-in: sign in again and retry within 15 minutes');
}

/**
 * Starts a recovery: a participant for themselves (fresh VNeID level 2: identified at once), or an
 * officer at the desk for a person (identified by the officer's in-person verification next).
 */
export async function startRecovery(ctx: RecoveryContext, caller: RecoveryCaller, raw: unknown) {
  const body = parseOrThrow(recoveryStartSchema, raw ?? {});
  let personalId: string;
  let method: 'vneid' | 'in_person';
  if (caller.role === 'participant') {
    requireFresh(ctx, caller);
    if (!caller.personalId || (body.personalId !== undefined && body.personalId !== caller.personalId))
      throw new DomainError('FORBIDDEN', 'a participant recovers their own account only');
    personalId = caller.personalId;
    method = 'vneid';
  } else {
    if (!body.personalId)
      throw new DomainError('INVALID_PERSONAL_ID', 'name the participant: personalId (12 digits)', 'personalId');
    personalId = body.personalId;
    method = 'in_person';
  }
  const stored = await storeRecovery(ctx.db, { personalId, method, startedBy: caller.actor });
  try {
    await ctx.client.workflow.start<typeof accessRecovery>('accessRecovery', {
      taskQueue: ctx.taskQueue ?? DEFAULT_TASK_QUEUE,
      workflowId: stored.workflowId,
      args: [{ recoveryId: stored.id, offsetDays: ctx.clock.offsetDays }],
      workflowIdConflictPolicy: 'FAIL',
    });
  } catch (err) {
    await withdrawRecovery(ctx.db, stored.id);
    if (err instanceof WorkflowExecutionAlreadyStartedError)
      throw new DomainError('RECOVERY_ALREADY_OPEN', 'this recovery is already started');
    throw err;
  }
  return recoveryView(stored, null);
}

async function liveState(ctx: RecoveryContext, r: RecoveryRow): Promise<RecoveryState | null> {
  if (r.status === 'completed' || r.status === 'expired') return null;
  try {
    return await ctx.client.workflow.getHandle(r.workflowId).query(recoveryStateQuery);
  } catch {
    return null; // not started yet, or closed and gone: the row answers
  }
}

/** The recovery: its workflow's state while it runs, else its row. */
export async function recoveryStatus(ctx: RecoveryContext, r: RecoveryRow): Promise<RecoveryView> {
  return recoveryView(r, await liveState(ctx, r));
}

export const findRecoveryRow = (ctx: Pick<RecoveryContext, 'db'>, id: string) => loadRecovery(ctx.db, id);

/** Runs an Update; a refusal (or a closed workflow) becomes a DomainError and withdraws what it carried. */
async function carrying(
  ctx: RecoveryContext,
  r: RecoveryRow,
  refs: CarriedRefs,
  update: () => Promise<RecoveryAnswer>,
): Promise<RecoveryAnswer> {
  if (r.status === 'completed' || r.status === 'expired')
    throw new DomainError('WRONG_STATE', `the recovery is closed (${r.status})`);
  try {
    return await update();
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError || err instanceof WorkflowNotFoundError)
      await withdrawCarried(ctx.db, refs);
    if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure)
      throw new DomainError(err.cause.type ?? 'UPDATE_REFUSED', err.cause.message);
    if (err instanceof WorkflowNotFoundError) throw new DomainError('WRONG_STATE', 'the recovery is closed');
    throw err;
  }
}

/** The officer's in-person verification: the document's kind and last four characters, never the number. */
export async function verifyRecovery(ctx: RecoveryContext, r: RecoveryRow, raw: unknown, officer: string) {
  const body = parseOrThrow(recoveryVerificationSchema, raw);
  const ref = await recordPrincipal(ctx.db, officer);
  return carrying(ctx, r, { principal: ref }, () =>
    ctx.client.workflow.getHandle(r.workflowId).executeUpdate(recoveryVerifyUpdate, {
      args: [{ officer: ref, documentKind: body.documentKind, documentLast4: body.documentLast4 }],
    }),
  );
}

/** The new e-mail address: a code is sent to it (the Update answers once it is queued). */
export async function submitRecoveryContact(
  ctx: RecoveryContext,
  r: RecoveryRow,
  raw: unknown,
  caller: RecoveryCaller,
) {
  const body = parseOrThrow(recoveryContactSchema, raw);
  requireFresh(ctx, caller);
  const ref = await recordPrincipal(ctx.db, caller.actor);
  const textId = await recordCaseText(ctx.db, 'recovery.contact', body.email);
  return carrying(ctx, r, { principal: ref, textId }, () =>
    ctx.client.workflow.getHandle(r.workflowId).executeUpdate(recoveryContactUpdate, {
      args: [{ by: ref, contactTextId: textId }],
    }),
  );
}

/**
 * The code typed: checked here (a wrong one is counted and audited, then refused), and when right
 * the workflow completes the recovery; the Update answers once it has (tokens revoked, sessions ended).
 */
export async function confirmRecoveryCode(ctx: RecoveryContext, r: RecoveryRow, raw: unknown, caller: RecoveryCaller) {
  const body = parseOrThrow(recoveryConfirmSchema, raw);
  const s = await liveState(ctx, r);
  if (!s || s.status !== 'awaiting_code' || s.codeId === null)
    throw new DomainError('RECOVERY_NO_CODE', `no code is awaited while the recovery is ${s?.status ?? r.status}`);
  const outcome = await checkRecoveryCode(ctx.db, { secret: ctx.secret, clock: ctx.clock }, r, body.code, caller.actor);
  if (!outcome.ok) throw otpRefusal(outcome);
  const ref = await recordPrincipal(ctx.db, caller.actor);
  return carrying(ctx, r, { principal: ref }, () =>
    ctx.client.workflow.getHandle(r.workflowId).executeUpdate(recoveryConfirmUpdate, {
      args: [{ by: ref, codeId: outcome.codeId }],
    }),
  );
}

/**
 * Account-access recovery, the synchronous parts (issue #14 part 3): storing a recovery before its
 * workflow starts (or refusing it, writing nothing), checking a code (the attempt is counted and
 * audited even when the answer is a refusal: services/otp.ts), and the recovery as the API shows it.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/client';
import { audit } from '../db/queries/audit';
import {
  deleteIntakeRecovery,
  findRecovery,
  insertRecovery,
  openRecoveryOf,
  participantExists,
  type RecoveryRow,
} from '../db/queries/recoveries';
import { DomainError } from '../domain/errors';
import type { RecoveryView } from '../domain/schemas-recovery';
import { recoveryWorkflowId, type RecoveryState } from '../workflows/recovery-definitions';
import { checkOneTimeCode, type OtpDeps, type OtpOutcome } from './otp';

export type { RecoveryRow } from '../db/queries/recoveries';

/** Stores a recovery (status intake) for its workflow to start with; refuses, writing nothing, when one is open or the person is unknown. */
export async function storeRecovery(
  db: Db,
  input: { personalId: string; method: 'vneid' | 'in_person'; startedBy: string },
): Promise<RecoveryRow> {
  return db.transaction(async (tx) => {
    if (!(await participantExists(tx, input.personalId)))
      throw new DomainError('PARTICIPANT_NOT_FOUND', 'no participant with this personal ID', 'personalId');
    if (await openRecoveryOf(tx, input.personalId))
      throw new DomainError(
        'RECOVERY_ALREADY_OPEN',
        'this participant already has an account-access recovery under way',
        'personalId',
      );
    return insertRecovery(tx, { ...input, id: randomUUID(), workflowIdOf: recoveryWorkflowId });
  });
}

/** Removes a stored recovery whose workflow could not start (only while it is still in intake). */
export function withdrawRecovery(db: Db, id: string): Promise<void> {
  return deleteIntakeRecovery(db, id);
}

export async function loadRecovery(db: Db, id: string): Promise<RecoveryRow> {
  const r = await findRecovery(db, id);
  if (!r) throw new DomainError('RECOVERY_NOT_FOUND', 'no such recovery');
  return r;
}

/**
 * Checks a recovery's code in one transaction that also writes its audit event: a right code is
 * consumed, a wrong one counted (the one write a refusal makes, which bounds guessing; the caller
 * answers otpRefusal after the commit).
 */
export async function checkRecoveryCode(
  db: Db,
  deps: OtpDeps,
  r: RecoveryRow,
  code: string,
  actor: string,
): Promise<OtpOutcome> {
  return db.transaction(async (tx) => {
    const outcome = await checkOneTimeCode(tx, deps, { processKey: `recovery:${r.id}`, code });
    await audit(tx, {
      actor,
      action: outcome.ok ? 'recovery.code_confirmed' : 'recovery.code_refused',
      subjectType: 'recovery',
      subjectId: r.id,
      workflowId: r.workflowId,
      details: outcome.ok
        ? { recoveryId: r.id, codeId: outcome.codeId }
        : { recoveryId: r.id, outcome: outcome.code, attemptsLeft: outcome.attemptsLeft },
    });
    return outcome;
  });
}

/** The recovery as the API answers it: the running workflow's state where there is one, else the row. */
export function recoveryView(r: RecoveryRow, s: RecoveryState | null): RecoveryView {
  const live = s !== null && s.recoveryId === r.id && s.status !== 'intake';
  return {
    recoveryId: r.id,
    workflowId: r.workflowId,
    method: r.method,
    status: live ? s.status : r.status,
    expiresAt: live ? s.expiresAt : (r.expiresAt?.toISOString() ?? null),
    codeExpiresAt: live ? s.codeExpiresAt : null,
    verified: live ? s.verified : r.method === 'vneid' ? r.status !== 'intake' : r.verifiedAt !== null,
    documentKind: r.documentKind ?? null,
    createdAt: r.createdAt.toISOString(),
    endedAt: r.endedAt?.toISOString() ?? null,
  };
}

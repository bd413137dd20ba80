/**
 * Account-access recovery (issue #14 part 3): a participant who lost access identifies (a fresh
 * VNeID level-2 sign-in, or an officer in person), confirms a new e-mail address with a one-time
 * code, and at completion every older token and console session of theirs is revoked; the whole
 * process expires after 5 working days. Carries the recovery's id, never a person.
 *
 * The entry checks the input, registers the handlers and runs the case (workflows/recovery-case.ts).
 */
import { ApplicationFailure, setHandler, workflowInfo } from '@temporalio/workflow';
import {
  recoveryConfirmUpdate,
  recoveryContactUpdate,
  recoveryStateQuery,
  recoveryVerifyUpdate,
  type RecoverySummary,
  type RecoveryWorkflowInput,
} from './recovery-definitions';
import { RecoveryCase } from './recovery-case';

export async function accessRecovery(input: RecoveryWorkflowInput): Promise<RecoverySummary> {
  if (typeof input?.recoveryId !== 'string' || !/^[0-9a-f-]{36}$/.test(input.recoveryId))
    throw ApplicationFailure.nonRetryable('invalid recovery input: a recovery id', 'INVALID_INPUT');
  const recovery = new RecoveryCase(input, workflowInfo());
  setHandler(recoveryStateQuery, () => recovery.state());
  setHandler(recoveryVerifyUpdate, (m) => recovery.onVerification(m), {
    validator: (m) => recovery.validateVerification(m),
  });
  setHandler(recoveryContactUpdate, (m) => recovery.onContact(m), { validator: (m) => recovery.validateContact(m) });
  setHandler(recoveryConfirmUpdate, (m) => recovery.onConfirm(m), { validator: (m) => recovery.validateConfirm(m) });
  return recovery.run();
}

/**
 * What the account-access recovery workflow shares with its clients (issue #14 part 3): its id, its
 * input, its state, its query and its Updates. The Updates carry no person: who acted is a principal
 * reference (`p:…`, services/principals.ts), the new address a `case_texts` id, the document checked
 * its kind and its last four characters only.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';

export const recoveryWorkflowId = (recoveryId: string) => `recovery:${recoveryId}`;

export interface RecoveryWorkflowInput {
  /** The recovery's id (a random UUID). */
  recoveryId: string;
  /** The application clock's shift in days (runtime/clock.ts; 0 unless ANSINH_TODAY pins the date). */
  offsetDays?: number;
}

export type RecoveryStatus =
  'intake' | 'awaiting_identity' | 'awaiting_contact' | 'awaiting_code' | 'completed' | 'expired';

export interface RecoveryState {
  recoveryId: string;
  method: 'vneid' | 'in_person' | null;
  status: RecoveryStatus;
  /** When the whole recovery expires if not completed (ISO instant). */
  expiresAt: string | null;
  /** The live code's id and when it stops being accepted (null when no code is waiting). */
  codeId: number | null;
  codeExpiresAt: string | null;
  verified: boolean;
}

export interface RecoveryVerificationMessage {
  /** The officer's principal reference. */
  officer: string;
  documentKind: 'cccd' | 'passport' | 'vneid_app';
  documentLast4: string;
}
export interface RecoveryContactMessage {
  by: string;
  /** The `case_texts` row holding the new address. */
  contactTextId: number;
}
export interface RecoveryConfirmMessage {
  by: string;
  /** The code the API checked and consumed (services/otp.ts checkOneTimeCode). */
  codeId: number;
}

export interface RecoveryAnswer {
  accepted: true;
  status: RecoveryStatus;
  codeExpiresAt?: string | null;
}

export interface RecoverySummary {
  recoveryId: string;
  outcome: 'completed' | 'expired';
}

export const recoveryStateQuery = defineQuery<RecoveryState>('state');
export const recoveryVerifyUpdate = defineUpdate<RecoveryAnswer, [RecoveryVerificationMessage]>('verify');
export const recoveryContactUpdate = defineUpdate<RecoveryAnswer, [RecoveryContactMessage]>('submitContact');
export const recoveryConfirmUpdate = defineUpdate<RecoveryAnswer, [RecoveryConfirmMessage]>('confirm');

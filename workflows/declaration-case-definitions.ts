/**
 * What the declaration-case workflow shares with its clients (issue #14 part 2): the id, the state
 * query, the officer's arrears and dismissal Updates and the signal that re-reads the database (a
 * declaration or a payment that credited the months). Ids and codes only: the person, the employer
 * and the months stay in the database.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { DismissalReason } from '../domain/declaration-cases';

/** `declaration-case:<case id>`: a number the database gave, never personal data. */
export const declarationCaseWorkflowId = (caseId: number) => `declaration-case:${caseId}`;

export interface DeclarationCaseWorkflowInput {
  caseId: number;
  /** The application clock's shift in days (runtime/clock.ts; 0 unless ANSINH_TODAY pins the date). */
  offsetDays?: number;
}

export type DeclarationCaseWorkflowStatus = 'opening' | 'awaiting_employer' | 'escalated' | 'arrears' | 'closed';

export interface DeclarationCaseState {
  caseId: number;
  status: DeclarationCaseWorkflowStatus;
  employerDue: string | null;
  outcome: 'declared' | 'credited' | 'dismissed' | null;
  /** How many times the workflow read the database (each wake-up: a signal or a timer). */
  checks: number;
}

export interface DeclarationCaseArrearsMessage {
  /** The confirming officer's principal reference (services/principals.ts). */
  officer: string;
}

export interface DeclarationCaseDismissMessage {
  /** The dismissing officer's principal reference (services/principals.ts). */
  officer: string;
  reason: DismissalReason;
}

export interface DeclarationCaseSummary {
  caseId: number;
  outcome: 'declared' | 'credited' | 'dismissed';
}

export const declarationCaseStateQuery = defineQuery<DeclarationCaseState>('state');
export const declarationCaseArrearsUpdate = defineUpdate<
  { accepted: true; status: DeclarationCaseWorkflowStatus },
  [DeclarationCaseArrearsMessage]
>('confirmArrears');
/** The officer's dismissal (rules §8.37): refused at once when the case is closed or the reason unknown. */
export const declarationCaseDismissUpdate = defineUpdate<
  { accepted: true; status: DeclarationCaseWorkflowStatus },
  [DeclarationCaseDismissMessage]
>('dismiss');
/**
 * Sent after a declaration of the employer, or a payment that credited the case's months, committed
 * (client/case-signals.ts): re-read the database now.
 */
export const declarationCaseDeclaredSignal = defineSignal('declared');

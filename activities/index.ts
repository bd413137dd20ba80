/**
 * createActivities(deps): every activity of the worker, with dependencies injected (tests pass a
 * real database and fake only the outside world). Workflows import this module as a type only.
 */
import { createOnboardingActivities, type OnboardingDeps } from './onboarding';
import { withFailureMapping } from './errors';
import { withHeartbeats } from './heartbeat';
import { createReconciliationActivities } from './reconciliation';
import { createClaimActivities } from './claims';
import { createAuditActivities, type AuditDeps } from './audit';
import { createRecoveryActivities, type RecoveryDeps } from './recovery';
import { createDeclarationCaseActivities } from './declaration-cases';
import { createPaymentRunActivities, type PaymentRunDeps } from './payment-runs';
import { createDataUpdateActivities } from './data-updates';

export type ActivityDeps = OnboardingDeps &
  AuditDeps &
  RecoveryDeps &
  Pick<PaymentRunDeps, 'uiFund' | 'secret'> &
  Pick<Parameters<typeof createReconciliationActivities>[0], 'profile'>;

/** Failures mapped to codes (activities/errors.ts); batches heartbeat throughout (activities/heartbeat.ts). */
export function createActivities(deps: ActivityDeps) {
  return withFailureMapping(
    withHeartbeats({
      ...createOnboardingActivities(deps),
      ...createReconciliationActivities(deps),
      ...createClaimActivities(deps),
      ...createAuditActivities(deps),
      ...createDeclarationCaseActivities(deps),
      ...createRecoveryActivities(deps),
      ...createPaymentRunActivities(deps),
      ...createDataUpdateActivities(deps),
    }),
  );
}

export type Activities = ReturnType<typeof createActivities>;
export type { BatchInput, BatchResult, RegisterResult, WorkflowRef } from './onboarding';
export type { ReconcileBatchInput, ReconcileBatchResult } from './reconciliation';
export type { ClaimIntake, ClaimMonthPlan } from './claims';
export type { RecoveryRef } from './recovery';
export type { DeclarationCaseCheck } from './declaration-cases';
export type { DataUpdateTimeline } from './data-updates';

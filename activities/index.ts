/**
 * createActivities(deps): every activity of the worker, with dependencies injected (tests pass a
 * real database and fake only the outside world). Workflows import this module as a type only.
 */
import { createOnboardingActivities, type OnboardingDeps } from './onboarding';
import { withFailureMapping } from './errors';
import { createReconciliationActivities } from './reconciliation';
import { createClaimActivities } from './claims';

export type ActivityDeps = OnboardingDeps;

export function createActivities(deps: ActivityDeps) {
  return withFailureMapping({
    ...createOnboardingActivities(deps),
    ...createReconciliationActivities(deps),
    ...createClaimActivities(deps),
  });
}

export type Activities = ReturnType<typeof createActivities>;
export type { BatchInput, BatchResult, RegisterResult, WorkflowRef } from './onboarding';
export type { ReconcileBatchInput, ReconcileBatchResult } from './reconciliation';
export type { ClaimIntake, ClaimMonthPlan } from './claims';

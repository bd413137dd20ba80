// The worker's workflowsPath: every workflow, re-exported.
export { employerOnboarding } from './onboarding';
export { monthlyReconciliation } from './reconciliation';
export { unemploymentClaim } from './claims';
export { healthCoverageContinuation } from './coverage';
export { auditCheckpoint } from './audit';
export { accessRecovery } from './recovery';
export { declarationCase } from './declaration-case';
export { benefitPaymentRun } from './payment-run';
export { dataUpdateReview } from './data-update';

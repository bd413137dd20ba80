/**
 * An unemployment claim from intake to closure (Law 74/2025 Art.38–41; Decree 374/2025): intake
 * computes eligibility from the credited months; the officer decides through an Update within 15
 * working days (reminder, escalation, overdue alert as the deadline nears and passes); approval
 * starts health-coverage continuation as a child; each benefit month waits for its job-search
 * report, pays (idempotent, key claim + month) or suspends; three missed reports in a row, or a
 * termination Update on any legal ground, end it. Carries the claim id only.
 *
 * The entry registers the handlers and runs the case; workflows/claim-case.ts holds the state and
 * the phases (Temporal's safe-message-handlers sample: workflows.ts over cluster-manager.ts).
 */
import { setHandler } from '@temporalio/workflow';
import { ClaimCase } from './claim-case';
import {
  claimDecisionUpdate,
  claimReportUpdate,
  claimStateQuery,
  claimTerminationUpdate,
  type ClaimSummary,
  type ClaimWorkflowInput,
} from './definitions';

export { ANSWER_AFTER_EFFECT_PATCH } from './claim-case';
export type { ClaimSummary, ClaimWorkflowInput } from './definitions';

export async function unemploymentClaim(input: ClaimWorkflowInput): Promise<ClaimSummary> {
  const claim = new ClaimCase(input);
  setHandler(claimStateQuery, () => claim.state());
  setHandler(claimDecisionUpdate, (d) => claim.onDecision(d), { validator: (d) => claim.validateDecision(d) });
  setHandler(claimReportUpdate, (r) => claim.onReport(r), { validator: (r) => claim.validateReport(r) });
  setHandler(claimTerminationUpdate, (t) => claim.onTermination(t), { validator: (t) => claim.validateTermination(t) });
  return claim.run();
}

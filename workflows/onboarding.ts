/**
 * Employer onboarding: register the employer as pending, wait for an officer's decision (escalate
 * after 5 working days, reject automatically after 30 days), then onboard every employee in
 * batches — one transaction each — and notify the employer. Carries the dossier id, never the list.
 *
 * The entry checks the input, registers the handlers and runs the case; workflows/onboarding-case.ts
 * holds the progress and the phases.
 */
import { ApplicationFailure, setHandler, workflowInfo } from '@temporalio/workflow';
import type { OnboardingSummary, OnboardingWorkflowInput } from '../domain/schemas';
import { onboardingDecisionUpdate, onboardingProgressQuery } from './definitions';
import { OnboardingCase } from './onboarding-case';
import { onboardingSchemas } from './onboarding-schemas';

export { DECISION_ANSWERS_AFTER_EFFECT_PATCH } from './onboarding-case';

export async function employerOnboarding(raw: OnboardingWorkflowInput): Promise<OnboardingSummary> {
  const parsed = onboardingSchemas().onboardingWorkflowInputSchema.safeParse(raw);
  if (!parsed.success) {
    throw ApplicationFailure.nonRetryable(
      `invalid onboarding input: ${parsed.error.issues[0]?.message ?? ''}`,
      'INVALID_INPUT',
    );
  }
  const onboarding = new OnboardingCase(parsed.data, workflowInfo());
  setHandler(onboardingProgressQuery, () => onboarding.progress());
  setHandler(onboardingDecisionUpdate, (d) => onboarding.onDecision(d), {
    validator: (d) => onboarding.validateDecision(d),
  });
  return onboarding.run();
}

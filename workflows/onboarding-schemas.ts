/**
 * The onboarding workflow's zod schemas (domain/schemas-onboarding.ts), evaluated only when an
 * onboarding's code runs. Temporal evaluates the bundle's modules again for each workflow a
 * worker creates, from the workflow's own imports: a top-level import would make every claim,
 * coverage child and reconciliation evaluate zod too (most of the cost of creating one:
 * domain/schemas-fields.ts).
 * webpack bundles a `require` like an import and runs the module at the call, once per workflow:
 * deterministic, as any import in the sandbox.
 */
import type * as OnboardingSchemas from '../domain/schemas-onboarding';

export function onboardingSchemas(): typeof OnboardingSchemas {
  return require('../domain/schemas-onboarding') as typeof OnboardingSchemas;
}

/**
 * The onboarding workflow's input and its decision's Update, validated inside the workflow
 * (workflows/onboarding.ts, onboarding-case.ts). Kept apart from domain/schemas.ts, which
 * re-exports them: every module of the workflow bundle is evaluated again for each workflow the
 * worker creates (Temporal's per-workflow module isolation), and the API's schemas (some 340 zod
 * constructions) cost 8 s of the workflow thread's CPU over the 200 workflows of 100 claims — for
 * a claim as for an onboarding (issue 16, a CPU profile of bench:claims).
 */
import { z } from 'zod';
import { taxCodeSchema } from './schemas-fields';
import { textSchema } from './schemas-text';

const text = (max: number) => textSchema(max);

/** What the onboarding workflow carries: ids only, never the employee list or personal data. */
export const onboardingWorkflowInputSchema = z.object({
  requestId: z.uuid(),
  taxCode: taxCodeSchema,
  submittedBy: text(200),
  /** Employees per database transaction; tests lower it to exercise many batches. */
  batchSize: z.number().int().min(1).max(5000).optional(),
  /**
   * The batch pool's task queue (issue 15), where the employee batches run; absent (a workflow
   * started before the pools, or one queue for everything) = the workflow's own queue.
   */
  batchTaskQueue: z.string().min(1).max(200).optional(),
});
export type OnboardingWorkflowInput = z.infer<typeof onboardingWorkflowInputSchema>;

export const onboardingDecisionSchema = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('approve'), officer: text(200) }),
  z.object({
    decision: z.literal('reject'),
    officer: text(200),
    reason: textSchema(1000, { min: 3, multiline: true }),
  }),
]);
export type OnboardingDecision = z.infer<typeof onboardingDecisionSchema>;

/**
 * The decision as the workflow's Update carries it (issue 11): the officer as a principal
 * reference (`p:<random>`) and a rejection's reason as the id of its `case_texts` row. Histories
 * recorded before carry the officer and the reason themselves (the first shape): both are accepted.
 */
export const onboardingDecisionMessageSchema = z.union([
  onboardingDecisionSchema,
  z.object({ decision: z.literal('reject'), officer: text(200), reasonId: z.number().int().positive() }),
]);
export type OnboardingDecisionMessage = z.infer<typeof onboardingDecisionMessageSchema>;

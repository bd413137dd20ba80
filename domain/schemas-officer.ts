/**
 * The shapes the officer's claim page reads (issue 12): the claim's filing and evaluation as the
 * claim state carries them (GET /v1/claims/{id}: facts, evaluation), and the claim's timeline
 * (GET /v1/claims/{id}/timeline: its audit events, who did what and when). The OpenAPI document is
 * generated from them.
 */
import { z } from 'zod';

/** Whose claim it is, the filing as submitted, and the decision once there is one. */
export const claimFactsSchema = z.object({
  claimant: z
    .object({ fullName: z.string().nullable(), siNumber: z.string().nullable() })
    .describe(
      "whose claim it is (the read is access-logged); never the personal ID, which the claim's state does not carry",
    ),
  terminationDate: z.string(),
  filingDate: z.string(),
  terminationReason: z.string(),
  region: z.string(),
  contractMonths: z.number().int(),
  pensionEligible: z.boolean(),
  newCoveredJob: z.boolean(),
  decidedOn: z.string().nullable(),
  decisionReason: z.string().nullable().describe("the officer's reason for a rejection"),
});

/** One condition of eligibility: what it requires, whether it held, and the provisions that state it. */
export const claimConditionSchema = z.object({
  condition: z.string().describe('e.g. contribution_months (Law 74/2025 Art.38(1)(b))'),
  ok: z.boolean(),
  code: z.string().nullable().describe('the failure code, only when the condition failed'),
  detail: z.string(),
  citations: z.array(z.string()).describe('the provisions, e.g. "Law 74/2025 Art.38(1)(b)"'),
});

/** The evaluation made at intake (domain/unemployment/evaluate.ts): the conditions, the amount and how it was computed. */
export const claimEvaluationSchema = z.object({
  conditions: z.array(claimConditionSchema),
  windowMonths: z.number().int(),
  windowFrom: z.string(),
  windowTo: z.string(),
  monthsInWindow: z.number().int(),
  totalContributionMonths: z.number().int(),
  averagedMonths: z.array(z.string()).describe('the months averaged, newest first (YYYY-MM)'),
  averageSalary: z.string(),
  capMonth: z.string(),
  cap: z.string().describe('the ceiling of the monthly benefit'),
  capped: z.boolean(),
  monthlyBenefit: z.string().describe('60 % of the average, at most the cap (computed even when not eligible)'),
  durationMonths: z.number().int(),
  filingDeadline: z.string(),
  decisionDeadline: z.string(),
  hiMonthlyContribution: z.string(),
  citations: z.object({
    average: z.array(z.string()),
    cap: z.array(z.string()),
    benefit: z.array(z.string()),
    duration: z.array(z.string()),
  }),
});
export type ClaimEvaluationView = z.infer<typeof claimEvaluationSchema>;
export type ClaimFacts = z.infer<typeof claimFactsSchema>;

export const TIMELINE_ACTOR_KINDS = [
  'system',
  'officer',
  'participant',
  'employer',
  'operator',
  'facility',
  'bank',
  'unknown',
] as const;
export type TimelineActorKind = (typeof TIMELINE_ACTOR_KINDS)[number];

export const timelineQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,40}$/, 'INVALID_CURSOR: the nextCursor of a previous page')
    .optional(),
});

export const timelineEventSchema = z.object({
  at: z.string().describe('when it was written (ISO 8601, UTC)'),
  action: z.string().describe('e.g. claim.filed, claim.evaluated, claim.approved, claim.paid'),
  actor: z
    .object({
      kind: z.enum(TIMELINE_ACTOR_KINDS),
      subject: z
        .string()
        .nullable()
        .describe(
          "the actor as the audit names it (role:subject of the token); null for the claimant themselves, and for every person when the claimant reads their own timeline (only the system's steps keep theirs)",
        ),
    })
    .describe('who did it: a role and an opaque subject, never a name'),
  details: z.record(z.string(), z.unknown()).describe('ids and counts only'),
});
export type TimelineEvent = z.infer<typeof timelineEventSchema>;

export const timelinePageSchema = z.object({
  items: z.array(timelineEventSchema),
  nextCursor: z.string().nullable(),
});

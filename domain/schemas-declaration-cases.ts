/**
 * The API's and the CLI's schemas of a participant's case against an employer (issue #14 part 2;
 * rules §8.37): an opening, an officer's confirmation of arrears, a dismissal and a referral's
 * closure. The rules are in domain/declaration-cases.ts, which the workflow imports; these stay out
 * of the workflow bundle (domain/schemas-fields.ts says why).
 */
import { z } from 'zod';
import { DISMISSAL_REASONS, WHERE_TO_TURN } from './declaration-cases';
import { monthSchema, personalIdSchema, taxCodeSchema } from './schemas-fields';
import { EXCLUDED_CATEGORIES } from './scope';

/** The opening of a case, as the API and the CLI take it. */
export const declarationCaseOpeningSchema = z
  .object({
    personalId: personalIdSchema,
    employerTaxCode: taxCodeSchema,
    fromMonth: monthSchema,
    toMonth: monthSchema,
    /** Keep my identity from the employer (Law 25/2018 Art.9(1)(b)). */
    anonymous: z.boolean().default(false),
    /**
     * The participant says the employer is a unit of the Ministry of National Defence or of Public
     * Security: such units are never in the database (db/schema/employers.ts refuses them), so only
     * the participant can say so.
     */
    employerCategory: z.enum(EXCLUDED_CATEGORIES as unknown as ['defence_unit', 'public_security_unit']).optional(),
  })
  .strict();
export type DeclarationCaseOpening = z.infer<typeof declarationCaseOpeningSchema>;

/** The officer's confirmation of arrears for the case's months. */
export const declarationCaseArrearsSchema = z.object({ confirm: z.literal(true) }).strict();

export const declarationCaseDismissalSchema = z
  .object({
    reason: z.enum(DISMISSAL_REASONS, {
      message: 'INVALID_DISMISSAL: the reason is withdrawn, duplicate or unfounded',
    }),
  })
  .strict();

/** The officer's closure of a referral: the employer identified (a case opens against it), or outside the system. */
export const referralClosureSchema = z.discriminatedUnion(
  'outcome',
  [
    z.object({ outcome: z.literal('employer_identified'), employerTaxCode: taxCodeSchema }).strict(),
    z
      .object({
        outcome: z.literal('outside_system'),
        whereToTurn: z.enum(WHERE_TO_TURN, {
          message:
            'INVALID_REFERRAL_CLOSURE: where to turn is defence_social_insurance, public_security_social_insurance or labour_inspectorate',
        }),
      })
      .strict(),
  ],
  { message: 'INVALID_REFERRAL_CLOSURE: the outcome is employer_identified or outside_system' },
);
export type ReferralClosure = z.infer<typeof referralClosureSchema>;

/**
 * The boundary shapes of issue 15's coverage work: an officer's lock or withdrawal of an HI card
 * and its lifting (POST /v1/participants/{personalId}/hi-card/locks…), and the query strings of the
 * FHIR Coverage search (GET /fhir/Coverage). The OpenAPI document is generated from these.
 */
import { z } from 'zod';
import { CARD_LOCK_GROUNDS, CARD_LOCK_KINDS } from './coverage';
import { personalIdSchema } from './schemas-fields';
import { inputDateSchema, textSchema } from './schemas';

/** The officer's decision reference: the business key of a lock (the same reference again is the same decision). */
export const lockReferenceSchema = z
  .string()
  .regex(/^[A-Za-z0-9._:/-]{1,80}$/, 'INVALID_REFERENCE: 1–80 letters, digits or ._:/-');

export const hiCardLockBodySchema = z
  .object({
    reference: lockReferenceSchema.describe("the officer's decision number (its business key)"),
    kind: z
      .enum(CARD_LOCK_KINDS, { error: 'INVALID_LOCK_KIND: locked or withdrawn' })
      .describe(
        'locked: tạm khóa (HI Law Art.20(2), Decree 188/2025 Art.12); withdrawn: thu hồi for fraud (Art.20(1)(a))',
      ),
    ground: z
      .enum(CARD_LOCK_GROUNDS, { error: 'INVALID_LOCK_GROUND: used_by_another, lent or fraud' })
      .describe('used_by_another or lent (a lock), fraud (a withdrawal)'),
    effectiveFrom: inputDateSchema.optional().describe('the first day the card may not be used (default today)'),
  })
  .strict();

export const hiCardLiftBodySchema = z
  .object({
    liftedOn: inputDateSchema.optional().describe('the first day the card is usable again (default today)'),
  })
  .strict();

export const hiCardLockParamsSchema = z.object({ personalId: personalIdSchema, reference: lockReferenceSchema });

export const hiCardLockSchema = z.object({
  personalId: z.string(),
  reference: z.string(),
  kind: z.enum(CARD_LOCK_KINDS),
  ground: z.enum(CARD_LOCK_GROUNDS),
  effectiveFrom: z.string(),
  liftedOn: z.string().nullable(),
  cards: z.array(z.string()).describe('the codes of the cards it applies to'),
  alreadyRecorded: z.boolean().describe('the same decision was recorded before: nothing changed'),
});

/**
 * GET /fhir/Coverage's parameters (FHIR R4 search): `beneficiary.identifier` or `identifier` as
 * `<system>|<value>` (api/fhir-resources.ts names the systems), `date` as YYYY-MM-DD with an
 * optional `eq` prefix. The values are read by api/routes/fhir.ts (an OperationOutcome names the
 * one that is wrong); here they are bounded text.
 */
export const fhirCoverageSearchSchema = z.object({
  'beneficiary.identifier': z.string().max(200).optional(),
  identifier: z.string().max(200).optional(),
  date: z.string().max(40).optional(),
  _format: z.string().max(60).optional(),
});

export const fhirCardParamsSchema = z.object({ card: z.string().max(40) });

/** An identifier as a FHIR Reference carries it: `{ system, value }` (api/routes/fhir.ts reads which system). */
const fhirIdentifierSchema = z.looseObject({ system: textSchema(200), value: textSchema(200) });

/**
 * The parts of a CoverageEligibilityRequest (FHIR R4) the server reads; anything else a facility's
 * system sends (meta, text, item, created, insurer, …) is accepted and ignored. Who: the patient's
 * identifier, or the card as `insurance[0].coverage.identifier`; when: `servicedDate` (default
 * today); which facility: `provider.identifier` (it must be the token's own).
 */
export const fhirEligibilityRequestSchema = z.looseObject({
  resourceType: z.literal('CoverageEligibilityRequest', {
    error: 'INVALID_RESOURCE_TYPE: the body is a CoverageEligibilityRequest',
  }),
  status: z.enum(['active', 'cancelled', 'draft', 'entered-in-error']).optional(),
  purpose: z
    .array(z.enum(['auth-requirements', 'benefits', 'discovery', 'validation']))
    .min(1)
    .max(4)
    .describe('validation and/or benefits'),
  patient: z.looseObject({ identifier: fhirIdentifierSchema.optional(), reference: textSchema(200).optional() }),
  servicedDate: z.string().max(40).optional(),
  servicedPeriod: z.unknown().optional(),
  provider: z.looseObject({ identifier: fhirIdentifierSchema.optional() }).optional(),
  insurance: z
    .array(
      z.looseObject({
        coverage: z.looseObject({ identifier: fhirIdentifierSchema.optional(), reference: textSchema(200).optional() }),
      }),
    )
    .max(5)
    .optional(),
  identifier: z
    .array(z.looseObject({ system: textSchema(200).optional(), value: textSchema(200).optional() }))
    .max(10)
    .optional(),
});
export type FhirEligibilityRequest = z.infer<typeof fhirEligibilityRequestSchema>;

/** A FHIR resource as the OpenAPI document describes it: its type, the rest as FHIR R4 defines it. */
export const fhirResourceSchema = (type: string) =>
  z.looseObject({ resourceType: z.literal(type) }).describe(`a FHIR R4 ${type} (application/fhir+json)`);

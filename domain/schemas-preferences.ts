/**
 * The recipient's preferences (issue 13): PUT /v1/participants/{id}/preferences and
 * PUT /v1/employers/{taxCode}/preferences. The language their notices (the e-mail and its PDF) are
 * written in; the OpenAPI document is generated from these shapes.
 */
import { z } from 'zod';

/** The catalog's languages (messages/index.ts LANGS; domain/ imports nothing of messages/). */
export const PREFERENCE_LANGS = ['vi', 'en'] as const;

export const preferencesBodySchema = z
  .object({
    lang: z
      .enum(PREFERENCE_LANGS, { error: 'INVALID_LANG: vi or en' })
      .describe('the language of the notices: vi (the default) or en'),
  })
  .strict();

export const participantPreferencesSchema = z.object({
  personalId: z.string(),
  lang: z.enum(PREFERENCE_LANGS),
});

export const employerPreferencesSchema = z.object({
  taxCode: z.string(),
  lang: z.enum(PREFERENCE_LANGS),
});

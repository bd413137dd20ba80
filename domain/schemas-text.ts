/**
 * The one text helper every text field goes through (zod). A module of its own so that what the
 * workflow bundle imports (domain/schemas-onboarding.ts) does not bring in every API schema
 * (domain/schemas.ts re-exports it).
 */
import { z } from 'zod';

/** Lone UTF-16 surrogates: not text (PostgreSQL refuses them in jsonb, and they are no character). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** NUL and the other C0/C1 control characters; free text may keep tab, line feed and carriage return. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
// eslint-disable-next-line no-control-regex -- as above
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/**
 * The one text helper every text field goes through: well-formed Unicode without NUL or control
 * characters (else INVALID_TEXT), normalised to NFC (Vietnamese typed on different keyboards
 * arrives composed or decomposed: "Nguyễn" is stored one way), trimmed, then 1..max characters.
 * `multiline` keeps line breaks and tabs (reasons, notes); `min` 0 allows an empty text.
 */
export function textSchema(max: number, opts: { min?: number; multiline?: boolean } = {}) {
  const min = opts.min ?? 1;
  const control = opts.multiline ? CONTROL_BUT_LINES : CONTROL;
  return z
    .string()
    .refine((s) => !LONE_SURROGATE.test(s), 'INVALID_TEXT: not well-formed Unicode (a lone surrogate)')
    .refine((s) => !control.test(s), 'INVALID_TEXT: a NUL byte or another control character')
    .transform((s) => s.normalize('NFC').trim())
    .pipe(
      z
        .string()
        .min(min, min === 1 ? 'INVALID_TEXT: empty' : `INVALID_TEXT: at least ${min} characters`)
        .max(max, `TEXT_TOO_LONG: at most ${max} characters`),
    );
}

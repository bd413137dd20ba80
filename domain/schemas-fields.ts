/**
 * The zod schemas of the domain's own values: a month, a date, the identifiers, a region, an
 * amount in VND, the grounds that end a contract or a benefit. Each checks with the rule its
 * domain module states (the pattern, the list) and says why in its message's code.
 *
 * A module of their own, not beside the rules, so that the workflow bundle carries no zod:
 * Temporal evaluates every module of the bundle again for each workflow a worker creates, and with
 * zod and the schemas built on it creating one took 22–25 ms, without them 5.7–10 ms, on the same
 * loaded machine (1.8–3.2 ms idle; issue 16, bench:claims prints it). The workflows import the rules (domain/calendar.ts, identifiers.ts, …); the API,
 * the CLI and the activities validate with these (test/workflows/bundle.test.ts keeps zod out).
 */
import { z } from 'zod';
import { DATE_RE, isIsoDate, MONTH_RE } from './calendar';
import { HI_CARD_RE, PERSONAL_ID_RE, SI_NUMBER_RE, TAX_CODE_RE } from './identifiers';
import { REGIONS, type Region } from './rates';
import { CONTRACT_TERMINATION_REASONS } from './unemployment/eligibility';
import { BENEFIT_TERMINATION_GROUNDS } from './unemployment/termination';

export const monthSchema = z.string().regex(MONTH_RE, 'INVALID_MONTH: YYYY-MM');
export const isoDateSchema = z
  .string()
  .regex(DATE_RE, 'INVALID_DATE: YYYY-MM-DD')
  .refine((d) => isIsoDate(d), 'INVALID_DATE: not a calendar date');

// Identifiers (rules §5, §7): format-level checks, domain/identifiers.ts's codes as messages.
export const personalIdSchema = z.string().regex(PERSONAL_ID_RE, 'INVALID_PERSONAL_ID: exactly 12 digits');
export const siNumberSchema = z.string().regex(SI_NUMBER_RE, 'INVALID_SI_NUMBER: exactly 10 digits');
export const taxCodeSchema = z
  .string()
  .regex(TAX_CODE_RE, 'INVALID_TAX_CODE: 10 digits, or 10-3 digits for a dependent unit');
export const hiCardCodeSchema = z
  .string()
  .regex(HI_CARD_RE, 'INVALID_HI_CARD_CODE: 2 letters, level 1–5, 2-digit province, 10-digit SI number');

export const regionSchema = z.enum(REGIONS as [Region, ...Region[]], {
  message: 'INVALID_REGION: one of I, II, III, IV',
});

const AMOUNT_MESSAGE = 'INVALID_AMOUNT: a whole, non-negative number of VND';

/**
 * A whole, non-negative VND amount, given as a safe integer or a string of digits; output is the
 * canonical integer string (5310000 → "5310000", "0050" → "50"). Rejects fractions, negatives,
 * NaN/Infinity, unsafe integers, signs, spaces, separators and exponents.
 */
export const vndSchema: z.ZodType<string> = z.union([z.number(), z.string()]).transform((v, ctx) => {
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v) || v < 0) {
      ctx.addIssue({ code: 'custom', message: AMOUNT_MESSAGE });
      return z.NEVER;
    }
    return String(v === 0 ? 0 : v); // -0 → "0"
  }
  if (!/^\d{1,30}$/.test(v)) {
    ctx.addIssue({ code: 'custom', message: AMOUNT_MESSAGE });
    return z.NEVER;
  }
  return v.replace(/^0+(?=\d)/, '');
});

/** Law 74/2025 Art.38(1)(a): how the contract ended (domain/unemployment/eligibility.ts). */
export const terminationReasonSchema = z.enum(CONTRACT_TERMINATION_REASONS, {
  message: `INVALID_TERMINATION_REASON: one of ${CONTRACT_TERMINATION_REASONS.join(', ')}`,
});

/** Law 74/2025 Art.41(4): why a running benefit ends (domain/unemployment/termination.ts). */
export const benefitTerminationGroundSchema = z.enum(BENEFIT_TERMINATION_GROUNDS, {
  message: `INVALID_TERMINATION_GROUND: one of ${BENEFIT_TERMINATION_GROUNDS.join(', ')}`,
});

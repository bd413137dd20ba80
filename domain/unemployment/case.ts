/**
 * The input of a claim: `ansinh calc unemployment <file.json>` and the claim intake. A schema, so
 * not re-exported by domain/unemployment/index.ts beyond its types: the workflow bundle carries no
 * zod (domain/schemas-fields.ts says why); import it from here.
 */
import { z } from 'zod';
import { monthOf } from '../calendar';
import { isoDateSchema, monthSchema, regionSchema, terminationReasonSchema, vndSchema } from '../schemas-fields';
import { FIRST_UI_MONTH, LAW_38_FROM } from './applicable-law';

const contributionSchema = z.object({
  month: monthSchema,
  /** The salary on which UI was paid that month, as recorded (already within Law 74/2025 Art.34(2)). */
  salary: vndSchema.refine((s) => s !== '0', 'INVALID_AMOUNT: a paid contribution month has a salary above 0'),
});
export type UiContribution = z.infer<typeof contributionSchema>;

/** Input of `ansinh calc unemployment <file.json>` and of the claim workflow. */
export const uiCaseSchema = z
  .object({
    terminationDate: isoDateSchema,
    filingDate: isoDateSchema,
    region: regionSchema,
    /** Length of the ended contract in whole months (an indefinite-term contract: any figure ≥ 12). */
    contractMonths: z
      .number({ message: 'INVALID_CONTRACT_MONTHS: a whole number of months ≥ 1' })
      .int('INVALID_CONTRACT_MONTHS: a whole number of months ≥ 1')
      .min(1, 'INVALID_CONTRACT_MONTHS: a whole number of months ≥ 1'),
    terminationReason: terminationReasonSchema,
    /** Months in which UI was actually paid, any order; none after the termination month. */
    contributions: z.array(contributionSchema).max(1200),
    /** Eligible for a pension at termination (excludes under Law 74/2025 Art.38(1)(a)). */
    pensionEligible: z.boolean().default(false),
    /** Receiving a monthly pension (excludes under Law 38/2013 Art.49(1)(b), and under Law 74). */
    receivingPension: z.boolean().default(false),
    /** Already receiving unemployment benefit under another decision. */
    activeClaim: z.boolean().default(false),
    /** Took a job covered by compulsory SI within 10 working days of filing (Law 74), 15 days (Law 38). */
    newCoveredJob: z.boolean().default(false),
  })
  .superRefine((c, ctx) => {
    if (c.terminationDate < LAW_38_FROM) {
      ctx.addIssue({
        code: 'custom',
        path: ['terminationDate'],
        message: `UNSUPPORTED_LAW: contracts ended before ${LAW_38_FROM} fall under Law 71/2006, which is not implemented`,
      });
    }
    if (c.filingDate < c.terminationDate) {
      ctx.addIssue({
        code: 'custom',
        path: ['filingDate'],
        message: `FILING_BEFORE_TERMINATION: filingDate ${c.filingDate} is before terminationDate ${c.terminationDate}`,
      });
    }
    const terminationMonth = monthOf(c.terminationDate);
    const seen = new Set<string>();
    c.contributions.forEach((row, i) => {
      if (seen.has(row.month)) {
        ctx.addIssue({
          code: 'custom',
          path: ['contributions', i, 'month'],
          message: `DUPLICATE_MONTH: ${row.month} is listed more than once`,
        });
      }
      seen.add(row.month);
      if (row.month > terminationMonth) {
        ctx.addIssue({
          code: 'custom',
          path: ['contributions', i, 'month'],
          message: `CONTRIBUTION_AFTER_TERMINATION: ${row.month} is after the termination month ${terminationMonth}`,
        });
      }
      if (row.month < FIRST_UI_MONTH) {
        ctx.addIssue({
          code: 'custom',
          path: ['contributions', i, 'month'],
          message: `INVALID_MONTH: ${row.month} is before ${FIRST_UI_MONTH}, when unemployment insurance began`,
        });
      }
    });
  });
export type UiCase = z.infer<typeof uiCaseSchema>;
export type UiCaseInput = z.input<typeof uiCaseSchema>;

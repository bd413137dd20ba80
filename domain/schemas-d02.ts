/** The shapes of the D02-LT file's endpoints (issue #15, rules §8.41): the preview, the submission, the exports' parameters. */
import { z } from 'zod';
import { monthSchema } from './schemas-fields';
import { declarationResultSchema, inputDateSchema, inputMonthSchema } from './schemas';
import { taxCodeSchema } from './schemas-fields';

const rowErrorSchema = z.object({
  line: z.number().int().describe('the line of the file (from 1, as a spreadsheet numbers its rows)'),
  column: z.string().describe("the column's header, as the file writes it"),
  code: z.string(),
  message: z.object({ vi: z.string(), en: z.string() }),
});

export const d02PreviewSchema = z.object({
  format: z.enum(['csv', 'xlsx']),
  sha256: z.string().describe("the file's SHA-256: pass it as ?sha256= to submit exactly this file"),
  rows: z.number().int(),
  unchanged: z.number().int().describe('rows without an action (Phương án): they declare nothing'),
  declarations: z.number().int(),
  ignoredColumns: z.array(z.string()),
  errors: z.array(rowErrorSchema).describe('every finding; empty when submitting the file would be accepted'),
  changes: z.array(
    z.object({
      line: z.number().int(),
      kind: z.enum(['hire', 'leave', 'salary_change', 'unpaid_leave']),
      personalId: z.string(),
      effectiveMonth: monthSchema,
      salary: z.string().nullable(),
      currentSalary: z.string().nullable(),
      alreadyRecorded: z.boolean(),
    }),
  ),
});

export const d02SubmitQuerySchema = z.object({
  sha256: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'INVALID_SHA256: 64 hexadecimal digits')
    .optional()
    .describe("the preview's sha256: the submission is refused (409 D02_FILE_CHANGED) if the file differs"),
});

export const d02SubmitResultSchema = declarationResultSchema.extend({ sha256: z.string() });

export const employeesFileQuerySchema = z.object({
  month: inputMonthSchema.optional().describe('the employees in force that month (default: this month)'),
});

export const statementFileParamsSchema = z.object({
  taxCode: taxCodeSchema,
  file: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])\.(csv|xlsx)$/, 'INVALID_STATEMENT_FILE: YYYY-MM.csv or YYYY-MM.xlsx'),
});
export const statementFileQuerySchema = z.object({ asOf: inputDateSchema.optional() });

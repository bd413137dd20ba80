/** The HTTP shapes of benefit payments into bank accounts (issue 14 part 4): accounts, payment runs, bank returns. */
import { z } from 'zod';
import { RUN_ID_PATTERN } from './iso20022';

export const bankAccountViewSchema = z.object({
  id: z.number().int(),
  bankCode: z.string().describe('the bank’s BIC'),
  bankName: z.string().nullable(),
  accountNumberMasked: z.string().describe('the last 4 digits only: the number itself is never shown'),
  holderName: z.string(),
  status: z.enum(['pending', 'verified', 'superseded', 'closed']),
  proposedOn: z.string(),
  verifiedOn: z.string().nullable(),
  closedReason: z.string().nullable().describe('the bank’s return reason code (AC04, AC01, BE01, …)'),
  closedOn: z.string().nullable(),
});
export const bankAccountProposalResultSchema = z.object({ account: bankAccountViewSchema, created: z.boolean() });
export const bankAccountListSchema = z.object({ items: z.array(bankAccountViewSchema) });
export const bankAccountVerificationBodySchema = z
  .object({ accountId: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional() })
  .strict();
export const bankAccountVerificationResultSchema = z.object({ account: bankAccountViewSchema, verified: z.boolean() });

export const runIdSchema = z.string().max(32).regex(RUN_ID_PATTERN, 'INVALID_RUN_ID: YYYY-MM-DD, optionally -suffix');
export const paymentRunBodySchema = z.object({ runId: runIdSchema }).strict();
export const paymentRunResultSchema = z.object({
  runId: z.string(),
  fileId: z.number().int().nullable(),
  msgId: z.string().nullable(),
  nbOfTxs: z.number().int(),
  ctrlSum: z.string(),
  sha256: z.string().nullable(),
  created: z.boolean(),
  waitingForAccount: z.number().int(),
});
export const paymentFileParamsSchema = z.object({
  id: z.union([z.string().regex(/^[1-9][0-9]{0,15}$/), runIdSchema]).describe('the file id, or its run id'),
});

export const bankReturnResultSchema = z.object({
  kind: z.enum(['pain002', 'camt054']),
  results: z.array(
    z.object({
      line: z.number().int(),
      endToEndId: z.string(),
      result: z.enum(['paid', 'returned', 'reversed', 'unchanged', 'pending', 'unknown']),
    }),
  ),
  paid: z.number().int(),
  returned: z.number().int(),
  /** Transfers executed, then returned by the bank: the money came back after the payment. */
  reversed: z.number().int(),
  unchanged: z.number().int(),
  unknown: z.number().int(),
});

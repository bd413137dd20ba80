/**
 * The operator's shapes (issue #12): the reconciliation runs and their progress, the monthly
 * schedule, the three verifications (e-books exist in domain/schemas.ts; the ledger and the audit
 * chains here) and the arrears by month. Routes: api/routes/operations.ts.
 */
import { z } from 'zod';
import { isMonth, monthsBetween } from './calendar';
import { inputMonthSchema } from './schemas';

const cursorSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,40}$/, 'INVALID_CURSOR: the nextCursor of a previous page')
  .optional();

export const reconciliationRunsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: cursorSchema,
});

const totalsSchema = z.object({
  lines: z.number().int(),
  due: z.string(),
  paid: z.string(),
  outstanding: z.string(),
  lateCharge: z.string(),
  unpaidEmployers: z.number().int(),
  evasionEmployers: z.number().int(),
  ebooksWritten: z.number().int(),
});

export const reconciliationRunStatusSchema = z.enum([
  'running',
  'completed',
  'failed',
  'cancelled',
  'terminated',
  'timed_out',
  'unknown',
]);

/** One run of the reconciliation (one workflow execution chain, its latest run). */
export const reconciliationRunSchema = z.object({
  workflowId: z.string(),
  runId: z.string(),
  /** YYYY-MM; null when the run neither answers nor names its period (a failed scheduled run). */
  period: z.string().nullable(),
  asOf: z.string().nullable(),
  status: reconciliationRunStatusSchema,
  startedAt: z.string().describe('ISO timestamp of this run (continue-as-new starts a new run)'),
  closedAt: z.string().nullable(),
  scheduled: z.boolean().describe('started by the monthly schedule'),
  progress: z
    .object({
      batchesDone: z.number().int(),
      /** null while no batch has finished (the batch size is not known yet). */
      batchesPlanned: z.number().int().nullable(),
      employersDone: z.number().int(),
      employersPlanned: z.number().int(),
      /** People (per employer) with an employment in force in the period at an active employer; null while being counted. */
      participantsPlanned: z.number().int().nullable(),
      /** The employees of the period's employer periods reconciled up to the run's cursor. */
      participantsDone: z.number().int(),
      /** 0–100, by employers. */
      percent: z.number().int().min(0).max(100),
    })
    .nullable()
    .describe('null when the run cannot be asked (failed, or no worker answers)'),
  totals: totalsSchema.nullable(),
});

export const reconciliationRunsSchema = z.object({
  items: z.array(reconciliationRunSchema),
  nextCursor: z.string().nullable(),
});

export const reconciliationScheduleSchema = z.object({
  scheduleId: z.string(),
  paused: z.boolean(),
  note: z.string().nullable(),
  timezone: z.string().nullable(),
  /** Each calendar as the values it matches (empty = every value). */
  calendars: z.array(
    z.object({
      dayOfMonth: z.array(z.number().int()),
      hour: z.array(z.number().int()),
      minute: z.array(z.number().int()),
      comment: z.string().nullable(),
    }),
  ),
  overlap: z.string(),
  catchupWindowMs: z.number().int(),
  nextActionTimes: z.array(z.string()),
  recentActions: z.array(z.object({ scheduledAt: z.string(), takenAt: z.string(), workflowId: z.string() })),
  runningWorkflowIds: z.array(z.string()),
  actionsTaken: z.number().int(),
  createdAt: z.string(),
});

export const scheduleAppliedSchema = z.object({
  scheduleId: z.string(),
  outcome: z.enum(['created', 'updated']),
});

/** How many findings a verification answer lists (the count is always complete). */
export const VERIFICATION_FINDINGS_LISTED = 100;

export const ledgerVerificationSchema = z.object({
  ok: z.boolean(),
  employers: z.number().int(),
  periods: z.number().int(),
  problemCount: z.number().int(),
  problems: z
    .array(z.object({ taxCode: z.string().nullable(), period: z.string().nullable(), problem: z.string() }))
    .describe(`the first ${VERIFICATION_FINDINGS_LISTED}`),
});

export const auditVerificationSchema = z.object({
  ok: z.boolean(),
  chains: z.number().int(),
  events: z.number().int(),
  checkpoint: z.object({ id: z.number().int(), at: z.string() }).nullable(),
  findingCount: z.number().int(),
  byKind: z.record(z.string(), z.number().int()),
  findings: z
    .array(
      z.object({
        kind: z.string(),
        chain: z.string().nullable(),
        seq: z.number().int().nullable(),
        eventId: z.number().int().nullable(),
        detail: z.string(),
      }),
    )
    .describe(`the first ${VERIFICATION_FINDINGS_LISTED}`),
});

/** At most this many months in one arrears query. */
export const ARREARS_MAX_MONTHS = 120;

export const arrearsQuerySchema = z
  .object({ from: inputMonthSchema, to: inputMonthSchema })
  .refine((q) => q.from <= q.to, { message: 'INVALID_RANGE: from must not be after to', path: ['to'] })
  .refine(
    (q) => !isMonth(q.from) || !isMonth(q.to) || q.from > q.to || monthsBetween(q.from, q.to) < ARREARS_MAX_MONTHS,
    {
      message: `RANGE_TOO_LONG: at most ${ARREARS_MAX_MONTHS} months`,
      path: ['to'],
    },
  );

export const arrearsSchema = z.object({
  from: z.string(),
  to: z.string(),
  /** One row per month from `from` to `to`, months without reconciled periods included (zeros). */
  items: z.array(
    z.object({
      period: z.string(),
      /** Principal not paid, summed over the employers' reconciled periods (whole dong). */
      outstanding: z.string(),
      /** Late charge accrued to the as-of date of each period's reconciliation. */
      lateCharge: z.string(),
      employersInArrears: z.number().int(),
      employersReconciled: z.number().int(),
    }),
  ),
});

export type ReconciliationRun = z.infer<typeof reconciliationRunSchema>;
export type ReconciliationSchedule = z.infer<typeof reconciliationScheduleSchema>;
export type LedgerVerification = z.infer<typeof ledgerVerificationSchema>;
export type AuditVerification = z.infer<typeof auditVerificationSchema>;
export type Arrears = z.infer<typeof arrearsSchema>;

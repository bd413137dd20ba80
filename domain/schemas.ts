/**
 * zod schemas for every workflow input, message and body that crosses a boundary. Pure: imported
 * by workflows, activities, the CLI and (later) the HTTP API alike.
 */
import { z } from 'zod';
import { isoDateSchema, monthSchema } from './calendar';
import { hiCardCodeSchema, personalIdSchema, siNumberSchema, taxCodeSchema } from './identifiers';
import { vndSchema } from './money';
import { regionSchema } from './rates';

export const employerCategorySchema = z.enum([
  'enterprise',
  'state_body',
  'public_service_unit',
  'political_social_org',
  'foreign_org',
  'cooperative',
  'household_business',
  'other',
  'defence_unit',
  'public_security_unit',
]);
export type EmployerCategory = z.infer<typeof employerCategorySchema>;

/** Circular 09/2026/TT-BTC, scope: units of these ministries are outside the electronic system. */
export const EXCLUDED_CATEGORIES: readonly EmployerCategory[] = ['defence_unit', 'public_security_unit'];

export const contractTypeSchema = z.enum(['indefinite', 'fixed_term_12_36', 'fixed_term_1_12']);
export type ContractType = z.infer<typeof contractTypeSchema>;

const text = (max: number) => z.string().trim().min(1).max(max);

export const employerInputSchema = z.object({
  taxCode: taxCodeSchema,
  name: text(300),
  address: text(500),
  /** Two-digit province code used on HI cards and unit codes (e.g. 01 Hà Nội, 79 TP. Hồ Chí Minh). */
  provinceCode: z.string().regex(/^\d{2}$/, 'INVALID_PROVINCE_CODE: two digits'),
  wageRegion: regionSchema,
  category: employerCategorySchema,
});
export type EmployerInput = z.infer<typeof employerInputSchema>;

export const employeeInputSchema = z.object({
  personalId: personalIdSchema,
  siNumber: siNumberSchema.optional(),
  fullName: text(200),
  dateOfBirth: isoDateSchema,
  gender: z.enum(['male', 'female']),
  nationality: z
    .string()
    .regex(/^[A-Z]{2}$/, 'INVALID_NATIONALITY: ISO 3166 alpha-2 code')
    .default('VN'),
  email: z.email('INVALID_EMAIL').max(254).optional(),
  phone: z
    .string()
    .regex(/^\+?\d{9,15}$/, 'INVALID_PHONE: 9 to 15 digits')
    .optional(),
  startMonth: monthSchema,
  salary: vndSchema,
  jobTitle: text(200),
  contractType: contractTypeSchema,
  /** Registered initial health-care facility (5 digits: province + facility); optional. */
  initialFacilityCode: z
    .string()
    .regex(/^\d{5}$/, 'INVALID_FACILITY_CODE: five digits')
    .optional(),
});
export type EmployeeInput = z.infer<typeof employeeInputSchema>;

/** Upper bound of one dossier: far above any single employer's initial list, well below what a batch loop can take. */
export const MAX_EMPLOYEES_PER_ONBOARDING = 50_000;

export const onboardingSubmissionSchema = z.object({
  employer: employerInputSchema,
  employees: z.array(employeeInputSchema).max(MAX_EMPLOYEES_PER_ONBOARDING),
});
export type OnboardingSubmission = z.infer<typeof onboardingSubmissionSchema>;

/** What the onboarding workflow carries: ids only, never the employee list or personal data. */
export const onboardingWorkflowInputSchema = z.object({
  requestId: z.uuid(),
  taxCode: taxCodeSchema,
  submittedBy: text(200),
  /** Employees per database transaction; tests lower it to exercise many batches. */
  batchSize: z.number().int().min(1).max(5000).optional(),
});
export type OnboardingWorkflowInput = z.infer<typeof onboardingWorkflowInputSchema>;

export const onboardingDecisionSchema = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('approve'), officer: text(200) }),
  z.object({ decision: z.literal('reject'), officer: text(200), reason: z.string().trim().min(3).max(1000) }),
]);
export type OnboardingDecision = z.infer<typeof onboardingDecisionSchema>;

export const onboardingStates = [
  'registering',
  'awaiting_decision',
  'onboarding_employees',
  'completed',
  'rejected',
  'duplicate',
] as const;
export type OnboardingState = (typeof onboardingStates)[number];

export interface OnboardingProgress {
  requestId: string;
  taxCode: string;
  state: OnboardingState;
  employeesTotal: number;
  employeesDone: number;
  batchesDone: number;
  batchesTotal: number;
  escalated: boolean;
  decisionDeadline: string | null;
  autoRejectAt: string | null;
  unitCode: string | null;
  decidedBy: string | null;
  rejectionReason: string | null;
}

export interface OnboardingSummary {
  outcome: 'completed' | 'rejected' | 'duplicate';
  requestId: string;
  taxCode: string;
  unitCode: string | null;
  employeesOnboarded: number;
  participantsCreated: number;
  participantsExisting: number;
  hiCardsIssued: number;
  ebooksWritten: number;
  /** Line numbers whose submitted identity differs from the database (database kept; see rules §8). */
  identityMismatchLines: number[];
  rejectionReason: string | null;
  autoRejected: boolean;
  existingStatus: string | null;
}

export const calcContributionArgsSchema = z.object({
  salary: vndSchema,
  period: monthSchema,
  region: regionSchema,
});

export { isoDateSchema, monthSchema };

// ---------------------------------------------------------------------------------------------
// HTTP API shapes (client/api). Response schemas carry no transforms: they are serialised as is.

const isoDateTime = z.string();

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string().describe('stable machine-readable error code'),
    detail: z.string().optional(),
    field: z.string().optional().describe('the field that failed, e.g. employees[3].personalId'),
    errors: z.array(z.object({ code: z.string(), field: z.string(), line: z.number().int().optional() })).optional(),
    requestId: z.string().optional(),
  })
  .describe('RFC 9457 problem details');

export const onboardingAcceptedSchema = z.object({
  workflowId: z.string(),
  requestId: z.string(),
  employees: z.number().int(),
  warnings: z.array(z.object({ code: z.string(), field: z.string() })),
});

export const onboardingIdSchema = z.object({
  id: z.string().regex(/^onboarding:\d{10}(-\d{3})?$/, 'INVALID_ONBOARDING_ID: onboarding:<taxCode>'),
});

export const onboardingProgressSchema = z.object({
  requestId: z.string(),
  taxCode: z.string(),
  state: z.enum(onboardingStates),
  employeesTotal: z.number().int(),
  employeesDone: z.number().int(),
  batchesDone: z.number().int(),
  batchesTotal: z.number().int(),
  escalated: z.boolean(),
  decisionDeadline: isoDateTime.nullable(),
  autoRejectAt: isoDateTime.nullable(),
  unitCode: z.string().nullable(),
  decidedBy: z.string().nullable(),
  rejectionReason: z.string().nullable(),
});

/** The officer's decision as the API takes it: the officer is the authenticated subject. */
export const decisionBodySchema = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('approve') }),
  z.object({ decision: z.literal('reject'), reason: z.string().trim().min(3).max(1000) }),
]);
export const decisionResultSchema = z.object({ accepted: z.literal(true), decision: z.enum(['approve', 'reject']) });

export const taxCodeParamsSchema = z.object({ taxCode: taxCodeSchema });
export const personalIdParamsSchema = z.object({ personalId: personalIdSchema });

export const employerViewSchema = z.object({
  taxCode: z.string(),
  name: z.string(),
  address: z.string(),
  provinceCode: z.string(),
  wageRegion: regionSchema,
  category: z.string(),
  status: z.enum(['pending', 'active', 'rejected']),
  unitCode: z.string().nullable(),
  rejectionReason: z.string().nullable(),
  employees: z.number().int(),
});

export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,40}$/, 'INVALID_CURSOR')
    .optional(),
});

export const employeeViewSchema = z.object({
  personalId: z.string(),
  siNumber: z.string(),
  fullName: z.string(),
  startMonth: z.string(),
  endMonth: z.string().nullable(),
  jobTitle: z.string(),
  contractType: z.string(),
  salary: z.string().describe('current contribution salary, whole VND'),
});
export const employeePageSchema = z.object({ items: z.array(employeeViewSchema), nextCursor: z.string().nullable() });

export const ebookViewSchema = z.object({
  personalId: z.string(),
  version: z.number().int(),
  sha256: z.string(),
  content: z.record(z.string(), z.unknown()).describe('the canonical e-book document (schema ansinh.ebook/1)'),
});
export const ebookEmailAcceptedSchema = z.object({ queued: z.literal(true), outboxId: z.number().int(), version: z.number().int() });

export const coverageQuerySchema = z
  .object({
    card: hiCardCodeSchema.optional(),
    personalId: personalIdSchema.optional(),
    date: isoDateSchema.optional(),
  })
  .refine((q) => (q.card ? 1 : 0) + (q.personalId ? 1 : 0) === 1, { message: 'INVALID_COVERAGE_QUERY: give exactly one of card or personalId', path: ['card'] });

export const coverageSchema = z.object({
  date: z.string(),
  valid: z.boolean(),
  holder: z.object({ personalId: z.string(), fullName: z.string(), dateOfBirth: z.string(), gender: z.string() }),
  card: z
    .object({
      cardCode: z.string(),
      benefitLevel: z.number().int(),
      initialFacilityCode: z.string().nullable(),
      payer: z.object({ kind: z.string(), taxCode: z.string().nullable() }),
      validFrom: z.string(),
      validTo: z.string().nullable(),
      fiveYearsFrom: z.string().nullable(),
    })
    .nullable()
    .describe('the card in force on that date, or null when there is none'),
});

export const verificationReportSchema = z.object({
  checked: z.number().int(),
  mismatches: z.array(z.object({ personalId: z.string(), kind: z.string(), storedVersion: z.number().int().nullable() })),
});

// ---------------------------------------------------------------------------------------------
// Declarations (Law 41/2024 Art.28–29): what an employer changes, effective from a month.

/** The employer's own reference for a declaration; resubmitting it is a no-op. */
const declarationReference = z
  .string()
  .regex(/^[A-Za-z0-9._:/-]{1,80}$/, 'INVALID_REFERENCE: 1–80 letters, digits or ._:/-')
  .optional();

export const declarationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('hire'), reference: declarationReference, employee: employeeInputSchema }),
  z.object({ kind: z.literal('leave'), reference: declarationReference, personalId: personalIdSchema, endMonth: monthSchema }),
  z.object({ kind: z.literal('salary_change'), reference: declarationReference, personalId: personalIdSchema, effectiveMonth: monthSchema, salary: vndSchema }),
  z.object({ kind: z.literal('unpaid_leave'), reference: declarationReference, personalId: personalIdSchema, month: monthSchema }),
]);
export type Declaration = z.infer<typeof declarationSchema>;

export const declarationBatchSchema = z.object({ declarations: z.array(declarationSchema).min(1).max(5000) });
export type DeclarationBatch = z.infer<typeof declarationBatchSchema>;

export const declarationResultSchema = z.object({
  results: z.array(
    z.object({
      id: z.number().int(),
      kind: z.enum(['hire', 'leave', 'salary_change', 'unpaid_leave']),
      personalId: z.string(),
      effectiveMonth: z.string(),
      /** true when this declaration had already been recorded (same reference or same content). */
      alreadyRecorded: z.boolean(),
    }),
  ),
});
export type DeclarationResult = z.infer<typeof declarationResultSchema>;

export const periodParamsSchema = z.object({ taxCode: taxCodeSchema, period: monthSchema });

const fundAmounts = z.record(z.string(), z.string());
export const periodStatementSchema = z.object({
  taxCode: z.string(),
  period: z.string(),
  employees: z.number().int().describe('employees with contributions due in the period'),
  due: z.object({ employee: fundAmounts, employer: fundAmounts, total: z.string() }),
  deadline: z.string().describe('payment deadline (Law 41/2024 Art.34(4))'),
  paid: z.string(),
  outstanding: z.string(),
  status: z.enum(['paid', 'partially_paid', 'unpaid', 'overpaid']),
  lateCharge: z.string().describe('0.03 % per day late on each late tranche, as of asOf'),
  chargePaid: z.string(),
  maxDaysLate: z.number().int(),
  evasion: z.boolean().describe('late 61 days or more (Decree 274/2025)'),
  asOf: z.string(),
});
export const periodQuerySchema = z.object({ asOf: isoDateSchema.optional() });

// ---------------------------------------------------------------------------------------------
// Payments: the bank reference is the idempotency key.

export const paymentBodySchema = z.object({
  amount: vndSchema.refine((v) => v !== '0', 'INVALID_AMOUNT: a payment is more than 0 VND'),
  valueDate: isoDateSchema,
  bankReference: z.string().regex(/^[A-Za-z0-9._:/-]{4,64}$/, 'INVALID_BANK_REFERENCE: 4–64 letters, digits or ._:/-'),
});
export type PaymentBody = z.infer<typeof paymentBodySchema>;

export const paymentResultSchema = z.object({
  paymentId: z.number().int(),
  bankReference: z.string(),
  amount: z.string(),
  valueDate: z.string(),
  allocations: z.array(z.object({ period: z.string(), principal: z.string(), interest: z.string() })),
  credit: z.string().describe('what is left over, kept as a credit of the employer'),
  alreadyRecorded: z.boolean(),
});

export const reconciliationBodySchema = z.object({ period: monthSchema, asOf: isoDateSchema.optional() });
export const reconciliationStartedSchema = z.object({ workflowId: z.string(), alreadyRunning: z.boolean() });
export const reconciliationProgressSchema = z.object({
  period: z.string(),
  asOf: z.string(),
  state: z.enum(['running', 'completed']),
  employersDone: z.number().int(),
  batchesDone: z.number().int(),
  runs: z.number().int(),
  cursor: z.string(),
  lines: z.number().int(),
  due: z.string(),
  paid: z.string(),
  outstanding: z.string(),
  lateCharge: z.string(),
  unpaidEmployers: z.number().int(),
  evasionEmployers: z.number().int(),
  ebooksWritten: z.number().int(),
});

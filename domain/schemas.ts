/**
 * zod schemas for every workflow input, message and body that crosses a boundary. Pure: imported
 * by workflows, activities, the CLI and (later) the HTTP API alike.
 */
import { z } from 'zod';
import { isoDateSchema, monthSchema } from './calendar';
import { personalIdSchema, siNumberSchema, taxCodeSchema } from './identifiers';
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

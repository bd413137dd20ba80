/**
 * zod schemas for every workflow input, message and body that crosses a boundary. Pure: imported
 * by workflows, activities, the CLI and (later) the HTTP API alike.
 */
import { z } from 'zod';
import { textSchema } from './schemas-text';
import { isIsoDate, isMonth } from './calendar';
import { isoDateSchema, monthSchema } from './schemas-fields';
import { CARD_LOCK_KINDS, NOT_COVERED_REASONS, type CardLockKind, type NotCoveredReason } from './coverage';
import { hiCardCodeSchema, personalIdSchema, siNumberSchema, taxCodeSchema } from './schemas-fields';
import { Dec } from './money';
import { vndSchema } from './schemas-fields';
import { isPlausibleDate, isPlausibleMonth, PLAUSIBLE_DATES, PLAUSIBLE_MONTHS } from './plausibility';
import { regionSchema } from './schemas-fields';
import { LAW_38_FROM } from './unemployment';
import { benefitTerminationGroundSchema, terminationReasonSchema } from './schemas-fields';
import { claimEvaluationSchema, claimFactsSchema } from './schemas-officer';

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

export const contractTypeSchema = z.enum(['indefinite', 'fixed_term_12_36', 'fixed_term_1_12']);
export type ContractType = z.infer<typeof contractTypeSchema>;

export { textSchema } from './schemas-text';
const text = (max: number) => textSchema(max);

/** A date an input may carry: a calendar date within PLAUSIBLE_DATES (rules §8.31). */
export const inputDateSchema = isoDateSchema.refine(
  (d) => !isIsoDate(d) || isPlausibleDate(d),
  `DATE_OUT_OF_RANGE: between ${PLAUSIBLE_DATES.from} and ${PLAUSIBLE_DATES.to}`,
);
/** A month an input may carry: YYYY-MM within PLAUSIBLE_MONTHS (rules §8.31). */
export const inputMonthSchema = monthSchema.refine(
  (m) => !isMonth(m) || isPlausibleMonth(m),
  `DATE_OUT_OF_RANGE: between ${PLAUSIBLE_MONTHS.from} and ${PLAUSIBLE_MONTHS.to}`,
);

/**
 * A monthly salary: whole VND, at most 10 billion (project decision, rules §8.31: above any salary
 * paid in Vietnam, far inside the numeric(15,0) salary columns, so that no salary overflows a
 * column or a sum of contribution lines).
 */
export const MAX_MONTHLY_SALARY = '10000000000';
export const salarySchema = vndSchema.refine(
  (v) => new Dec(v).lte(MAX_MONTHLY_SALARY),
  `SALARY_TOO_LARGE: at most ${MAX_MONTHLY_SALARY} VND a month`,
);

/**
 * One payment: whole VND, at most 15 digits (rules §8.31: numeric(17,0) columns hold the sums of a
 * period's payments and allocations; 10^15 VND is far above any employer's arrears).
 */
export const MAX_PAYMENT_AMOUNT = '999999999999999';

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

/** One e-mail address (name@domain, at most 254 characters): never a list, never a header. */
export const emailAddressSchema = z
  .email('INVALID_EMAIL: an e-mail address (name@domain)')
  .max(254, 'INVALID_EMAIL: at most 254 characters');

export const employeeInputSchema = z.object({
  personalId: personalIdSchema,
  siNumber: siNumberSchema.optional(),
  fullName: text(200),
  dateOfBirth: inputDateSchema,
  gender: z.enum(['male', 'female']),
  nationality: z
    .string()
    .regex(/^[A-Z]{2}$/, 'INVALID_NATIONALITY: ISO 3166 alpha-2 code')
    .default('VN'),
  email: emailAddressSchema.optional(),
  phone: z
    .string()
    .regex(/^\+?\d{9,15}$/, 'INVALID_PHONE: 9 to 15 digits')
    .optional(),
  startMonth: inputMonthSchema,
  salary: salarySchema,
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

// The onboarding workflow's input and its decision's Update: in a module of their own, which the
// workflow bundle imports without the rest of this one (domain/schemas-onboarding.ts).
export {
  onboardingDecisionMessageSchema,
  onboardingDecisionSchema,
  onboardingWorkflowInputSchema,
  type OnboardingDecision,
  type OnboardingDecisionMessage,
  type OnboardingWorkflowInput,
} from './schemas-onboarding';

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
  /** The workflow's side only: the reason's `case_texts` id, which client/temporal.ts resolves into rejectionReason. */
  rejectionReasonId?: number;
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
  /** The workflow's side only: the reason's `case_texts` id, which client/temporal.ts resolves into rejectionReason. */
  rejectionReasonId?: number;
  autoRejected: boolean;
  existingStatus: string | null;
}

export const calcContributionArgsSchema = z.object({
  salary: salarySchema,
  period: inputMonthSchema,
  region: regionSchema,
});

export { isoDateSchema, monthSchema };

// ---------------------------------------------------------------------------------------------
// HTTP API shapes (api/). Response schemas carry no transforms: they are serialised as is.

const isoDateTime = z.string();

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string().describe('stable machine-readable error code'),
    detail: z.string().optional(),
    field: z.string().optional().describe('the field that failed, e.g. employees[3].personalId'),
    errors: z
      .array(z.object({ code: z.string(), message: z.string(), field: z.string(), line: z.number().int().optional() }))
      .optional(),
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
  z.object({ decision: z.literal('reject'), reason: textSchema(1000, { min: 3, multiline: true }) }),
]);
/** The decision's answer, given once it is written: the case's state after it and, for an approval, the unit code. */
export const decisionResultSchema = z.object({
  accepted: z.literal(true),
  decision: z.enum(['approve', 'reject']),
  state: z.string().optional(),
  unitCode: z.string().nullable().optional(),
});

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
    .regex(/^[A-Za-z0-9_-]{1,40}$/, 'INVALID_CURSOR: the nextCursor of a previous page')
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

/** One read of a person's data (issue #11): who (the token subject, an opaque reference), as what, for which facility or employer, when, and through which endpoint. */
export const accessRecordSchema = z.object({
  at: z.string().describe('when (ISO 8601, UTC)'),
  who: z.string().describe("the reader's token subject: an opaque reference, never a name"),
  role: z.string(),
  facilityCode: z.string().nullable(),
  employerTaxCode: z.string().nullable(),
  purpose: z.string().describe('the endpoint read (its route pattern)'),
});
export const accessLogPageSchema = z.object({ items: z.array(accessRecordSchema), nextCursor: z.string().nullable() });

export const ebookViewSchema = z.object({
  personalId: z.string(),
  version: z.number().int(),
  sha256: z.string(),
  content: z.record(z.string(), z.unknown()).describe('the canonical e-book document (schema ansinh.ebook/1)'),
  signature: z
    .string()
    .regex(/^[A-Za-z0-9_-]+\.\.[A-Za-z0-9_-]+$/)
    .describe(
      'detached compact JWS (RFC 7515 Appendix F: header..signature), EdDSA (Ed25519), over the RFC 8785 canonical JSON of `content`; protected header: alg, kid (RFC 7638 thumbprint of a key at /.well-known/jwks.json), typ ansinh.ebook+jws, ver (= version), iat (time of signing). `ansinh ebook verify-file` checks a saved response offline',
    ),
});
/** A public Ed25519 key of the e-book signing ring (RFC 8037 OKP JWK). */
export const publicSigningJwkSchema = z.object({
  kty: z.literal('OKP'),
  crv: z.literal('Ed25519'),
  x: z.string(),
  kid: z.string().describe('RFC 7638 thumbprint'),
  alg: z.literal('EdDSA'),
  use: z.literal('sig'),
});
export const jwksSchema = z.object({
  keys: z.array(publicSigningJwkSchema).describe('the current signing key and every rotated one'),
});
export const ebookEmailAcceptedSchema = z.object({
  queued: z.literal(true),
  outboxId: z.number().int(),
  version: z.number().int(),
});

/** A healthcare facility's code (5 digits: province + facility), as cards and facility tokens carry it. */
export const facilityCodeSchema = z.string().regex(/^\d{5}$/, 'INVALID_FACILITY_CODE: five digits');

export const coverageQuerySchema = z
  .object({
    card: hiCardCodeSchema.optional(),
    personalId: personalIdSchema.optional(),
    date: inputDateSchema.optional(),
    facility: facilityCodeSchema
      .optional()
      .describe(
        "the facility asking whether it is the card's registered initial one; a facility's token is its own (another is 403)",
      ),
  })
  .refine((q) => (q.card ? 1 : 0) + (q.personalId ? 1 : 0) === 1, {
    message: 'INVALID_COVERAGE_QUERY: give exactly one of card or personalId',
    path: ['card'],
  });

export const coverageSchema = z.object({
  date: z.string(),
  valid: z.boolean(),
  notCovered: z
    .object({
      reason: z.enum(NOT_COVERED_REASONS as [NotCoveredReason, ...NotCoveredReason[]]),
      since: z
        .string()
        .nullable()
        .describe(
          'the day the card ended (expired, ended), starts (not yet valid) or was locked (suspended); null: no card',
        ),
      lockKind: z
        .enum(CARD_LOCK_KINDS as [CardLockKind, ...CardLockKind[]])
        .optional()
        .describe('suspended: the card is temporarily locked, or withdrawn'),
      citations: z.array(z.string()).describe('the provisions the reason applies, e.g. "HI Law Art.16(4)(a)"'),
    })
    .nullable()
    .describe(
      'why there is no coverage on that date (domain/coverage.ts): not yet valid, expired, ended (the person left the scheme), no card, suspended; null when valid',
    ),
  facility: z
    .object({
      code: z.string(),
      isInitialFacility: z.boolean().describe("whether it is the card's registered initial facility (HI Law Art.26)"),
    })
    .nullable()
    .describe("the facility asking (a facility token's own, or ?facility=); null when none asks"),
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
    .describe('the card in force on that date (valid false when it is suspended), or null when there is none'),
});

export const verificationReportSchema = z.object({
  checked: z.number().int(),
  mismatches: z.array(
    z.object({
      personalId: z.string(),
      kind: z.string(),
      storedVersion: z.number().int().nullable(),
      section: z
        .string()
        .optional()
        .describe('the section concerned (`identity`, `months/2026`, …, `manifest`, `root`), where one is'),
    }),
  ),
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
  z.object({
    kind: z.literal('leave'),
    reference: declarationReference,
    personalId: personalIdSchema,
    endMonth: inputMonthSchema,
  }),
  z.object({
    kind: z.literal('salary_change'),
    reference: declarationReference,
    personalId: personalIdSchema,
    effectiveMonth: inputMonthSchema,
    salary: salarySchema,
  }),
  z.object({
    kind: z.literal('unpaid_leave'),
    reference: declarationReference,
    personalId: personalIdSchema,
    month: inputMonthSchema,
  }),
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

export const periodParamsSchema = z.object({ taxCode: taxCodeSchema, period: inputMonthSchema });

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
  paidFromCredit: z
    .string()
    .describe("principal + charge of this period settled from the employer's held credit (on the deadline, rules §8)"),
  creditHeld: z
    .string()
    .describe('credit the employer still holds on asOf; it settles later periods on their deadlines'),
  settlements: z
    .array(
      z.object({
        on: z.string(),
        bankReference: z.string(),
        principal: z.string(),
        charge: z.string(),
        fromCredit: z.boolean(),
      }),
    )
    .describe('what settled this period, on which day, from which payment (fromCredit: its held credit)'),
});
export const periodQuerySchema = z.object({ asOf: inputDateSchema.optional() });

// ---------------------------------------------------------------------------------------------
// Payments: money counts once the bank says it arrived (a statement line, keyed by the bank's
// reference); an employer only announces a transfer.

const referenceSchema = z
  .string()
  .regex(/^[A-Za-z0-9._:/-]{4,64}$/, 'INVALID_REFERENCE: 4–64 letters, digits or ._:/-');

export const announcementBodySchema = z.object({
  amount: vndSchema
    .refine((v) => v !== '0', 'INVALID_AMOUNT: a payment is more than 0 VND')
    .refine((v) => new Dec(v).lte(MAX_PAYMENT_AMOUNT), `AMOUNT_TOO_LARGE: at most ${MAX_PAYMENT_AMOUNT} VND`),
  expectedValueDate: inputDateSchema,
  reference: referenceSchema.describe("the reference the transfer's remittance text will carry"),
});
export type AnnouncementBody = z.infer<typeof announcementBodySchema>;

export const announcementSchema = z.object({
  announcementId: z.number().int(),
  reference: z.string(),
  amount: z.string(),
  expectedValueDate: z.string(),
  status: z
    .enum(['pending', 'matched'])
    .describe('pending until a bank statement line carrying the reference is booked to the employer'),
  bankReference: z.string().nullable(),
  paymentId: z.number().int().nullable(),
  announcedAt: z.string(),
});
export const announcementResultSchema = announcementSchema.extend({ alreadyAnnounced: z.boolean() });

export const paymentResultSchema = z.object({
  paymentId: z.number().int(),
  bankReference: z.string(),
  amount: z.string(),
  valueDate: z.string(),
  allocations: z.array(
    z.object({
      period: z.string(),
      principal: z.string(),
      interest: z.string(),
      settledOn: z.string(),
      fromCredit: z.boolean(),
    }),
  ),
  credit: z
    .string()
    .describe('what of it is still held as credit of the employer (it settles later periods on their deadlines)'),
  alreadyRecorded: z.boolean(),
});

export const employerPaymentsSchema = z.object({
  announcements: z.array(announcementSchema),
  payments: z.array(
    z.object({
      paymentId: z.number().int(),
      bankReference: z.string(),
      amount: z.string(),
      valueDate: z.string(),
      allocated: z.string(),
      credit: z.string(),
    }),
  ),
});

export const statementQuerySchema = z.object({ format: z.enum(['csv', 'camt053']).optional() });

const lineOutcomeSchema = z.object({
  line: z.number().int(),
  id: z.number().int(),
  bankReference: z.string(),
  status: z.enum(['booked', 'suspense', 'ignored']),
  reason: z.string().nullable(),
  taxCode: z.string().nullable(),
  paymentId: z.number().int().nullable(),
  announcementId: z.number().int().nullable(),
  alreadyImported: z.boolean(),
});

export const importResultSchema = z.object({
  format: z.enum(['csv', 'camt053']),
  statementRef: z.string().nullable(),
  lines: z.number().int(),
  booked: z.number().int(),
  suspense: z.number().int(),
  ignored: z.number().int(),
  alreadyImported: z.number().int(),
  notBooked: z
    .number()
    .int()
    .describe('camt.053 entries not yet booked by the bank (status other than BOOK): not stored'),
  results: z.array(lineOutcomeSchema),
});

export const suspensePageSchema = z.object({
  items: z.array(
    z.object({
      id: z.number().int(),
      bankReference: z.string(),
      amount: z.string(),
      currency: z.string(),
      valueDate: z.string(),
      bookingDate: z.string().nullable(),
      remittance: z.string(),
      endToEndId: z.string().nullable(),
      reason: z.string(),
      taxCode: z.string().nullable(),
      source: z.string(),
      statementRef: z.string().nullable(),
      importedAt: z.string(),
    }),
  ),
  nextCursor: z.string().nullable(),
});

export const suspenseIdParamsSchema = z.object({
  id: z.coerce
    .number('INVALID_ID: a bank line id')
    .int('INVALID_ID: a bank line id')
    .positive('INVALID_ID: a bank line id')
    .max(Number.MAX_SAFE_INTEGER, 'INVALID_ID: a bank line id'),
});
export const assignmentBodySchema = z.object({ taxCode: taxCodeSchema });
export const assignmentResultSchema = z.object({
  line: lineOutcomeSchema,
  payment: paymentResultSchema,
  alreadyAssigned: z.boolean(),
});

export const reconciliationBodySchema = z.object({ period: inputMonthSchema, asOf: inputDateSchema.optional() });
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

// ---------------------------------------------------------------------------------------------
// Unemployment claims (Law 74/2025 Art.38–41; Decree 374/2025). The contribution history is not
// part of a filing: intake reads the credited months from the database.

/** A proposed bank account (issue 14 part 4), as the API, the CLI and a claim filing accept it; domain/bank-account.ts checks it (rules §8.35). */
export const bankAccountInputSchema = z
  .object({
    bankCode: z.string().max(11).describe('the bank’s BIC, e.g. BFTVVNVX (Vietcombank)'),
    accountNumber: z.string().max(40).describe('the account number, 6–19 digits'),
    holderName: textSchema(140).describe('the account holder’s name: the participant’s own'),
  })
  .strict();
export type BankAccountInput = z.infer<typeof bankAccountInputSchema>;

export const claimFilingSchema = z
  .object({
    personalId: personalIdSchema,
    terminationDate: inputDateSchema,
    filingDate: inputDateSchema,
    region: regionSchema,
    contractMonths: z
      .number({ message: 'INVALID_CONTRACT_MONTHS: a whole number of months ≥ 1' })
      .int('INVALID_CONTRACT_MONTHS: a whole number of months ≥ 1')
      .min(1, 'INVALID_CONTRACT_MONTHS: a whole number of months ≥ 1')
      .max(600, 'INVALID_CONTRACT_MONTHS: at most 600'),
    terminationReason: terminationReasonSchema,
    pensionEligible: z.boolean().default(false),
    newCoveredJob: z.boolean().default(false),
    /** The account the benefit is paid into (optional): stored pending until an officer verifies it. */
    bankAccount: bankAccountInputSchema.optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.filingDate < c.terminationDate) {
      ctx.addIssue({
        code: 'custom',
        path: ['filingDate'],
        message: `FILING_BEFORE_TERMINATION: filingDate ${c.filingDate} is before terminationDate ${c.terminationDate}`,
      });
    }
    if (c.terminationDate < LAW_38_FROM) {
      ctx.addIssue({
        code: 'custom',
        path: ['terminationDate'],
        message: `UNSUPPORTED_LAW: contracts ended before ${LAW_38_FROM} fall under Law 71/2006, which is not implemented`,
      });
    }
  });
export type ClaimFiling = z.infer<typeof claimFilingSchema>;

export const claimDecisionSchema = z
  .object({
    decision: z.enum(['approve', 'reject'], { message: 'INVALID_DECISION: approve or reject' }),
    reason: textSchema(1000, { multiline: true }).optional(),
  })
  .strict()
  .refine((d) => d.decision === 'approve' || d.reason !== undefined, {
    message: 'REASON_REQUIRED: a rejection needs a reason',
    path: ['reason'],
  });
export type ClaimDecisionBody = z.infer<typeof claimDecisionSchema>;

/** The monthly job-search notice (Form 24; Decree 374/2025 Art.21). */
export const claimReportSchema = z
  .object({
    /** Benefit month reported on (default: the month whose window is open). */
    month: z.number().int().min(1).max(12).optional(),
    summary: textSchema(2000, { min: 0, multiline: true }).optional(),
  })
  .strict();
export type ClaimReportBody = z.infer<typeof claimReportSchema>;

export const claimTerminationSchema = z
  .object({
    ground: benefitTerminationGroundSchema,
    /** The day the ground arose (a new job's start, …); default: today. */
    effectiveDate: inputDateSchema.optional(),
    note: textSchema(1000, { min: 0, multiline: true }).optional(),
  })
  .strict();
export type ClaimTerminationBody = z.infer<typeof claimTerminationSchema>;

export const claimFiledSchema = z.object({
  claimId: z.string().uuid(),
  created: z.boolean().describe('false: the same filing was already recorded; this is that claim'),
  status: z.string(),
});

export const claimStateSchema = z.object({
  claimId: z.string(),
  status: z.enum(['intake', 'awaiting_decision', 'rejected', 'active', 'suspended', 'terminated', 'completed']),
  law: z.string().nullable(),
  eligible: z.boolean().nullable(),
  reasons: z.array(z.string()),
  monthlyBenefit: z.string().nullable(),
  durationMonths: z.number().int(),
  startDate: z.string().nullable(),
  decisionDeadline: z.string().nullable(),
  decisionAlerts: z.enum(['none', 'reminded', 'escalated', 'overdue']),
  decision: z.enum(['approved', 'rejected']).nullable(),
  months: z.array(
    z.object({
      index: z.number().int(),
      from: z.string(),
      to: z.string(),
      reportDeadline: z.string(),
      paymentDeadline: z.string(),
      status: z.string(),
      paidOn: z.string().nullable(),
    }),
  ),
  monthsPaid: z.number().int(),
  monthsSuspended: z.number().int(),
  monthsRemaining: z.number().int(),
  consecutiveMissedReports: z.number().int(),
  reportWindowFor: z.number().int().nullable(),
  nextDeadline: z.string().nullable(),
  waitingFor: z.string().describe('what the case is waiting for, in plain words'),
  waiting: z
    .object({
      code: z.enum([
        'intake',
        'decision',
        'rejected',
        'benefit_end',
        'month_start',
        'report',
        'payment',
        'coverage_close',
        'closed',
        'unreachable',
      ]),
      month: z.number().int().optional(),
      date: z.string().optional(),
      status: z.string().optional(),
    })
    .optional()
    .describe("what the case waits for as a code and parameters, for a text in the reader's language"),
  terminationGround: z.string().nullable(),
  reservedMonths: z.number().int().nullable(),
  coverage: z.object({ cardCode: z.string(), validFrom: z.string(), validTo: z.string().nullable() }).nullable(),
  tasks: z
    .array(
      z.object({
        id: z.number().int(),
        kind: z
          .string()
          .describe('e.g. claim.new_job_declared: an employer declared a new job (Law 74/2025 Art.41(4)(a))'),
        status: z.enum(['open', 'done', 'cancelled']),
        assignee: z.string().nullable(),
        dueDate: z.string().nullable(),
        employmentId: z.number().int().nullable(),
        employerTaxCode: z.string().nullable(),
      }),
    )
    .describe("the officers' tasks about this claim"),
  facts: claimFactsSchema.describe('the filing as submitted, and the decision'),
  evaluation: claimEvaluationSchema
    .nullable()
    .describe(
      'the evaluation at intake: each condition with its article, the amount and how it was computed; null in intake',
    ),
});

/** An Update's answer, given once its effect is written: the claim's status after it (and the month's, for a report). */
export const claimUpdateAcceptedSchema = z.object({
  accepted: z.literal(true),
  status: z.string().optional(),
  month: z.number().int().optional(),
  monthStatus: z.string().optional(),
  reservedMonths: z.number().int().nullable().optional(),
});

import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * A submitted onboarding dossier, stored before its workflow starts: Temporal payloads are capped
 * at 2 MB, so the workflow carries this id, never the employee list.
 */
export const onboardingRequests = pgTable(
  'onboarding_requests',
  {
    id: uuid('id').primaryKey(),
    taxCode: text('tax_code').notNull(),
    /** Employer details (no personal data). */
    employer: jsonb('employer').notNull(),
    employeeCount: integer('employee_count').notNull(),
    submittedBy: text('submitted_by').notNull(),
    workflowId: text('workflow_id').notNull(),
    status: text('status').notNull().default('submitted'),
    summary: jsonb('summary'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check(
      'onboarding_requests_status',
      sql`${t.status} in ('submitted','duplicate','pending','approved','rejected','completed')`,
    ),
    check('onboarding_requests_count', sql`${t.employeeCount} >= 0`),
    /** The onboarding list (migration 0012): by status (officers), by employer (its own), newest first. */
    index('onboarding_requests_status_idx').on(t.status, t.createdAt.desc(), t.id.desc()),
    index('onboarding_requests_tax_code_idx').on(t.taxCode, t.createdAt.desc(), t.id.desc()),
  ],
);

/** One line of a dossier's employee list (line numbers from 1, as the employer submitted them). */
export const onboardingRequestEmployees = pgTable(
  'onboarding_request_employees',
  {
    requestId: uuid('request_id')
      .notNull()
      .references(() => onboardingRequests.id, { onDelete: 'cascade' }),
    line: integer('line').notNull(),
    personalId: text('personal_id').notNull(),
    data: jsonb('data').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.requestId, t.line] }),
    check('onboarding_request_employees_line', sql`${t.line} >= 1`),
  ],
);

import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  check,
  date,
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { uiClaims } from './claims';
import { employers } from './employers';
import { employments } from './employments';

export const TASK_STATUSES = ['open', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/**
 * Work in front of an officer: what to do (`kind`), about what (the subject ids), where it waits
 * (`queue`, the `assignee` when one officer owns the case, the province when known), and by when.
 * Created in the transaction of the event that calls for it; `dedupe_key` (and, for claim tasks,
 * kind + claim + employment) makes a retried event add none. The officers' work queue reads it.
 */
export const tasks = pgTable(
  'tasks',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    dedupeKey: text('dedupe_key').notNull().unique(),
    kind: text('kind').notNull(),
    status: text('status').notNull().default('open'),
    queue: text('queue').notNull(),
    assignee: text('assignee'),
    provinceCode: text('province_code'),
    dueDate: date('due_date', { mode: 'string' }),
    claimId: uuid('claim_id').references(() => uiClaims.id),
    employmentId: bigint('employment_id', { mode: 'number' }).references(() => employments.id),
    employerTaxCode: text('employer_tax_code').references(() => employers.taxCode),
    /** Ids and dates only: never names, personal IDs or salaries. */
    details: jsonb('details')
      .notNull()
      .default(sql`'{}'::jsonb`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedBy: text('closed_by'),
  },
  (t) => [
    check('tasks_status', sql`${t.status} in ('open','done','cancelled')`),
    check('tasks_closed', sql`(${t.status} = 'open') = (${t.closedAt} is null)`),
    check('tasks_province_format', sql`${t.provinceCode} is null or ${t.provinceCode} ~ '^[0-9]{2}$'`),
    uniqueIndex('tasks_claim_employment_kind')
      .on(t.kind, t.claimId, t.employmentId)
      .where(sql`${t.claimId} is not null and ${t.employmentId} is not null`),
    index('tasks_open_queue_idx')
      .on(t.queue, t.dueDate)
      .where(sql`${t.status} = 'open'`),
    index('tasks_claim_idx').on(t.claimId),
  ],
);

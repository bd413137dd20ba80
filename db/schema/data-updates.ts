import { sql } from 'drizzle-orm';
import { bigserial, check, date, index, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { participants } from './participants';

/**
 * A participant's request to change their data (issue #14 part 1, migration 0020): the kind, the
 * requested values (personal data: they stay here, the workflow carries the request's id), the
 * values before an approval applied them, and where the request stands. Contact details
 * (`email`, `phone`) apply once a one-time code confirms them; a correction of identity, a
 * nationality and a bank account wait for an officer's review (workflow `data-update:<id>`). At
 * most one open request per participant and kind.
 */
export const dataUpdateRequests = pgTable(
  'data_update_requests',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    personalId: text('personal_id')
      .notNull()
      .references(() => participants.personalId),
    kind: text('kind').notNull(),
    status: text('status').notNull(),
    requested: jsonb('requested').notNull(),
    /** The values the approval replaced (null until applied). */
    previous: jsonb('previous'),
    filedBy: text('filed_by').notNull(),
    filedAt: timestamp('filed_at', { withTimezone: true }).notNull(),
    filedOn: date('filed_on', { mode: 'string' }).notNull(),
    /** The review's current last day (moves when more evidence paused it). */
    dueDate: date('due_date', { mode: 'string' }),
    /** The day the review was paused for more evidence (null: not paused). */
    pausedOn: date('paused_on', { mode: 'string' }),
    workflowId: text('workflow_id'),
    decidedBy: text('decided_by'),
    decidedOn: date('decided_on', { mode: 'string' }),
    /** The officer's reason (a rejection) or what evidence is missing (a request for more). */
    reason: text('reason'),
    appliedAt: timestamp('applied_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    check('data_update_requests_kind', sql`${t.kind} in ('email','phone','bank_account','identity','nationality')`),
    check(
      'data_update_requests_status',
      sql`${t.status} in ('awaiting_code','awaiting_review','more_evidence','approved','rejected','cancelled')`,
    ),
    check('data_update_requests_decided', sql`(${t.status} in ('approved','rejected')) = (${t.decidedOn} is not null)`),
    check('data_update_requests_rejected_reason', sql`${t.status} <> 'rejected' or ${t.reason} is not null`),
    check('data_update_requests_requested_object', sql`jsonb_typeof(${t.requested}) = 'object'`),
    uniqueIndex('data_update_requests_one_open')
      .on(t.personalId, t.kind)
      .where(sql`${t.status} in ('awaiting_code','awaiting_review','more_evidence')`),
    index('data_update_requests_person_idx').on(t.personalId, t.id),
  ],
);

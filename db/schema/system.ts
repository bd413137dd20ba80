import { sql } from 'drizzle-orm';
import { bigserial, check, index, integer, jsonb, pgSequence, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Append-only audit trail (UPDATE and DELETE are refused by a trigger; see the custom migration). */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    workflowId: text('workflow_id'),
    runId: text('run_id'),
    /** Ids and counts only: never names, personal IDs or salaries. */
    details: jsonb('details')
      .notNull()
      .default(sql`'{}'::jsonb`),
  },
  (t) => [index('audit_events_subject_idx').on(t.subjectType, t.subjectId)],
);

/** Results of idempotent effects: written in the same transaction as the effect. */
export const idempotencyKeys = pgTable('idempotency_keys', {
  key: text('key').primaryKey(),
  result: jsonb('result').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Notifications to send (transactional outbox); dedupe_key makes enqueueing idempotent. */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    dedupeKey: text('dedupe_key').notNull().unique(),
    kind: text('kind').notNull(),
    channel: text('channel').notNull(),
    recipientType: text('recipient_type').notNull(),
    recipientId: text('recipient_id').notNull(),
    payload: jsonb('payload').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(0),
  },
  (t) => [
    check('outbox_channel', sql`${t.channel} in ('email','portal','sms','officer_queue')`),
    check('outbox_recipient_type', sql`${t.recipientType} in ('employer','participant','officer')`),
    index('outbox_unsent_idx')
      .on(t.id)
      .where(sql`${t.sentAt} is null`),
  ],
);

/** Serial part of legacy-format SI numbers assigned to people who have none (province code + 8 digits). */
export const siNumberSeq = pgSequence('si_number_seq', { startWith: 1, maxValue: 99999999 });
/** Serial part of unit codes assigned to employers on approval. */
export const unitCodeSeq = pgSequence('unit_code_seq', { startWith: 1, maxValue: 99999 });

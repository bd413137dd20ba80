import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  check,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/**
 * Append-only audit trail (UPDATE and DELETE are refused by a trigger and, for the application's role
 * ansinh_app, by privileges). Each event is a link of a hash chain (migration 0008): `hash` is the
 * sha256 of the event's RFC 8785 form including `prev_hash`, the hash of the chain's previous event.
 */
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
    /** Subject type and a bucket of the subject id (db/queries/audit.ts chainOf). */
    chain: text('chain').notNull(),
    /** Position in the chain, from 1. */
    seq: bigint('seq', { mode: 'number' }).notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_events_subject_idx').on(t.subjectType, t.subjectId),
    uniqueIndex('audit_events_chain_seq_idx').on(t.chain, t.seq),
  ],
);

/** The last link of each audit chain: an append locks and moves only its chain's row. */
export const auditChainHeads = pgTable(
  'audit_chain_heads',
  {
    chain: text('chain').primaryKey(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    check('audit_chain_heads_seq', sql`${t.seq} >= 0`),
    check('audit_chain_heads_hash_format', sql`${t.hash} ~ '^[0-9a-f]{64}$'`),
  ],
);

/** Signed checkpoints of every chain head (append-only): `payload` is the RFC 8785 text `jws` signs (detached). */
export const auditCheckpoints = pgTable('audit_checkpoints', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  kid: text('kid').notNull(),
  payload: text('payload').notNull(),
  jws: text('jws').notNull(),
});

/** Results of idempotent effects: written in the same transaction as the effect. */
export const idempotencyKeys = pgTable('idempotency_keys', {
  key: text('key').primaryKey(),
  result: jsonb('result').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Notifications to send (transactional outbox); dedupe_key makes enqueueing idempotent. The relay
 * (services/relay.ts, migration 0015) leases due rows and records each delivery's state.
 */
export const NOTICE_STATUSES = ['queued', 'sending', 'sent', 'failed', 'dead'] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];
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
    status: text('status').$type<NoticeStatus>().notNull().default('queued'),
    /** When a failed notice is tried again; null = at once. */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    /** A code (SMTP_AUTH, SMTP_REFUSED, …): never a server message or an address. */
    lastError: text('last_error'),
    leaseOwner: text('lease_owner'),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    deliveredVia: text('delivered_via').$type<'smtp' | 'sms' | 'inbox'>(),
    /** When an operator last queued this dead notice again: its age is measured from here, not from created_at (migration 0016). */
    retriedAt: timestamp('retried_at', { withTimezone: true }),
    /** The Message-ID of every send of this notice, derived from the row: a resend repeats it. */
    messageId: text('message_id')
      .notNull()
      .unique()
      .generatedAlwaysAs(sql`'<notice-' || id::text || '@ansinh.local>'`),
  },
  (t) => [
    check('outbox_channel', sql`${t.channel} in ('email','portal','sms','officer_queue')`),
    check('outbox_recipient_type', sql`${t.recipientType} in ('employer','participant','officer')`),
    check('outbox_status', sql`${t.status} in ('queued','sending','sent','failed','dead')`),
    check('outbox_last_error_code', sql`${t.lastError} is null or ${t.lastError} ~ '^[A-Z][A-Z0-9_]{1,39}$'`),
    check('outbox_delivered_via', sql`${t.deliveredVia} is null or ${t.deliveredVia} in ('smtp','sms','inbox')`),
    check('outbox_lease', sql`(${t.status} = 'sending') = (${t.leaseUntil} is not null)`),
    check('outbox_sent', sql`(${t.status} = 'sent') = (${t.sentAt} is not null)`),
    index('outbox_due_idx')
      .on(t.nextAttemptAt, t.id)
      .where(sql`${t.status} in ('queued','failed')`),
    index('outbox_lease_idx')
      .on(t.leaseUntil)
      .where(sql`${t.status} = 'sending'`),
    index('outbox_dead_idx')
      .on(t.id)
      .where(sql`${t.status} = 'dead'`),
    index('outbox_recipient_idx').on(t.recipientType, t.recipientId, t.id),
  ],
);

/** Serial part of legacy-format SI numbers assigned to people who have none (province code + 8 digits). */
export const siNumberSeq = pgSequence('si_number_seq', { startWith: 1, maxValue: 99999999 });
/** Serial part of unit codes assigned to employers on approval. */
export const unitCodeSeq = pgSequence('unit_code_seq', { startWith: 1, maxValue: 99999 });

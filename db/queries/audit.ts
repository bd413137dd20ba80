import { createHash } from 'node:crypto';
import { queryRows, type Db, type Executor, type Tx } from '../client';
import { idempotencyKeys, outbox } from '../schema';
import { eq, sql } from 'drizzle-orm';

export interface AuditEntry {
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string;
  workflowId?: string | null;
  runId?: string | null;
  /** Ids and counts only — never names, personal IDs or salaries. */
  details?: Record<string, unknown>;
}

/** prev_hash of a chain's first event. */
export const GENESIS_HASH = '0'.repeat(64);
/** Chains per subject type: appends to different buckets never wait for each other. */
export const AUDIT_CHAIN_BUCKETS = 16;

/** The chain an event of this subject is a link of (the SQL function audit_chain_of, migration 0008, is the same). */
export function chainOf(subjectType: string, subjectId: string): string {
  const bucket = createHash('sha256').update(subjectId, 'utf8').digest()[0]! % AUDIT_CHAIN_BUCKETS;
  return `${subjectType}:${bucket}`;
}

/** An event as it is hashed: `at` as UTC text to the microsecond, `details` as PostgreSQL's text of the jsonb. */
export interface ChainedEvent {
  chain: string;
  prevHash: string;
  at: string;
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string;
  workflowId: string | null;
  runId: string | null;
  details: string;
}

/** SQL text of a timestamp as ChainedEvent.at has it. */
export const AT_TEXT = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;

// canonicalize 4 is an ES module only: imported dynamically from this CommonJS build.
const rfc8785 = import('canonicalize').then((m) => m.default);

/** The RFC 8785 (JSON Canonicalization Scheme) text of a JSON value. */
export async function canonicalJson(value: unknown): Promise<string> {
  const text = (await rfc8785)(value);
  if (text === undefined) throw new Error('not a JSON value');
  return text;
}

/** The RFC 8785 form of an event (the bytes its hash is over; SQL audit_event_canonical builds the same). */
export function auditEventCanonical(e: ChainedEvent): Promise<string> {
  return canonicalJson({
    v: 1,
    chain: e.chain,
    prev_hash: e.prevHash,
    at: e.at,
    actor: e.actor,
    action: e.action,
    subject_type: e.subjectType,
    subject_id: e.subjectId,
    workflow_id: e.workflowId,
    run_id: e.runId,
    details: e.details,
  });
}

export async function auditEventHash(e: ChainedEvent): Promise<string> {
  return createHash('sha256')
    .update(await auditEventCanonical(e), 'utf8')
    .digest('hex');
}

/**
 * Appends an event to its subject's chain, in the caller's transaction (or one of its own): moves
 * the chain's head row (created at the first event; the row lock serialises appends to this chain
 * only, until commit), hashes the event over the previous head, inserts it and sets the head's hash.
 */
export async function audit(exec: Executor, e: AuditEntry): Promise<void> {
  if (!('rollback' in exec)) return exec.transaction((tx) => audit(tx, e));
  const chain = chainOf(e.subjectType, e.subjectId);
  const details = JSON.stringify(e.details ?? {});
  const [head] = await queryRows<{ seq: string | number; prev: string; at: string; details: string }>(
    exec,
    sql`with h as (
          insert into audit_chain_heads (chain, seq, hash) values (${chain}, 1, ${GENESIS_HASH})
          on conflict (chain) do update set seq = audit_chain_heads.seq + 1
          returning seq, hash)
        select h.seq, h.hash as prev, to_char(now() at time zone 'UTC', ${sql.raw(AT_TEXT)}) as at,
               ${details}::jsonb::text as details
          from h`,
  );
  const event: ChainedEvent = {
    chain,
    prevHash: head!.prev,
    at: head!.at,
    actor: e.actor,
    action: e.action,
    subjectType: e.subjectType,
    subjectId: e.subjectId,
    workflowId: e.workflowId ?? null,
    runId: e.runId ?? null,
    details: head!.details,
  };
  const hash = await auditEventHash(event);
  await exec.execute(
    sql`with e as (
          insert into audit_events (at, actor, action, subject_type, subject_id, workflow_id, run_id, details, chain, seq, prev_hash, hash)
          values (${event.at}::timestamptz, ${event.actor}, ${event.action}, ${event.subjectType}, ${event.subjectId},
                  ${event.workflowId}, ${event.runId}, ${details}::jsonb, ${chain}, ${Number(head!.seq)}, ${event.prevHash}, ${hash})
          returning chain, hash)
        update audit_chain_heads h set hash = e.hash from e where h.chain = e.chain`,
  );
}

export interface OutboxMessage {
  dedupeKey: string;
  kind: string;
  channel: 'email' | 'portal' | 'sms' | 'officer_queue';
  recipientType: 'employer' | 'participant' | 'officer';
  recipientId: string;
  payload: Record<string, unknown>;
}

/** Enqueues a notification once: a second call with the same dedupe key is a no-op. Returns true if new. */
export async function enqueue(exec: Executor, m: OutboxMessage): Promise<boolean> {
  const rows = await exec
    .insert(outbox)
    .values(m)
    .onConflictDoNothing({ target: outbox.dedupeKey })
    .returning({ id: outbox.id });
  return rows.length > 0;
}

export async function storedResult<T>(exec: Executor, key: string): Promise<T | undefined> {
  const [row] = await exec.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, key));
  return row ? (row.result as T) : undefined;
}

/** Records an effect's result under its key; the unique key makes a concurrent duplicate fail its transaction. */
export async function storeResult(exec: Executor, key: string, result: unknown): Promise<void> {
  await exec.insert(idempotencyKeys).values({ key, result });
}

/** Serialises the transactions that take the same key (a transaction-scoped advisory lock): a retry racing a slow first attempt waits, then finds its stored result. */
export async function lockKey(tx: Tx, key: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${key}))`);
}

/**
 * One idempotent effect in one transaction: the result stored under `key` when there is one (read
 * before the transaction, then again under the key's lock, so that a retry racing a slow first
 * attempt waits for it and finds its result); otherwise `fn`, which stores its result with
 * storeResult in the same transaction.
 */
export async function transactionOnce<T>(db: Db, key: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const done = await storedResult<T>(db, key);
  if (done) return done;
  return db.transaction(async (tx) => {
    await lockKey(tx, key);
    const again = await storedResult<T>(tx, key);
    if (again) return again;
    return fn(tx);
  });
}

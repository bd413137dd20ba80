import type { Db, Executor, Tx } from '../client';
import { auditEvents, idempotencyKeys, outbox } from '../schema';
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

export async function audit(exec: Executor, e: AuditEntry): Promise<void> {
  await exec.insert(auditEvents).values({
    actor: e.actor,
    action: e.action,
    subjectType: e.subjectType,
    subjectId: e.subjectId,
    workflowId: e.workflowId ?? null,
    runId: e.runId ?? null,
    details: e.details ?? {},
  });
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

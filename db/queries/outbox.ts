/** Reading the outbox back (messages are enqueued by db/queries/audit.ts enqueue). */
import { eq } from 'drizzle-orm';
import type { Executor } from '../client';
import { outbox } from '../schema';

/** The outbox message stored under this dedupe key, or undefined. */
export async function outboxEntry(
  exec: Executor,
  dedupeKey: string,
): Promise<{ id: number; payload: unknown } | undefined> {
  const [row] = await exec
    .select({ id: outbox.id, payload: outbox.payload })
    .from(outbox)
    .where(eq(outbox.dedupeKey, dedupeKey));
  return row ? { id: Number(row.id), payload: row.payload } : undefined;
}

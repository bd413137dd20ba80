/**
 * The rate-limit counters every API process shares (api/rate-limit.ts): one row per key and fixed
 * window in the UNLOGGED table rate_limit_hits, counted by atomic upserts.
 */
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { rateLimitHits } from '../schema';

/**
 * Adds hits to keys in ONE statement (a multi-row upsert: one round trip for a caller's count and
 * its facility's, or for a batch of keys); returns each key and window's hits so far.
 */
export async function addHits(
  exec: Executor,
  rows: readonly { key: string; windowStart: Date; hits: number }[],
): Promise<{ key: string; windowStart: Date; hits: number }[]> {
  if (rows.length === 0) return [];
  return exec
    .insert(rateLimitHits)
    .values(rows.map((r) => ({ key: r.key, windowStart: r.windowStart, hits: r.hits })))
    .onConflictDoUpdate({
      target: [rateLimitHits.key, rateLimitHits.windowStart],
      set: { hits: sql`${rateLimitHits.hits} + excluded.hits` },
    })
    .returning({ key: rateLimitHits.key, windowStart: rateLimitHits.windowStart, hits: rateLimitHits.hits });
}

/** The hits of `key` in the window, without counting one (0 when none). */
export async function hitsOf(exec: Executor, key: string, windowStart: Date): Promise<number> {
  const [row] = await exec
    .select({ hits: rateLimitHits.hits })
    .from(rateLimitHits)
    .where(and(eq(rateLimitHits.key, key), eq(rateLimitHits.windowStart, windowStart)));
  return row?.hits ?? 0;
}

/** Forgets the windows that ended before `before`. */
export async function forgetWindowsBefore(exec: Executor, before: Date): Promise<void> {
  await exec.delete(rateLimitHits).where(lt(rateLimitHits.windowStart, before));
}

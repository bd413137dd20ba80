/**
 * The rate-limit counters every API process shares (api/rate-limit.ts): one row per key and fixed
 * window in the UNLOGGED table rate_limit_hits, counted by one atomic upsert.
 */
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { rateLimitHits } from '../schema';

/**
 * Counts one hit of each key in the window in ONE statement (a multi-row upsert: one round trip
 * for a caller's count and its facility's); returns each key's hits so far.
 */
export async function countHits(exec: Executor, keys: string[], windowStart: Date): Promise<Map<string, number>> {
  const rows = await exec
    .insert(rateLimitHits)
    .values(keys.map((key) => ({ key, windowStart, hits: 1 })))
    .onConflictDoUpdate({
      target: [rateLimitHits.key, rateLimitHits.windowStart],
      set: { hits: sql`${rateLimitHits.hits} + 1` },
    })
    .returning({ key: rateLimitHits.key, hits: rateLimitHits.hits });
  return new Map(rows.map((r) => [r.key, r.hits]));
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

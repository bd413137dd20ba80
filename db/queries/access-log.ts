/**
 * Who looked at a person's data (issue #11): the append-only access log's statements. Written by
 * the API after a read of a person's data succeeded; read back by the person (newest first).
 */
import { and, desc, eq, lt } from 'drizzle-orm';
import type { Executor } from '../client';
import { accessLog, tasks } from '../schema';

export type AccessEntry = typeof accessLog.$inferInsert & { at: Date };

/** One statement for every person a read returned (nothing for an empty list). */
export async function recordAccesses(exec: Executor, rows: AccessEntry[]): Promise<void> {
  if (rows.length === 0) return;
  await exec.insert(accessLog).values(rows);
}

/** A page of the accesses to a person's data, newest first, before the id `before` (0 = from the newest). */
export async function accessesOf(exec: Executor, personalId: string, opts: { before: number; limit: number }) {
  return exec
    .select({
      id: accessLog.id,
      at: accessLog.at,
      principalRef: accessLog.principalRef,
      role: accessLog.role,
      facilityCode: accessLog.facilityCode,
      employerTaxCode: accessLog.employerTaxCode,
      purpose: accessLog.purpose,
    })
    .from(accessLog)
    .where(
      opts.before > 0
        ? and(eq(accessLog.personalId, personalId), lt(accessLog.id, opts.before))
        : eq(accessLog.personalId, personalId),
    )
    .orderBy(desc(accessLog.id))
    .limit(opts.limit);
}

/**
 * The operators' task saying that a facility's checks exceeded the threshold in a window: once per
 * facility and window (the dedupe key). Ids and counts only.
 */
export async function flagUnusualVolume(
  exec: Executor,
  f: { facilityCode: string; windowStart: Date; threshold: number },
): Promise<boolean> {
  const rows = await exec
    .insert(tasks)
    .values({
      dedupeKey: `unusual-volume:${f.facilityCode}:${f.windowStart.toISOString()}`,
      kind: 'unusual_facility_volume',
      queue: 'operators',
      details: { facilityCode: f.facilityCode, windowStart: f.windowStart.toISOString(), threshold: f.threshold },
    })
    .onConflictDoNothing()
    .returning({ id: tasks.id });
  return rows.length > 0;
}

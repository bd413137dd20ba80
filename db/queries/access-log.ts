/**
 * Who looked at a person's data (issue #11): the append-only access log's statements. Written by
 * the API after a read of a person's data succeeded; read back by the person (newest first).
 */
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../client';
import { accessLog, tasks } from '../schema';

export type AccessEntry = typeof accessLog.$inferInsert & { at: Date };

/** One statement for every person a read returned (nothing for an empty list). */
export async function recordAccesses(exec: Executor, rows: AccessEntry[]): Promise<void> {
  if (rows.length === 0) return;
  await exec.insert(accessLog).values(rows);
}

/**
 * One read of one person's data, and one more hit of `counterKey` in its window, in ONE statement
 * (a data-modifying CTE: one round trip per facility check); returns the window's hits so far.
 */
export async function recordAccessCounted(
  exec: Executor,
  row: AccessEntry,
  counter: { key: string; windowStart: Date },
): Promise<number> {
  const [r] = await queryRows<{ hits: number }>(
    exec,
    sql`with logged as (
          insert into access_log (at, personal_id, principal_ref, role, facility_code, employer_tax_code, purpose)
          values (${row.at.toISOString()}::timestamptz, ${row.personalId}, ${row.principalRef}, ${row.role},
                  ${row.facilityCode ?? null}, ${row.employerTaxCode ?? null}, ${row.purpose})
        )
        insert into rate_limit_hits (key, window_start, hits)
        values (${counter.key}, ${counter.windowStart.toISOString()}::timestamptz, 1)
        on conflict (key, window_start) do update set hits = rate_limit_hits.hits + 1
        returning hits`,
  );
  return Number(r!.hits);
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

/**
 * Who looked at a person's data (issue #11): the append-only access log's statements. Written by
 * the API after a read of a person's data succeeded; read back by the person (newest first).
 */
import { and, desc, eq, lt } from 'drizzle-orm';
import type { Db, Executor } from '../client';
import { accessLog, tasks } from '../schema';

export type AccessEntry = typeof accessLog.$inferInsert & { at: Date };

/** One statement for every person a read returned (nothing for an empty list). */
export async function recordAccesses(exec: Executor, rows: AccessEntry[]): Promise<void> {
  if (rows.length === 0) return;
  await exec.insert(accessLog).values(rows);
}

/**
 * How a batch of the API's log rows is committed (ACCESS_LOG_COMMIT): `flush` — its own
 * statement, committed as the server commits (synchronous_commit on: on disk before the requests
 * are answered); `async` — in a transaction with synchronous_commit off: the requests are answered
 * once the commit is in PostgreSQL's WAL buffers, and a crash of the database server within about
 * 3 × wal_writer_delay (600 ms by default) may lose those rows (never half a batch, never a row of a
 * request that was refused).
 */
export type AccessLogCommit = 'flush' | 'async';

/** The batch insert: every row as one element of a JSON array (text, cast once: the same on both drivers). */
const BATCH_INSERT = `insert into access_log (at, personal_id, principal_ref, role, facility_code, employer_tax_code, purpose)
  select r.at, r.personal_id, r.principal_ref, r.role, r.facility_code, r.employer_tax_code, r.purpose
    from json_to_recordset($1::text::json) as r(at timestamptz, personal_id text, principal_ref text, role text,
                                                 facility_code text, employer_tax_code text, purpose text)`;

interface PgliteLike {
  query(query: string, params?: unknown[]): Promise<unknown>;
  transaction<T>(fn: (tx: PgliteLike) => Promise<T>): Promise<T>;
}

interface PostgresJsLike {
  unsafe(query: string, params?: unknown[], opts?: { prepare?: boolean }): Promise<unknown>;
  begin<T>(fn: (tx: PostgresJsLike) => Promise<T>): Promise<T>;
}

/**
 * Many requests' log rows in one statement (the API's group commit, services/access-log.ts): on
 * postgres.js a prepared statement (parsed once per connection), on PGlite the same text. The
 * drivers are called directly: drizzle's `execute` does not prepare.
 */
export async function recordAccessBatch(db: Db, rows: readonly AccessEntry[], commit: AccessLogCommit): Promise<void> {
  if (rows.length === 0) return;
  const json = JSON.stringify(
    rows.map((r) => ({
      at: r.at.toISOString(),
      personal_id: r.personalId,
      principal_ref: r.principalRef,
      role: r.role,
      facility_code: r.facilityCode ?? null,
      employer_tax_code: r.employerTaxCode ?? null,
      purpose: r.purpose,
    })),
  );
  const client = (db as unknown as { $client?: Partial<PostgresJsLike> }).$client;
  if (client && typeof client.unsafe === 'function' && typeof client.begin === 'function') {
    const pg = client as PostgresJsLike;
    if (commit === 'flush') await pg.unsafe(BATCH_INSERT, [json], { prepare: true });
    else
      await pg.begin(async (tx) => {
        await tx.unsafe('set local synchronous_commit = off');
        await tx.unsafe(BATCH_INSERT, [json], { prepare: true });
      });
    return;
  }
  // PGlite (the embedded default): the same text with its parameter, in the one session.
  const lite = client as unknown as PgliteLike;
  if (commit === 'flush') await lite.query(BATCH_INSERT, [json]);
  else
    await lite.transaction(async (tx) => {
      await tx.query('set local synchronous_commit = off');
      await tx.query(BATCH_INSERT, [json]);
    });
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

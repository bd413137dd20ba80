/**
 * Who looked at a person's data (issue #11): the API records each successful read of a person's
 * data here, and the person reads their log back, newest first.
 *
 * The API writes through a group commit (`accessLogWriter`, issue 16): the rows of the requests
 * that arrive while a batch is being written wait and go together in the next statement, and each
 * request is answered only after the batch holding its row has committed — as durably as
 * ACCESS_LOG_COMMIT says (db/queries/access-log.ts AccessLogCommit). A failed batch fails every
 * request in it, as a failed insert failed its one request.
 */
import type { Db } from '../db/client';
import {
  accessesOf,
  recordAccessBatch,
  recordAccesses,
  type AccessEntry,
  type AccessLogCommit,
} from '../db/queries/access-log';

export type { AccessLogCommit } from '../db/queries/access-log';

/** Writes access-log rows; resolves once they are committed. */
export interface AccessLogWriter {
  record(rows: AccessEntry[]): Promise<void>;
}

/** Rows per statement at most; batches written at once at most (the others' rows wait for the next). */
const MAX_BATCH_ROWS = 500;
const MAX_IN_FLIGHT = 4;

/** The group commit: rows of concurrent requests in one statement, each request released at its batch's commit. */
export function accessLogWriter(db: Db, opts: { commit?: AccessLogCommit; inFlight?: number } = {}): AccessLogWriter {
  const commit = opts.commit ?? 'flush';
  const maxInFlight = opts.inFlight ?? MAX_IN_FLIGHT;
  type Call = { rows: AccessEntry[]; resolve: () => void; reject: (err: unknown) => void };
  let calls: Call[] = [];
  let inFlight = 0;
  let scheduled = false;
  const start = () => {
    scheduled = false;
    while (calls.length > 0 && inFlight < maxInFlight) {
      let n = 0;
      let k = 0;
      while (k < calls.length && (k === 0 || n + calls[k]!.rows.length <= MAX_BATCH_ROWS)) n += calls[k++]!.rows.length;
      const batch = calls.slice(0, k);
      calls = calls.slice(k);
      inFlight++;
      recordAccessBatch(
        db,
        batch.flatMap((c) => c.rows),
        commit,
      )
        .then(
          () => batch.forEach((c) => c.resolve()),
          (err: unknown) => batch.forEach((c) => c.reject(err)),
        )
        .finally(() => {
          inFlight--;
          if (calls.length > 0) schedule();
        });
    }
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(start);
  };
  return {
    record(rows) {
      if (rows.length === 0) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        calls.push({ rows, resolve, reject });
        schedule();
      });
    },
  };
}

/** The reader, as the token names it (api/auth.ts Principal): never a name. */
export interface Reader {
  subject: string;
  role: string;
  facilityCode?: string | undefined;
  taxCode?: string | undefined;
}

/**
 * Records that `reader` read the data of `personalIds` through `purpose` (the route pattern) at
 * `at`: through `writer` (the API's group commit), else in one statement of its own.
 */
export async function recordRead(
  db: Db,
  r: { reader: Reader; purpose: string; personalIds: readonly string[]; at: Date },
  writer?: AccessLogWriter,
): Promise<void> {
  const { reader } = r;
  const rows = [...new Set(r.personalIds)].map((personalId) => ({
    at: r.at,
    personalId,
    principalRef: reader.subject,
    role: reader.role,
    facilityCode: reader.facilityCode ?? null,
    employerTaxCode: reader.taxCode ?? null,
    purpose: r.purpose,
  }));
  if (writer) await writer.record(rows);
  else await recordAccesses(db, rows);
}

export interface AccessRecord {
  at: string;
  who: string;
  role: string;
  facilityCode: string | null;
  employerTaxCode: string | null;
  purpose: string;
}

/** A page of the accesses to a person's data, newest first; `nextBefore` is the id to continue before. */
export async function accessLogPage(
  db: Db,
  personalId: string,
  opts: { before: number; limit: number },
): Promise<{ items: AccessRecord[]; nextBefore: number | null }> {
  const rows = await accessesOf(db, personalId, { before: opts.before, limit: opts.limit + 1 });
  const page = rows.slice(0, opts.limit);
  return {
    items: page.map((a) => ({
      at: a.at.toISOString(),
      who: a.principalRef,
      role: a.role,
      facilityCode: a.facilityCode,
      employerTaxCode: a.employerTaxCode,
      purpose: a.purpose,
    })),
    nextBefore: rows.length > opts.limit ? page[page.length - 1]!.id : null,
  };
}

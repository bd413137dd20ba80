/**
 * Who looked at a person's data (issue #11): the API records each successful read of a person's
 * data here (one statement per read), and the person reads their log back, newest first. A
 * facility's coverage checks are also counted per window (all its tokens together); the check that
 * crosses the threshold opens one task on the operators' queue for that facility and window.
 */
import type { Db } from '../db/client';
import { accessesOf, flagUnusualVolume, recordAccesses } from '../db/queries/access-log';
import { countHit } from '../db/queries/rate-limit';

/** The reader, as the token names it (api/auth.ts Principal): never a name. */
export interface Reader {
  subject: string;
  role: string;
  facilityCode?: string | undefined;
  taxCode?: string | undefined;
}

export interface VolumeWatch {
  /** A facility's checks per window above which operators are told. */
  threshold: number;
  windowMs: number;
}

/** Records that `reader` read the data of `personalIds` through `purpose` (the route pattern) at `at`. */
export async function recordRead(
  db: Db,
  r: { reader: Reader; purpose: string; personalIds: readonly string[]; at: Date; watch?: VolumeWatch },
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
  const facility = reader.role === 'facility' ? reader.facilityCode : undefined;
  if (!r.watch || facility === undefined) return recordAccesses(db, rows);
  // Two statements side by side, not one: the facility's counter is a hot row in an UNLOGGED table,
  // and in the access log's transaction its lock would be held through that commit's WAL flush,
  // serialising all of a facility's checks.
  const windowStart = new Date(Math.floor(r.at.getTime() / r.watch.windowMs) * r.watch.windowMs);
  const [, hits] = await Promise.all([recordAccesses(db, rows), countHit(db, `facility:${facility}`, windowStart)]);
  // Exactly one check sees the count cross the threshold (the upsert is atomic); the dedupe key covers a retry.
  if (hits === r.watch.threshold + 1)
    await flagUnusualVolume(db, { facilityCode: facility, windowStart, threshold: r.watch.threshold });
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

/**
 * Who looked at a person's data (issue #11): the API records each successful read of a person's
 * data here (one statement per read), and the person reads their log back, newest first.
 */
import type { Db } from '../db/client';
import { accessesOf, recordAccesses } from '../db/queries/access-log';

/** The reader, as the token names it (api/auth.ts Principal): never a name. */
export interface Reader {
  subject: string;
  role: string;
  facilityCode?: string | undefined;
  taxCode?: string | undefined;
}

/** Records that `reader` read the data of `personalIds` through `purpose` (the route pattern) at `at`. */
export async function recordRead(
  db: Db,
  r: { reader: Reader; purpose: string; personalIds: readonly string[]; at: Date },
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
  await recordAccesses(db, rows);
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

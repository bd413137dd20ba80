/**
 * Finding a participant or an employer (issue #12, officers): by identifier, or by the start of a
 * name with accents and case ignored (domain/search.ts). A page at a time; the caller logs the
 * reads of the people it returns.
 */
import type { Db } from '../db/client';
import {
  employersByName,
  employersByTaxCode,
  participantById,
  participantExists,
  participantsByName,
  type EmployerHit as EmployerRow,
  type ParticipantHit as ParticipantRow,
} from '../db/queries/search';
import type { EmployerHit, ParticipantHit } from '../domain/schemas-lists';
import type { EmployerQuery, ParticipantQuery } from '../domain/search';

/** Where a name search continues: the folded name and the id of the last row shown. */
export interface NameKey {
  name: string;
  id: string;
}

export interface Page<T, K> {
  items: T[];
  /** The key of the last item when more follow; null on the last page. */
  next: K | null;
}

/** Reads limit + 1 rows and keeps limit: whether another page follows without counting. */
export function pageOf<R, T, K>(rows: R[], limit: number, view: (r: R) => T, key: (r: R) => K): Page<T, K> {
  const shown = rows.slice(0, limit);
  return { items: shown.map(view), next: rows.length > limit ? key(shown[shown.length - 1]!) : null };
}

const participantView = (r: ParticipantRow): ParticipantHit => ({
  personalId: r.personal_id,
  siNumber: r.si_number,
  fullName: r.full_name,
  dateOfBirth: r.date_of_birth,
  gender: r.gender as ParticipantHit['gender'],
});

/** Participants matching the query: one by personal ID or SI number, or those whose name starts with the prefix, by name. */
export async function searchParticipants(
  db: Db,
  q: ParticipantQuery,
  page: { after: NameKey | null; limit: number },
): Promise<Page<ParticipantHit, NameKey>> {
  if (q.kind !== 'name') {
    if (page.after) return { items: [], next: null }; // an identifier finds one person: there is no second page
    const rows = await participantById(
      db,
      q.kind === 'personalId' ? { personalId: q.personalId } : { siNumber: q.siNumber },
    );
    return { items: rows.map(participantView), next: null };
  }
  const rows = await participantsByName(db, q.prefix, page.after, page.limit + 1);
  return pageOf(rows, page.limit, participantView, (r) => ({ name: r.search_name, id: r.personal_id }));
}

const employerView = (r: EmployerRow): EmployerHit => ({
  taxCode: r.tax_code,
  name: r.name,
  status: r.status as EmployerHit['status'],
  provinceCode: r.province_code,
  unitCode: r.unit_code,
});

/**
 * Employers matching the query: by tax-code prefix in tax-code order (the key is the tax code),
 * or by name prefix — every employer without a query — in name order (the key is name and tax code).
 */
export async function searchEmployers(
  db: Db,
  q: EmployerQuery,
  page: { after: NameKey | null; limit: number },
): Promise<Page<EmployerHit, NameKey>> {
  if (q.kind === 'taxCode') {
    const rows = await employersByTaxCode(db, q.prefix, page.after?.id ?? null, page.limit + 1);
    return pageOf(rows, page.limit, employerView, (r) => ({ name: '', id: r.tax_code }));
  }
  const rows = await employersByName(db, q.kind === 'name' ? q.prefix : '', page.after, page.limit + 1);
  return pageOf(rows, page.limit, employerView, (r) => ({ name: r.search_name, id: r.tax_code }));
}

/** Whether a participant with this personal ID is known. */
export async function isKnownParticipant(db: Db, personalId: string): Promise<boolean> {
  return participantExists(db, personalId);
}

/**
 * Participant and employer search (issue #12): by identifier, or by the start of the folded name
 * (the generated `search_name` columns of migration 0012). A name prefix is the byte range
 * [prefix, prefix || U+10FFFF) under COLLATE "C", which the (search_name COLLATE "C", id) indexes
 * answer and order; each page continues after the (name, id) of the last row (keyset).
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../client';

/** Above every character a folded name holds: the end of a prefix's range. */
const TOP = '\u{10FFFF}';

export interface ParticipantHit {
  personal_id: string;
  si_number: string;
  full_name: string;
  date_of_birth: string;
  gender: string;
  search_name: string;
}

const participantColumns = sql`personal_id, si_number, full_name, date_of_birth::text as date_of_birth, gender, search_name`;

/** The participant with this personal ID or SI number (none or one). */
export async function participantById(
  exec: Executor,
  by: { personalId: string } | { siNumber: string },
): Promise<ParticipantHit[]> {
  const where = 'personalId' in by ? sql`personal_id = ${by.personalId}` : sql`si_number = ${by.siNumber}`;
  return queryRows<ParticipantHit>(exec, sql`select ${participantColumns} from participants where ${where}`);
}

/** Participants whose folded name starts with `prefix`, after (name, personal ID) `after`, in that order; at most `limit`. */
export async function participantsByName(
  exec: Executor,
  prefix: string,
  after: { name: string; id: string } | null,
  limit: number,
): Promise<ParticipantHit[]> {
  return queryRows<ParticipantHit>(
    exec,
    sql`select ${participantColumns} from participants
         where search_name collate "C" >= ${prefix} and search_name collate "C" < ${prefix + TOP}
           ${after ? sql`and (search_name collate "C", personal_id) > (${after.name}, ${after.id})` : sql``}
         order by search_name collate "C", personal_id
         limit ${limit}`,
  );
}

export interface EmployerHit {
  tax_code: string;
  name: string;
  status: string;
  province_code: string;
  unit_code: string | null;
  search_name: string;
}

const employerColumns = sql`tax_code, name, status, province_code, unit_code, search_name`;

/** Employers whose tax code starts with `prefix`, after the tax code `after`, in tax-code order. */
export async function employersByTaxCode(
  exec: Executor,
  prefix: string,
  after: string | null,
  limit: number,
): Promise<EmployerHit[]> {
  return queryRows<EmployerHit>(
    exec,
    sql`select ${employerColumns} from employers
         where tax_code collate "C" >= ${prefix} and tax_code collate "C" < ${prefix + TOP}
           ${after ? sql`and tax_code collate "C" > ${after}` : sql``}
         order by tax_code collate "C"
         limit ${limit}`,
  );
}

/** Employers whose folded name starts with `prefix` (every employer for ''), after (name, tax code) `after`, in that order. */
export async function employersByName(
  exec: Executor,
  prefix: string,
  after: { name: string; id: string } | null,
  limit: number,
): Promise<EmployerHit[]> {
  return queryRows<EmployerHit>(
    exec,
    sql`select ${employerColumns} from employers
         where search_name collate "C" >= ${prefix} and search_name collate "C" < ${prefix + TOP}
           ${after ? sql`and (search_name collate "C", tax_code) > (${after.name}, ${after.id})` : sql``}
         order by search_name collate "C", tax_code
         limit ${limit}`,
  );
}

/** Whether a participant with this personal ID is known. */
export async function participantExists(exec: Executor, personalId: string): Promise<boolean> {
  const rows = await queryRows<{ one: number }>(
    exec,
    sql`select 1 as one from participants where personal_id = ${personalId}`,
  );
  return rows.length > 0;
}

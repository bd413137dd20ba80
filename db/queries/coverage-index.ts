/**
 * The statements of the coverage check's in-memory validity index (issue 16; services/coverage-index.ts):
 * everything the coverage answer reads (participants, hi_cards, hi_card_locks), read a page of
 * persons at a time for a full load, or for the persons named by a range of coverage_changes ids
 * (migration 0031: the writers' statement-level triggers fill it and NOTIFY COVERAGE_CHANNEL with
 * the range, delivered at commit); the index's ping on the same channel; the pruning of old changes;
 * and LISTEN on either driver (postgres.js re-listens after a lost connection and says so; PGlite is
 * one session and never loses it).
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Db, type Executor } from '../client';

/** The channel the triggers of migration 0031 and the index's pings notify: `c <from> <to>`, `all`, `p <token> <sent>`. */
export const COVERAGE_CHANNEL = 'ansinh_coverage';

/** A participant as the answer shows the holder. */
export interface IndexPersonRow {
  personal_id: string;
  si_number: string;
  full_name: string;
  date_of_birth: string;
  gender: string;
}

/** A card as the answer reads it; ordered by person, valid_from, id (cardsAround's order). */
export interface IndexCardRow {
  personal_id: string;
  id: string;
  card_code: string;
  benefit_level: number;
  initial_facility_code: string | null;
  payer_kind: string;
  payer_tax_code: string | null;
  valid_from: string;
  valid_to: string | null;
  five_years_from: string | null;
  end_reason: string | null;
}

/** A lock or withdrawal of a card; ordered by person, card, effective_from, id. */
export interface IndexLockRow {
  personal_id: string;
  card_id: string;
  kind: string;
  effective_from: string;
  lifted_on: string | null;
}

export interface IndexRows {
  persons: IndexPersonRow[];
  cards: IndexCardRow[];
  locks: IndexLockRow[];
}

const PERSON_COLUMNS = sql`p.personal_id, p.si_number, p.full_name, p.date_of_birth::text as date_of_birth, p.gender`;
const CARD_COLUMNS = sql`c.personal_id, c.id::text as id, c.card_code, c.benefit_level, c.initial_facility_code,
  c.payer_kind, c.payer_tax_code, c.valid_from::text as valid_from, c.valid_to::text as valid_to,
  c.five_years_from::text as five_years_from, c.end_reason`;
const LOCK_COLUMNS = sql`l.personal_id, l.card_id::text as card_id, l.kind, l.effective_from::text as effective_from,
  l.lifted_on::text as lifted_on`;

/** How many persons, cards and locks there are: the size a full load allocates for. */
export async function coverageCounts(exec: Executor): Promise<{ persons: number; cards: number; locks: number }> {
  const [r] = await queryRows<{ persons: number; cards: number; locks: number }>(
    exec,
    sql`select (select count(*) from participants)::float8 as persons, (select count(*) from hi_cards)::float8 as cards,
               (select count(*) from hi_card_locks)::float8 as locks`,
  );
  return { persons: Number(r!.persons), cards: Number(r!.cards), locks: Number(r!.locks) };
}

/** Each read of the index is one snapshot. */
const readOnly = { isolationLevel: 'repeatable read', accessMode: 'read only' } as const;

/**
 * One page of a full load: the `limit` persons after `after` (by personal ID, '' = from the first)
 * with their cards and locks, read in one REPEATABLE READ snapshot so the three agree.
 */
export async function coveragePage(db: Db, after: string, limit: number): Promise<IndexRows> {
  return db.transaction(async (tx) => {
    const persons = await queryRows<IndexPersonRow>(
      tx,
      sql`select ${PERSON_COLUMNS} from participants p where p.personal_id > ${after}
           order by p.personal_id limit ${limit}`,
    );
    if (persons.length === 0) return { persons, cards: [], locks: [] };
    const last = persons[persons.length - 1]!.personal_id;
    const cards = await queryRows<IndexCardRow>(
      tx,
      sql`select ${CARD_COLUMNS} from hi_cards c where c.personal_id > ${after} and c.personal_id <= ${last}
           order by c.personal_id, c.valid_from, c.id`,
    );
    const locks = await queryRows<IndexLockRow>(
      tx,
      sql`select ${LOCK_COLUMNS} from hi_card_locks l where l.personal_id > ${after} and l.personal_id <= ${last}
           order by l.personal_id, l.card_id, l.effective_from, l.id`,
    );
    return { persons, cards, locks };
  }, readOnly);
}

/**
 * The persons named by coverage_changes ids `from`..`to` and what they hold now, in one snapshot:
 * `named` lists them all, `persons` those that still exist (a named person absent there was deleted).
 */
export async function changedPersons(db: Db, from: number, to: number): Promise<IndexRows & { named: string[] }> {
  return db.transaction(async (tx) => {
    const named = (
      await queryRows<{ personal_id: string }>(
        tx,
        sql`select distinct personal_id from coverage_changes where id between ${from} and ${to}`,
      )
    ).map((r) => r.personal_id);
    if (named.length === 0) return { named, persons: [], cards: [], locks: [] };
    const changed = sql`(select personal_id from coverage_changes where id between ${from} and ${to})`;
    const persons = await queryRows<IndexPersonRow>(
      tx,
      sql`select ${PERSON_COLUMNS} from participants p where p.personal_id in ${changed} order by p.personal_id`,
    );
    const cards = await queryRows<IndexCardRow>(
      tx,
      sql`select ${CARD_COLUMNS} from hi_cards c where c.personal_id in ${changed}
           order by c.personal_id, c.valid_from, c.id`,
    );
    const locks = await queryRows<IndexLockRow>(
      tx,
      sql`select ${LOCK_COLUMNS} from hi_card_locks l where l.personal_id in ${changed}
           order by l.personal_id, l.card_id, l.effective_from, l.id`,
    );
    return { named, persons, cards, locks };
  }, readOnly);
}

/** The index's ping, through the same channel as the writers' changes (delivered in commit order with them). */
export async function pingCoverage(exec: Executor, payload: string): Promise<void> {
  await exec.execute(sql`select pg_notify(${COVERAGE_CHANNEL}, ${payload})`);
}

/** Deletes the changes recorded more than `seconds` ago; how many. */
export async function pruneCoverageChanges(exec: Executor, seconds: number): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    exec,
    sql`with gone as (delete from coverage_changes where at < now() - make_interval(secs => ${seconds}) returning 1)
        select count(*)::int as n from gone`,
  );
  return rows[0]?.n ?? 0;
}

/**
 * LISTEN on COVERAGE_CHANNEL. postgres.js listens on a connection of its own and calls `onListen`
 * at every (re)connection, when notifications may have been missed; PGlite is one session that
 * never loses them, so `onListen` runs once.
 */
export async function listenCoverage(
  db: Db,
  onNotify: (payload: string) => void,
  onListen: () => void,
): Promise<{ unlisten(): Promise<void> }> {
  const client = (db as unknown as { $client?: Record<string, unknown> }).$client;
  if (client && typeof client.unsafe === 'function' && typeof client.listen === 'function') {
    const listen = client.listen as (
      channel: string,
      fn: (payload: string) => void,
      onlisten?: () => void,
    ) => Promise<{ unlisten(): Promise<void> }>;
    return listen.call(client, COVERAGE_CHANNEL, onNotify, onListen);
  }
  if (client && typeof client.listen === 'function') {
    const listen = client.listen as (
      channel: string,
      fn: (payload: string) => void,
    ) => Promise<(tx?: unknown) => Promise<void>>;
    const unsubscribe = await listen.call(client, COVERAGE_CHANNEL, onNotify);
    onListen();
    return { unlisten: () => unsubscribe() };
  }
  throw new Error('the database driver cannot LISTEN');
}

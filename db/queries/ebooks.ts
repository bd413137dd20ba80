/**
 * E-books from the database: load the records of many participants set-based, render them with
 * domain/ebook.ts, and write them in the caller's transaction — in sections (issue 16), so that a
 * month's reconciliation rewrites one year's section and the root, not the whole book. Also the
 * book read back whole, and the verification, section by section.
 */
import { createHash } from 'node:crypto';
import { asc, eq, gt, sql } from 'drizzle-orm';
import {
  assembleEbook,
  EBOOK_SCHEMA,
  ebookManifest,
  MEMBER_SECTION_KEYS,
  MONTHS_SECTION_PREFIX,
  monthsSectionKey,
  parseManifest,
  renderEbook,
  renderMemberSections,
  renderMonthSections,
  renderSections,
  type EbookContributionMonth,
  type EbookRecords,
  type EbookSection,
} from '../../domain/ebook';
import { queryRows, type Db, type Executor, type Tx } from '../client';
import { ebooks, participants } from '../schema';
import { GENESIS_HASH } from './audit';
import { firstMonthOfPerson } from './partitions';

/** A participant's e-book as it is handed out. */
export interface StoredEbook {
  personalId: string;
  version: number;
  /** The whole canonical JSON, put back together from the stored sections. */
  content: string;
  /** The sha256 of `content`: what a delivered book carries, checkable offline. */
  sha256: string;
  /** The book's hash as stored and chained in ebook_versions: the root over its sections. */
  root: string;
  updatedAt: Date;
}

const nativeSha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** Sections from a `json_agg(json_build_array(section, content[, sha256]))` text. */
function sectionsOf(parts: string | null): { key: string; content: string; sha256: string }[] {
  if (!parts) return [];
  return (JSON.parse(parts) as [string, string, string?][]).map(([key, content, sha256]) => ({
    key,
    content,
    sha256: sha256 ?? '',
  }));
}

/**
 * The stored e-book of one participant, whole, or undefined: its sections read in the same
 * statement as its row and put back together (a book written before the sections: its content).
 */
export async function findEbook(exec: Executor, personalId: string): Promise<StoredEbook | undefined> {
  const [row] = await exec
    .select({
      version: ebooks.version,
      root: ebooks.root,
      legacy: ebooks.content,
      updatedAt: ebooks.updatedAt,
      parts: sql<string | null>`(select json_agg(json_build_array(s.section, s.content))::text
                                   from ebook_sections s where s.personal_id = ebooks.personal_id)`,
    })
    .from(ebooks)
    .where(eq(ebooks.personalId, personalId));
  if (!row) return undefined;
  const content = row.legacy ?? assembleEbook(sectionsOf(row.parts));
  return {
    personalId,
    version: row.version,
    content,
    sha256: nativeSha256(content),
    root: row.root,
    updatedAt: row.updatedAt,
  };
}

/** The e-mail address on file for the participant (null: none on file), or undefined when there is no such participant. */
export async function emailOnFile(exec: Executor, personalId: string): Promise<string | null | undefined> {
  const [person] = await exec
    .select({ email: participants.email })
    .from(participants)
    .where(eq(participants.personalId, personalId));
  return person ? person.email : undefined;
}

/**
 * Everything the e-books of these participants show, in one set-based read: PostgreSQL builds each
 * participant's employments (with salaries), HI cards and contribution months as JSON, which is
 * parsed here — no row-by-row mapping over a million books.
 */
export async function loadEbookRecords(exec: Executor, personalIds: string[]): Promise<Map<string, EbookRecords>> {
  const out = new Map<string, EbookRecords>();
  for (const [id, { records }] of await loadWhole(exec, personalIds)) out.set(id, records);
  return out;
}

/** What is stored of a book, read in the statement that reads its records (null version: no book). */
interface StoredState {
  version: number | null;
  /** The manifest (null: no book, or a book still stored whole). */
  manifest: string | null;
  /** A book still stored whole (before migration 0032): its content. */
  legacy: string | null;
  root: string | null;
  /** The stored sections read (all of them, or the years asked for): content and stored sha256. */
  stored: Map<string, { content: string; sha256: string }>;
}

/**
 * The records of whole books and, for each, what is stored of it, in one statement. With `months:
 * false`, no contribution month and no year section is read (records' `contributionMonths` is
 * empty): what a change that touches no month needs, whatever the length of the career.
 */
async function loadWhole(
  exec: Executor,
  personalIds: string[],
  { months = true }: { months?: boolean } = {},
): Promise<Map<string, { records: EbookRecords } & StoredState>> {
  const out = new Map<string, { records: EbookRecords } & StoredState>();
  if (personalIds.length === 0) return out;
  const rows = await queryRows<StoredColumns & { r: string }>(
    exec,
    sql`select json_build_object(
              'participant', json_build_object('personalId', p.personal_id, 'siNumber', p.si_number, 'fullName', p.full_name,
                                               'dateOfBirth', p.date_of_birth::text, 'gender', p.gender, 'nationality', p.nationality),
              'employments', coalesce((
                select json_agg(json_build_object(
                         'employerTaxCode', e.employer_tax_code, 'employerName', r.name, 'unitCode', r.unit_code,
                         'startMonth', e.start_month, 'endMonth', e.end_month, 'jobTitle', e.job_title, 'contractType', e.contract_type,
                         'salaries', coalesce((select json_agg(json_build_object('effectiveMonth', h.effective_month, 'amount', h.amount::text))
                                                 from salary_history h where h.employment_id = e.id), '[]'::json)))
                  from employments e join employers r on r.tax_code = e.employer_tax_code
                 where e.personal_id = p.personal_id), '[]'::json),
              'hiCards', coalesce((
                select json_agg(json_build_object(
                         'cardCode', c.card_code, 'payerKind', c.payer_kind, 'payerTaxCode', c.payer_tax_code, 'benefitLevel', c.benefit_level,
                         'validFrom', c.valid_from::text, 'validTo', c.valid_to::text, 'initialFacilityCode', c.initial_facility_code,
                         'fiveYearsFrom', c.five_years_from::text))
                  from hi_cards c where c.personal_id = p.personal_id), '[]'::json),
              'contributionMonths', ${
                months
                  ? sql`coalesce((
                select json_agg(json_build_object('period', m.period, 'employerTaxCode', m.employer_tax_code, 'status', m.status))
                  from contribution_months m
                 -- from the person's first employment: the partitions of earlier years are not read
                 where m.personal_id = p.personal_id and m.period >= ${firstMonthOfPerson(sql`p.personal_id`)}), '[]'::json)`
                  : sql`'[]'::json`
              },
              'unemploymentClaims', coalesce((
                select json_agg(json_build_object(
                         'claimId', u.id, 'status', u.status, 'law', u.law, 'filingDate', u.filing_date::text, 'decision', u.decision,
                         'decidedOn', u.decided_on::text, 'monthlyBenefit', u.monthly_benefit::text, 'durationMonths', u.duration_months,
                         'startDate', u.start_date::text, 'endDate', u.end_date::text, 'monthsPaid', u.months_paid, 'monthsSuspended', u.months_suspended,
                         'terminationGround', u.termination_ground, 'terminatedOn', u.terminated_on::text, 'reservedMonths', u.reserved_months,
                         'months', coalesce((select json_agg(json_build_object('index', k.idx, 'from', k.period_from::text, 'to', k.period_to::text,
                                                                               'status', k.status, 'amount', k.amount::text, 'paidOn', k.paid_on::text))
                                               from ui_claim_months k where k.claim_id = u.id), '[]'::json)))
                  from ui_claims u where u.personal_id = p.personal_id and u.status <> 'intake'), '[]'::json),
              -- months under dispute (issue #14 part 2): the participant's open declaration cases
              'disputedMonths', coalesce((
                select json_agg(json_build_object('caseId', d.id, 'employerTaxCode', d.employer_tax_code,
                                                  'fromMonth', d.from_month, 'toMonth', d.to_month))
                  from declaration_cases d where d.personal_id = p.personal_id and d.status <> 'closed'), '[]'::json),
              -- the locks and withdrawals of the person's HI cards (issue 15)
              'cardLocks', coalesce((
                select json_agg(json_build_object('cardCode', c.card_code, 'kind', l.kind, 'ground', l.ground,
                                                  'effectiveFrom', l.effective_from::text, 'liftedOn', l.lifted_on::text))
                  from hi_card_locks l join hi_cards c on c.id = l.card_id where l.personal_id = p.personal_id), '[]'::json),
              -- corrections an officer approved (issue #14 part 1): each field and the day it was corrected
              'corrections', coalesce((
                select json_agg(json_build_object('field', f.key, 'correctedOn', d.decided_on::text))
                  from data_update_requests d cross join lateral jsonb_object_keys(d.requested) f(key)
                 where d.personal_id = p.personal_id and d.status = 'approved' and d.applied_at is not null
                   and d.kind in ('identity', 'nationality')), '[]'::json)
)::text as r,
            b.version as v, b.sections as m, b.content as l, b.root,
            (select json_agg(json_build_array(s.section, s.content, s.sha256))::text from ebook_sections s
              where s.personal_id = p.personal_id ${months ? sql`` : sql`and s.section not like ${`${MONTHS_SECTION_PREFIX}%`}`}) as st
          from participants p left join ebooks b on b.personal_id = p.personal_id
         where p.personal_id in (select json_array_elements_text(${JSON.stringify(personalIds)}::json))`,
  );
  for (const row of rows) {
    const records = JSON.parse(row.r) as EbookRecords;
    out.set(records.participant.personalId, { records, ...storedState(row) });
  }
  return out;
}

/** The columns of what is stored, as loadWhole and loadYears select them. */
interface StoredColumns {
  v: number | null;
  m: string | null;
  l: string | null;
  root: string | null;
  st: string | null;
}

function storedState(row: StoredColumns): StoredState {
  return {
    version: row.v === null ? null : Number(row.v),
    manifest: row.m,
    legacy: row.l,
    root: row.root,
    stored: new Map(sectionsOf(row.st).map((x) => [x.key, { content: x.content, sha256: x.sha256 }])),
  };
}

/**
 * The contribution months of these years only, and what is stored of each book (its manifest and
 * those years' sections): what a month's reconciliation needs, however long the careers are — the
 * months read lie in the years' partitions and the sections read are the years' own.
 */
async function loadYears(
  exec: Executor,
  personalIds: string[],
  years: string[],
): Promise<Map<string, { months: EbookContributionMonth[] } & StoredState>> {
  const out = new Map<string, { months: EbookContributionMonth[] } & StoredState>();
  if (personalIds.length === 0) return out;
  const from = `${years[0]}-01`;
  const to = `${years[years.length - 1]}-12`;
  const keys = years.map(monthsSectionKey);
  const rows = await queryRows<StoredColumns & { p: string; mo: string | null }>(
    exec,
    sql`select p.personal_id as p,
               (select json_agg(json_build_object('period', c.period, 'employerTaxCode', c.employer_tax_code, 'status', c.status))::text
                  from contribution_months c
                 where c.personal_id = p.personal_id and c.period >= ${from} and c.period <= ${to}
                   -- the whole book's bound too (loadWhole), so both render the same months
                   and c.period >= ${firstMonthOfPerson(sql`p.personal_id`)}) as mo,
               b.version as v, b.sections as m, b.content as l, b.root,
               (select json_agg(json_build_array(s.section, s.content, s.sha256))::text from ebook_sections s
                 where s.personal_id = p.personal_id and s.section in (select json_array_elements_text(${JSON.stringify(keys)}::json))) as st
          from participants p left join ebooks b on b.personal_id = p.personal_id
         where p.personal_id in (select json_array_elements_text(${JSON.stringify(personalIds)}::json))`,
  );
  const wanted = new Set(years);
  for (const row of rows) {
    const months = (row.mo ? (JSON.parse(row.mo) as EbookContributionMonth[]) : []).filter((c) =>
      wanted.has(c.period.slice(0, 4)),
    );
    out.set(row.p, { months, ...storedState(row) });
  }
  return out;
}

/**
 * What is stored of each book and its one year section `key`, nothing else (EbookChange `splice`):
 * a book's row and one section by primary key. A participant without a book is returned with a
 * null version (rendered whole).
 */
async function loadStoredYear(exec: Executor, personalIds: string[], key: string): Promise<Map<string, StoredState>> {
  const out = new Map<string, StoredState>();
  if (personalIds.length === 0) return out;
  const rows = await queryRows<Omit<StoredColumns, 'st'> & { p: string; sc: string | null; sh: string | null }>(
    exec,
    sql`select i.p, b.version as v, b.sections as m, b.content as l, b.root, s.content as sc, s.sha256 as sh
          from json_array_elements_text(${JSON.stringify(personalIds)}::json) as i(p)
          left join ebooks b on b.personal_id = i.p
          left join ebook_sections s on s.personal_id = i.p and s.section = ${key}`,
  );
  for (const row of rows) {
    const state = storedState({ ...row, st: null });
    if (row.sc !== null && row.sh !== null) state.stored.set(key, { content: row.sc, sha256: row.sh });
    out.set(row.p, state);
  }
  return out;
}

/**
 * The year's months of a book from its stored section `key`, with the splice's employers' entries
 * of its period replaced by the rows written; null when the stored section cannot be trusted (its
 * sha256 not its content's, or not what the manifest lists, or listed but missing): the year is
 * then read from the months.
 */
function spliceYear(state: StoredState, key: string, splice: EbookSplice, p: string): EbookContributionMonth[] | null {
  const listed = parseManifest(state.manifest!).sections.find((x) => x.key === key)?.sha256;
  const have = state.stored.get(key);
  if (have === undefined) {
    if (listed !== undefined) return null;
  } else if (listed !== have.sha256 || nativeSha256(have.content) !== have.sha256) return null;
  const kept = have
    ? (JSON.parse(`[${have.content}]`) as EbookContributionMonth[]).filter(
        (m) => m.period !== splice.period || !splice.employers.has(m.employerTaxCode),
      )
    : [];
  return [...kept, ...(splice.rows.get(p) ?? [])];
}

/**
 * Re-renders every e-book that is still stored whole (written before migration 0032) or whose
 * manifest names an older schema (after an upgrade that added a section), page by page, one
 * transaction per page, into sections. Returns how many were rewritten.
 */
export async function upgradeEbooks(db: Db, pageSize = 1000): Promise<number> {
  let total = 0;
  // Keyset on the personal ID: each page continues where the last ended (a book rewritten stays
  // behind the cursor), so the whole table is read once however many books need it.
  let after = '';
  for (;;) {
    const stale = await db
      .select({ id: ebooks.personalId })
      .from(ebooks)
      .where(
        sql`${ebooks.personalId} > ${after} and (${ebooks.sections} is null or ${ebooks.sections} not like ${`${EBOOK_SCHEMA}\n%`})`,
      )
      .orderBy(asc(ebooks.personalId))
      .limit(pageSize);
    if (stale.length === 0) return total;
    after = stale[stale.length - 1]!.id;
    total += await db.transaction((tx) =>
      rewriteEbooks(
        tx,
        stale.map((s) => s.id),
      ),
    );
  }
}

/** Books rendered and written per statement: bounds memory and statement size at any scale. */
export const EBOOK_CHUNK = 5000;

/** Rounds of re-reading books another transaction changed under us before giving up (retryable). */
const MAX_STALE_ROUNDS = 20;

/**
 * What changed in the records: absent, anything (every section is rendered and compared); `months`,
 * only the contribution months of those `YYYY-MM` periods (a reconciliation): only their years'
 * sections are read, rendered and compared, and the rest of each book is taken as stored.
 */
export type EbookChange =
  | { months?: string[]; members?: never; splice?: never }
  /**
   * `splice`: a month's reconciliation, which knows what it wrote: the months of `employers` in
   * `period` are now exactly `rows` (per participant; none for one whose month went). Only each
   * book's row and that year's stored section are read, not the months: the year is the stored
   * section with those employers' entries of the period replaced. A stored section whose sha256 is
   * not its content's or not the manifest's is not trusted: that book's year is read from the
   * months as with `months`.
   */
  | { splice: EbookSplice; months?: never; members?: never }
  /**
   * `members`: the change touches no contribution month (a claim's step, an HI card issued or
   * ended): only the member sections are read, rendered and compared; the years are kept as listed.
   */
  | { members: true; months?: never; splice?: never };

/** What a reconciliation batch wrote of one period (EbookChange `splice`). */
export interface EbookSplice {
  period: string;
  employers: ReadonlySet<string>;
  rows: ReadonlyMap<string, readonly EbookContributionMonth[]>;
}

/**
 * Re-renders the e-books of these participants inside the caller's transaction, EBOOK_CHUNK at a
 * time: records from one set-based read, rendered into sections by domain/ebook.ts, and only the
 * sections that differ from the stored ones written, with the new manifest and root, in one
 * statement; the next chunk is read while this one renders. A book that changed gets version + 1
 * (recorded in ebook_versions with its root); an unchanged one is left as it is. Returns how many
 * changed. With `change.months`, only those months' years are read (what a month costs does not
 * depend on how long the book is); with `change.splice` (the reconciliation), only the book's row
 * and the period's year section, no month; with `change.members`, no month at all (what a claim's
 * step costs does not depend on it either); a book not yet stored in sections is rendered whole.
 *
 * Concurrent writers (two reconciliation batches sharing a participant, a declaration during a
 * reconciliation) are handled optimistically: a book is written only if its version is still the
 * one its records were read against — PostgreSQL re-checks that on the latest committed row after
 * waiting for the other writer — and the books skipped that way are read again (a new statement
 * sees the other writer's commit) and rendered again. So a book is never written from a stale read,
 * without locking every book up front.
 */
export async function rewriteEbooks(tx: Tx, personalIds: string[], change: EbookChange = {}): Promise<number> {
  const months = change.splice ? [change.splice.period] : change.months;
  const years = months ? [...new Set(months.map((m) => m.slice(0, 4)))].sort() : change.members ? MEMBERS_ONLY : null;
  let pending = [...new Set(personalIds)].sort();
  let changed = 0;
  for (let round = 0; pending.length > 0; round++) {
    if (round >= MAX_STALE_ROUNDS)
      throw new Error(`e-books kept changing under a concurrent writer (${pending.length} left)`);
    const stale: string[] = [];
    changed += await rewriteRound(tx, pending, years, stale, change.splice);
    pending = stale.sort();
  }
  return changed;
}

/** A book's write: its new root and manifest against the version read, the sections to store and to drop. */
interface BookWrite {
  p: string;
  v: number | null;
  r: string;
  m: string;
  /** Sections stored already (updated in place) and new ones (inserted). */
  updates: EbookSection[];
  inserts: EbookSection[];
  deletes: string[];
}

/**
 * The write of a book whose sections `rendered` replace the stored ones named by `scope` (null:
 * all), or null when nothing differs. Stored sections outside the scope are kept as the manifest
 * lists them.
 */
function planWrite(
  p: string,
  state: StoredState,
  rendered: EbookSection[],
  scope: Set<string> | null,
): BookWrite | null {
  const manifest = state.manifest ? parseManifest(state.manifest) : null;
  const listed = new Map((manifest?.sections ?? []).map((x) => [x.key, x.sha256]));
  const next = new Map<string, string>();
  if (scope) for (const [k, h] of listed) if (!scope.has(k)) next.set(k, h);
  const updates: EbookSection[] = [];
  const inserts: EbookSection[] = [];
  for (const x of rendered) {
    next.set(x.key, x.sha256);
    // Compare the stored content too: a listed hash cannot be trusted to describe a section edited behind our back.
    const have = state.stored.get(x.key);
    if (have === undefined) inserts.push(x);
    else if (have.content !== x.content || have.sha256 !== x.sha256 || listed.get(x.key) !== x.sha256) updates.push(x);
  }
  const inScope = (k: string) => scope === null || scope.has(k);
  const deletes = [...new Set([...state.stored.keys(), ...listed.keys()])].filter((k) => inScope(k) && !next.has(k));
  const m = ebookManifest([...next].map(([key, sha256]) => ({ key, sha256 })));
  const r = nativeSha256(m);
  if (
    updates.length === 0 &&
    inserts.length === 0 &&
    deletes.length === 0 &&
    state.legacy === null &&
    m === state.manifest &&
    r === state.root
  )
    return null;
  return { p, v: state.version, r, m, updates, inserts, deletes };
}

/** The scope of a change that touches no month: rewriteRound's `years` for it. */
const MEMBERS_ONLY = 'members' as const;

async function rewriteRound(
  tx: Tx,
  ids: string[],
  years: string[] | typeof MEMBERS_ONLY | null,
  stale: string[],
  splice?: EbookSplice,
): Promise<number> {
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += EBOOK_CHUNK) chunks.push(ids.slice(i, i + EBOOK_CHUNK));
  // Reads and writes run ahead of the loop: each gets a no-op handler so that a failure while the
  // loop is elsewhere is not an unhandled rejection; the loop still awaits each and sees the error.
  // The first failure is the one reported: statements queued behind it fail only because it did.
  let firstError: unknown;
  const settled = <T>(p: Promise<T>): Promise<T> => {
    p.catch((err: unknown) => {
      firstError ??= err;
    });
    const reported = p.catch((err: unknown) => {
      throw firstError ?? err;
    });
    reported.catch(() => {});
    return reported;
  };
  const scope =
    years === MEMBERS_ONLY ? new Set(MEMBER_SECTION_KEYS) : years ? new Set(years.map(monthsSectionKey)) : null;
  const inSections = (state: StoredState) => state.manifest !== null && state.manifest.startsWith(`${EBOOK_SCHEMA}\n`);
  /** One chunk's writes: by years (or members) where the book is stored in sections, whole otherwise. */
  const plan = async (chunk: string[]): Promise<BookWrite[]> => {
    const out: BookWrite[] = [];
    let whole = chunk;
    if (years === MEMBERS_ONLY) {
      whole = [];
      for (const [p, { records, ...state }] of await loadWhole(tx, chunk, { months: false })) {
        if (!inSections(state)) {
          whole.push(p);
          continue;
        }
        const w = planWrite(p, state, renderMemberSections(records, nativeSha256), scope);
        if (w) out.push(w);
      }
    } else if (years) {
      whole = [];
      let fromMonths = chunk;
      if (splice) {
        fromMonths = [];
        const key = monthsSectionKey(splice.period.slice(0, 4));
        for (const [p, state] of await loadStoredYear(tx, chunk, key)) {
          if (!inSections(state)) {
            whole.push(p);
            continue;
          }
          const year = spliceYear(state, key, splice, p);
          if (year === null) {
            fromMonths.push(p);
            continue;
          }
          const w = planWrite(p, state, renderMonthSections(year, nativeSha256), scope);
          if (w) out.push(w);
        }
      }
      for (const [p, state] of await loadYears(tx, fromMonths, years)) {
        // Not yet in sections, or in sections of an older schema: the whole book is rendered.
        if (!inSections(state)) {
          whole.push(p);
          continue;
        }
        const w = planWrite(p, state, renderMonthSections(state.months, nativeSha256), scope);
        if (w) out.push(w);
      }
    }
    for (const [p, { records, ...state }] of await loadWhole(tx, whole)) {
      const w = planWrite(p, state, renderSections(records, nativeSha256), null);
      if (w) out.push(w);
    }
    return out;
  };
  let changed = 0;
  const writes: Promise<void>[] = [];
  let next = chunks.length ? settled(plan(chunks[0]!)) : null;
  for (let c = 0; c < chunks.length; c++) {
    const books = await next!;
    // Queue the next read before this chunk's write: the database reads while this chunk renders.
    next = c + 1 < chunks.length ? settled(plan(chunks[c + 1]!)) : null;
    if (books.length === 0) continue;
    writes.push(
      settled(
        (async () => {
          const written = await writeBooks(tx, books);
          changed += written.size;
          // Skipped because another writer moved the version (a new statement sees its commit).
          const check = books.filter((b) => !written.has(b.p)).map((b) => ({ p: b.p, v: b.v }));
          if (check.length === 0) return;
          const moved = await queryRows<{ p: string }>(
            tx,
            sql`select x.p from json_to_recordset(${JSON.stringify(check)}::json) as x(p text, v int)
                  left join ebooks b on b.personal_id = x.p where b.version is distinct from x.v`,
          );
          for (const m of moved) stale.push(m.p);
        })(),
      ),
    );
  }
  await Promise.all(writes);
  return changed;
}

/**
 * Writes books: each book's row moves to version + 1 with its new root and manifest only if its
 * version is still the one read (an UPDATE whose condition PostgreSQL re-checks on the latest
 * committed row after waiting for another writer; a book not yet written is inserted unless another
 * writer inserted it first). Then, for the books so written, their sections are updated in place,
 * inserted or dropped, and each new version is recorded in its history (ebook_versions, chained by
 * root; the previous hash is the history's, so that a root changed in place is repaired rather than
 * chained). Returns the books written.
 *
 * Plain UPDATEs of the rows read, not INSERT … ON CONFLICT DO UPDATE: an upsert probes the index,
 * locks the conflicting row (a WAL record of its own) and then updates it; measured on 5,000 books
 * of a month, the write took 390 ms as upserts and 300 ms so (EXPLAIN ANALYZE, 100,000
 * participants). Two statements, not one with the sections joined to the books written: the
 * planner, which takes an UPDATE's output for one row, joined the two by a nested loop over a
 * materialised set, 5,000 × 5,000 comparisons (3 s a chunk).
 */
async function writeBooks(tx: Tx, books: BookWrite[]): Promise<Set<string>> {
  const heads = books.filter((b) => b.v !== null).map((b) => ({ p: b.p, v: b.v, r: b.r, m: b.m }));
  const fresh = books.filter((b) => b.v === null).map((b) => ({ p: b.p, r: b.r, m: b.m }));
  const rows = await queryRows<{ p: string }>(
    tx,
    sql`with w as (
          update ebooks b set version = x.v + 1, root = x.r, sections = x.m, content = null, updated_at = now()
            from json_to_recordset(${JSON.stringify(heads)}::json) as x(p text, v int, r text, m text)
           where b.personal_id = x.p and b.version = x.v
          returning b.personal_id),
        n as (
          insert into ebooks (personal_id, version, root, sections, content)
          select x.p, 1, x.r, x.m, null from json_to_recordset(${JSON.stringify(fresh)}::json) as x(p text, r text, m text)
          on conflict (personal_id) do nothing
          returning personal_id)
        select personal_id as p from w union all select personal_id from n`,
  );
  const written = new Set(rows.map((r) => r.p));
  const mine = books.filter((b) => written.has(b.p));
  if (mine.length === 0) return written;
  const sections = (pick: (b: BookWrite) => EbookSection[]) =>
    JSON.stringify(mine.flatMap((b) => pick(b).map((x) => ({ p: b.p, s: x.key, c: x.content, h: x.sha256 }))));
  const deletes = mine.flatMap((b) => b.deletes.map((s) => ({ p: b.p, s })));
  const versions = mine.map((b) => ({ p: b.p, v: (b.v ?? 0) + 1, r: b.r }));
  await tx.execute(
    sql`with u as (
          update ebook_sections e set content = y.c, sha256 = y.h
            from json_to_recordset(${sections((b) => b.updates)}::json) as y(p text, s text, c text, h text)
           where e.personal_id = y.p and e.section = y.s),
        i as (
          insert into ebook_sections (personal_id, section, content, sha256)
          select y.p, y.s, y.c, y.h from json_to_recordset(${sections((b) => b.inserts)}::json) as y(p text, s text, c text, h text)
          on conflict (personal_id, section) do update set content = excluded.content, sha256 = excluded.sha256),
        d as (
          delete from ebook_sections e using json_to_recordset(${JSON.stringify(deletes)}::json) as z(p text, s text)
           where e.personal_id = z.p and e.section = z.s)
        insert into ebook_versions (personal_id, version, sha256, prev_hash)
        select x.p, x.v, x.r,
               coalesce((select v.sha256 from ebook_versions v where v.personal_id = x.p and v.version = x.v - 1), ${GENESIS_HASH})
          from json_to_recordset(${JSON.stringify(versions)}::json) as x(p text, v int, r text)`,
  );
  return written;
}

/**
 * missing: no book; content_differs: a section (or, for a book stored whole, the book) is not what
 * the database says — a section missing, extra or different; hash_differs: a section's stored
 * sha256 is not its content's, or the manifest does not list the sections' hashes, or the root is
 * not the manifest's sha256; version_differs: the book's version or root is not its history's
 * latest (a version changed in place); history_broken: the history skips a version or a version's
 * prev_hash is not the previous one's; history_missing: a book with no history.
 */
export type EbookMismatchKind =
  'missing' | 'content_differs' | 'hash_differs' | 'orphan' | 'version_differs' | 'history_broken' | 'history_missing';

export interface EbookMismatch {
  personalId: string;
  kind: EbookMismatchKind;
  storedVersion: number | null;
  /** The section concerned, where one is (`identity`, `months/2026`, …; `manifest`, `root`). */
  section?: string;
}

export interface VerifyReport {
  checked: number;
  mismatches: EbookMismatch[];
}

/**
 * Recomputes every e-book from the database, section by section, page by page (keyset on personal
 * ID), and reports each book that is missing, differs from what the database says, or whose hashes
 * do not match their content. Pages are checked `concurrency` at a time (default 2), each in one
 * snapshot, and only mismatches are kept: memory does not grow with the number of books.
 */
export async function verifyEbooks(
  exec: Executor,
  opts: { pageSize?: number; concurrency?: number; afterRecordsRead?: () => Promise<void> } = {},
): Promise<VerifyReport> {
  const pageSize = opts.pageSize ?? 1000;
  // Inside a caller's transaction, or on embedded PGlite, there is one connection: pages go one
  // after another. A postgres.js client (a pool) is a function (its tagged template); PGlite's is an
  // object — told apart without loading PGlite in a process that runs on PostgreSQL.
  const oneConnection = 'rollback' in exec || typeof (exec as { $client?: unknown }).$client !== 'function';
  const concurrency = oneConnection ? 1 : Math.max(1, opts.concurrency ?? 2);
  const mismatches: EbookMismatch[] = [];
  let checked = 0;
  let after = '';
  let done = false;
  const nextPage = async (): Promise<string[] | null> => {
    if (done) return null;
    const page = await exec
      .select({ personalId: participants.personalId })
      .from(participants)
      .where(gt(participants.personalId, after))
      .orderBy(asc(participants.personalId))
      .limit(pageSize);
    if (page.length === 0) {
      done = true;
      return null;
    }
    after = page[page.length - 1]!.personalId;
    return page.map((p) => p.personalId);
  };
  // Page ids are taken in turn (a cheap keyset scan); the pages' reads and checks overlap.
  let cursor = Promise.resolve();
  const takePage = (): Promise<string[] | null> => {
    const p = cursor.then(nextPage);
    cursor = p.then(
      () => {},
      () => {},
    );
    return p;
  };
  const lane = async () => {
    for (let ids = await takePage(); ids; ids = await takePage()) {
      const found = await verifyPage(exec, ids, opts.afterRecordsRead);
      checked += ids.length;
      mismatches.push(...found);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  mismatches.sort((a, b) => (a.personalId < b.personalId ? -1 : a.personalId > b.personalId ? 1 : 0));
  return { checked, mismatches };
}

/** One participant's book checked, section by section (`ansinh ebook verify --participant`). */
export async function verifyEbookOf(exec: Executor, personalId: string): Promise<VerifyReport> {
  return { checked: 1, mismatches: await verifyPage(exec, [personalId]) };
}

/** Whether a participant is on record. */
export async function participantExists(exec: Executor, personalId: string): Promise<boolean> {
  const [p] = await exec
    .select({ id: participants.personalId })
    .from(participants)
    .where(eq(participants.personalId, personalId));
  return p !== undefined;
}

async function verifyPage(
  exec: Executor,
  ids: string[],
  afterRecordsRead?: () => Promise<void>,
): Promise<EbookMismatch[]> {
  // Records and stored books are read in ONE snapshot: a writer that commits a record and its
  // book between the two reads (every activity does both in one transaction) must not look like
  // a mismatch. (Reading them in two statements made "verify" flaky under live traffic.)
  const { books, history } = await inSnapshot(exec, async (tx) => {
    const books = await loadWhole(tx, ids);
    await afterRecordsRead?.();
    return { books, history: await versionHistory(tx, ids) };
  });
  const out: EbookMismatch[] = [];
  for (const id of ids) {
    const book = books.get(id);
    if (!book) continue; // not a participant (a single check of an unknown ID)
    const v = book.version;
    const bad = (kind: EbookMismatchKind, section?: string) =>
      out.push({ personalId: id, kind, storedVersion: v, ...(section ? { section } : {}) });
    if (v === null) {
      out.push({ personalId: id, kind: 'missing', storedVersion: null });
      continue;
    }
    if (book.legacy !== null) {
      const expected = renderEbook(book.records, nativeSha256);
      if (book.legacy !== expected.content) bad('content_differs');
      else if (book.root !== expected.sha256) bad('hash_differs', 'root');
    } else {
      const rendered = renderSections(book.records, nativeSha256);
      const expected = new Map(rendered.map((x) => [x.key, x]));
      const listed = new Map(parseManifest(book.manifest!).sections.map((x) => [x.key, x.sha256]));
      const keys = [...new Set([...expected.keys(), ...book.stored.keys()])].sort();
      let sectionsBad = false;
      for (const key of keys) {
        const want = expected.get(key);
        const have = book.stored.get(key);
        if (want?.content !== have?.content) {
          bad('content_differs', key);
          sectionsBad = true;
        } else if (have!.sha256 !== want!.sha256 || listed.get(key) !== want!.sha256) {
          bad('hash_differs', key);
          sectionsBad = true;
        }
      }
      if (!sectionsBad && book.manifest !== ebookManifest(rendered)) bad('hash_differs', 'manifest');
      else if (!sectionsBad && book.root !== nativeSha256(book.manifest!)) bad('hash_differs', 'root');
    }
    const h = history.get(id);
    if (!h) bad('history_missing');
    else if (h.latest !== v || h.latestSha256 !== book.root) bad('version_differs');
    else if (h.breaks > 0) bad('history_broken');
  }
  return out;
}

/**
 * Each participant's version history summed up in SQL (a page of participants at a time, however
 * long their histories): the latest version and its sha256, and how many versions do not follow
 * the one before (version + 1, prev_hash = its sha256). The first recorded version starts the history.
 */
async function versionHistory(
  exec: Executor,
  ids: string[],
): Promise<Map<string, { latest: number; latestSha256: string; breaks: number }>> {
  const rows = await queryRows<{ p: string; latest: number; sha: string; breaks: string | number }>(
    exec,
    sql`select personal_id as p, max(version) as latest, (array_agg(sha256 order by version desc))[1] as sha,
               count(*) filter (where broken) as breaks
          from (select personal_id, version, sha256,
                       prev_hash <> coalesce(lag(sha256) over w, prev_hash) or version <> coalesce(lag(version) over w + 1, version) as broken
                  from ebook_versions
                 where personal_id in (select json_array_elements_text(${JSON.stringify(ids)}::json))
                window w as (partition by personal_id order by version)) t
         group by personal_id`,
  );
  return new Map(rows.map((r) => [r.p, { latest: Number(r.latest), latestSha256: r.sha, breaks: Number(r.breaks) }]));
}

/** Runs `fn` in one read-only REPEATABLE READ snapshot (inside a caller's transaction: in that one). */
async function inSnapshot<T>(exec: Executor, fn: (tx: Executor) => Promise<T>): Promise<T> {
  if ('rollback' in exec) return fn(exec);
  return exec.transaction(fn, { isolationLevel: 'repeatable read', accessMode: 'read only' });
}

/**
 * E-books from the database: load the records of many participants set-based, render them with
 * domain/ebook.ts, and write them in the caller's transaction. Also the full verification.
 */
import { createHash } from 'node:crypto';
import { asc, eq, gt, inArray, sql } from 'drizzle-orm';
import { EBOOK_SCHEMA, renderEbook, type EbookRecords, type RenderedEbook } from '../../domain/ebook';
import { queryRows, type Db, type Executor, type Tx } from '../client';
import { ebooks, participants } from '../schema';
import { GENESIS_HASH } from './audit';
import { firstMonthOfPerson } from './partitions';

export type StoredEbook = typeof ebooks.$inferSelect;

/** The stored e-book of one participant, or undefined. */
export async function findEbook(exec: Executor, personalId: string): Promise<StoredEbook | undefined> {
  const [book] = await exec.select().from(ebooks).where(eq(ebooks.personalId, personalId));
  return book;
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
  for (const [id, { records }] of await loadForRewrite(exec, personalIds)) out.set(id, records);
  return out;
}

/** The records and, for each, the version of the stored book they are read against (null: none). */
async function loadForRewrite(
  exec: Executor,
  personalIds: string[],
): Promise<Map<string, { records: EbookRecords; version: number | null }>> {
  const out = new Map<string, { records: EbookRecords; version: number | null }>();
  if (personalIds.length === 0) return out;
  const rows = await queryRows<{ r: string; v: number | null }>(
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
              'contributionMonths', coalesce((
                select json_agg(json_build_object('period', m.period, 'employerTaxCode', m.employer_tax_code, 'status', m.status))
                  from contribution_months m
                 -- from the person's first employment: the partitions of earlier years are not read
                 where m.personal_id = p.personal_id and m.period >= ${firstMonthOfPerson(sql`p.personal_id`)}), '[]'::json),
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
            (select b.version from ebooks b where b.personal_id = p.personal_id) as v
          from participants p
         where p.personal_id in (select json_array_elements_text(${JSON.stringify(personalIds)}::json))`,
  );
  for (const { r, v } of rows) {
    const records = JSON.parse(r) as EbookRecords;
    out.set(records.participant.personalId, { records, version: v === null ? null : Number(v) });
  }
  return out;
}

/**
 * Re-renders every e-book whose stored document is of an older schema (after an upgrade that
 * added a section), page by page, one transaction per page. Returns how many were rewritten.
 */
export async function upgradeEbooks(db: Db, pageSize = 1000): Promise<number> {
  let total = 0;
  for (;;) {
    const stale = await db
      .select({ id: ebooks.personalId })
      .from(ebooks)
      .where(sql`position(${`"schema":"${EBOOK_SCHEMA}"`} in ${ebooks.content}) = 0`)
      .limit(pageSize);
    if (stale.length === 0) return total;
    total += await db.transaction((tx) =>
      rewriteEbooks(
        tx,
        stale.map((s) => s.id),
      ),
    );
  }
}

const nativeSha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** Books rendered and written per statement: bounds memory and statement size at any scale. */
export const EBOOK_CHUNK = 5000;

/** Rounds of re-reading books another transaction changed under us before giving up (retryable). */
const MAX_STALE_ROUNDS = 20;

/**
 * Re-renders the e-books of these participants inside the caller's transaction, EBOOK_CHUNK at a
 * time: records from one set-based read, rendered by domain/ebook.ts, written in one upsert; the
 * next chunk is read while this one renders. A book whose content changed gets version + 1; an
 * unchanged one is left as it is. Returns how many changed.
 *
 * Concurrent writers (two reconciliation batches sharing a participant, a declaration during a
 * reconciliation) are handled optimistically: a book is written only if its version is still the
 * one its records were read against — PostgreSQL re-checks that on the latest committed row after
 * waiting for the other writer — and the books skipped that way are read again (a new statement
 * sees the other writer's commit) and rendered again. So a book is never written from a stale read,
 * without locking every book up front.
 */
export async function rewriteEbooks(tx: Tx, personalIds: string[]): Promise<number> {
  let pending = [...new Set(personalIds)].sort();
  let changed = 0;
  for (let round = 0; pending.length > 0; round++) {
    if (round >= MAX_STALE_ROUNDS)
      throw new Error(`e-books kept changing under a concurrent writer (${pending.length} left)`);
    const stale: string[] = [];
    changed += await rewriteRound(tx, pending, stale);
    pending = stale.sort();
  }
  return changed;
}

async function rewriteRound(tx: Tx, ids: string[], stale: string[]): Promise<number> {
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
  let changed = 0;
  const writes: Promise<void>[] = [];
  let next = chunks.length ? settled(loadForRewrite(tx, chunks[0]!)) : null;
  for (let c = 0; c < chunks.length; c++) {
    const loaded = await next!;
    // Queue the next read before this chunk's write: the database reads while this chunk renders.
    next = c + 1 < chunks.length ? settled(loadForRewrite(tx, chunks[c + 1]!)) : null;
    const rows: { p: string; c: string; h: string; v: number | null }[] = [];
    for (const [p, { records, version }] of loaded) {
      const book = renderEbook(records, nativeSha256);
      rows.push({ p, c: book.content, h: book.sha256, v: version });
    }
    // Compare the content too: a stored hash cannot be trusted to describe a book edited behind our back.
    writes.push(
      settled(
        (async () => {
          // The row proposed carries the version it would become (read version + 1, or 1 for a new
          // book), so the conflict clause compares against the latest committed row.
          // Each book written is recorded in its history (ebook_versions) by the same statement.
          const written = await queryRows<{ p: string }>(
            tx,
            sql`with w as (
                  insert into ebooks (personal_id, version, content, sha256)
                  select x.p, coalesce(x.v, 0) + 1, x.c, x.h from json_to_recordset(${JSON.stringify(rows)}::json) as x(p text, c text, h text, v int)
                  on conflict (personal_id) do update
                     set version = excluded.version, content = excluded.content, sha256 = excluded.sha256, updated_at = now()
                   where ebooks.version + 1 = excluded.version
                     and (ebooks.sha256 <> excluded.sha256 or ebooks.content <> excluded.content)
                  returning personal_id, version, sha256),
                h as (
                  insert into ebook_versions (personal_id, version, sha256, prev_hash)
                  select w.personal_id, w.version, w.sha256,
                         coalesce((select v.sha256 from ebook_versions v where v.personal_id = w.personal_id and v.version = w.version - 1), ${GENESIS_HASH})
                    from w)
                select personal_id as p from w`,
          );
          changed += written.length;
          // Skipped because another writer moved the version (a new statement sees its commit).
          const done = new Set(written.map((w) => w.p));
          const check = rows.filter((r) => !done.has(r.p)).map((r) => ({ p: r.p, v: r.v }));
          if (check.length === 0) return;
          const moved = await queryRows<{ p: string }>(
            tx,
            sql`select x.p from json_to_recordset(${JSON.stringify(check)}::json) as x(p text, v int)
                  join ebooks b on b.personal_id = x.p where b.version is distinct from x.v`,
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
 * missing: no book; content_differs / hash_differs: the book is not what the database says;
 * version_differs: the book's version or hash is not its history's latest (a version changed in
 * place); history_broken: the history skips a version or a version's prev_hash is not the previous
 * one's sha256; history_missing: a book with no history.
 */
export type EbookMismatchKind =
  'missing' | 'content_differs' | 'hash_differs' | 'orphan' | 'version_differs' | 'history_broken' | 'history_missing';

export interface EbookMismatch {
  personalId: string;
  kind: EbookMismatchKind;
  storedVersion: number | null;
}

export interface VerifyReport {
  checked: number;
  mismatches: EbookMismatch[];
}

/**
 * Recomputes every e-book from the database, page by page (keyset on personal ID), and reports
 * each book that is missing, differs from what the database says, or whose hash does not match
 * its own content.
 */
export async function verifyEbooks(
  exec: Executor,
  opts: { pageSize?: number; afterRecordsRead?: () => Promise<void> } = {},
): Promise<VerifyReport> {
  const pageSize = opts.pageSize ?? 1000;
  const mismatches: EbookMismatch[] = [];
  let checked = 0;
  let after = '';
  for (;;) {
    const page = await exec
      .select({ personalId: participants.personalId })
      .from(participants)
      .where(gt(participants.personalId, after))
      .orderBy(asc(participants.personalId))
      .limit(pageSize);
    if (page.length === 0) break;
    const ids = page.map((p) => p.personalId);
    after = ids[ids.length - 1]!;
    // Records and stored books are read in ONE snapshot: a writer that commits a record and its
    // book between the two reads (every activity does both in one transaction) must not look like
    // a mismatch. (Reading them in two statements made "verify" flaky under live traffic.)
    const { records, stored, history } = await inSnapshot(exec, async (tx) => {
      const records = await loadEbookRecords(tx, ids);
      await opts.afterRecordsRead?.();
      const stored = new Map(
        (await tx.select().from(ebooks).where(inArray(ebooks.personalId, ids))).map((b) => [b.personalId, b]),
      );
      return { records, stored, history: await versionHistory(tx, ids) };
    });
    for (const id of ids) {
      checked++;
      const expected: RenderedEbook = renderEbook(records.get(id)!, nativeSha256);
      const book = stored.get(id);
      if (!book) mismatches.push({ personalId: id, kind: 'missing', storedVersion: null });
      else if (book.content !== expected.content)
        mismatches.push({ personalId: id, kind: 'content_differs', storedVersion: book.version });
      else if (book.sha256 !== expected.sha256)
        mismatches.push({ personalId: id, kind: 'hash_differs', storedVersion: book.version });
      if (!book) continue;
      const h = history.get(id);
      if (!h) mismatches.push({ personalId: id, kind: 'history_missing', storedVersion: book.version });
      else if (h.latest !== book.version || h.latestSha256 !== book.sha256)
        mismatches.push({ personalId: id, kind: 'version_differs', storedVersion: book.version });
      else if (h.breaks > 0) mismatches.push({ personalId: id, kind: 'history_broken', storedVersion: book.version });
    }
  }
  return { checked, mismatches };
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

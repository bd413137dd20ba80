/**
 * E-books from the database: load the records of many participants set-based, render them with
 * domain/ebook.ts, and write them in the caller's transaction. Also the full verification.
 */
import { asc, gt, inArray, sql } from 'drizzle-orm';
import { EBOOK_SCHEMA, renderEbook, type EbookRecords, type RenderedEbook } from '../../domain/ebook';
import type { Db, Executor, Tx } from '../client';
import { contributionMonths, ebooks, employers, employments, hiCards, participants, salaryHistory } from '../schema';

/** Everything the e-books of these participants show, read in four set-based queries. */
export async function loadEbookRecords(exec: Executor, personalIds: string[]): Promise<Map<string, EbookRecords>> {
  const out = new Map<string, EbookRecords>();
  if (personalIds.length === 0) return out;
  const people = await exec.select().from(participants).where(inArray(participants.personalId, personalIds));
  for (const p of people) {
    out.set(p.personalId, {
      participant: {
        personalId: p.personalId,
        siNumber: p.siNumber,
        fullName: p.fullName,
        dateOfBirth: p.dateOfBirth,
        gender: p.gender,
        nationality: p.nationality,
      },
      employments: [],
      hiCards: [],
      contributionMonths: [],
    });
  }
  const jobs = await exec
    .select({
      id: employments.id,
      personalId: employments.personalId,
      employerTaxCode: employments.employerTaxCode,
      employerName: employers.name,
      unitCode: employers.unitCode,
      startMonth: employments.startMonth,
      endMonth: employments.endMonth,
      jobTitle: employments.jobTitle,
      contractType: employments.contractType,
    })
    .from(employments)
    .innerJoin(employers, sql`${employers.taxCode} = ${employments.employerTaxCode}`)
    .where(inArray(employments.personalId, personalIds));
  const salaries = jobs.length
    ? await exec
        .select({ employmentId: salaryHistory.employmentId, effectiveMonth: salaryHistory.effectiveMonth, amount: salaryHistory.amount })
        .from(salaryHistory)
        .where(inArray(salaryHistory.employmentId, jobs.map((j) => j.id)))
    : [];
  const salariesByJob = new Map<number, { effectiveMonth: string; amount: string }[]>();
  for (const s of salaries) {
    const list = salariesByJob.get(Number(s.employmentId)) ?? [];
    list.push({ effectiveMonth: s.effectiveMonth, amount: s.amount });
    salariesByJob.set(Number(s.employmentId), list);
  }
  for (const j of jobs) {
    out.get(j.personalId)?.employments.push({
      employerTaxCode: j.employerTaxCode,
      employerName: j.employerName,
      unitCode: j.unitCode,
      startMonth: j.startMonth,
      endMonth: j.endMonth,
      jobTitle: j.jobTitle,
      contractType: j.contractType,
      salaries: salariesByJob.get(Number(j.id)) ?? [],
    });
  }
  const cards = await exec.select().from(hiCards).where(inArray(hiCards.personalId, personalIds));
  for (const c of cards) {
    out.get(c.personalId)?.hiCards.push({
      cardCode: c.cardCode,
      payerKind: c.payerKind,
      payerTaxCode: c.payerTaxCode,
      benefitLevel: c.benefitLevel,
      validFrom: c.validFrom,
      validTo: c.validTo,
      initialFacilityCode: c.initialFacilityCode,
      fiveYearsFrom: c.fiveYearsFrom,
    });
  }
  const months = await exec.select().from(contributionMonths).where(inArray(contributionMonths.personalId, personalIds));
  for (const m of months) out.get(m.personalId)?.contributionMonths.push({ period: m.period, employerTaxCode: m.employerTaxCode, status: m.status });
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
    total += await db.transaction((tx) => rewriteEbooks(tx, stale.map((s) => s.id)));
  }
}

/**
 * Re-renders the e-books of these participants inside the caller's transaction. A book whose
 * content changed gets version + 1; an unchanged one is left as it is. Returns how many changed.
 */
export async function rewriteEbooks(tx: Tx, personalIds: string[]): Promise<number> {
  const unique = [...new Set(personalIds)];
  if (unique.length === 0) return 0;
  const records = await loadEbookRecords(tx, unique);
  const rows = [...records.values()].map((r) => {
    const book = renderEbook(r);
    return { personalId: r.participant.personalId, version: 1, content: book.content, sha256: book.sha256 };
  });
  let changed = 0;
  for (let i = 0; i < rows.length; i += 1000) {
    const written = await tx
      .insert(ebooks)
      .values(rows.slice(i, i + 1000))
      .onConflictDoUpdate({
        target: ebooks.personalId,
        set: {
          version: sql`${ebooks.version} + 1`,
          content: sql`excluded.content`,
          sha256: sql`excluded.sha256`,
          updatedAt: sql`now()`,
        },
        // Compare the content too: a stored hash cannot be trusted to describe a book edited behind our back.
        setWhere: sql`${ebooks.sha256} <> excluded.sha256 or ${ebooks.content} <> excluded.content`,
      })
      .returning({ personalId: ebooks.personalId });
    changed += written.length;
  }
  return changed;
}

export type EbookMismatchKind = 'missing' | 'content_differs' | 'hash_differs' | 'orphan';

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
export async function verifyEbooks(exec: Executor, opts: { pageSize?: number } = {}): Promise<VerifyReport> {
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
    const records = await loadEbookRecords(exec, ids);
    const stored = new Map(
      (await exec.select().from(ebooks).where(inArray(ebooks.personalId, ids))).map((b) => [b.personalId, b]),
    );
    for (const id of ids) {
      checked++;
      const expected: RenderedEbook = renderEbook(records.get(id)!);
      const book = stored.get(id);
      if (!book) mismatches.push({ personalId: id, kind: 'missing', storedVersion: null });
      else if (book.content !== expected.content) mismatches.push({ personalId: id, kind: 'content_differs', storedVersion: book.version });
      else if (book.sha256 !== expected.sha256) mismatches.push({ personalId: id, kind: 'hash_differs', storedVersion: book.version });
    }
  }
  return { checked, mismatches };
}

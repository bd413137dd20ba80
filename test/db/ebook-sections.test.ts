/**
 * The e-book stored in sections (issue 16; Law 41/2024 Art.25: the book equals the database, updated
 * in the same transaction): a book read back is the whole rendering, byte for byte; a month's
 * rewrite touches only its year's section and the root; `ebook verify` re-derives every section and
 * finds each kind of tampering; a book stored whole before migration 0032 is read, verified and
 * upgraded.
 */
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, queryRows } from '../../db/client';
import {
  findEbook,
  loadEbookRecords,
  rewriteEbooks,
  upgradeEbooks,
  verifyEbookOf,
  verifyEbooks,
} from '../../db/queries/ebooks';
import { computeContribution } from '../../domain/contributions';
import { parseManifest, renderEbook } from '../../domain/ebook';
import { DomainError } from '../../domain/errors';
import { formatSiNumber, formatUnitCode } from '../../domain/onboarding';
import { verifyParticipantEbook } from '../../services/ebooks';
import { createClaimant, type Claimant } from '../setup/claimants';
import { createTestDatabase, type TestDatabase } from '../setup/harness';

const sha = (t: string) => createHash('sha256').update(t, 'utf8').digest('hex');
let tdb: TestDatabase;
let a: Claimant;
let b: Claimant;

beforeAll(async () => {
  tdb = await createTestDatabase('sections');
  a = await createClaimant(tdb.db, { lastMonth: '2026-09', months: 96, salary: 10_000_000, unpaid: ['2024-03'] });
  b = await createClaimant(tdb.db, { lastMonth: '2026-09', months: 14, salary: 8_000_000 });
});
afterAll(async () => {
  await tdb?.drop();
});

const sectionRows = (personalId: string) =>
  queryRows<{ section: string; content: string; sha256: string }>(
    tdb.db,
    sql`select section, content, sha256 from ebook_sections where personal_id = ${personalId} order by section`,
  );
const bookRow = async (personalId: string) =>
  (
    await queryRows<{ version: number; root: string; sections: string | null; content: string | null }>(
      tdb.db,
      sql`select version, root, sections, content from ebooks where personal_id = ${personalId}`,
    )
  )[0]!;
const expectedContent = async (personalId: string) =>
  renderEbook((await loadEbookRecords(tdb.db, [personalId])).get(personalId)!).content;
/** One participant's contribution month of 10,000,000 a month's salary, written through `exec` (a transaction or the pool). */
function insertMonth(
  exec: { execute: typeof tdb.db.execute },
  m: { personalId: string; employer: string; period: string; status: string },
) {
  const x = computeContribution({ month: m.period, salary: '10000000', region: 'I' });
  return exec.execute(sql`insert into contribution_months (personal_id, employer_tax_code, period, status, salary, employee_amount, employer_amount, amount, lines)
    values (${m.personalId}, ${m.employer}, ${m.period}, ${m.status}, 10000000, ${x.employee.total}, ${x.employer.total}, ${x.total}, ${x.lines.length})`);
}
/** A contribution month added as a reconciliation adds it (its employer's period paid in full). */
async function addMonth(c: Claimant, period: string): Promise<void> {
  const x = computeContribution({ month: period, salary: '10000000', region: 'I' });
  await insertMonth(tdb.db, { personalId: c.personalId, employer: c.taxCode, period, status: 'credited' });
  await tdb.db
    .execute(sql`insert into employer_periods (employer_tax_code, period, due, paid, outstanding, late_charge, charge_paid, max_days_late, evasion, status, as_of, employees)
    values (${c.taxCode}, ${period}, ${x.total}, ${x.total}, 0, 0, 0, 0, false, 'paid', ${`${period}-28`}, 1) on conflict do nothing`);
}

describe('an e-book in sections', () => {
  it('is stored as one section per part and per year of months under a root over their hashes, and reads back as the whole rendering byte for byte', async () => {
    const rows = await sectionRows(a.personalId);
    expect(rows.map((r) => r.section)).toEqual([
      'employments',
      'hiCards',
      'identity',
      ...['2018', '2019', '2020', '2021', '2022', '2023', '2024', '2025', '2026'].map((y) => `months/${y}`),
      'unemploymentBenefits',
    ]);
    for (const r of rows) expect(r.sha256).toBe(sha(r.content));
    const book = await bookRow(a.personalId);
    expect(book.content).toBeNull();
    expect(parseManifest(book.sections!).sections).toEqual(rows.map((r) => ({ key: r.section, sha256: r.sha256 })));
    expect(book.root).toBe(sha(book.sections!));
    const read = (await findEbook(tdb.db, a.personalId))!;
    expect(read.content).toBe(await expectedContent(a.personalId));
    expect(read.sha256).toBe(sha(read.content));
    expect(read.root).toBe(book.root);
    // The version history chains roots.
    const [h] = await queryRows<{ sha256: string }>(
      tdb.db,
      sql`select sha256 from ebook_versions where personal_id = ${a.personalId} order by version desc limit 1`,
    );
    expect(h!.sha256).toBe(book.root);
    expect(await verifyEbooks(tdb.db)).toEqual({ checked: 2, mismatches: [] });
  });

  it("rewrites only the month's year section and the root when a reconciliation names the month", async () => {
    const before = await sectionRows(a.personalId);
    const v = (await bookRow(a.personalId)).version;
    await addMonth(a, '2026-10');
    const written = await tdb.db.transaction((tx) =>
      rewriteEbooks(tx, [a.personalId, b.personalId], { months: ['2026-10'] }),
    );
    expect(written).toBe(1); // b has no month in 2026-10: its book is untouched
    const after = await sectionRows(a.personalId);
    const changed = after.filter((r) => before.find((x) => x.section === r.section)?.content !== r.content);
    expect(changed.map((r) => r.section)).toEqual(['months/2026']);
    expect(after.length).toBe(before.length);
    expect((await bookRow(a.personalId)).version).toBe(v + 1);
    expect((await findEbook(tdb.db, a.personalId))!.content).toBe(await expectedContent(a.personalId));
    // The same again writes nothing.
    expect(await tdb.db.transaction((tx) => rewriteEbooks(tx, [a.personalId], { months: ['2026-10'] }))).toBe(0);
    expect(await verifyEbooks(tdb.db)).toEqual({ checked: 2, mismatches: [] });
  });

  it('two transactions writing the same book: the second, having read it before the first committed, waits, sees its version moved, reads again and writes both changes', async () => {
    const p = a.personalId;
    const v = (await bookRow(p)).version;
    const monthIn = (tx: { execute: typeof tdb.db.execute }, period: string) =>
      insertMonth(tx, { personalId: p, employer: a.taxCode, period, status: 'declared_unpaid' });
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let firstWrote!: () => void;
    const wrote = new Promise<void>((r) => (firstWrote = r));
    const first = tdb.db.transaction(async (tx) => {
      await monthIn(tx, '2026-11');
      expect(await rewriteEbooks(tx, [p], { months: ['2026-11'] })).toBe(1);
      firstWrote();
      await held; // the book's row stays locked at v + 1, uncommitted
    });
    await wrote;
    const second = tdb.db.transaction(async (tx) => {
      await monthIn(tx, '2026-12');
      // Reads version v (the first is not committed), then waits on the first's row lock.
      return rewriteEbooks(tx, [p], { months: ['2026-12'] });
    });
    // Commit the first only once the second is waiting on it.
    for (let i = 0; ; i++) {
      const [w] = await queryRows<{ n: number }>(
        tdb.db,
        sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
      );
      if (w!.n > 0) break;
      if (i > 200) throw new Error('the second writer never waited on the first');
      await new Promise((r) => setTimeout(r, 25));
    }
    release();
    await first;
    expect(await second).toBe(1);
    expect((await bookRow(p)).version).toBe(v + 2);
    const content = (await findEbook(tdb.db, p))!.content;
    expect(content).toBe(await expectedContent(p));
    expect(content).toContain('"period":"2026-11"');
    expect(content).toContain('"period":"2026-12"');
    expect(await verifyEbooks(tdb.db)).toEqual({ checked: 2, mismatches: [] });
    await tdb.db.execute(
      sql`delete from contribution_months where personal_id = ${p} and period in ('2026-11', '2026-12')`,
    );
    await tdb.db.transaction((tx) => rewriteEbooks(tx, [p], { months: ['2026-11', '2026-12'] }));
  });

  it("a reconciliation's splice: the year from the stored section with the batch's employers' months of the period replaced, other employers' kept, no month read; an untrusted section is read from the months", async () => {
    const p = a.personalId;
    const other = b.taxCode; // an employer outside the batch
    const month = (employerTaxCode: string, status: string) => ({ employerTaxCode, period: '2026-11', status });
    const insert = (employer: string, status: string) =>
      insertMonth(tdb.db, { personalId: p, employer, period: '2026-11', status });
    const splice = (rows: ReturnType<typeof month>[]) =>
      tdb.db.transaction((tx) =>
        rewriteEbooks(tx, [p], {
          splice: { period: '2026-11', employers: new Set([a.taxCode]), rows: new Map([[p, rows]]) },
        }),
      );
    // The other employer's month of the period is on the book already.
    await insert(other, 'credited');
    await tdb.db.transaction((tx) => rewriteEbooks(tx, [p], { months: ['2026-11'] }));
    const before = await sectionRows(p);
    const v = (await bookRow(p)).version;
    // The batch writes its employer's month and says so.
    await insert(a.taxCode, 'declared_unpaid');
    expect(await splice([month(a.taxCode, 'declared_unpaid')])).toBe(1);
    const after = await sectionRows(p);
    expect(
      after.filter((r) => before.find((x) => x.section === r.section)?.content !== r.content).map((r) => r.section),
    ).toEqual(['months/2026']);
    const content = (await findEbook(tdb.db, p))!.content;
    expect(content).toBe(await expectedContent(p));
    expect(content).toContain(`{"employerTaxCode":"${other}","period":"2026-11","status":"credited"}`);
    expect((await bookRow(p)).version).toBe(v + 1);
    expect(await verifyEbooks(tdb.db)).toEqual({ checked: 2, mismatches: [] });
    // What the batch says it wrote is what the book shows (the months are not read back): rows
    // that disagree with the database are found by verify.
    expect(await splice([month(a.taxCode, 'credited')])).toBe(1);
    expect((await verifyEbookOf(tdb.db, p)).mismatches.map((m) => [m.kind, m.section])).toEqual([
      ['content_differs', 'months/2026'],
    ]);
    expect(await splice([month(a.taxCode, 'declared_unpaid')])).toBe(1);
    expect(await verifyEbooks(tdb.db)).toEqual({ checked: 2, mismatches: [] });
    // A stored section whose hash is not its content's is not spliced into: the year is read from the months.
    await tdb.db.execute(
      sql`update ebook_sections set content = replace(content, '"credited"', '"declared_unpaid"') where personal_id = ${p} and section = 'months/2026'`,
    );
    expect(await splice([month(a.taxCode, 'declared_unpaid')])).toBe(1);
    expect((await findEbook(tdb.db, p))!.content).toBe(await expectedContent(p));
    expect(await verifyEbooks(tdb.db)).toEqual({ checked: 2, mismatches: [] });
    await tdb.db.execute(sql`delete from contribution_months where personal_id = ${p} and period = '2026-11'`);
    await tdb.db.transaction((tx) => rewriteEbooks(tx, [p], { months: ['2026-11'] }));
    expect(await verifyEbooks(tdb.db)).toEqual({ checked: 2, mismatches: [] });
  });

  it('a change that touches no month (a claim step) reads and rewrites only the member sections, and the book is the whole rendering', async () => {
    const p = b.personalId;
    const years = async () =>
      queryRows<{ section: string; x: string }>(
        tdb.db,
        sql`select section, xmin::text as x from ebook_sections where personal_id = ${p} and section like 'months/%' order by section`,
      );
    const before = await sectionRows(p);
    const yearsBefore = await years();
    const v = (await bookRow(p)).version;
    await tdb.db.execute(sql`update participants set full_name = 'Trần Thị Mới' where personal_id = ${p}`);
    expect(await tdb.db.transaction((tx) => rewriteEbooks(tx, [p], { members: true }))).toBe(1);
    const after = await sectionRows(p);
    const changed = after.filter((r) => before.find((x) => x.section === r.section)?.content !== r.content);
    expect(changed.map((r) => r.section)).toEqual(['identity']);
    // The year sections' rows were not written (same row versions), and are still listed.
    expect(await years()).toEqual(yearsBefore);
    expect(parseManifest((await bookRow(p)).sections!).sections.map((x) => x.key)).toEqual(after.map((r) => r.section));
    expect((await bookRow(p)).version).toBe(v + 1);
    expect((await findEbook(tdb.db, p))!.content).toBe(await expectedContent(p));
    expect(await tdb.db.transaction((tx) => rewriteEbooks(tx, [p], { members: true }))).toBe(0);
    // A month changed is not what `members` covers: the whole rewrite still sees it.
    await addMonth(b, '2026-10');
    expect(await tdb.db.transaction((tx) => rewriteEbooks(tx, [p], { members: true }))).toBe(0);
    expect(await tdb.db.transaction((tx) => rewriteEbooks(tx, [p]))).toBe(1);
    expect((await findEbook(tdb.db, p))!.content).toBe(await expectedContent(p));
    expect(await verifyEbooks(tdb.db)).toEqual({ checked: 2, mismatches: [] });
  });

  it("adds a new year's section for a month of a new year, and drops a year's section when its last month goes", async () => {
    await addMonth(a, '2027-01');
    await tdb.db.transaction((tx) => rewriteEbooks(tx, [a.personalId], { months: ['2027-01'] }));
    expect((await sectionRows(a.personalId)).map((r) => r.section)).toContain('months/2027');
    await tdb.db.execute(
      sql`delete from contribution_months where personal_id = ${a.personalId} and period >= '2018-01' and period <= '2018-12'`,
    );
    // Any writer but the reconciliation renders the whole book and writes what differs.
    expect(await tdb.db.transaction((tx) => rewriteEbooks(tx, [a.personalId]))).toBe(1);
    const keys = (await sectionRows(a.personalId)).map((r) => r.section);
    expect(keys).not.toContain('months/2018');
    expect((await findEbook(tdb.db, a.personalId))!.content).toBe(await expectedContent(a.personalId));
    expect(await verifyEbooks(tdb.db)).toEqual({ checked: 2, mismatches: [] });
  });

  it('verify re-derives every section and finds a section edited, removed or added, a manifest and a root changed; a rewrite puts each right', async () => {
    const p = a.personalId;
    const v = (await bookRow(p)).version;
    const mismatchesAfter = async (tamper: ReturnType<typeof sql>) => {
      await tdb.db.execute(tamper);
      const report = await verifyEbookOf(tdb.db, p);
      const all = await verifyEbooks(tdb.db, { pageSize: 1 });
      expect(all.mismatches).toEqual(report.mismatches);
      await tdb.db.transaction((tx) => rewriteEbooks(tx, [p]));
      expect(await verifyEbooks(tdb.db)).toEqual({ checked: 2, mismatches: [] });
      return report.mismatches.map((m) => [m.kind, m.section ?? null]);
    };
    expect(
      await mismatchesAfter(
        sql`update ebook_sections set content = replace(content, '"credited"', '"declared_unpaid"') where personal_id = ${p} and section = 'months/2021'`,
      ),
    ).toEqual([['content_differs', 'months/2021']]);
    expect(
      await mismatchesAfter(sql`delete from ebook_sections where personal_id = ${p} and section = 'hiCards'`),
    ).toEqual([['content_differs', 'hiCards']]);
    expect(
      await mismatchesAfter(
        sql`insert into ebook_sections (personal_id, section, content, sha256) values (${p}, 'months/2030', '{}', ${sha('{}')})`,
      ),
    ).toEqual([['content_differs', 'months/2030']]);
    expect(
      await mismatchesAfter(
        sql`update ebook_sections set sha256 = ${sha('x')} where personal_id = ${p} and section = 'identity'`,
      ),
    ).toEqual([['hash_differs', 'identity']]);
    expect(
      await mismatchesAfter(
        sql`update ebooks set sections = replace(sections, 'identity ', 'identity 0') where personal_id = ${p}`,
      ),
    ).toEqual([['hash_differs', 'identity']]);
    expect(await mismatchesAfter(sql`update ebooks set root = repeat('1', 64) where personal_id = ${p}`)).toEqual([
      ['hash_differs', 'root'],
      ['version_differs', null],
    ]);
    // Each repair was a new version.
    expect((await bookRow(p)).version).toBe(v + 6);
    await expect(verifyParticipantEbook(tdb.db, '079190000001')).rejects.toThrow(DomainError);
  });

  it('a book stored whole (before migration 0032) is read and verified as it is, then upgraded into sections as a new version', async () => {
    const p = b.personalId;
    const content = await expectedContent(p);
    await tdb.db.transaction(async (tx) => {
      await tx.execute(sql`delete from ebook_sections where personal_id = ${p}`);
      await tx.execute(
        sql`update ebooks set content = ${content}, sections = null, root = ${sha(content)}, version = version + 1 where personal_id = ${p}`,
      );
      await tx.execute(sql`insert into ebook_versions (personal_id, version, sha256, prev_hash)
        select personal_id, version, root, (select v.sha256 from ebook_versions v where v.personal_id = ${p} and v.version = ebooks.version - 1)
          from ebooks where personal_id = ${p}`);
    });
    const legacy = (await findEbook(tdb.db, p))!;
    expect(legacy.content).toBe(content);
    expect(legacy.root).toBe(sha(content));
    expect(await verifyEbookOf(tdb.db, p)).toEqual({ checked: 1, mismatches: [] });
    const v = (await bookRow(p)).version;
    expect(await upgradeEbooks(tdb.db)).toBe(1);
    const row = await bookRow(p);
    expect(row).toMatchObject({ version: v + 1, content: null });
    expect((await sectionRows(p)).length).toBeGreaterThan(3);
    expect((await findEbook(tdb.db, p))!.content).toBe(content);
    expect(await upgradeEbooks(tdb.db)).toBe(0);
    expect(await verifyEbooks(tdb.db)).toEqual({ checked: 2, mismatches: [] });
  });
});

describe('embedded PGlite (the default database)', () => {
  it('stores, rewrites by month, reads back and verifies a book in sections', async () => {
    const h = await openDatabase({});
    try {
      await h.migrate();
      await h.db
        .execute(sql`insert into employers (tax_code, name, address, province_code, wage_region, category, status, unit_code)
        values ('0100109106', 'Công ty Nhúng', 'Huế', '46', 'II', 'enterprise', 'active', ${formatUnitCode('46', 7)})`);
      const pid = '046190000123';
      await h.db.execute(sql`insert into participants (personal_id, si_number, full_name, date_of_birth, gender)
        values (${pid}, ${formatSiNumber('46', 7)}, 'Người Nhúng', '1990-01-01', 'female')`);
      await h.db
        .execute(sql`insert into employments (personal_id, employer_tax_code, start_month, job_title, contract_type)
        values (${pid}, '0100109106', '2025-12', 'Kế toán', 'indefinite')`);
      const month = (period: string) =>
        h.db
          .execute(sql`insert into contribution_months (personal_id, employer_tax_code, period, status, salary, employee_amount, employer_amount, amount, lines)
          values (${pid}, '0100109106', ${period}, 'credited', 5000000, 525000, 1075000, 1600000, 8)`);
      await month('2025-12');
      expect(await h.db.transaction((tx) => rewriteEbooks(tx, [pid]))).toBe(1);
      await month('2026-01');
      expect(await h.db.transaction((tx) => rewriteEbooks(tx, [pid], { months: ['2026-01'] }))).toBe(1);
      const book = (await findEbook(h.db, pid))!;
      expect(book.version).toBe(2);
      expect(book.content).toBe(renderEbook((await loadEbookRecords(h.db, [pid])).get(pid)!).content);
      expect(JSON.parse(book.content).contributionMonths.map((m: { period: string }) => m.period)).toEqual([
        '2025-12',
        '2026-01',
      ]);
      expect(await verifyEbooks(h.db)).toEqual({ checked: 1, mismatches: [] });
    } finally {
      await h.close();
    }
  });
});

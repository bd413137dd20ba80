/**
 * contribution_months is range-partitioned by period, one partition per year (migration 0030), and
 * every statement that reads or writes it prunes (issue 15). The plans are checked on real
 * PostgreSQL, not for a hand-picked list: every statement the real query functions issue while a
 * reconciliation, a declaration, a payment, e-book rewrites, a claim's months, a declaration case and
 * the ledger check run is captured (postgres.js `debug`), then EXPLAIN ANALYZEd with its parameters
 * as a custom and as a generic plan; the partitions it reads must lie between the first employment
 * of the people and employers it names and its latest month parameter. Every `sql` template of
 * db/queries that names the table must be among the statements captured, and no other room may
 * name it, so a new statement is either checked here or fails this file.
 * Also: the out-of-range month's code, the maintenance step (ahead, idempotent, concurrent, as
 * ansinh_app, gives up under a lock), `ansinh db partitions`, rows kept by the migration, PGlite.
 * @date-sensitive The fixture's months are counted from the test clock's month; it passes on any date.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createReconciliationActivities } from '../../activities/reconciliation';
import { toFailure } from '../../activities/errors';
import { runProgram, type CliContext } from '../../cli/program';
import { MIGRATIONS_FOLDER, openDatabase, queryRows, type Db } from '../../db/client';
import { classifyDatabaseError } from '../../db/errors';
import { creditedMonths } from '../../db/queries/claims';
import { caseMonthsFacts, creditedCaseWorkflows } from '../../db/queries/declaration-cases';
import { loadEbookRecords, rewriteEbooks } from '../../db/queries/ebooks';
import {
  contributionPartitions,
  ensureContributionPartitions,
  keepPartitionsAhead,
  partitionHorizon,
} from '../../db/queries/partitions';
import { creditedMonthsNotPaid } from '../../db/queries/payments';
import * as schema from '../../db/schema';
import { rng, samplePersonalId, sampleTaxCode } from '../../dev/sample';
import { addMonths, monthOf, type Month } from '../../domain/calendar';
import { formatSiNumber, formatUnitCode } from '../../domain/onboarding';
import { declare } from '../../services/declarations';
import { recordPayment } from '../../services/payments';
import { createTestDatabase, testClock, type TestDatabase } from '../setup/harness';
import { ADMIN_URL, databaseUrl } from '../setup/pg';

const ROOT = path.join(__dirname, '..', '..');
const M0 = monthOf(testClock.today());
const year = (m: Month) => Number(m.slice(0, 4));

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase('partitions');
});
afterAll(async () => {
  await tdb?.drop();
});

// ---------------------------------------------------------------------------------------------
// The fixture: two employers, three people whose first employments start 30, 20 and 6 months ago.

const r = rng(30_030);
const A = sampleTaxCode(r);
const B = sampleTaxCode(r);
const P1 = samplePersonalId(r, '1985-04-02', 'female', 300_301);
const P2 = samplePersonalId(r, '1990-07-19', 'male', 300_302);
const P3 = samplePersonalId(r, '1998-11-30', 'female', 300_303);
const START = { [P1]: addMonths(M0, -30), [P2]: addMonths(M0, -20), [P3]: addMonths(M0, -6) };
const OLD = addMonths(M0, -18);
const RECENT = addMonths(M0, -2);

async function seedFixture(db: Db): Promise<void> {
  for (const [i, code] of [A, B].entries())
    await db.execute(sql`insert into employers (tax_code, name, address, province_code, wage_region, category, status, unit_code)
      values (${code}, ${`Công ty Phân Vùng ${i}`}, 'Hà Nội', '01', 'I', 'enterprise', 'active', ${formatUnitCode('01', 77_000 + i)})`);
  for (const [i, [person, employer]] of (
    [
      [P1, A],
      [P2, A],
      [P3, B],
    ] as const
  ).entries()) {
    await db.execute(sql`insert into participants (personal_id, si_number, full_name, date_of_birth, gender, nationality)
      values (${person}, ${formatSiNumber('01', 30_030_000 + i)}, ${`Người Phân Vùng ${i}`}, '1990-01-01', 'female', 'VN')`);
    const [job] = await queryRows<{ id: number }>(
      db,
      sql`insert into employments (personal_id, employer_tax_code, start_month, job_title, contract_type)
          values (${person}, ${employer}, ${START[person]!}, 'Kế toán', 'indefinite') returning id`,
    );
    await db.execute(
      sql`insert into salary_history (employment_id, effective_month, amount) values (${job!.id}, ${START[person]!}, 12000000)`,
    );
  }
  // A case against B over months of P3's employment (the statement "all its months credited?").
  await db.execute(sql`insert into declaration_cases (personal_id, employer_tax_code, from_month, to_month, anonymous, status,
      opened_by, opened_at, opened_on, workflow_id, updated_at)
    values (${P3}, ${B}, ${addMonths(M0, -5)}, ${RECENT}, false, 'awaiting_employer', 'p:partitions', now(),
            ${testClock.today()}, 'declaration-case:partitions-test', now())`);
}

// ---------------------------------------------------------------------------------------------
// The checker: a statement's plan, the partitions it reads, and the partitions its bounds allow.

interface Captured {
  query: string;
  params: unknown[];
}

const literal = (v: unknown): string =>
  v === null || v === undefined
    ? 'NULL'
    : typeof v === 'number' || typeof v === 'bigint'
      ? String(v)
      : typeof v === 'boolean'
        ? `'${v}'`
        : `'${(v instanceof Date ? v.toISOString() : String(v)).replace(/'/g, "''")}'`;

interface PlanNode {
  'Relation Name'?: string;
  'Actual Loops'?: number;
  Plans?: PlanNode[];
}

/** The years of the partitions a plan reads (executed nodes only: pruned ones are absent or never executed). */
function yearsRead(node: PlanNode, analyzed: boolean, out = new Set<number>()): Set<number> {
  const m = /^contribution_months_y([0-9]{4})$/.exec(node['Relation Name'] ?? '');
  if (m && (!analyzed || (node['Actual Loops'] ?? 0) > 0)) out.add(Number(m[1]));
  for (const child of node.Plans ?? []) yearsRead(child, analyzed, out);
  return out;
}

const MODES = ['force_custom_plan', 'force_generic_plan'] as const;

/** The partitions a statement reads, run with its parameters (then rolled back) under a plan cache mode. */
async function readsOf(c: postgres.Sql, s: Captured, mode: (typeof MODES)[number]): Promise<Set<number>> {
  // An INSERT routes each row to its partition; re-running it would meet the rows it wrote: EXPLAIN only.
  const analyzed = !/^\s*insert\s+into\s+contribution_months\b/i.test(s.query);
  const r = await c.reserve();
  try {
    await r.unsafe('begin');
    await r.unsafe(`set local plan_cache_mode = ${mode}`);
    await r.unsafe(`prepare partition_probe as ${s.query}`);
    const args = s.params.length ? `(${s.params.map(literal).join(', ')})` : '';
    const rows = await r.unsafe(
      `explain (${analyzed ? 'analyze, timing off, summary off, ' : ''}costs off, format json) execute partition_probe${args}`,
    );
    const raw = (rows[0] as Record<string, unknown>)['QUERY PLAN'];
    const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: PlanNode }[];
    return yearsRead(plan[0]!.Plan, analyzed);
  } finally {
    await r.unsafe('rollback').catch(() => {});
    await r.unsafe('deallocate partition_probe').catch(() => {});
    r.release();
  }
}

/** Every string a parameter holds (a JSON array or object parameter included). */
function stringsOf(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') {
    out.push(v);
    if (/^[[{]/.test(v)) {
      try {
        stringsOf(JSON.parse(v), out);
      } catch {
        /* not JSON */
      }
    }
  } else if (Array.isArray(v)) for (const x of v) stringsOf(x, out);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) stringsOf(x, out);
  return out;
}

const MONTH_RE = /^[0-9]{4}-(0[1-9]|1[0-2])$/;

/**
 * The years a statement may read: from the first employment of the people (12-digit IDs) and
 * employers (tax codes) its parameters name — of every employment when it names none — through its
 * latest month parameter (no such parameter: the last partition). No month lies before a first
 * employment, and a statement with a month parameter has no business after it.
 */
async function allowedOf(c: postgres.Sql, s: Captured): Promise<{ from: number; to: number }> {
  const strings = s.params.flatMap((p) => stringsOf(p));
  const people = strings.filter((x) => /^[0-9]{12}$/.test(x));
  const employers = strings.filter((x) => /^[0-9]{10}(-[0-9]{3})?$/.test(x));
  const [row] =
    people.length + employers.length
      ? await c<{ first: string | null }[]>`select min(start_month) as first from employments
          where personal_id = any(${people}) or employer_tax_code = any(${employers})`
      : await c<{ first: string | null }[]>`select min(start_month) as first from employments`;
  const months = s.params.filter((p): p is string => typeof p === 'string' && MONTH_RE.test(p)).sort();
  return {
    from: row!.first ? year(row!.first) : Number.POSITIVE_INFINITY,
    to: months.length ? year(months[months.length - 1]!) : Number.POSITIVE_INFINITY,
  };
}

/** What is wrong with a statement's plans (empty when each mode reads only what its bounds allow). */
async function findings(c: postgres.Sql, s: Captured): Promise<string[]> {
  const allowed = await allowedOf(c, s);
  const out: string[] = [];
  for (const mode of MODES) {
    const years = [...(await readsOf(c, s, mode))].sort();
    const outside = years.filter((y) => y < allowed.from || y > allowed.to);
    if (outside.length)
      out.push(
        `${mode}: reads ${outside.length} partition(s) outside ${allowed.from}..${allowed.to} (${outside.join(', ')}): ${s.query.replace(/\s+/g, ' ').slice(0, 160)}`,
      );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// What the source says: every `sql` template that names the table.

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

function filesUnder(dir: string): string[] {
  return (readdirSync(path.join(ROOT, dir), { recursive: true }) as string[])
    .filter((f) => /\.tsx?$/.test(f))
    .map((f) => path.join(dir, f));
}

interface Template {
  at: string;
  parts: string[];
}

/** The `sql` tagged templates of a file whose text names contribution_months, as their static parts. */
function templatesNamingTheTable(file: string): Template[] {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: Template[] = [];
  const visit = (n: ts.Node) => {
    if (ts.isTaggedTemplateExpression(n) && /^(?:[\w.]+\.)?sql!?$/.test(n.tag.getText(sf))) {
      const t = n.template;
      const parts = ts.isNoSubstitutionTemplateLiteral(t)
        ? [t.text]
        : [t.head.text, ...t.templateSpans.map((s) => s.literal.text)];
      if (parts.some((p) => /\bcontribution_months\b/.test(p)))
        out.push({ at: `${file}:${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1}`, parts });
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

/** Whether a statement's text holds a template's static parts, in order. */
function holds(query: string, t: Template): boolean {
  const q = norm(query);
  let at = 0;
  for (const p of t.parts.map(norm).filter(Boolean)) {
    const i = q.indexOf(p, at);
    if (i < 0) return false;
    at = i + p.length;
  }
  return true;
}

/** Modules that import the query builder's table object (its statements would not be `sql` templates). */
function builderImports(file: string): boolean {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  return sf.statements.some(
    (s) =>
      ts.isImportDeclaration(s) &&
      /schema/.test((s.moduleSpecifier as ts.StringLiteral).text) &&
      !!s.importClause?.namedBindings &&
      ts.isNamedImports(s.importClause.namedBindings) &&
      s.importClause.namedBindings.elements.some((e) => (e.propertyName ?? e.name).text === 'contributionMonths'),
  );
}

const APP_ROOMS = [
  'api',
  'console',
  'services',
  'activities',
  'workflows',
  'client',
  'cli',
  'runtime',
  'worker',
  'dev',
];

// ---------------------------------------------------------------------------------------------

describe('every statement on contribution_months prunes (EXPLAIN of the statements the query functions issue)', () => {
  const captured: Captured[] = [];
  let capturing: postgres.Sql;
  let explainer: postgres.Sql;

  beforeAll(async () => {
    await seedFixture(tdb.db);
    capturing = postgres(tdb.url, {
      max: 3,
      onnotice: () => {},
      debug: (_connection, query, parameters) => {
        if (/\bcontribution_months\b/.test(query)) captured.push({ query, params: [...parameters] });
      },
    });
    explainer = postgres(tdb.url, { max: 2, onnotice: () => {} });
    const db = drizzle(capturing, { schema }) as unknown as Db;
    const clock = testClock;
    const today = clock.today();
    const reconcile = createReconciliationActivities({ db, clock });
    // Two reconciliations: the delete and insert of a period's months, the e-books, the cases' check.
    for (const [i, period] of [OLD, RECENT].entries())
      await reconcile.reconcileEmployers({
        period,
        asOf: today,
        after: '',
        upTo: null,
        limit: 100,
        workflowId: 'partitions-test',
        runId: `run-${i}`,
      });
    // A payment (every month's status of the employer) and a salary change (the months from it, again).
    await recordPayment(db, {
      taxCode: A,
      bankReference: 'PARTITIONS-0001',
      amount: '1000000',
      valueDate: today,
      author: 'test',
      today,
    });
    await declare(db, {
      taxCode: A,
      author: 'test',
      batch: { declarations: [{ kind: 'salary_change', personalId: P2, effectiveMonth: RECENT, salary: '15000000' }] },
      now: clock(),
    });
    // A claim's months, one e-book, a case's months, the cases all credited, the ledger's check.
    await db.transaction((tx) => creditedMonths(tx, P2, M0));
    await loadEbookRecords(db, [P3]);
    // A month's rewrite that reads the year's months (the reconciliation's splice reads none; this is its fallback).
    await db.transaction((tx) => rewriteEbooks(tx, [P3], { months: [RECENT] }));
    await caseMonthsFacts(db, { personalId: P3, employerTaxCode: B, fromMonth: addMonths(M0, -5), toMonth: RECENT });
    await creditedCaseWorkflows(db, [B]);
    await creditedMonthsNotPaid(db);
    await contributionPartitions(db);
  });
  afterAll(async () => {
    await capturing?.end();
    await explainer?.end();
  });

  it('the fixture wrote months in the years of both periods, and the partitions before the first employment exist', async () => {
    const [n] = await queryRows<{ n: number }>(tdb.db, sql`select count(*)::int as n from contribution_months`);
    expect(n!.n).toBeGreaterThan(3);
    const first = (await contributionPartitions(tdb.db))[0]!;
    expect(first).toEqual({ name: 'contribution_months_y1995', from: '1995-01', to: '1996-01' });
    expect(year(START[P1]!)).toBeGreaterThan(1995);
  });

  it('each captured statement reads, as a custom and as a generic plan, only the partitions its bounds allow', async () => {
    const unique = [...new Map(captured.map((s) => [`${s.query}\u0000${JSON.stringify(s.params)}`, s])).values()];
    expect(unique.length).toBeGreaterThanOrEqual(10);
    const problems: string[] = [];
    let read = 0;
    for (const s of unique) {
      problems.push(...(await findings(explainer, s)));
      read += (await readsOf(explainer, s, 'force_generic_plan')).size;
    }
    expect(problems).toEqual([]);
    expect(read, 'the statements read some partitions: the check is not vacuous').toBeGreaterThan(0);
  });

  it('the check catches a statement without period bounds', async () => {
    const unbounded = { query: 'select count(*) from contribution_months where personal_id = $1', params: [P3] };
    const found = await findings(explainer, unbounded);
    expect(found).toHaveLength(2);
    expect(found[0]).toMatch(/^force_custom_plan: reads \d+ partition\(s\) outside/);
  });

  it('every sql template of db/queries that names the table was captured above; no other room names it', () => {
    const templates = filesUnder(path.join('db', 'queries')).flatMap(templatesNamingTheTable);
    expect(templates.length).toBeGreaterThanOrEqual(9);
    const missing = templates.filter((t) => !captured.some((s) => holds(s.query, t))).map((t) => t.at);
    expect(missing, 'statements on contribution_months not exercised by this test: add them above').toEqual([]);
    const elsewhere = APP_ROOMS.flatMap(filesUnder).flatMap(templatesNamingTheTable);
    expect(
      elsewhere.map((t) => t.at),
      'SQL lives in db/queries',
    ).toEqual([]);
    const builders = [...filesUnder('db'), ...APP_ROOMS.flatMap(filesUnder)].filter(
      (f) => !f.startsWith(path.join('db', 'schema')) && builderImports(f),
    );
    expect(builders, "the query builder's statements on contribution_months are not captured as sql templates").toEqual(
      [],
    );
  });
});

describe('a month no partition holds', () => {
  it('is refused with CONTRIBUTION_PERIOD_NOT_HELD (422), never a 5xx, before 1995 and after the partitions', async () => {
    const last = (await contributionPartitions(tdb.db)).at(-1)!;
    for (const period of ['1994-12', last.to]) {
      const err = await tdb.db
        .execute(
          sql`insert into contribution_months (personal_id, employer_tax_code, period, status, salary, employee_amount, employer_amount, amount, lines)
              values (${P1}, ${A}, ${period}, 'credited', 1000000, 105000, 215000, 320000, 8)`,
        )
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(classifyDatabaseError(err)).toEqual({
        kind: 'refusal',
        status: 422,
        code: 'CONTRIBUTION_PERIOD_NOT_HELD',
        message: expect.stringContaining('1995-01'),
        field: 'period',
      });
    }
  });

  it("a partition's own primary key answers the table's code", async () => {
    const err = await tdb.db
      .execute(
        sql`insert into contribution_months (personal_id, employer_tax_code, period, status, salary, employee_amount, employer_amount, amount, lines)
            select personal_id, employer_tax_code, period, status, salary, employee_amount, employer_amount, amount, lines from contribution_months limit 1`,
      )
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(classifyDatabaseError(err)).toMatchObject({ status: 409, code: 'CONTRIBUTION_MONTH_EXISTS' });
  });

  it('a reconciliation batch of such a month fails without retries, with the code', async () => {
    const far = addMonths((await contributionPartitions(tdb.db)).at(-1)!.to, 1);
    const acts = createReconciliationActivities({ db: tdb.db, clock: testClock });
    const err = await acts
      .reconcileEmployers({
        period: far,
        asOf: testClock.today(),
        after: '',
        upTo: null,
        limit: 100,
        workflowId: 'partitions-far',
        runId: 'run',
      })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(toFailure(err)).toMatchObject({ type: 'CONTRIBUTION_PERIOD_NOT_HELD', nonRetryable: true });
  });
});

describe('the maintenance step', () => {
  it('keeps 24 months ahead of the clock: nothing to create after migration and start', async () => {
    const ahead = await keepPartitionsAhead(tdb.db, testClock.today());
    expect(ahead).toEqual({ created: 0, through: addMonths(M0, 24) });
    expect(partitionHorizon(testClock.today())).toBe(addMonths(M0, 24));
    const list = await contributionPartitions(tdb.db);
    expect(list.at(-1)!.to > addMonths(M0, 24)).toBe(true);
  });

  it('creates the missing years once, contiguous from 1995, also when two callers race and as ansinh_app', async () => {
    const before = await contributionPartitions(tdb.db);
    const lastYear = year(before.at(-1)!.from);
    const target = `${lastYear + 3}-06`;
    const other = await openDatabase({ url: tdb.url, max: 1 });
    try {
      const made = await Promise.all([
        ensureContributionPartitions(tdb.db, target),
        ensureContributionPartitions(other.db, target),
      ]);
      expect(made[0]! + made[1]!).toBe(3);
    } finally {
      await other.close();
    }
    expect(await ensureContributionPartitions(tdb.db, target)).toBe(0);
    const app = postgres(tdb.url.replace('postgres@', 'ansinh_app@'), { max: 1, onnotice: () => {} });
    try {
      const [r1] = await app`select ansinh_ensure_contribution_partitions(${`${lastYear + 4}-01`}) as made`;
      expect(r1!.made).toBe(1);
      await expect(app.unsafe('create table contribution_months_y2199 (x int)')).rejects.toThrow(/permission denied/);
    } finally {
      await app.end();
    }
    const after = await contributionPartitions(tdb.db);
    expect(after).toHaveLength(before.length + 4);
    after.forEach((p, i) => {
      const y = 1995 + i;
      expect(p).toEqual({ name: `contribution_months_y${y}`, from: `${y}-01`, to: `${y + 1}-01` });
    });
  });

  it('gives up under a writer of participants rather than queue it (DATABASE_BUSY), and the start serves on', async () => {
    const last = (await contributionPartitions(tdb.db)).at(-1)!;
    const writer = postgres(tdb.url, { max: 1, onnotice: () => {} });
    const held = await writer.reserve();
    try {
      await held.unsafe('begin');
      await held.unsafe(`update participants set updated_at = now() where personal_id = '${P1}'`);
      const err = await ensureContributionPartitions(tdb.db, last.to).then(
        () => null,
        (e: unknown) => e,
      );
      expect(classifyDatabaseError(err)).toMatchObject({ status: 503, code: 'DATABASE_BUSY' });
      // A start whose horizon is that year: it reports the failure instead of throwing.
      expect(await keepPartitionsAhead(tdb.db, `${addMonths(last.to, -24)}-15`)).toMatchObject({
        failed: expect.anything(),
      });
    } finally {
      await held.unsafe('rollback');
      held.release();
      await writer.end();
    }
    expect(await ensureContributionPartitions(tdb.db, last.to)).toBe(1);
  });

  it('`ansinh db partitions` creates through --through and lists them; a bad month is exit 2', async () => {
    const outs: string[] = [];
    const errs: string[] = [];
    const ctx = {
      cfg: { clock: testClock },
      cwd: process.cwd(),
      out: (s: string) => outs.push(s),
      err: (s: string) => errs.push(s),
      withDb: (fn: (h: TestDatabase) => Promise<unknown>) => fn(tdb),
    } as unknown as CliContext;
    const fail = async () => {
      throw new Error('not here');
    };
    const local = { start: fail, worker: fail, api: fail, relay: fail };
    const last = (await contributionPartitions(tdb.db)).at(-1)!;
    const through = `${year(last.from) + 1}-03`;
    expect(await runProgram(ctx, local, ['db', 'partitions', '--through', through, '--json'])).toBe(0);
    const json = JSON.parse(outs.join('')) as { created: number; through: string; partitions: unknown[] };
    expect(json.created).toBe(1);
    expect(json.through).toBe(through);
    expect(json.partitions.at(-1)).toEqual({
      name: `contribution_months_y${year(through)}`,
      from: `${year(through)}-01`,
      to: `${year(through) + 1}-01`,
    });
    outs.length = 0;
    expect(await runProgram(ctx, local, ['db', 'partitions', '--lang', 'en'])).toBe(0);
    expect(outs.join('')).toMatch(
      /^contribution months: \d+ yearly partitions, 1995-01 through \d{4}-12 \(0 created now\)$/m,
    );
    expect(await runProgram(ctx, local, ['db', 'partitions', '--through', '2026-13'])).toBe(2);
  });
});

describe('migration 0030 keeps every row', () => {
  const name = `ansinh_t_part_mig_${inject('templateDatabase').replace('ansinh_tpl_', '')}`.slice(0, 63);
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  let raw: postgres.Sql;
  const statements = (tag: string) =>
    readFileSync(path.join(MIGRATIONS_FOLDER, `${tag}.sql`), 'utf8')
      .split('--> statement-breakpoint')
      .map((s) => s.trim())
      .filter(Boolean);
  const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as {
    entries: { idx: number; tag: string }[];
  };
  const apply = async (from: number, to: number) => {
    for (const e of journal.entries.filter((e) => e.idx >= from && e.idx < to))
      for (const s of statements(e.tag)) await raw.unsafe(s);
  };
  const months = () =>
    raw<
      Record<string, unknown>[]
    >`select personal_id, employer_tax_code, period, status, salary::text, employee_amount::text,
      employer_amount::text, amount::text, lines from contribution_months order by personal_id, employer_tax_code, period`;

  beforeAll(async () => {
    await admin.unsafe(`create database "${name}"`);
    raw = postgres(databaseUrl(name), { max: 1, onnotice: () => {} });
  });
  afterAll(async () => {
    await raw?.end();
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  });

  it('the rows of 0029 (a pre-0003 row with zero amounts, a month beyond 2030) are all in their year’s partition', async () => {
    await apply(0, 3);
    await raw`insert into employers (tax_code, name, address, province_code, wage_region, category, status, unit_code)
      values (${A}, 'Công ty Cũ', 'Hà Nội', '01', 'I', 'enterprise', 'active', ${formatUnitCode('01', 1)})`;
    for (const [i, p] of [P1, P2].entries())
      await raw`insert into participants (personal_id, si_number, full_name, date_of_birth, gender)
        values (${p}, ${formatSiNumber('01', 10 + i)}, 'Người Cũ', '1980-01-01', 'male')`;
    // Written before 0003: no amounts yet (0003 gives them zeros and a NOT VALID check).
    await raw`insert into contribution_months (personal_id, employer_tax_code, period, status) values (${P1}, ${A}, '1996-03', 'credited')`;
    await apply(3, 30);
    await raw`insert into contribution_months (personal_id, employer_tax_code, period, status, salary, employee_amount, employer_amount, amount, lines) values
      (${P1}, ${A}, '2011-12', 'credited', 5000000, 525000, 1075000, 1600000, 8),
      (${P2}, ${A}, '2026-01', 'declared_unpaid', 9000000, 945000, 1935000, 2880000, 8),
      (${P2}, ${A}, '2032-07', 'declared_unpaid', 9000000, 945000, 1935000, 2880000, 8)`;
    const before = await months();
    expect(before).toHaveLength(4);

    await apply(30, 31);

    expect(await months()).toEqual(before);
    const where = await raw<
      { p: string; period: string }[]
    >`select tableoid::regclass::text as p, period from contribution_months order by period`;
    expect(where.map((w) => [w.period, w.p])).toEqual([
      ['1996-03', 'contribution_months_y1996'],
      ['2011-12', 'contribution_months_y2011'],
      ['2026-01', 'contribution_months_y2026'],
      ['2032-07', 'contribution_months_y2032'],
    ]);
    const [kind] = await raw<{ relkind: string }[]>`select relkind from pg_class where relname = 'contribution_months'`;
    expect(kind!.relkind).toBe('p');
    const parts = await raw<{ n: number; first: string; last: string }[]>`
      select count(*)::int as n, min(c.relname) as first, max(c.relname) as last
        from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = 'contribution_months'::regclass`;
    expect(parts[0]).toEqual({
      n: 2032 - 1995 + 1,
      first: 'contribution_months_y1995',
      last: 'contribution_months_y2032',
    });
    // The same names as before (db/errors.ts maps them), the 0003 check still NOT VALID, no DEFAULT partition.
    const cons = await raw<{ conname: string; contype: string; convalidated: boolean }[]>`
      select conname, contype, convalidated from pg_constraint where conrelid = 'contribution_months'::regclass order by conname`;
    expect(cons).toEqual([
      { conname: 'contribution_months_amounts', contype: 'c', convalidated: false },
      { conname: 'contribution_months_employer_tax_code_employers_tax_code_fk', contype: 'f', convalidated: true },
      { conname: 'contribution_months_personal_id_employer_tax_code_period_pk', contype: 'p', convalidated: true },
      { conname: 'contribution_months_personal_id_participants_personal_id_fk', contype: 'f', convalidated: true },
      { conname: 'contribution_months_status', contype: 'c', convalidated: true },
    ]);
    const idx = await raw<
      { indexname: string }[]
    >`select indexname from pg_indexes where tablename = 'contribution_months' order by 1`;
    expect(idx.map((i) => i.indexname)).toEqual([
      'contribution_months_employer_period_idx',
      'contribution_months_personal_id_employer_tax_code_period_pk',
    ]);
    const [dflt] = await raw<{ n: number }[]>`select count(*)::int as n from pg_partitioned_table where partdefid <> 0`;
    expect(dflt!.n).toBe(0);
    const [grant] = await raw<
      { ok: boolean }[]
    >`select has_table_privilege('ansinh_app', 'contribution_months', 'INSERT, UPDATE, DELETE, SELECT') as ok`;
    expect(grant!.ok).toBe(true);
  });
});

describe('embedded PGlite (the default database) migrates to partitioned months', () => {
  it('migrates, creates partitions ahead, stores a month in its year and refuses one outside with the code', async () => {
    const h = await openDatabase({});
    try {
      await h.migrate();
      expect(await ensureContributionPartitions(h.db, partitionHorizon(testClock.today()))).toBeGreaterThanOrEqual(0);
      expect(await ensureContributionPartitions(h.db, partitionHorizon(testClock.today()))).toBe(0);
      const list = await contributionPartitions(h.db);
      expect(list[0]).toEqual({ name: 'contribution_months_y1995', from: '1995-01', to: '1996-01' });
      expect(list.at(-1)!.to > partitionHorizon(testClock.today())).toBe(true);
      await h.db
        .execute(sql`insert into employers (tax_code, name, address, province_code, wage_region, category, status, unit_code)
        values (${A}, 'Công ty Nhúng', 'Huế', '46', 'II', 'enterprise', 'active', ${formatUnitCode('46', 5)})`);
      await h.db.execute(sql`insert into participants (personal_id, si_number, full_name, date_of_birth, gender)
        values (${P1}, ${formatSiNumber('46', 5)}, 'Người Nhúng', '1990-01-01', 'female')`);
      const insert = (period: string) =>
        h.db
          .execute(sql`insert into contribution_months (personal_id, employer_tax_code, period, status, salary, employee_amount, employer_amount, amount, lines)
          values (${P1}, ${A}, ${period}, 'credited', 5000000, 525000, 1075000, 1600000, 8)`);
      await insert(M0);
      const [row] = await queryRows<{ p: string }>(
        h.db,
        sql`select tableoid::regclass::text as p from contribution_months`,
      );
      expect(row!.p).toBe(`contribution_months_y${year(M0)}`);
      const err = await insert('1990-01').then(
        () => null,
        (e: unknown) => e,
      );
      expect(classifyDatabaseError(err)).toMatchObject({ status: 422, code: 'CONTRIBUTION_PERIOD_NOT_HELD' });
    } finally {
      await h.close();
    }
  });
});

/**
 * docs/rules.md is the document every "rules §N" citation points into (issue 9 §7): each section
 * sign in the repository's code and documentation names a heading of docs/rules.md, nothing refers
 * to the research file outside the repository, and every constant or function the document names
 * ("`lateCharge` in `domain/late-charges.ts`") is declared in the file named beside it. The §10
 * table (article → function → test) is checked against the code itself: each listed function is
 * exported by its file and carries the listed citation as data (domain/law.ts), each listed test
 * exists, and every citation a domain/ function carries is listed.
 *
 * A "§" in a .ts or .md file is always a citation of docs/rules.md: the code cites laws as "Art.",
 * never with "§". The forms in use are "rules §8", "rules §9.D", lists ("rules §1, §8",
 * "rules §5 and §7", "rules §2, §9.A"), a list broken across comment lines, and the bare "§9.C:"
 * and "(§9.A, C)" of the tables in domain/rates.ts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { citationsOf, citationText } from '../../domain/law';

const ROOT = path.join(__dirname, '..', '..');
const RULES = 'docs/rules.md';
/** This file: its fixtures below cite sections that do not exist on purpose. */
const SELF = 'test/domain/rules-doc.test.ts';
const SKIP_DIRS = new Set(['node_modules', '.git', '.ansinh', 'coverage']);

interface SourceFile {
  path: string;
  text: string;
}
interface Citation {
  path: string;
  line: number;
  section: string;
}

/** Every .ts, .mts and .md file of the repository, outside node_modules and build or data dirs. */
function repositoryFiles(dir = ROOT): SourceFile[] {
  const out: SourceFile[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP_DIRS.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...repositoryFiles(full));
    else if (/\.(ts|mts|md)$/.test(entry.name))
      out.push({ path: path.relative(ROOT, full), text: readFileSync(full, 'utf8') });
  }
  return out;
}

/** "§8", "§8.3", "§9.D"; a sub-section is digits or one capital letter, not followed by a word character. */
const SECTION = /§(\d+(?:\.(?:\d+|[A-Z])(?![\w]))?)/g;

/** The sections of a rules document: every heading that starts with a section sign. */
function sectionsOf(markdown: string): Set<string> {
  const out = new Set<string>();
  for (const line of markdown.split('\n')) {
    const m = /^#{1,6}\s+§(\d+(?:\.(?:\d+|[A-Z]))?)(?![\w.])/.exec(line);
    if (m) out.add(m[1]!);
  }
  return out;
}

function citationsIn(file: SourceFile): Citation[] {
  const out: Citation[] = [];
  file.text.split('\n').forEach((text, i) => {
    for (const m of text.matchAll(SECTION)) out.push({ path: file.path, line: i + 1, section: m[1]! });
  });
  return out;
}

/** Citations that name no section, as "path:line: §N". */
function unresolvedCitations(files: SourceFile[], sections: Set<string>): string[] {
  return files
    .flatMap(citationsIn)
    .filter((c) => !sections.has(c.section))
    .map((c) => `${c.path}:${c.line}: §${c.section}`);
}

interface NamedSymbol {
  name: string;
  file: string;
}

/**
 * The code a rules document names: a run of backticked identifiers followed by "in `file.ts`",
 * e.g. "`daysLate`, `daysOutstanding` in `domain/arrears.ts`". A dotted name (`A.b`) names
 * the member b of A.
 */
function namedSymbols(markdown: string): NamedSymbol[] {
  const ident = '`[A-Za-z_$][\\w$.]*`';
  const run = new RegExp(
    `((?:${ident}(?:,\\s*(?:and\\s+)?|\\s+and\\s+))*${ident})\\s+in\\s+\`([\\w./-]+\\.m?ts)\``,
    'g',
  );
  const out: NamedSymbol[] = [];
  for (const m of markdown.matchAll(run)) {
    for (const n of m[1]!.matchAll(/`([^`]+)`/g)) out.push({ name: n[1]!, file: m[2]! });
  }
  return out;
}

const escape = (s: string): string => s.replace(/[$]/g, '\\$');

/** Whether `source` declares `name` (function, const, class, type, interface, enum or object method). */
function declares(source: string, name: string): boolean {
  const [head, ...members] = name.split('.');
  const n = escape(head!);
  const declaration = new RegExp(
    `(?:^|[^\\w$.])(?:function\\s*\\*?\\s*|const\\s+|let\\s+|var\\s+|class\\s+|interface\\s+|type\\s+|enum\\s+)${n}(?![\\w$])|^\\s*(?:async\\s+)?${n}\\s*[(<]`,
    'm',
  );
  return (
    declaration.test(source) && members.every((mem) => new RegExp(`(?:^|[^\\w$])${escape(mem)}(?![\\w$])`).test(source))
  );
}

/** Named symbols missing from their file (or whose file is missing), as "name in file". */
function missingSymbols(markdown: string, read: (file: string) => string | undefined): string[] {
  return namedSymbols(markdown)
    .filter((s) => {
      const source = read(s.file);
      return source === undefined || !declares(source, s.name);
    })
    .map((s) => `${s.name} in ${s.file}`);
}

/** Repository paths a rules document names in backticks (code and test files). */
function namedPaths(markdown: string): string[] {
  return [...markdown.matchAll(/`((?:domain|activities|workflows|db|client|worker|test|bench|docs)\/[\w./-]+)`/g)].map(
    (m) => m[1]!,
  );
}

const readRepo = (file: string): string | undefined => {
  const full = path.join(ROOT, file);
  return existsSync(full) ? readFileSync(full, 'utf8') : undefined;
};

// ---------------------------------------------------------------------------------------------
// §10: article → function → test
// ---------------------------------------------------------------------------------------------

interface ArticleRow {
  article: string;
  name: string;
  file: string;
  testFile: string;
  testName: string;
}

const ARTICLE_TABLE_HEADING = /^##\s+§10\s/;

/** The rows of the §10 table: "| Law 74/2025 Art.38(1)(a) | `fn` in `domain/x.ts` | `test/x.test.ts`: "name" |". */
function articleTable(markdown: string): { rows: ArticleRow[]; malformed: string[] } {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => ARTICLE_TABLE_HEADING.test(l));
  const rows: ArticleRow[] = [];
  const malformed: string[] = [];
  if (start < 0) return { rows, malformed: ['no §10 heading'] };
  for (const line of lines.slice(start + 1)) {
    if (/^#{1,2}\s/.test(line)) break;
    if (!line.startsWith('|') || /^\|\s*(Article|-)/.test(line)) continue;
    const m =
      /^\|\s*(.+?)\s*\|\s*`([A-Za-z_$][\w$]*)` in `([\w./-]+\.ts)`\s*\|\s*`([\w./-]+\.test\.ts)`: "(.+)"\s*\|\s*$/.exec(
        line,
      );
    if (m) rows.push({ article: m[1]!, name: m[2]!, file: m[3]!, testFile: m[4]!, testName: m[5]! });
    else malformed.push(line);
  }
  return { rows, malformed };
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether a test file declares a test (it/test, also .each/.skip forms) with exactly this name. */
function declaresTest(source: string, name: string): boolean {
  return new RegExp(`\\b(?:it|test)(?:\\.\\w+)?\\(\\s*(['"\`])${escapeRe(name)}\\1`).test(source);
}

type Exports = Record<string, unknown>;

/**
 * What is wrong with the table: a function its file does not export, a function that does not
 * carry the citation beside it, a test file or test name that is gone.
 */
function tableProblems(
  rows: readonly ArticleRow[],
  modules: (file: string) => Exports | undefined,
  read: (file: string) => string | undefined,
): string[] {
  const out: string[] = [];
  for (const r of rows) {
    const mod = modules(r.file);
    const fn = mod?.[r.name];
    if (typeof fn !== 'function') out.push(`${r.name} in ${r.file}: not exported`);
    else if (!citationsOf(fn).some((c) => citationText(c) === r.article))
      out.push(`${r.name} in ${r.file}: does not cite ${r.article}`);
    const test = read(r.testFile);
    if (test === undefined) out.push(`${r.testFile}: missing`);
    else if (!declaresTest(test, r.testName)) out.push(`${r.testFile}: no test "${r.testName}"`);
  }
  return out;
}

/** Citations carried by exported functions that no row lists (a re-exported alias counts as its original). */
function unlistedCitations(rows: readonly ArticleRow[], modules: Record<string, Exports>): string[] {
  const listed = new Map<unknown, Set<string>>();
  for (const r of rows) {
    const fn = modules[r.file]?.[r.name];
    if (fn === undefined) continue;
    if (!listed.has(fn)) listed.set(fn, new Set());
    listed.get(fn)!.add(r.article);
  }
  const out: string[] = [];
  for (const [file, mod] of Object.entries(modules)) {
    for (const [name, value] of Object.entries(mod)) {
      if (typeof value !== 'function') continue;
      for (const c of citationsOf(value)) {
        const text = citationText(c);
        if (!listed.get(value)?.has(text)) out.push(`${name} in ${file}: ${text}`);
      }
    }
  }
  return out;
}

/** The .ts files of domain/ (index.ts files only re-export), as repository paths. */
function domainFiles(dir = 'domain'): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? domainFiles(`${dir}/${e.name}`)
      : /\.ts$/.test(e.name) && e.name !== 'index.ts'
        ? [`${dir}/${e.name}`]
        : [],
  );
}

async function loadModules(files: readonly string[]): Promise<Record<string, Exports>> {
  const out: Record<string, Exports> = {};
  for (const f of files) out[f] = (await import(path.join(ROOT, f))) as Exports;
  return out;
}

describe('docs/rules.md: every citation resolves inside the repository (issue 9 §7)', () => {
  const rules = readFileSync(path.join(ROOT, RULES), 'utf8');
  const sections = sectionsOf(rules);
  const files = repositoryFiles().filter((f) => f.path !== SELF);

  it('has the sections §0 to §9 of the rules, the sub-sections §9.A–§9.D and numbered project decisions in §8', () => {
    for (const s of ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '9.A', '9.B', '9.C', '9.D', '8.1', '8.13'])
      expect(sections, `§${s}`).toContain(s);
  });

  it('finds the citations it checks: over a hundred "rules §N" in the code and tests', () => {
    const cited = files.filter((f) => f.path !== RULES && /\.m?ts$/.test(f.path)).flatMap(citationsIn);
    expect(cited.length).toBeGreaterThan(100);
    expect(cited.map((c) => c.section)).toEqual(
      expect.arrayContaining(['1', '2', '3', '4', '5', '7', '8', '9.B', '9.C', '9.D']),
    );
  });

  it('every "rules §N" in a .ts or .md file names a heading of docs/rules.md', () => {
    expect(unresolvedCitations(files, sections)).toEqual([]);
  });

  it('no file cites the research document outside the repository ("vietnam-rules")', () => {
    const outside = files.filter((f) => f.path !== RULES && /vietnam-rules/.test(f.text)).map((f) => f.path);
    expect(outside).toEqual([]);
  });

  it('every constant or function docs/rules.md names is declared in the file named beside it', () => {
    expect(namedSymbols(rules).length).toBeGreaterThan(100);
    expect(missingSymbols(rules, readRepo)).toEqual([]);
  });

  it('every code or test file docs/rules.md names exists', () => {
    expect(namedPaths(rules).filter((p) => readRepo(p) === undefined)).toEqual([]);
  });
});

describe('the checks above fail when a citation or a name points nowhere', () => {
  const doc = [
    '# Rules',
    '## §1 Rates',
    '### §9.D Deadline',
    'Code: `lateCharge`, `periodStatus` and `nothingHere` in `domain/x.ts`; `Box.size` in `domain/y.ts`.',
  ].join('\n');

  it('reports a section that is not a heading, in every form the code uses', () => {
    const file = {
      path: 'domain/x.ts',
      text: [
        '// rules §1, §8 and §9.D',
        '/* (rules',
        ' * §9.E) */',
        "source: 'Decree 1 (§2, §9.D, C)'",
        '// confirmed in §9.',
      ].join('\n'),
    };
    expect(unresolvedCitations([file], sectionsOf(doc))).toEqual([
      'domain/x.ts:1: §8',
      'domain/x.ts:3: §9.E',
      'domain/x.ts:4: §2',
      'domain/x.ts:5: §9',
    ]);
  });

  it('reports a named function missing from its file, and a missing file', () => {
    const files: Record<string, string> = {
      'domain/x.ts':
        'export function lateCharge(a: number) {}\nconst periodStatus = 1;\n// nothingHere is only mentioned\n',
    };
    expect(missingSymbols(doc, (f) => files[f])).toEqual(['nothingHere in domain/x.ts', 'Box.size in domain/y.ts']);
  });

  it('recognises object methods, types and members', () => {
    expect(declares('  async issueUiHiCard(input: X) {', 'issueUiHiCard')).toBe(true);
    expect(declares('export interface Box { size: number }', 'Box.size')).toBe(true);
    expect(declares('export interface Box { width: number }', 'Box.size')).toBe(false);
    expect(declares('const y = issueUiHiCard(input);', 'issueUiHiCard')).toBe(false);
  });
});

describe('docs/rules.md §10: article → function → test', () => {
  const rules = readFileSync(path.join(ROOT, RULES), 'utf8');
  const { rows, malformed } = articleTable(rules);

  it('lists over a hundred rows, each an article, a function in its file and a named test', () => {
    expect(malformed).toEqual([]);
    expect(rows.length).toBeGreaterThan(100);
    expect(new Set(rows.map((r) => r.name)).size).toBeGreaterThan(50);
  });

  it('every function listed is exported by its file and carries the citation beside it, and every test listed exists', async () => {
    const modules = await loadModules([...new Set(rows.map((r) => r.file))].filter((f) => readRepo(f) !== undefined));
    expect(tableProblems(rows, (f) => modules[f], readRepo)).toEqual([]);
  });

  it('every citation a function of domain/ carries is listed', async () => {
    const modules = await loadModules(domainFiles());
    expect(unlistedCitations(rows, modules)).toEqual([]);
  });
});

describe('the §10 checks fail when a function, its citation or its test disappears', () => {
  const cited = Object.assign(() => 1, { citations: [{ law: 'Law 74/2025', article: '38(1)(a)' }] });
  const doc = [
    '## §10 Article → function → test',
    '| Article | Function | Test |',
    '|---|---|---|',
    '| Law 74/2025 Art.38(1)(a) | `kept` in `domain/x.ts` | `test/x.test.ts`: "a kept test" |',
    '| Law 74/2025 Art.38(1)(b) | `kept` in `domain/x.ts` | `test/x.test.ts`: "a kept test" |',
    '| Law 74/2025 Art.38(1)(a) | `gone` in `domain/x.ts` | `test/x.test.ts`: "a removed test" |',
    '| Law 74/2025 Art.38(1)(a) | `kept` in `domain/x.ts` | `test/y.test.ts`: "a kept test" |',
    '## §11 Next',
    '| Law 1 | `ignored` in `domain/z.ts` | `test/z.test.ts`: "z" |',
  ].join('\n');
  const tests: Record<string, string> = { 'test/x.test.ts': "it('a kept test', () => {});\n// a removed test\n" };

  it('parses the rows of §10 only', () => {
    expect(articleTable(doc).rows.map((r) => `${r.name}:${r.article}`)).toEqual([
      'kept:Law 74/2025 Art.38(1)(a)',
      'kept:Law 74/2025 Art.38(1)(b)',
      'gone:Law 74/2025 Art.38(1)(a)',
      'kept:Law 74/2025 Art.38(1)(a)',
    ]);
  });

  it('reports a function not exported, a citation not carried, a missing test name and a missing test file', () => {
    expect(
      tableProblems(
        articleTable(doc).rows,
        () => ({ kept: cited }),
        (f) => tests[f],
      ),
    ).toEqual([
      'kept in domain/x.ts: does not cite Law 74/2025 Art.38(1)(b)',
      'gone in domain/x.ts: not exported',
      'test/x.test.ts: no test "a removed test"',
      'test/y.test.ts: missing',
    ]);
  });

  it('reports a citation the table does not list, and counts a re-exported alias as its original', () => {
    const other = Object.assign(() => 2, { citations: [{ law: 'Ansinh decision', article: '8.25' }] });
    const { rows } = articleTable(doc);
    expect(unlistedCitations(rows, { 'domain/x.ts': { kept: cited, alias: cited, other, plain: () => 3 } })).toEqual([
      'other in domain/x.ts: Ansinh decision, rules §8.25',
    ]);
  });
});

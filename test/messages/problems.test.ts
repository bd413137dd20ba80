/**
 * Every error code the API or the CLI can answer has its title and its text in both languages
 * (issue #13). The codes are read from where they are raised: db/errors.ts's constraint and
 * SQLSTATE tables, DOMAIN_STATUS, AuthErrorCode, and every `new HttpProblem(…)`,
 * `new DomainError(…)`, issue `code: '…'`, zod `'CODE: …'` message and workflow
 * `nonRetryable(…, 'CODE')` in the sources. The params those raise sites give (read from their
 * syntax tree) must be exactly the placeholders of one of their code's detail templates, and every
 * template must be filled by some raise site.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DOMAIN_STATUS } from '../../api/errors';
import { CONSTRAINT_CODES } from '../../db/errors';
import { issuesFromZod } from '../../domain/issues';
import { textSchema } from '../../domain/schemas';
import { catalog } from '../../messages';
import {
  detailTemplates,
  hasProblemText,
  hasProblemTitle,
  langFromAcceptLanguage,
  langFromSetting,
  problemDetail,
  problemMessage,
  problemTitle,
  templatePlaceholders,
} from '../../messages/negotiate';

const root = join(__dirname, '..', '..');
const DIRS = ['api', 'console', 'domain', 'services', 'activities', 'workflows', 'client', 'cli', 'runtime', 'db'];
const files = DIRS.flatMap((d) =>
  (readdirSync(join(root, d), { recursive: true }) as string[])
    .filter((f) => /\.tsx?$/.test(f) && !f.includes('migrations'))
    .map((f) => ({ path: join(d, f), text: readFileSync(join(root, d, f), 'utf8') })),
);
const sources = files.map((f) => f.text);
const all = (re: RegExp) => sources.flatMap((s) => [...s.matchAll(re)].map((m) => m[1]!));

function raisedCodes(): Set<string> {
  const codes = new Set<string>([
    ...Object.values(CONSTRAINT_CODES).map((e) => e.code),
    ...Object.keys(DOMAIN_STATUS),
    ...all(/(?:conflict|invalid|unprocessable|missing)\(\s*'([A-Z][A-Z0-9_]+)'/g),
    ...all(/HttpProblem\(\s*\d+,\s*'([A-Z][A-Z0-9_]+)'/g),
    ...all(/DomainError\(\s*'([A-Z][A-Z0-9_]+)'/g),
    ...all(/\bcode: '([A-Z][A-Z0-9_]{2,})'/g),
    ...all(/['`]([A-Z][A-Z0-9_]{2,}): /g),
    ...all(/readonly code = '([A-Z][A-Z0-9_]+)'/g),
    ...all(/nonRetryable\([^;]*?,\s*'([A-Z][A-Z0-9_]+)'\s*[,)]/g),
    // api/errors.ts's answers to Fastify's own client errors
    'MALFORMED_REQUEST',
    'UNSUPPORTED_MEDIA_TYPE',
    'PAYLOAD_TOO_LARGE',
    'DATABASE_UNAVAILABLE',
    'DATABASE_BUSY',
  ]);
  const auth = readFileSync(join(root, 'api', 'auth.ts'), 'utf8');
  const type = /export type AuthErrorCode =([^;]+);/.exec(auth)![1]!;
  for (const m of type.matchAll(/'([A-Z_]+)'/g)) codes.add(m[1]!);
  return codes;
}

/** A raise site whose code and params are written out: `where` is file:line. */
interface Site {
  code: string;
  params: string[];
  where: string;
}

/** The keys of an object literal (a conditional of two literals gives both); null when not written out. */
function literalKeys(node: ts.Expression | undefined): string[][] | null {
  if (!node) return [[]];
  if (ts.isParenthesizedExpression(node)) return literalKeys(node.expression);
  if (ts.isConditionalExpression(node)) {
    const a = literalKeys(node.whenTrue);
    const b = literalKeys(node.whenFalse);
    return a && b ? [...a, ...b] : null;
  }
  if (ts.isIdentifier(node) && node.text === 'undefined') return [[]];
  if (!ts.isObjectLiteralExpression(node)) return null;
  const keys: string[] = [];
  for (const p of node.properties) {
    if ((ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && !ts.isComputedPropertyName(p.name))
      keys.push(p.name.getText());
    else return null;
  }
  return [keys.sort()];
}

const stringLiteral = (n: ts.Expression | undefined): string | null =>
  n && (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) ? n.text : null;

/**
 * Every raise site with a literal code and literal params, from the syntax tree: `new DomainError(code,
 * message, field, details, params)`, `new HttpProblem(status, code, message, field, params)`,
 * `ApplicationFailure.nonRetryable(message, code, params)`, and issues `{ code: '…', params: {…} }`.
 */
function raiseSites(): Site[] {
  const sites: Site[] = [];
  for (const f of files) {
    const sf = ts.createSourceFile(f.path, f.text, ts.ScriptTarget.Latest, true);
    const add = (code: string | null, params: ts.Expression | undefined, node: ts.Node) => {
      if (!code || !/^[A-Z][A-Z0-9_]+$/.test(code)) return;
      const where = `${f.path}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
      for (const keys of literalKeys(params) ?? []) sites.push({ code, params: keys, where });
    };
    const visit = (node: ts.Node): void => {
      if (ts.isNewExpression(node) && ts.isIdentifier(node.expression)) {
        const args = node.arguments ?? [];
        if (node.expression.text === 'DomainError') add(stringLiteral(args[0]), args[4], node);
        if (node.expression.text === 'HttpProblem') add(stringLiteral(args[1]), args[4], node);
      }
      if (
        ts.isCallExpression(node) &&
        ts.isPropertyAccessExpression(node.expression) &&
        node.expression.name.text === 'nonRetryable'
      )
        add(stringLiteral(node.arguments[1]), node.arguments[2], node);
      if (ts.isObjectLiteralExpression(node)) {
        const prop = (name: string) =>
          node.properties.find(
            (p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText() === name,
          )?.initializer;
        const params = prop('params');
        if (params) add(stringLiteral(prop('code')), params, node);
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return sites;
}

/** `CODE|params` that zod's checks give (domain/issues.ts), from real zod issues: its own (INVALID_INPUT) and our coded texts'. */
function zodParamSets(): string[] {
  const schema = z.strictObject({
    s: z.string().min(3).max(4),
    n: z.number().int().min(1).max(200),
    g: z.number().gt(0).lt(10),
    a: z.array(z.string()).min(1).max(1),
    e: z.enum(['x', 'y']),
    t: z.string(),
    m: z.email(),
  });
  const sets = [
    { s: 'x', n: 0, g: 0, a: [], e: 'z', t: 1, m: 'no' },
    { s: 'xxxxx', n: 500, g: 10, a: ['a', 'b'], e: 'x', t: 's', m: 'a@b.vn', extra: 1 },
  ].flatMap((v) => issuesFromZod(schema.safeParse(v).error!.issues));
  const text = textSchema(10, { min: 3 });
  const coded = ['ab', 'x'.repeat(11)].flatMap((v) => issuesFromZod(text.safeParse(v).error!.issues));
  return [...sets, ...coded].filter((i) => i.params).map((i) => `${i.code}|${Object.keys(i.params!).sort().join()}`);
}

describe('problem texts', () => {
  it('finds the codes where they are raised (the scan itself works)', () => {
    const codes = raisedCodes();
    for (const c of [
      'EMPLOYER_EXISTS',
      'WRONG_STATE',
      'TOKEN_EXPIRED',
      'FORBIDDEN',
      'INVALID_IDEMPOTENCY_KEY',
      'REASON_REQUIRED',
    ])
      expect(codes, c).toContain(c);
    expect(codes.size).toBeGreaterThan(120);
  });

  it('has a Vietnamese and an English text for every code the API or the CLI can answer', () => {
    const missing = [...raisedCodes()].filter((c) => !hasProblemText(c)).sort();
    expect(missing).toEqual([]);
    for (const c of raisedCodes()) {
      const entry = catalog[`problem.${c}` as keyof typeof catalog];
      expect(entry.vi.trim() && entry.en.trim(), c).toBeTruthy();
    }
  });

  it('has a title of its own for every code the API or the CLI can answer, in both languages', () => {
    const missing = [...raisedCodes()].filter((c) => !hasProblemTitle(c)).sort();
    expect(missing).toEqual([]);
    for (const c of raisedCodes()) {
      const entry = catalog[`problem.${c}.title` as keyof typeof catalog];
      expect(entry.vi.trim() && entry.en.trim(), c).toBeTruthy();
    }
  });

  it('writes the same placeholders, of the same kinds, in the Vietnamese and the English of every problem text', () => {
    const broken: string[] = [];
    for (const [k, e] of Object.entries(catalog) as [string, { vi: string; en: string }][]) {
      if (!k.startsWith('problem.')) continue;
      if (templatePlaceholders(e.vi).join() !== templatePlaceholders(e.en).join()) broken.push(k);
      // Every brace is a placeholder we know how to fill: a kind misspelt would stay visible.
      for (const text of [e.vi, e.en])
        for (const m of text.matchAll(/\{[^}]*\}/g))
          if (!/^\{\w+(:(money|date|month|number|state|type))?\}$/.test(m[0])) broken.push(`${k}: ${m[0]}`);
    }
    expect(broken).toEqual([]);
    // The check can fail: a template whose English forgets the month.
    expect(templatePlaceholders('{min:money} {month:month}')).not.toEqual(templatePlaceholders('{min:money}'));
  });

  it("gives each raise site's params exactly the placeholders of one of its code's templates, and fills every template from some raise site", () => {
    const sites = raiseSites();
    // The scan works: it finds literal params where we know they are.
    expect(sites.find((s) => s.code === 'SALARY_BELOW_FLOOR' && s.params.length)?.params).toEqual([
      'min',
      'month',
      'region',
    ]);
    expect(sites.some((s) => s.code === 'ALREADY_REPORTED' && s.where.startsWith('workflows'))).toBe(true);
    const namesOf = (k: keyof typeof catalog) =>
      [...new Set(templatePlaceholders(catalog[k].en).map((p) => p.split(':')[0]))].sort().join();
    const unmatched = sites
      .filter((s) => s.params.length && !detailTemplates(s.code).some((k) => namesOf(k) === s.params.join()))
      .map((s) => `${s.where} ${s.code} {${s.params.join()}}`);
    expect(unmatched).toEqual([]);
    const supplied = new Set([...sites.map((s) => `${s.code}|${s.params.join()}`), ...zodParamSets()]);
    const unfilled = [...raisedCodes()]
      .flatMap((c) => detailTemplates(c).map((k) => ({ k, c })))
      .filter(({ k, c }) => !supplied.has(`${c}|${namesOf(k)}`))
      .map(({ k }) => k);
    expect(unfilled).toEqual([]);
  });

  it('writes titles by code (by status for a code without one) and details by code, with the field, in each language', () => {
    expect(problemTitle('vi', 'WRONG_STATE', 409)).toBe('Sai trạng thái');
    expect(problemTitle('en', 'WRONG_STATE', 409)).toBe('Wrong state');
    expect(problemTitle('vi', 'SOMETHING_NEW', 409)).toBe('Xung đột');
    expect(problemTitle('en', 'SOMETHING_NEW', 409)).toBe('Conflict');
    expect(problemTitle('en', 'SOMETHING_NEW', 418)).toBe('Error');
    expect(problemDetail('vi', 'INVALID_PERSONAL_ID', 'x', 'personalId')).toBe(
      'Số định danh cá nhân gồm 12 chữ số. Trường: personalId.',
    );
    expect(problemDetail('en', 'INVALID_PERSONAL_ID', 'x')).toBe('A personal ID is 12 digits.');
    // zod's refusal of unknown keys keeps the keys (field names) in either language.
    expect(problemMessage('vi', 'INVALID_INPUT', 'Unrecognized keys: "monthlyBenefit", "b"')).toBe(
      'Có trường không được chấp nhận: monthlyBenefit, b.',
    );
    expect(problemMessage('en', 'INVALID_INPUT', 'Unrecognized key: "x"')).toBe('Fields that are not accepted: x.');
    // A code the catalog does not know keeps its English message, and a general refusal in Vietnamese.
    expect(problemMessage('en', 'SOMETHING_NEW', 'it broke')).toBe('it broke');
    expect(problemMessage('vi', 'SOMETHING_NEW', 'it broke')).toBe('Yêu cầu bị từ chối.');
  });

  it("fills a detail template with the occurrence's specifics, each written as the language writes it", () => {
    const floor = { region: 'I', min: '4960000', month: '2026-12' };
    expect(problemDetail('vi', 'SALARY_BELOW_FLOOR', 'x', 'salary', floor)).toBe(
      'Tiền lương thấp hơn mức lương tối thiểu vùng I là 4.960.000 ₫ áp dụng trong tháng 12/2026. Trường: salary.',
    );
    expect(problemMessage('en', 'SALARY_BELOW_FLOOR', 'x', floor)).toBe(
      'The salary is below the region I minimum wage of 4,960,000 ₫ in force in 2026-12.',
    );
    expect(problemMessage('vi', 'FILING_DATE_IN_FUTURE', 'x', { date: '2026-12-01', today: '2026-11-30' })).toBe(
      'Ngày nộp hồ sơ 01/12/2026 sau ngày hôm nay (30/11/2026).',
    );
    expect(problemMessage('vi', 'WRONG_STATE', 'x', { status: 'awaiting_decision' })).toContain('chờ quyết định');
    expect(problemMessage('en', 'INVALID_INPUT', 'x', { minLength: 1000 })).toBe(
      'At least 1,000 characters are needed.',
    );
    expect(problemMessage('vi', 'INVALID_INPUT', 'x', { expected: 'number' })).toBe('Sai kiểu dữ liệu: cần số.');
    // Params that match no template (or none at all) give the code's general text.
    expect(problemMessage('vi', 'SALARY_BELOW_FLOOR', 'x', { min: '1' })).toBe(
      'Tiền lương thấp hơn mức lương tối thiểu vùng.',
    );
    expect(problemMessage('en', 'SALARY_BELOW_FLOOR', 'x')).toBe('The salary is below the regional minimum wage.');
  });

  it('reads Accept-Language with its q-values, Vietnamese by default', () => {
    expect(langFromAcceptLanguage(undefined)).toBe('vi');
    expect(langFromAcceptLanguage('')).toBe('vi');
    expect(langFromAcceptLanguage('en')).toBe('en');
    expect(langFromAcceptLanguage('en-GB,en;q=0.9')).toBe('en');
    expect(langFromAcceptLanguage('fr-FR, en;q=0.5, vi;q=0.8')).toBe('vi');
    expect(langFromAcceptLanguage('vi;q=0.2, EN-us;q=0.9')).toBe('en');
    expect(langFromAcceptLanguage('en;q=0, vi')).toBe('vi');
    expect(langFromAcceptLanguage('en;q=0')).toBe('vi');
    expect(langFromAcceptLanguage('de, fr')).toBe('vi');
    expect(langFromAcceptLanguage('*')).toBe('vi');
    expect(langFromAcceptLanguage('en;q=abc')).toBe('vi');
    expect(langFromAcceptLanguage('en;q=0.5, vi;q=0.5')).toBe('en');
    expect(langFromSetting('en')).toBe('en');
    expect(langFromSetting('en_US.UTF-8')).toBe('en');
    expect(langFromSetting('vi')).toBe('vi');
    expect(langFromSetting(undefined)).toBe('vi');
    expect(langFromSetting('fr')).toBe('vi');
  });
});

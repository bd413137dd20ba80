/**
 * Every error code the API or the CLI can answer has its text in both languages (issue #13). The
 * codes are read from where they are raised: db/errors.ts's constraint and SQLSTATE tables,
 * DOMAIN_STATUS, AuthErrorCode, and every `new HttpProblem(…)`, `new DomainError(…)`, issue
 * `code: '…'`, zod `'CODE: …'` message and workflow `nonRetryable(…, 'CODE')` in the sources.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOMAIN_STATUS } from '../../api/errors';
import { CONSTRAINT_CODES } from '../../db/errors';
import { catalog } from '../../messages';
import {
  hasProblemText,
  langFromAcceptLanguage,
  langFromSetting,
  problemDetail,
  problemMessage,
  problemTitle,
} from '../../messages/negotiate';

const root = join(__dirname, '..', '..');
const DIRS = ['api', 'console', 'domain', 'services', 'activities', 'workflows', 'client', 'cli', 'runtime', 'db'];
const sources = DIRS.flatMap((d) =>
  (readdirSync(join(root, d), { recursive: true }) as string[])
    .filter((f) => /\.tsx?$/.test(f) && !f.includes('migrations'))
    .map((f) => readFileSync(join(root, d, f), 'utf8')),
);
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

  it('writes titles by status and details by code, with the field, in each language', () => {
    expect(problemTitle('vi', 409)).toBe('Xung đột');
    expect(problemTitle('en', 409)).toBe('Conflict');
    expect(problemTitle('en', 418)).toBe('Error');
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

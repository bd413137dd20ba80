/**
 * Every path that declares for an employer or books money the bank confirmed signals the open
 * declaration cases it may answer (issue #14 part 2): the front ends and every other room reach
 * `declare`, `importStatement` and `assignSuspenseLine` only through client/case-signals.ts, which
 * signals after the commit. `ansinh employer declare` once called `declare` directly and never told
 * the case; this keeps the next path from forgetting.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.join(__dirname, '..', '..');
const ROOMS = ['api', 'cli', 'console', 'client', 'services', 'activities', 'workflows', 'runtime', 'worker', 'dev'];
/** The services whose transactions a case may be waiting on, and the one module allowed to call them. */
const GUARDED: Record<string, string[]> = {
  'services/declarations': ['declare'],
  'services/bank': ['importStatement', 'assignSuspenseLine'],
};
const ALLOWED = new Set(['client/case-signals.ts']);

function importsOf(file: string): { from: string; names: string[] }[] {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  const out: { from: string; names: string[] }[] = [];
  for (const m of text.matchAll(/import\s+(type\s+)?\{([^}]*)\}\s+from\s+'([^']+)'/g)) {
    if (m[1]) continue; // a type import calls nothing
    const from = path.posix.normalize(path.posix.join(path.posix.dirname(file), m[3]!));
    const names = m[2]!
      .split(',')
      .map((n) => n.trim())
      .filter((n) => n && !n.startsWith('type '))
      .map((n) => n.split(/\s+as\s+/)[0]!);
    out.push({ from, names });
  }
  return out;
}

describe('the paths that may answer a declaration case', () => {
  it('only client/case-signals.ts calls declare, importStatement and assignSuspenseLine', () => {
    const files = execFileSync('git', ['ls-files', ...ROOMS], { cwd: ROOT, encoding: 'utf8' })
      .split('\n')
      .filter((f) => /\.tsx?$/.test(f));
    expect(files.length).toBeGreaterThan(50);
    const offenders: string[] = [];
    let allowedCalls = 0;
    for (const file of files) {
      for (const imp of importsOf(file)) {
        const guarded = GUARDED[imp.from];
        const hits = guarded ? imp.names.filter((n) => guarded.includes(n)) : [];
        if (hits.length === 0) continue;
        if (ALLOWED.has(file)) allowedCalls += hits.length;
        else offenders.push(`${file}: ${hits.join(', ')} from ${imp.from}`);
      }
    }
    expect(offenders).toEqual([]);
    // The guard sees the one allowed caller's imports (so a renamed module cannot pass it silently).
    expect(allowedCalls).toBe(3);
  });
});

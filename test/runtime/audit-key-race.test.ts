/**
 * Two processes sharing a development home (`ansinh worker --pool interactive` and `--pool batch`
 * on one machine, bench:pools) create the audit signing key at the same moment: each must end up
 * with the one key written, never read a half-written file (the batch worker died at start with
 * "Unexpected end of JSON input").
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const LOAD = `import('./runtime/audit-keys.ts').then(async (m) => {
  const load = m.loadAuditSigningKey ?? m.default.loadAuditSigningKey;
  const k = await load({ home: process.env.H, mode: 'development' });
  process.stdout.write(k.kid);
})`;

describe('the development audit signing key', () => {
  it('created by several processes at once, is the same key for all, and none reads it half-written', async () => {
    for (let round = 0; round < 4; round++) {
      const home = mkdtempSync(path.join(tmpdir(), 'ansinh-audit-race-'));
      const kids = await Promise.all(
        Array.from({ length: 6 }, () =>
          run(process.execPath, ['--import', 'tsx', '-e', LOAD], { env: { ...process.env, H: home } }).then(
            (r) => r.stdout,
          ),
        ),
      );
      expect(new Set(kids).size).toBe(1);
    }
  }, 120_000);
});

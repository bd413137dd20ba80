/**
 * `ansinh audit checkpoint --out` and `ansinh audit verify --checkpoint`: the exported checkpoint
 * kept off the machine still shows a chain cut back after the stored checkpoints were deleted (exit 1).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit, chainOf } from '../../db/queries/audit';
import { createTestDatabase, type TestDatabase } from '../setup/harness';

const run = promisify(execFile);
const BIN = path.join(process.cwd(), 'bin', 'ansinh.cjs');
let tdb: TestDatabase;
const home = mkdtempSync(path.join(tmpdir(), 'ansinh-cli-audit-'));

async function ansinh(args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'silent', DATABASE_URL: tdb.url, ANSINH_HOME: home };
  delete env.TEMPORAL_ADDRESS;
  try {
    const r = await run(process.execPath, [BIN, ...args], { env, timeout: 60_000, cwd: home });
    return { code: 0, stdout: r.stdout };
  } catch (err) {
    const e = err as { code: number; stdout: string };
    return { code: e.code, stdout: e.stdout };
  }
}

beforeAll(async () => {
  tdb = await createTestDatabase('cliaudit');
  for (let i = 1; i <= 4; i++)
    await audit(tdb.db, { actor: 't', action: `a.${i}`, subjectType: 'employer', subjectId: 'E1' });
});
afterAll(async () => {
  await tdb?.drop();
});

describe('ansinh audit', () => {
  it('checkpoint --out, then verify against the file finds the chain cut back (exit 1); ok before', async () => {
    const cp = await ansinh(['--lang', 'en', 'audit', 'checkpoint', '--out', 'cp.json']);
    expect(cp.code).toBe(0);
    expect(cp.stdout).toMatch(/checkpoint 1: 1 chain heads signed/);
    const file = JSON.parse(readFileSync(path.join(home, 'cp.json'), 'utf8')) as { format: string; jws: string };
    expect(file.format).toBe('ansinh-audit-checkpoint/1');
    expect((await ansinh(['audit', 'verify'])).code).toBe(0);
    const chain = chainOf('employer', 'E1');
    await tdb.sql!.begin(async (s) => {
      await s.unsafe('set local session_replication_role = replica');
      await s`delete from audit_events where chain = ${chain} and seq > 2`;
      await s`update audit_chain_heads set seq = 2, hash = (select hash from audit_events where chain = ${chain} and seq = 2) where chain = ${chain}`;
      await s`delete from audit_checkpoints`;
    });
    expect((await ansinh(['audit', 'verify'])).code).toBe(0);
    const r = await ansinh(['--json', 'audit', 'verify', '--checkpoint', 'cp.json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).findings).toEqual([expect.objectContaining({ kind: 'cut_back', chain })]);
  }, 300_000); // five runs of the binary on a machine shared by several engineers (a bound, not a speed check)
});

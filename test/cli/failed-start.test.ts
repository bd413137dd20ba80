/**
 * A long-running command that fails at start exits with its code, so that its orchestrator (a
 * Kubernetes Deployment, docker-compose's restart policy) starts it again. Before, `ansinh worker`
 * printed the error and stayed alive: the database pool and Temporal's runtime kept the process
 * running, and its metrics listener answered the liveness probe of deploy/ as if all were well.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../console/stack';
import { createTestDatabase, type TestDatabase } from '../setup/harness';
import { TEST_PAYLOAD_KEYS_ENV } from '../setup/keys';

const run = promisify(execFile);
const BIN = path.join(process.cwd(), 'bin', 'ansinh.cjs');
let tdb: TestDatabase;

/** `ansinh <args>` as a process; a process still running after a minute is killed (code null). */
async function ansinh(args: string[], env: Record<string, string>) {
  const base: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'silent', ...TEST_PAYLOAD_KEYS_ENV };
  for (const k of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'ANSINH_HOME']) delete base[k];
  try {
    await run(process.execPath, [BIN, ...args], { env: { ...base, ...env }, timeout: 60_000 });
    return { code: 0 as number | null, stderr: '' };
  } catch (err) {
    const e = err as { code: number | null; stderr: string };
    return { code: e.code, stderr: e.stderr };
  }
}

beforeAll(async () => {
  tdb = await createTestDatabase('failed_start');
});
afterAll(async () => {
  await tdb?.drop();
});

describe('a worker that cannot start exits 1 (an orchestrator restarts it)', () => {
  it('ansinh worker with Temporal unreachable: the error, then exit 1, though its database pool and metrics listener were open', async () => {
    const r = await ansinh(['worker'], {
      DATABASE_URL: tdb.url,
      TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}`, // nothing listens there
      WORKER_METRICS_PORT: String(await freePort()),
      ANSINH_HOME: mkdtempSync(path.join(tmpdir(), 'ansinh-failed-worker-')),
    });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/^error: .*(connect|refused)/im);
  });
});

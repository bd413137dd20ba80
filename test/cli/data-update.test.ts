/**
 * `ansinh data-update …` as a user runs it (issue #14 part 1): a correction filed, its evidence
 * attached, the officer's decision and the request shown, against a real database and the dev
 * server with a worker; bad input exits 2 before anything is connected, an unknown request 3.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { NativeConnection } from '@temporalio/worker';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { participants } from '../../db/schema';
import { findEbook, verifyEbooks } from '../../db/queries/ebooks';
import { createClaimant } from '../setup/claimants';
import { createTestDatabase, makeWorker, testClock, uniqueTaskQueue, type TestDatabase } from '../setup/harness';
import { TEST_PAYLOAD_KEYS_ENV } from '../setup/keys';

const run = promisify(execFile);
const BIN = path.join(process.cwd(), 'bin', 'ansinh.cjs');
let tdb: TestDatabase;

async function ansinh(args: string[], env: Record<string, string> = {}, cwd?: string) {
  const base: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'silent', ...TEST_PAYLOAD_KEYS_ENV };
  for (const k of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'ANSINH_HOME']) delete base[k];
  try {
    const r = await run(process.execPath, [BIN, ...args], {
      env: { ...base, ...env },
      timeout: 60_000,
      ...(cwd ? { cwd } : {}),
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  tdb = await createTestDatabase('cli_du');
});
afterAll(async () => {
  await tdb?.drop();
});

describe('ansinh data-update', () => {
  it('files a nationality correction, attaches a PDF, the officer approves it: the record and the e-book change, and `show` says approved', async () => {
    const taskQueue = uniqueTaskQueue('cli-du');
    const connection = await NativeConnection.connect({ address: inject('temporalAddress') });
    const worker = await makeWorker(connection, taskQueue, { db: tdb.db, clock: testClock });
    const running = worker.run();
    try {
      const c = await createClaimant(tdb.db, { lastMonth: '2026-06', months: 2, salary: 9_000_000, seed: 7700 });
      const dir = mkdtempSync(path.join(tmpdir(), 'ansinh-cli-du-'));
      writeFileSync(
        path.join(dir, 'req.json'),
        JSON.stringify({ kind: 'nationality', personalId: c.personalId, nationality: 'LA' }),
      );
      writeFileSync(path.join(dir, 'passport.pdf'), '%PDF-1.7\npassport\n%%EOF\n');
      const env = {
        DATABASE_URL: tdb.url,
        TEMPORAL_ADDRESS: inject('temporalAddress'),
        TEMPORAL_TASK_QUEUE: taskQueue,
        CLAIM_SUBJECT_KEY: 'cli-test-subject-key-0123456789',
      };
      const filed = await ansinh(['--json', 'data-update', 'file', 'req.json'], env, dir);
      expect(filed.code, filed.stderr).toBe(0);
      const { requestId } = JSON.parse(filed.stdout) as { requestId: number };
      const up = await ansinh(['--lang', 'en', 'data-update', 'evidence', String(requestId), 'passport.pdf'], env, dir);
      expect(up.code, up.stderr).toBe(0);
      expect(up.stdout).toContain('passport.pdf (application/pdf');
      let decided = { code: 1, stdout: '', stderr: '' };
      for (let i = 0; i < 100; i++) {
        decided = await ansinh(['--lang', 'en', 'data-update', 'decide', String(requestId), '--approve'], env, dir);
        if (decided.code === 0 || !decided.stderr.includes('WRONG_STATE')) break; // the review may still be opening
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(decided.code, decided.stderr).toBe(0);
      expect(decided.stdout).toMatch(new RegExp(`^request ${requestId} \\(nationality\\): approved, applied`));
      const [p] = await tdb.db.select().from(participants).where(eq(participants.personalId, c.personalId));
      expect(p!.nationality).toBe('LA');
      const book = JSON.parse((await findEbook(tdb.db, c.personalId))!.content) as { corrections: { field: string }[] };
      expect(book.corrections.map((x) => x.field)).toEqual(['nationality']);
      expect((await verifyEbooks(tdb.db)).mismatches).toEqual([]);
    } finally {
      worker.shutdown();
      await running;
      await connection.close();
    }
  });

  it('bad input exits 2 before anything is connected; an unknown request exits 3', async () => {
    const bad = await ansinh(['data-update', 'show', 'abc']);
    expect(bad.code, bad.stderr).toBe(2);
    expect(bad.stderr).toMatch(/^error: INVALID_REQUEST_ID/);
    const none = await ansinh(['data-update', 'show', '999999'], { DATABASE_URL: tdb.url });
    expect(none.code, none.stderr).toBe(3);
    expect(none.stderr).toMatch(/DATA_UPDATE_NOT_FOUND/);
    const noDecision = await ansinh(['data-update', 'decide', '1']);
    expect(noDecision.code, noDecision.stderr).toBe(2);
    expect(noDecision.stderr).toMatch(/^error: INVALID_DECISION/);
  });
});

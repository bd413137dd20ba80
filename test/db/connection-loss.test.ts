/**
 * postgres.js under lost connections (db/patches/postgres.cjs): a transaction whose backend is
 * terminated fails with CONNECTION_CLOSED, writes nothing afterwards, and the process and its pool
 * live on. Unpatched 3.4.9 dies here with "TypeError: Cannot read properties of null (reading
 * 'write')" from postgres.js's own ROLLBACK on the dead socket.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertPostgresPatched } from '../../db/client';
import { createTestDatabase, type TestDatabase } from '../setup/harness';
import { ADMIN_URL } from '../setup/pg';
import { lostConnectionScenario, type LostConnectionOutcome, type StormOutcome } from './lost-connection';

const CONNECTION_ERRORS = ['CONNECTION_CLOSED', 'ECONNRESET', 'EPIPE', '57P01'];

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase('connloss');
});
afterAll(async () => {
  await tdb?.drop();
});

const expected: LostConnectionOutcome = {
  transactions: Array(6).fill('CONNECTION_CLOSED'),
  after: Array(6).fill(1),
  strayRows: 0,
  poolAnswers: 2,
};

describe('a lost database connection', () => {
  it('the installed postgres.js carries the connection-loss patch in both builds', () => {
    expect(() => assertPostgresPatched()).not.toThrow();
  });

  it('fails the transaction with CONNECTION_CLOSED and the pool answers the next query (this process, ESM build)', async () => {
    expect(await lostConnectionScenario(tdb.url, ADMIN_URL)).toEqual(expected);
  });

  it('never kills a Node process that uses the CommonJS build (as the worker and the API do)', async () => {
    const child = path.join(__dirname, 'lost-connection.ts');
    const run = await promisify(execFile)(process.execPath, ['--import', 'tsx', child, tdb.url, ADMIN_URL], {
      timeout: 60_000,
    }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code?: number; stdout?: string; stderr?: string }) => ({
        code: e.code ?? -1,
        stdout: e.stdout ?? '',
        stderr: e.stderr ?? '',
      }),
    );
    expect(run.stderr).not.toMatch(/TypeError/);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout.trim().split('\n').pop()!)).toEqual(expected);
  });

  it('under a storm of terminations (40, every 50–300 ms) six concurrent transactions commit or fail with a connection error: none hangs, nothing runs outside its transaction, the process and the pool live on', async () => {
    const child = path.join(__dirname, 'lost-connection.ts');
    const run = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', child, 'storm', tdb.url, ADMIN_URL, tdb.name, '40'],
      { timeout: 90_000 },
    ).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code?: number; stdout?: string; stderr?: string }) => ({
        code: e.code ?? -1,
        stdout: e.stdout ?? '',
        stderr: e.stderr ?? '',
      }),
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const storm = JSON.parse(run.stdout.trim().split('\n').pop()!) as StormOutcome;
    expect(storm).toMatchObject({ kills: 40, hung: 0, after: 1 });
    const { ok = 0, ...failed } = storm.outcomes;
    expect(ok).toBeGreaterThan(0);
    expect(Object.keys(failed).every((code) => CONNECTION_ERRORS.includes(code))).toBe(true);
    // Each transaction writes two rows: all or nothing. (A commit whose answer was lost with its
    // connection is written whole but reported failed; that is the database's answer, not a bug.)
    expect(storm.partial).toBe(0);
    expect(storm.unreported).toBeGreaterThanOrEqual(0);
  });
});

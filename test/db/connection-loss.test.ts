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
import { lostConnectionScenario, type LostConnectionOutcome } from './lost-connection';

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
    const run = await promisify(execFile)(process.execPath, ['--import', 'tsx', child, tdb.url, ADMIN_URL], { timeout: 60_000 }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code?: number; stdout?: string; stderr?: string }) => ({ code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' }),
    );
    expect(run.stderr).not.toMatch(/TypeError/);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout.trim().split('\n').pop()!)).toEqual(expected);
  });
});

/**
 * `ansinh seed`: COPY-loaded synthetic population that the e-book and ledger checks accept, the
 * same from the same seed, and that the reconciliation workflow settles.
 */
import { NativeConnection } from '@temporalio/worker';
import { count, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { verifyLedger } from '../../activities/payments';
import { startReconciliation } from '../../client/temporal';
import { verifyEbooks } from '../../db/queries/ebooks';
import { seed } from '../../db/seed';
import { contributionMonths, ebooks, employerPeriods, participants } from '../../db/schema';
import type { monthlyReconciliation } from '../../workflows/reconciliation';
import { createTestDatabase, devServerClient, makeWorker, uniqueTaskQueue, type TestDatabase, testClock } from '../setup/harness';

let a: TestDatabase;
let b: TestDatabase;
beforeAll(async () => {
  [a, b] = await Promise.all([createTestDatabase('seed-a'), createTestDatabase('seed-b')]);
});
afterAll(async () => {
  await a?.drop();
  await b?.drop();
});

const opts = { employers: 12, participants: 150, months: 2, lastPeriod: '2026-06', seed: 7 };
const fingerprint = async (t: TestDatabase) => (await t.db.select({ h: sql<string>`md5(string_agg(sha256, '' order by personal_id))` }).from(ebooks))[0]!.h;

describe('seed', () => {
  it('loads a population that ebook verify and ledger verify accept, identical from the same seed', async () => {
    const [sa, sb] = await Promise.all([seed(a.sql!, opts), seed(b.sql!, opts)]);
    expect(sa).toEqual(sb);
    expect(sa).toMatchObject({ employers: 12, participants: 150, firstPeriod: '2026-05', lastPeriod: '2026-06' });
    expect(sa.payments).toBeGreaterThan(0);
    expect(Number((await a.db.select({ n: count() }).from(participants))[0]!.n)).toBe(150);
    expect((await verifyEbooks(a.db)).mismatches).toEqual([]);
    expect((await verifyLedger(a.db)).problems).toEqual([]);
    expect(await fingerprint(a)).toBe(await fingerprint(b));
  });

  it('the reconciliation settles the seeded period for every employer', async () => {
    const { client, connection } = await devServerClient();
    const native = await NativeConnection.connect({ address: inject('temporalAddress') });
    const queue = uniqueTaskQueue('seed');
    const worker = await makeWorker(native, queue, { db: a.db, clock: testClock });
    try {
      const started = await startReconciliation(client, queue, { period: '2026-06', asOf: '2026-08-14', batchSize: 5 });
      // reconciliation:<period> is one workflow per period on the shared dev server: other test files use 2026-10.
      expect(started.alreadyRunning).toBe(false);
      const result = await worker.runUntil(client.workflow.getHandle<typeof monthlyReconciliation>(started.workflowId).result());
      expect(result).toMatchObject({ state: 'completed', employersDone: 12, lines: 150 * 8 });
      expect(Number((await a.db.select({ n: count() }).from(employerPeriods))[0]!.n)).toBe(12);
      expect(Number((await a.db.select({ n: count() }).from(contributionMonths))[0]!.n)).toBe(150);
      expect(result.unpaidEmployers).toBe(Number((await a.db.select({ n: count() }).from(employerPeriods).where(sql`outstanding > 0`))[0]!.n));
      expect((await verifyEbooks(a.db)).mismatches).toEqual([]);
      expect((await verifyLedger(a.db)).problems).toEqual([]);
    } finally {
      await native.close();
      await connection.close();
    }
  });
});

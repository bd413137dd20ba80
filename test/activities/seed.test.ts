/**
 * `ansinh seed`: COPY-loaded synthetic population that the e-book and ledger checks accept, the
 * same from the same seed, and that the reconciliation workflow settles.
 */
import { NativeConnection } from '@temporalio/worker';
import { count, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { recordPayment } from '../../services/payments';
import { verifyLedger } from '../../services/ledger';
import { startReconciliation } from '../../client/temporal';
import { verifyEbooks } from '../../db/queries/ebooks';
import { seed } from '../../dev/seed';
import { contributionMonths, ebooks, employerPeriods, participants, payments } from '../../db/schema';
import type { monthlyReconciliation } from '../../workflows/reconciliation';
import {
  createTestDatabase,
  devServerClient,
  makeWorker,
  uniqueTaskQueue,
  type TestDatabase,
  testClock,
} from '../setup/harness';

let a: TestDatabase;
let b: TestDatabase;
beforeAll(async () => {
  [a, b] = await Promise.all([createTestDatabase('seed-a'), createTestDatabase('seed-b')]);
});
afterAll(async () => {
  await a?.drop();
  await b?.drop();
});

const opts = { employers: 12, participants: 150, months: 2, lastPeriod: '2026-06', today: '2026-08-14', seed: 7 };
const fingerprint = async (t: TestDatabase) =>
  (await t.db.select({ h: sql<string>`md5(string_agg(root, '' order by personal_id))` }).from(ebooks))[0]!.h;

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

  it('seeded on a day before the last period’s deadline, it writes no payment dated after that day, and money booked that day keeps the ledger balanced', async () => {
    // 2026-06 is due by 2026-07-31: on 2026-07-10 neither its on-time nor its late payments exist yet.
    const c = await createTestDatabase('seed-c');
    try {
      const today = '2026-07-10';
      await seed(c.sql!, { ...opts, today, seed: 8 });
      const late = await c.db
        .select({ n: count() })
        .from(payments)
        .where(sql`${payments.valueDate} > ${today}::date`);
      expect(Number(late[0]!.n)).toBe(0);
      expect((await verifyLedger(c.db)).problems).toEqual([]);
      const [someone] = await c.db.select({ taxCode: payments.employerTaxCode }).from(payments).limit(1);
      await recordPayment(c.db, {
        taxCode: someone!.taxCode,
        bankReference: 'SEED-C-EXTRA',
        amount: '5000000',
        valueDate: today,
        author: 't',
        today,
      });
      expect((await verifyLedger(c.db)).problems).toEqual([]);
    } finally {
      await c.drop();
    }
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
      const result = await worker.runUntil(
        client.workflow.getHandle<typeof monthlyReconciliation>(started.workflowId).result(),
      );
      expect(result).toMatchObject({ state: 'completed', employersDone: 12, lines: 150 * 8 });
      expect(Number((await a.db.select({ n: count() }).from(employerPeriods))[0]!.n)).toBe(12);
      expect(Number((await a.db.select({ n: count() }).from(contributionMonths))[0]!.n)).toBe(150);
      expect(result.unpaidEmployers).toBe(
        Number(
          (
            await a.db
              .select({ n: count() })
              .from(employerPeriods)
              .where(sql`outstanding > 0`)
          )[0]!.n,
        ),
      );
      expect((await verifyEbooks(a.db)).mismatches).toEqual([]);
      expect((await verifyLedger(a.db)).problems).toEqual([]);
    } finally {
      await native.close();
      await connection.close();
    }
  });
});

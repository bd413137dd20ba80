/**
 * Durability on the real dev server: the worker is stopped in the middle of an onboarding (after
 * some batches committed) and a new worker finishes it — with no duplicate rows and every
 * e-book equal to the database.
 */
import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { inject } from 'vitest';
import { sampleSubmission } from '../../dev/sample';
import { decideOnboarding, submitOnboarding } from '../../client/temporal';
import { verifyEbooks } from '../../db/queries/ebooks';
import { ebooks, employments, hiCards, idempotencyKeys, participants, salaryHistory } from '../../db/schema';
import type { OnboardingProgress } from '../../domain/schemas';
import { onboardingProgressQuery } from '../../workflows/definitions';
import {
  createTestDatabase,
  devServerClient,
  makeWorker,
  uniqueTaskQueue,
  waitForQuery,
  type TestDatabase,
  testClock,
} from '../setup/harness';

let tdb: TestDatabase;
let client: Client;
let connection: Connection;
let native: NativeConnection;

beforeAll(async () => {
  tdb = await createTestDatabase('restart');
  ({ client, connection } = await devServerClient());
  native = await NativeConnection.connect({ address: inject('temporalAddress') });
});
afterAll(async () => {
  await native?.close();
  await connection?.close();
  await tdb?.drop();
});

describe('a worker restarted in the middle of an onboarding', () => {
  it('finishes on a new worker with every employee written exactly once', async () => {
    const taskQueue = uniqueTaskQueue('restart');
    const total = 120;
    const sub = sampleSubmission(777, total, { startMonth: '2026-11' });
    let batchesSeen = 0;
    // Slow each batch a little so that the stop lands mid-way (the stop is driven by progress, not time).
    const slow = async (point: string) => {
      if (point === 'batch:after-ebooks') {
        batchesSeen++;
        await new Promise((r) => setTimeout(r, 150));
      }
    };
    const first = await makeWorker(native, taskQueue, { db: tdb.db, clock: testClock, faults: slow });
    const firstRun = first.run();

    const submitted = await submitOnboarding(
      { db: tdb.db, client, taskQueue, clock: testClock },
      sub,
      'employer:test',
      { batchSize: 10 },
    );
    const handle = client.workflow.getHandle(submitted.workflowId);
    await waitForQuery<OnboardingProgress>(
      handle,
      onboardingProgressQuery.name,
      (p) => p.state === 'awaiting_decision',
    );
    await decideOnboarding(
      client,
      sub.employer.taxCode,
      { decision: 'approve', officer: 'officer:lan' },
      { db: tdb.db },
    );
    const mid = await waitForQuery<OnboardingProgress>(handle, onboardingProgressQuery.name, (p) => p.batchesDone >= 3);
    expect(mid.batchesDone).toBeLessThan(12);

    first.shutdown();
    await firstRun;
    const committedBeforeRestart = Number((await tdb.db.select({ n: count() }).from(idempotencyKeys))[0]!.n);
    expect(committedBeforeRestart).toBeGreaterThanOrEqual(3);
    expect(committedBeforeRestart).toBeLessThan(12);

    const second = await makeWorker(native, taskQueue, { db: tdb.db, clock: testClock });
    const summary = await second.runUntil(handle.result());
    expect(summary).toMatchObject({ outcome: 'completed', employeesOnboarded: total, hiCardsIssued: total });
    expect(batchesSeen).toBeGreaterThanOrEqual(3);

    const n = async (q: Promise<{ n: number }[]>) => Number((await q)[0]!.n);
    expect(await n(tdb.db.select({ n: count() }).from(participants))).toBe(total);
    expect(
      await n(
        tdb.db.select({ n: count() }).from(employments).where(eq(employments.employerTaxCode, sub.employer.taxCode)),
      ),
    ).toBe(total);
    expect(await n(tdb.db.select({ n: count() }).from(salaryHistory))).toBe(total);
    expect(await n(tdb.db.select({ n: count() }).from(hiCards))).toBe(total);
    expect(await n(tdb.db.select({ n: count() }).from(ebooks))).toBe(total);
    // Each e-book written once: version 1 everywhere.
    expect(
      await n(
        tdb.db
          .select({ n: count() })
          .from(ebooks)
          .where(sql`${ebooks.version} <> 1`),
      ),
    ).toBe(0);
    expect((await verifyEbooks(tdb.db)).mismatches).toEqual([]);
  });
});

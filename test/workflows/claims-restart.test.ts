/**
 * A worker restarted between a payment and its recording (issue #5): on the dev server, worker A
 * pays benefit month 1 — the transaction commits — and its completion never reaches Temporal; A is
 * stopped and worker B started. B runs the retry, finds the payment under its key (claim + month)
 * and pays nothing again. Real PostgreSQL, real Temporal server.
 *
 * @date-sensitive The claim is filed for today (the injected clock); it passes on any date.
 */
import type { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { verifyLedger } from '../../services/ledger';
import { decideClaim, fileAndStartClaim, reportClaim, terminateClaim, type ClaimsContext } from '../../client/claims';
import { verifyEbooks } from '../../db/queries/ebooks';
import { auditEvents, outbox, uiClaimMonths, uiClaims } from '../../db/schema';
import { addDays, monthOf } from '../../domain/calendar';
import type { unemploymentClaim } from '../../workflows/claims';
import type { ClaimState } from '../../workflows/definitions';
import { createClaimant } from '../setup/claimants';
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
  tdb = await createTestDatabase('claims-restart');
  ({ client, connection } = await devServerClient());
  native = await NativeConnection.connect({ address: inject('temporalAddress') });
});

afterAll(async () => {
  await native?.close();
  await connection?.close();
  await tdb?.drop();
});

describe('unemployment claim payments', () => {
  it('a worker restarted between a payment and its recording pays the month exactly once', async () => {
    const queue = uniqueTaskQueue('claims-restart');
    // Its own key: the claim workflow ids of this file cannot meet another file's on the shared server.
    const ctx: ClaimsContext = {
      db: tdb.db,
      client,
      taskQueue: queue,
      subjectKey: `restart-${queue}`,
      clock: testClock,
    };
    let paymentsOnA = 0;
    // On worker A no payment's completion ever reaches Temporal: the activity fails after its commit.
    const a = await makeWorker(native, queue, {
      db: tdb.db,
      clock: testClock,
      faults: (point) => {
        if (point === 'claim:pay:after-commit') {
          paymentsOnA++;
          throw new Error('worker going away: the payment committed, its completion is lost');
        }
      },
    });
    const runningA = a.run();

    const filingDate = testClock.today();
    const terminationDate = addDays(filingDate, -7);
    const c = await createClaimant(tdb.db, {
      lastMonth: monthOf(terminationDate),
      months: 40,
      salary: 12_000_000,
      seed: 9090,
    });
    const filed = await fileAndStartClaim(
      ctx,
      {
        personalId: c.personalId,
        terminationDate,
        filingDate,
        region: 'I',
        contractMonths: 36,
        terminationReason: 'contract_expired',
      },
      'officer:test',
      filingDate,
    );
    const handle = client.workflow.getHandle<typeof unemploymentClaim>(filed.workflowId);
    await waitForQuery<ClaimState>(handle, 'state', (s) => s.status === 'awaiting_decision');
    await decideClaim(ctx, filed.claimId, { decision: 'approve' }, 'officer:lan');
    await waitForQuery<ClaimState>(handle, 'state', (s) => s.reportWindowFor === 1);
    await reportClaim(ctx, filed.claimId, {}, 'participant');

    for (let i = 0; i < 400 && paymentsOnA === 0; i++) await new Promise((r) => setTimeout(r, 25));
    expect(paymentsOnA).toBeGreaterThanOrEqual(1);
    a.shutdown();
    await runningA;
    // The payment is in the database; Temporal has not recorded it.
    expect((await tdb.db.select().from(uiClaims).where(eq(uiClaims.id, filed.claimId)))[0]).toMatchObject({
      monthsPaid: 1,
    });
    const history = await handle.fetchHistory();
    const payments = history
      .events!.filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'payClaimMonth')
      .map((e) => Number(e.eventId));
    const recorded = history.events!.filter(
      (e) =>
        e.activityTaskCompletedEventAttributes &&
        payments.includes(Number(e.activityTaskCompletedEventAttributes.scheduledEventId)),
    );
    expect(payments).toHaveLength(1);
    expect(recorded).toHaveLength(0);

    const b = await makeWorker(native, queue, { db: tdb.db, clock: testClock });
    const summary = await b.runUntil(async () => {
      await waitForQuery<ClaimState>(handle, 'state', (s) => s.months[0]!.status === 'paid');
      await terminateClaim(ctx, filed.claimId, { ground: 'own_request' }, 'participant');
      return handle.result();
    });
    expect(summary).toMatchObject({ outcome: 'terminated', monthsPaid: 1 });
    const paid = await tdb.db
      .select()
      .from(uiClaimMonths)
      .where(and(eq(uiClaimMonths.claimId, filed.claimId), eq(uiClaimMonths.status, 'paid')));
    expect(paid.map((m) => [m.idx, m.amount])).toEqual([[1, '7200000']]);
    expect(
      await tdb.db
        .select()
        .from(outbox)
        .where(eq(outbox.dedupeKey, `uipay:${filed.claimId}:1`)),
    ).toHaveLength(1);
    expect(
      await tdb.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.subjectId, filed.claimId), like(auditEvents.action, 'claim.paid'))),
    ).toHaveLength(1);
    expect((await verifyEbooks(tdb.db)).mismatches).toEqual([]);
    expect((await verifyLedger(tdb.db)).problems).toEqual([]);
  });
});

/**
 * A worker restarted between a payment run and its recording (issue #5; since issue 14 part 4 the
 * bank pays, rules §8.36): on the dev server, worker A makes the day's payment run — the file and
 * its transfers commit — and its completion never reaches Temporal; A is stopped and worker B
 * started. B runs the retry, finds the run's file under its business key (the run id) and
 * instructs nothing again; the bank's report then pays the month once. Real PostgreSQL, real
 * Temporal server.
 *
 * @date-sensitive The claim is filed for today (the injected clock); it passes on any date.
 */
import type { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { and, eq, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { verifyLedger } from '../../services/ledger';
import { decideClaim, fileAndStartClaim, reportClaim, terminateClaim, type ClaimsContext } from '../../client/claims';
import { queryRows } from '../../db/client';
import { verifyEbooks } from '../../db/queries/ebooks';
import { auditEvents, outbox, uiClaimMonths } from '../../db/schema';
import { addDays, monthOf } from '../../domain/calendar';
import { paymentKeyOf } from '../../domain/iso20022';
import { importBankReturns, parsePain002 } from '../../services/bank-returns';
import type { benefitPaymentRun } from '../../workflows/payment-run';
import type { unemploymentClaim } from '../../workflows/claims';
import type { ClaimState } from '../../workflows/definitions';
import { statusReport, verifyAccountsOfClaimants } from '../setup/bank';
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
  it('a worker restarted between a payment run and its recording makes one file and the month is paid exactly once', async () => {
    const queue = uniqueTaskQueue('claims-restart');
    // Its own key: the claim workflow ids of this file cannot meet another file's on the shared server.
    const ctx: ClaimsContext = {
      db: tdb.db,
      client,
      taskQueue: queue,
      subjectKey: `restart-${queue}`,
      clock: testClock,
    };
    let runsOnA = 0;
    // On worker A no payment run's completion ever reaches Temporal: the activity fails after its commit.
    const a = await makeWorker(native, queue, {
      db: tdb.db,
      clock: testClock,
      faults: (point) => {
        if (point === 'payrun:after-commit') {
          runsOnA++;
          throw new Error('worker going away: the payment file committed, its completion is lost');
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
    await verifyAccountsOfClaimants(tdb.db, filingDate);

    // Its own run id: the dev server is shared and the workflow id is payment-run:<run>.
    const runDate = filingDate;
    const run = await client.workflow.start<typeof benefitPaymentRun>('benefitPaymentRun', {
      taskQueue: queue,
      workflowId: `payment-run:${runDate}:${queue}`,
      args: [{ runDate, offsetDays: testClock.offsetDays }],
    });
    for (let i = 0; i < 400 && runsOnA === 0; i++) await new Promise((r) => setTimeout(r, 25));
    expect(runsOnA).toBeGreaterThanOrEqual(1);
    a.shutdown();
    await runningA;
    // The file is in the database; Temporal has not recorded it.
    const files = async () =>
      queryRows<{ id: number; sha256: string; nb_of_txs: number }>(
        tdb.db,
        sql`select id::int as id, sha256, nb_of_txs from payment_files where run_id = ${runDate}`,
      );
    const [first] = await files();
    expect(first).toMatchObject({ nb_of_txs: 1 });
    expect((await monthsOf(filed.claimId))[0]!.status).toBe('instructed');

    const b = await makeWorker(native, queue, { db: tdb.db, clock: testClock });
    const summary = await b.runUntil(async () => {
      // The retry finds the run's file: the same one, nothing instructed twice.
      expect(await run.result()).toMatchObject({
        created: false,
        fileId: first!.id,
        sha256: first!.sha256,
        nbOfTxs: 1,
      });
      const report = statusReport([{ endToEndId: paymentKeyOf(filed.claimId, 1, 1), sts: 'ACSC' }], runDate);
      expect(
        await importBankReturns(tdb.db, parsePain002(report), { author: 'bank:test', today: runDate }),
      ).toMatchObject({
        paid: 1,
      });
      await terminateClaim(ctx, filed.claimId, { ground: 'own_request' }, 'participant');
      return handle.result();
    });
    expect(summary).toMatchObject({ outcome: 'terminated', monthsPaid: 1 });
    expect(await files()).toEqual([first]);
    expect(
      await queryRows(tdb.db, sql`select idx from payment_instructions where claim_id = ${filed.claimId}`),
    ).toHaveLength(1);
    const paid = await tdb.db
      .select()
      .from(uiClaimMonths)
      .where(and(eq(uiClaimMonths.claimId, filed.claimId), eq(uiClaimMonths.status, 'paid')));
    expect(paid.map((m) => [m.idx, m.amount, m.paymentKey])).toEqual([
      [1, '7200000', paymentKeyOf(filed.claimId, 1, 1)],
    ]);
    expect(
      await tdb.db
        .select()
        .from(outbox)
        .where(and(eq(outbox.recipientId, c.personalId), eq(outbox.kind, 'claim.payment'))),
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

const monthsOf = async (id: string) =>
  tdb.db.select().from(uiClaimMonths).where(eq(uiClaimMonths.claimId, id)).orderBy(uiClaimMonths.idx);

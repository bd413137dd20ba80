/**
 * The two pools (issue 15, workflows/definitions.ts TaskQueues): batch work runs on the batch
 * queue with workers of its own, so an officer's decision is answered while a reconciliation holds
 * every batch slot; the routing of each kind of work is read back from Temporal itself (the queue
 * a workflow runs on, the queue each activity was scheduled on). On the dev server: the held batch
 * waits in real time.
 *
 * @date-sensitive Claims are filed today (the injected clock); the assertions do not depend on the date.
 */
import { availableParallelism } from 'node:os';
import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { claimState, decideClaim, fileAndStartClaim } from '../../client/claims';
import { AGENCY_SCHEDULES } from '../../client/schedules';
import { decideOnboarding, onboardingResult, startReconciliation, submitOnboarding } from '../../client/temporal';
import { sampleSubmission } from '../../dev/sample';
import { addDays, monthOf } from '../../domain/calendar';
import { loadConfig, taskQueuesOf } from '../../runtime/config';
import { batchSlotsFor, niceOf, POOL_DEFAULTS, poolsOf } from '../../worker/main';
import type { ClaimState } from '../../workflows/definitions';
import type { monthlyReconciliation } from '../../workflows/reconciliation';
import { createClaimant } from '../setup/claimants';
import {
  createTestDatabase,
  makeWorker,
  testClock,
  testDataConverter,
  uniqueTaskQueue,
  waitForQuery,
  type TestDatabase,
} from '../setup/harness';

const { EventType } = temporal.api.enums.v1;
const interactive = uniqueTaskQueue('pool');
const batch = `${interactive}-batch`;
const subjectKey = 'pools-test-subject-key-0123456789';

let tdb: TestDatabase;
let native: NativeConnection;
let connection: Connection;
let client: Client;
let interactiveWorker: Worker;
let batchWorker: Worker;
let running: Promise<unknown>;

/** Holding the reconciliation's batches open: each waits, its transaction open, until released. */
let held = 0;
let release: () => void = () => {};
const released = new Promise<void>((r) => (release = r));

beforeAll(async () => {
  tdb = await createTestDatabase('pools');
  native = await NativeConnection.connect({ address: inject('temporalAddress') });
  connection = await Connection.connect({ address: inject('temporalAddress') });
  client = new Client({ connection, dataConverter: testDataConverter });
  // The pools as `ansinh worker --pool …` builds them: the batch pool has one activity slot here,
  // so a held reconciliation batch takes all of it.
  interactiveWorker = await makeWorker(native, interactive, { db: tdb.db, clock: testClock });
  batchWorker = await makeWorker(
    native,
    batch,
    {
      db: tdb.db,
      clock: testClock,
      faults: async (point) => {
        if (point !== 'reconcile:before-commit') return;
        held++;
        await released;
      },
    },
    { maxConcurrentActivityTaskExecutions: 1 },
  );
  running = Promise.all([interactiveWorker.run(), batchWorker.run()]);
}, 60_000);

afterAll(async () => {
  release();
  interactiveWorker?.shutdown();
  batchWorker?.shutdown();
  await running;
  await connection?.close();
  await native?.close();
  await tdb?.drop();
});

/** The task queue each activity of a workflow was scheduled on, by activity type, from its history. */
async function activityQueues(workflowId: string): Promise<Record<string, string[]>> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  const out: Record<string, string[]> = {};
  for (const e of history.events ?? []) {
    if (e.eventType !== EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) continue;
    const a = e.activityTaskScheduledEventAttributes!;
    const name = a.activityType!.name!;
    (out[name] ??= []).push(a.taskQueue!.name!);
  }
  for (const k of Object.keys(out)) out[k] = [...new Set(out[k])];
  return out;
}

describe('the interactive and the batch pool', () => {
  it('a claim decision is answered while a reconciliation holds every batch slot; the reconciliation runs on the batch queue', async () => {
    const filingDate = testClock.today();
    const terminationDate = addDays(filingDate, -7);
    const c = await createClaimant(tdb.db, { lastMonth: monthOf(terminationDate), months: 14, salary: 12_000_000 });
    const ctx = { db: tdb.db, client, taskQueue: interactive, subjectKey, clock: testClock };
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
    );
    await waitForQuery<ClaimState>(
      client.workflow.getHandle(filed.workflowId),
      'state',
      (s) => s.status === 'awaiting_decision',
    );

    // A reconciliation of a month nobody else reconciles, on the batch queue; its batch is held open.
    const rec = await startReconciliation(client, batch, { period: '2013-07', asOf: '2013-09-01' });
    for (let i = 0; i < 400 && held === 0; i++) await new Promise((r) => setTimeout(r, 25));
    expect(held).toBe(1);
    const described = await client.workflow.getHandle(rec.workflowId).describe();
    expect(described.taskQueue).toBe(batch);

    // The officer decides while the batch pool is full: the interactive pool answers.
    try {
      const decided = await decideClaim(ctx, filed.claimId, { decision: 'approve' }, 'officer:test');
      expect(decided).toMatchObject({ accepted: true });
      expect((await claimState(ctx, filed.claimId)).status).toBe('active');
      expect(held).toBe(1); // still held: the decision did not wait for it
    } finally {
      release();
    }
    const result = await client.workflow.getHandle<typeof monthlyReconciliation>(rec.workflowId).result();
    expect(result.period).toBe('2013-07');
    // The claim's activities ran on the interactive queue, the reconciliation's on the batch queue.
    expect(new Set(Object.values(await activityQueues(filed.workflowId)).flat())).toEqual(new Set([interactive]));
    expect(new Set(Object.values(await activityQueues(rec.workflowId)).flat())).toEqual(new Set([batch]));
  }, 120_000);

  it("an onboarding's registration and decision are interactive; its employee batches run on the batch queue", async () => {
    const sub = sampleSubmission(7_707, 5, { startMonth: '2026-11' });
    const s = await submitOnboarding(
      { db: tdb.db, client, taskQueue: interactive, batchTaskQueue: batch, clock: testClock },
      sub,
      'employer:test',
      { batchSize: 2 },
    );
    const handle = client.workflow.getHandle(s.workflowId);
    expect((await handle.describe()).taskQueue).toBe(interactive);
    for (let i = 0; i < 400; i++) {
      const p = (await handle.query('progress').catch(() => undefined)) as { state?: string } | undefined;
      if (p?.state === 'awaiting_decision') break;
      await new Promise((r) => setTimeout(r, 25));
    }
    await decideOnboarding(
      client,
      sub.employer.taxCode,
      { decision: 'approve', officer: 'officer:lan' },
      { db: tdb.db },
    );
    await handle.result();
    expect(await onboardingResult(client, sub.employer.taxCode, tdb.db)).toMatchObject({ employeesOnboarded: 5 });
    const queues = await activityQueues(s.workflowId);
    expect(queues.onboardEmployeeBatch).toEqual([batch]);
    for (const [name, q] of Object.entries(queues))
      if (name !== 'onboardEmployeeBatch') expect(q).toEqual([interactive]);
  }, 120_000);

  it('the agency schedules start their workflows on the batch queue', async () => {
    expect(AGENCY_SCHEDULES.map((s) => s.pool)).toEqual(['batch', 'batch', 'batch']);
    // One queue name serves both pools (a single worker, or TEMPORAL_BATCH_TASK_QUEUE set to the same).
    const cfg = loadConfig({ TEMPORAL_TASK_QUEUE: 'agency' });
    expect(taskQueuesOf(cfg)).toEqual({ interactive: 'agency', batch: 'agency-batch' });
    expect(taskQueuesOf({ TEMPORAL_TASK_QUEUE: 'a', TEMPORAL_BATCH_TASK_QUEUE: 'b' })).toEqual({
      interactive: 'a',
      batch: 'b',
    });
  });

  it('WORKER_POOL names the pools a process serves; the batch pool is capped so interactive work keeps its headroom', () => {
    expect(poolsOf('all')).toEqual(['interactive', 'batch']);
    expect(poolsOf('batch')).toEqual(['batch']);
    expect(poolsOf('interactive')).toEqual(['interactive']);
    expect(loadConfig({ WORKER_POOL: 'batch' }).WORKER_POOL).toBe('batch');
    expect(() => loadConfig({ WORKER_POOL: 'everything' })).toThrow(/WORKER_POOL/);
    expect(POOL_DEFAULTS.batch.activitySlots).toBeLessThan(POOL_DEFAULTS.interactive.activitySlots);
    // A core is left for interactive work: one batch slot on two cores, two from three up.
    expect([1, 2, 3, 4, 32].map(batchSlotsFor)).toEqual([1, 1, 2, 2, 2]);
    expect(POOL_DEFAULTS.batch.activitySlots).toBe(batchSlotsFor(availableParallelism()));
    // The workflow cache is bounded below the SDK's heap-derived default (~360 at the 768 MB heap),
    // which let open claims exhaust the workflow thread's memory.
    expect(POOL_DEFAULTS.interactive.cachedWorkflows).toBeLessThanOrEqual(150);
    expect(POOL_DEFAULTS.interactive.workflowSlots).toBeLessThanOrEqual(POOL_DEFAULTS.interactive.cachedWorkflows);
    // A batch-only process yields the CPU (nice 10) unless WORKER_NICE says otherwise.
    expect(niceOf(['batch'], undefined)).toBe(10);
    expect(niceOf(['interactive'], undefined)).toBe(0);
    expect(niceOf(['interactive', 'batch'], undefined)).toBe(0);
    expect(niceOf(['batch'], 0)).toBe(0);
  });
});

/**
 * `ansinh schedule apply` applies every schedule of the agency (issue #14 part 4): the monthly
 * reconciliation, the daily audit checkpoint and the daily benefit payment run, each created the
 * first time and updated the next, with its outcome printed from the catalog. Against the real
 * Temporal dev server, in a namespace of this file's own (schedule ids are global to a namespace,
 * and the reconciliation and audit tests apply the same ids in the default one); the payment run's
 * schedule, triggered, makes the day's pain.001 file on the real database.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { queryRows } from '../../db/client';
import {
  AUDIT_CHECKPOINT_SCHEDULE_ID,
  PAYMENT_RUN_SCHEDULE_ID,
  RECONCILIATION_SCHEDULE_ID,
} from '../../client/schedules';
import type { benefitPaymentRun } from '../../workflows/payment-run';
import { verifyLedger } from '../../services/ledger';
import { approvedClaimWithMonths, verifyAccountsOfClaimants } from '../setup/bank';
import { createClaimant } from '../setup/claimants';
import {
  createTestDatabase,
  makeWorker,
  testClock,
  testDataConverter,
  triggeredWorkflowId,
  uniqueTaskQueue,
  type TestDatabase,
} from '../setup/harness';
import { TEST_PAYLOAD_KEYS_ENV } from '../setup/keys';

const run = promisify(execFile);
const BIN = path.join(process.cwd(), 'bin', 'ansinh.cjs');
const namespace = `ansinh-schedules-${process.pid}-${randomUUID().slice(0, 8)}`;
const taskQueue = uniqueTaskQueue('schedules');
const batchQueue = `${taskQueue}-batch`;
const ALL = [RECONCILIATION_SCHEDULE_ID, AUDIT_CHECKPOINT_SCHEDULE_ID, PAYMENT_RUN_SCHEDULE_ID];
let tdb: TestDatabase;
let connection: Connection;
let client: Client;

async function ansinh(args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'silent', ...TEST_PAYLOAD_KEYS_ENV };
  for (const k of ['DATABASE_URL', 'ANSINH_HOME', 'ANSINH_LANG']) delete env[k];
  Object.assign(env, {
    TEMPORAL_ADDRESS: inject('temporalAddress'),
    TEMPORAL_NAMESPACE: namespace,
    TEMPORAL_TASK_QUEUE: taskQueue,
    ANSINH_HOME: mkdtempSync(path.join(tmpdir(), 'ansinh-sched-')),
  });
  try {
    const r = await run(process.execPath, [BIN, ...args], { env, timeout: 60_000 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  tdb = await createTestDatabase('schedules');
  connection = await Connection.connect({ address: inject('temporalAddress') });
  await connection.workflowService.registerNamespace({
    namespace,
    workflowExecutionRetentionPeriod: msToTs('1 day'),
  });
  client = new Client({ connection, namespace, dataConverter: testDataConverter });
  // The namespace is usable once the frontend finds it (a moment after registration).
  for (let i = 0; i < 100; i++) {
    try {
      await connection.workflowService.describeNamespace({ namespace });
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}, 60_000);
afterAll(async () => {
  for (const id of ALL)
    await client?.schedule
      .getHandle(id)
      .delete()
      .catch(() => undefined);
  await connection?.close();
  await tdb?.drop();
});

describe('ansinh schedule apply', () => {
  it('creates the reconciliation, audit-checkpoint and payment-run schedules, then updates them, saying so for each', async () => {
    const first = await ansinh(['--json', 'schedule', 'apply']);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({
      schedules: {
        [RECONCILIATION_SCHEDULE_ID]: 'created',
        [AUDIT_CHECKPOINT_SCHEDULE_ID]: 'created',
        [PAYMENT_RUN_SCHEDULE_ID]: 'created',
      },
    });
    const again = await ansinh(['--lang', 'en', 'schedule', 'apply']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout.trim().split('\n')).toEqual([
      `schedule ${RECONCILIATION_SCHEDULE_ID} updated: the previous month's reconciliation, on the 1st at 02:00`,
      `schedule ${AUDIT_CHECKPOINT_SCHEDULE_ID} updated: the signed audit checkpoint, daily at 03:00`,
      `schedule ${PAYMENT_RUN_SCHEDULE_ID} updated: the benefit payment run (a pain.001 file), daily at 08:00`,
    ]);
    const vi = await ansinh(['--lang', 'vi', 'schedule', 'apply']);
    expect(vi.stdout).toContain(`đã cập nhật lịch ${PAYMENT_RUN_SCHEDULE_ID}: đợt chi trả trợ cấp`);
    const described = await Promise.all(ALL.map((id) => client.schedule.getHandle(id).describe()));
    expect(
      described.map((d) => [
        d.action.type === 'startWorkflow' ? d.action.workflowType : null,
        d.action.type === 'startWorkflow' ? d.action.taskQueue : null,
        d.spec.timezone,
      ]),
    ).toEqual([
      // All three are batch work: the batch pool's queue, `<TEMPORAL_TASK_QUEUE>-batch` (issue 15).
      ['monthlyReconciliation', batchQueue, 'Asia/Ho_Chi_Minh'],
      ['auditCheckpoint', batchQueue, 'Asia/Ho_Chi_Minh'],
      ['benefitPaymentRun', batchQueue, 'Asia/Ho_Chi_Minh'],
    ]);
  }, 120_000);

  it("the payment run's schedule, once applied, fires the day's run: the months owed go into one pain.001 file", async () => {
    const today = testClock.today();
    const c = await createClaimant(tdb.db, { lastMonth: '2026-10', months: 14, salary: 12_000_000, seed: 64_911 });
    const claimId = await approvedClaimWithMonths(tdb.db, c.personalId, { n: 1, reported: 1, today, label: 'sched' });
    await verifyAccountsOfClaimants(tdb.db, today);
    const native = await NativeConnection.connect({ address: inject('temporalAddress') });
    // The batch pool's worker alone: the payment run is batch work.
    const worker: Worker = await makeWorker(native, batchQueue, { db: tdb.db, clock: testClock }, { namespace });
    const running = worker.run();
    try {
      const workflowId = await triggeredWorkflowId(client.schedule.getHandle(PAYMENT_RUN_SCHEDULE_ID));
      expect(workflowId).toBeDefined();
      const result = await client.workflow.getHandle<typeof benefitPaymentRun>(workflowId!).result();
      expect(result).toMatchObject({ created: true, nbOfTxs: 1, ctrlSum: '7200000' });
      const [m] = await queryRows<{ status: string }>(
        tdb.db,
        sql`select status from ui_claim_months where claim_id = ${claimId} and idx = 1`,
      );
      expect(m!.status).toBe('instructed');
      expect((await verifyLedger(tdb.db)).problems).toEqual([]);
    } finally {
      worker.shutdown();
      await running;
      await native.close();
    }
  }, 120_000);
});

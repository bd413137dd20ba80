/**
 * The audit trail's periodic checkpoint (issue 11): the `auditCheckpoint` workflow signs every chain
 * head and stores it, started daily by its Temporal Schedule (applied idempotently with the
 * reconciliation's); `audit verify` then compares the chains with it. A worker without the audit
 * key refuses, with a code, instead of writing an unsigned checkpoint.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Client, Connection } from '@temporalio/client';
import { WorkflowFailedError } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { applyAuditCheckpointSchedule, AUDIT_CHECKPOINT_SCHEDULE_ID } from '../../client/schedules';
import { audit } from '../../db/queries/audit';
import { loadAuditSigningKey, type AuditSigningKey } from '../../runtime/audit-keys';
import { lastCheckpoint, verifyAudit } from '../../services/audit';
import type { auditCheckpoint } from '../../workflows/audit';
import {
  createTestDatabase,
  devServerClient,
  makeWorker,
  triggeredWorkflowId,
  testClock,
  uniqueTaskQueue,
  type TestDatabase,
} from '../setup/harness';

let tdb: TestDatabase;
let client: Client;
let connection: Connection;
let native: NativeConnection;
let key: AuditSigningKey;
const workers: { worker: Worker; running: Promise<void> }[] = [];
const withKey = uniqueTaskQueue('audit-cp');
const withoutKey = uniqueTaskQueue('audit-cp-nokey');

beforeAll(async () => {
  tdb = await createTestDatabase('audit-cp');
  ({ client, connection } = await devServerClient());
  native = await NativeConnection.connect({ address: inject('temporalAddress') });
  key = await loadAuditSigningKey({ home: mkdtempSync(path.join(tmpdir(), 'ansinh-audit-cp-')) });
  for (const [queue, deps] of [
    [withKey, { db: tdb.db, clock: testClock, auditKey: async () => key }],
    [withoutKey, { db: tdb.db, clock: testClock }],
  ] as const) {
    const worker = await makeWorker(native, queue, deps);
    workers.push({ worker, running: worker.run() });
  }
  for (const [i, subject] of ['A', 'B', 'C'].entries())
    await audit(tdb.db, { actor: 'system:test', action: `test.${i}`, subjectType: 'employer', subjectId: subject });
});

afterAll(async () => {
  for (const w of workers) w.worker.shutdown();
  await Promise.all(workers.map((w) => w.running));
  await native?.close();
  await connection?.close();
  await tdb?.drop();
});

describe('the periodic audit checkpoint', () => {
  it('the workflow signs every chain head and stores it; audit verify compares the chains with it and finds nothing', async () => {
    const result = await client.workflow.execute<typeof auditCheckpoint>('auditCheckpoint', {
      taskQueue: withKey,
      workflowId: `audit-checkpoint-${withKey}`,
    });
    expect(result.chains).toBeGreaterThanOrEqual(1);
    const stored = await lastCheckpoint(tdb.db, key);
    expect(stored?.id).toBe(result.id);
    expect(Object.keys((JSON.parse(stored!.payload) as { chains: object }).chains)).toHaveLength(result.chains);
    const report = await verifyAudit(tdb.db, key);
    expect(report.findings).toEqual([]);
  });

  it('a worker without the audit key refuses with AUDIT_KEY_NOT_CONFIGURED and stores nothing', async () => {
    const before = (await lastCheckpoint(tdb.db, key))?.id;
    const failed = await client.workflow
      .execute<typeof auditCheckpoint>('auditCheckpoint', {
        taskQueue: withoutKey,
        workflowId: `audit-checkpoint-${withoutKey}`,
      })
      .catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(WorkflowFailedError);
    expect(JSON.stringify((failed as WorkflowFailedError).cause)).toContain('AUDIT_KEY_NOT_CONFIGURED');
    expect((await lastCheckpoint(tdb.db, key))?.id).toBe(before);
  });

  it('the daily schedule (03:00 Asia/Ho_Chi_Minh, applied idempotently) starts a checkpoint', async () => {
    expect(await applyAuditCheckpointSchedule(client, withKey)).toBe('created');
    expect(await applyAuditCheckpointSchedule(client, withKey)).toBe('updated');
    const schedule = client.schedule.getHandle(AUDIT_CHECKPOINT_SCHEDULE_ID);
    try {
      const d = await schedule.describe();
      expect(d.spec.timezone).toBe('Asia/Ho_Chi_Minh');
      expect(d.spec.calendars?.[0]).toMatchObject({ hour: [{ start: 3, end: 3, step: 1 }] });
      const before = (await lastCheckpoint(tdb.db, key))!.id;
      const workflowId = await triggeredWorkflowId(schedule);
      expect(workflowId).toBeDefined();
      const result = await client.workflow.getHandle<typeof auditCheckpoint>(workflowId!).result();
      expect(result.id).toBeGreaterThan(before);
      expect((await lastCheckpoint(tdb.db, key))!.id).toBe(result.id);
    } finally {
      await schedule.delete();
    }
  });
});

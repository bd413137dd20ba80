/**
 * Every notice a data-update request creates is delivered (issue #14 part 1): the requests run for
 * real — client/data-updates.ts (what the API's routes call), the review workflow on the
 * time-skipping test server (its reminder and escalation days pass in seconds), the activities on
 * real PostgreSQL — and the real relay sends what they enqueued: the one-time code to the NEW
 * address (its code read from the e-mail and confirmed), the participant's notices of each step by
 * e-mail, the officers' reminder and escalation to their queues.
 *
 * @date-sensitive Requests are filed on the test server's today, shifted by the pinned clock; they pass on any date.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  addDataUpdateEvidence,
  decideDataUpdate,
  fileAndStartDataUpdate,
  type DataUpdatesContext,
} from '../../client/data-updates';
import { verifyEbooks } from '../../db/queries/ebooks';
import { participants } from '../../db/schema';
import { addDays, addWorkingDays, shiftedToday, startOfLocalDay, type IsoDate } from '../../domain/calendar';
import { DEV_CLAIM_SUBJECT_KEY } from '../../runtime/config';
import { confirmDataUpdateCode } from '../../services/data-updates';
import { dataUpdateStateQuery, type DataUpdateReviewState } from '../../workflows/definitions';
import { createClaimant } from '../setup/claimants';
import {
  createTestDatabase,
  makeWorker,
  testClock,
  timeSkippingEnv,
  uniqueTaskQueue,
  waitForQuery,
  type TestDatabase,
} from '../setup/harness';
import { delivered, startDelivery, type Delivery } from './delivery-helpers';

let env: TestWorkflowEnvironment;
let tdb: TestDatabase;
let worker: Worker;
let running: Promise<void>;
let d: Delivery & { db: TestDatabase['db'] };
const taskQueue = uniqueTaskQueue('delivery-du');
/** Seeds of this file's participants (no other test file uses 7650–7659). */
let seed = 7650;

beforeAll(async () => {
  tdb = await createTestDatabase('deliv_du');
  d = { ...(await startDelivery(tdb.db)), db: tdb.db };
});
beforeEach(async () => {
  env = await timeSkippingEnv();
  worker = await makeWorker(env.nativeConnection, taskQueue, { db: tdb.db, clock: testClock });
  running = worker.run();
});
afterEach(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
  expect((await verifyEbooks(tdb.db)).mismatches).toEqual([]);
});
afterAll(async () => {
  await d?.close();
  await tdb?.drop();
});

const ctx = (): DataUpdatesContext => ({
  db: tdb.db,
  client: env.client,
  taskQueue,
  secret: DEV_CLAIM_SUBJECT_KEY,
  clock: testClock,
});
const today = async (): Promise<IsoDate> => shiftedToday(await env.currentTimeMs(), testClock.offsetDays);
async function advanceTo(day: IsoDate) {
  const ms = startOfLocalDay(addDays(day, -testClock.offsetDays)) + 60_000 - (await env.currentTimeMs());
  if (ms > 0) await env.sleep(ms);
}
async function person(email: string) {
  const c = await createClaimant(tdb.db, { lastMonth: '2026-06', months: 2, salary: 9_000_000, seed: seed++ });
  await tdb.db.update(participants).set({ email }).where(eq(participants.personalId, c.personalId));
  return c.personalId;
}

describe('the notices of a data-update request are delivered', () => {
  it('the code goes to the new address only, and the confirmed change is announced there', async () => {
    const pid = await person('cu@example.vn');
    const filed = await fileAndStartDataUpdate(
      ctx(),
      { kind: 'email', personalId: pid, email: 'moi.giao@example.vn' },
      `participant:${pid}`,
    );
    await d.drain();
    const { mail } = await delivered(d, 'otp.code', { recipientId: pid, via: 'smtp' });
    expect((mail!.to as { text: string }).text).toBe('moi.giao@example.vn');
    const code = /(\d{6})/.exec(mail!.subject ?? '')![1]!;
    expect(mail!.text).toContain(code);
    await confirmDataUpdateCode(
      { db: tdb.db, secret: DEV_CLAIM_SUBJECT_KEY, clock: testClock },
      filed.request.id,
      code,
      `participant:${pid}`,
    );
    await d.drain();
    const approved = await delivered(d, 'data_update.approved', { recipientId: pid, via: 'smtp' });
    expect((approved.mail!.to as { text: string }).text).toBe('moi.giao@example.vn');
  });

  it('a correction: filed, reminded, escalated, more evidence asked, rejected — each notice delivered', async () => {
    const pid = await person('dinh.chinh@example.vn');
    const filedOn = await today();
    const filed = await fileAndStartDataUpdate(
      ctx(),
      { kind: 'identity', personalId: pid, fullName: 'Đỗ Thị Đính Chính' },
      `participant:${pid}`,
      filedOn,
    );
    const handle = env.client.workflow.getHandle(filed.request.workflowId!);
    await waitForQuery<DataUpdateReviewState>(handle, 'state', (s) => s.status === 'awaiting_review');
    await advanceTo(addDays(addWorkingDays(filedOn, 5), 1));
    await waitForQuery<DataUpdateReviewState>(handle, 'state', (s) => s.alerts === 'escalated');
    await decideDataUpdate(
      ctx(),
      filed.request.id,
      { decision: 'more_evidence', reason: 'Giấy khai sinh' },
      'officer:lan',
    );
    expect(await handle.query(dataUpdateStateQuery)).toMatchObject({ status: 'more_evidence' });
    await addDataUpdateEvidence(
      ctx(),
      filed.request.id,
      { bytes: Buffer.from('%PDF-1.7\nkhai sinh\n%%EOF\n'), declaredType: 'application/pdf' },
      `participant:${pid}`,
    );
    await waitForQuery<DataUpdateReviewState>(handle, 'state', (s) => s.status === 'awaiting_review' && s.round === 2);
    await decideDataUpdate(
      ctx(),
      filed.request.id,
      { decision: 'reject', reason: 'Giấy tờ không hợp lệ' },
      'officer:lan',
    );
    await handle.result();
    await d.drain();
    const to = { recipientId: pid, via: 'smtp' } as const;
    await delivered(d, 'data_update.filed', to);
    const more = await delivered(d, 'data_update.more_evidence', to);
    expect(more.mail!.text).toContain('Giấy khai sinh');
    const rejected = await delivered(d, 'data_update.rejected', to);
    expect(rejected.mail!.text).toContain('Giấy tờ không hợp lệ');
    await delivered(d, 'data_update.review_reminder', { recipientId: 'data-updates', via: 'inbox' });
    await delivered(d, 'data_update.review_escalation', { recipientId: 'data-updates-supervisor', via: 'inbox' });
  });
});

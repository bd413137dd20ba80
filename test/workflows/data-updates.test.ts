/**
 * The review of a data-update request (issue #14 part 1; rules §8.38) on the time-skipping test
 * server, with real PostgreSQL behind its activities: the 5-working-day deadline (Law 41/2024
 * Art.28(4)) with its reminder and escalation, the pause while more evidence is awaited, the
 * approval that changes the participant and the e-book in one transaction, the rejection. Every
 * history recorded here is replayed at the end of the file; after every test the e-book, ledger
 * and audit verifications find nothing wrong.
 *
 * @date-sensitive Requests are filed on the test server's today, shifted by the pinned clock as the workflows shift it; they pass on any date.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { temporal } from '@temporalio/proto';
import { eq, sql } from 'drizzle-orm';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  addDataUpdateEvidence,
  decideDataUpdate,
  fileAndStartDataUpdate,
  type DataUpdatesContext,
} from '../../client/data-updates';
import { findEbook, verifyEbooks } from '../../db/queries/ebooks';
import { dataUpdateRequests, outbox, participants, tasks } from '../../db/schema';
import { addDays, addWorkingDays, shiftedToday, startOfLocalDay, type IsoDate } from '../../domain/calendar';
import { loadAuditSigningKey, type AuditSigningKey } from '../../runtime/audit-keys';
import { verifyAudit } from '../../services/audit';
import { verifyLedger } from '../../services/ledger';
import { dataUpdateStateQuery, type DataUpdateReviewState } from '../../workflows/definitions';
import { createClaimant } from '../setup/claimants';
import {
  createTestDatabase,
  makeWorker,
  testClock,
  testDataConverter,
  timeSkippingEnv,
  uniqueTaskQueue,
  waitForQuery,
  workflowBundle,
  type TestDatabase,
} from '../setup/harness';

let env: TestWorkflowEnvironment;
let tdb: TestDatabase;
let worker: Worker;
let running: Promise<void>;
let auditKey: AuditSigningKey;
const taskQueue = uniqueTaskQueue('data-updates');
const histories: { workflowId: string; history: unknown }[] = [];
/** Seeds of this file's participants (no other test file uses 7600–7699). */
let seed = 7600;
const PDF = Buffer.from('%PDF-1.7\nevidence\n%%EOF\n');

beforeAll(async () => {
  tdb = await createTestDatabase('dataupd');
  auditKey = await loadAuditSigningKey({ home: mkdtempSync(path.join(tmpdir(), 'ansinh-du-audit-')) });
});
// A time-skipping server of its own per test (its clock only moves forward: see claims.test.ts).
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
  expect((await verifyLedger(tdb.db)).problems).toEqual([]);
  expect((await verifyAudit(tdb.db, auditKey)).findings).toEqual([]);
});
afterAll(async () => {
  if (histories.length) {
    const dir = path.join(process.cwd(), 'test', '.histories');
    mkdirSync(dir, { recursive: true });
    for (const h of histories)
      writeFileSync(
        path.join(dir, `${h.workflowId.replaceAll(':', '~')}.binpb`),
        temporal.api.history.v1.History.encode(h.history as never).finish(),
      );
    const results = Worker.runReplayHistories(
      { workflowBundle: workflowBundle(), dataConverter: testDataConverter },
      histories.map((h) => ({ workflowId: h.workflowId, history: h.history as never })),
    );
    for await (const r of results) expect(r.error, `replay of ${r.workflowId}`).toBeUndefined();
  }
  await tdb?.drop();
});

const ctx = (): DataUpdatesContext => ({
  db: tdb.db,
  client: env.client,
  taskQueue,
  secret: 'test-subject-key-0123456789-data-updates',
  clock: testClock,
});
const today = async (): Promise<IsoDate> => shiftedToday(await env.currentTimeMs(), testClock.offsetDays);

/** Advances the skipped clock to the start of a local day as the workflows count days (plus a minute). */
async function advanceTo(day: IsoDate) {
  const ms = startOfLocalDay(addDays(day, -testClock.offsetDays)) + 60_000 - (await env.currentTimeMs());
  if (ms > 0) await env.sleep(ms);
}

/** A participant born 1990-05-17, female (the personal ID's 4th digit 1, digits 5–6 "90"), asking for a correction. */
async function fileCorrection(body: Record<string, unknown>) {
  const filedOn = await today();
  const c = await createClaimant(tdb.db, { lastMonth: '2026-06', months: 3, salary: 10_000_000, seed: seed++ });
  const filed = await fileAndStartDataUpdate(
    ctx(),
    { kind: 'identity', personalId: c.personalId, ...body },
    `participant:${c.personalId}`,
    filedOn,
  );
  const handle = env.client.workflow.getHandle(filed.request.workflowId!);
  const st = await waitForQuery<DataUpdateReviewState>(handle, 'state', (s) => s.status === 'awaiting_review');
  return { ...c, id: filed.request.id, handle, st, filedOn };
}

const tasksOf = (id: number) =>
  tdb.db
    .select({
      kind: tasks.kind,
      status: tasks.status,
      queue: tasks.queue,
      dueDate: tasks.dueDate,
      escalated: sql<boolean>`${tasks.escalatedAt} is not null`,
    })
    .from(tasks)
    .where(eq(tasks.dataUpdateId, id))
    .orderBy(tasks.id);
const noticeKinds = async (id: number) =>
  (
    await tdb.db
      .select({ kind: outbox.kind })
      .from(outbox)
      .where(sql`${outbox.dedupeKey} like ${`data-update:${id}:%`}`)
      .orderBy(outbox.id)
  ).map((r) => r.kind);
const requestOf = async (id: number) =>
  (await tdb.db.select().from(dataUpdateRequests).where(eq(dataUpdateRequests.id, id)))[0]!;

async function record(handle: { fetchHistory(): Promise<unknown>; workflowId: string }, label: string) {
  histories.push({ workflowId: `${label}__${handle.workflowId}`, history: await handle.fetchHistory() });
}

describe('the review of a data-update request (rules §8.38)', () => {
  it('is due 5 working days after filing (Law 41/2024 Art.28(4)): the officer is reminded on the 3rd working day and the supervisor alerted the day after the deadline', async () => {
    const f = await fileCorrection({ fullName: 'Nguyễn Thị Thử Nghiệm' });
    const due = addWorkingDays(f.filedOn, 5);
    expect(f.st).toMatchObject({ dueDate: due, alerts: 'none', round: 1 });
    expect(await tasksOf(f.id)).toEqual([
      { kind: 'data_update.review', status: 'open', queue: 'data-updates', dueDate: due, escalated: false },
    ]);
    await advanceTo(addWorkingDays(f.filedOn, 3));
    await waitForQuery<DataUpdateReviewState>(f.handle, 'state', (s) => s.alerts === 'reminded');
    expect((await tasksOf(f.id))[0]).toMatchObject({ queue: 'data-updates', escalated: false });
    await advanceTo(addDays(due, 1));
    await waitForQuery<DataUpdateReviewState>(f.handle, 'state', (s) => s.alerts === 'escalated');
    expect((await tasksOf(f.id))[0]).toMatchObject({
      status: 'open',
      queue: 'data-updates-supervisor',
      escalated: true,
    });
    expect(await noticeKinds(f.id)).toEqual([
      'data_update.filed',
      'data_update.review_reminder',
      'data_update.review_escalation',
    ]);
    // Overdue, still decidable: the approval changes the name and the e-book in one transaction.
    await decideDataUpdate(ctx(), f.id, { decision: 'approve' }, 'officer:lan');
    await f.handle.result();
    await record(f.handle, 'data-update-escalated-approved');
    const [p] = await tdb.db.select().from(participants).where(eq(participants.personalId, f.personalId));
    expect(p!.fullName).toBe('Nguyễn Thị Thử Nghiệm');
    const book = JSON.parse((await findEbook(tdb.db, f.personalId))!.content) as {
      identity: { fullName: string };
      corrections?: { field: string; correctedOn: string }[];
    };
    expect(book.identity.fullName).toBe('Nguyễn Thị Thử Nghiệm');
    expect((await requestOf(f.id)).decidedOn).toBe(addDays(due, 1));
    expect(book.corrections).toEqual([{ field: 'fullName', correctedOn: addDays(due, 1) }]);
    expect((await tasksOf(f.id))[0]).toMatchObject({ status: 'done' });
  });

  it('asking for more evidence pauses the deadline: the working days left are counted again from the day the evidence arrives', async () => {
    const f = await fileCorrection({ dateOfBirth: '1990-07-02' });
    // On the 2nd working day the officer asks for a birth certificate: 3 working days are left.
    await advanceTo(addWorkingDays(f.filedOn, 2));
    await expect(
      decideDataUpdate(ctx(), f.id, { decision: 'more_evidence', reason: 'Bản sao giấy khai sinh' }, 'officer:lan'),
    ).resolves.toEqual({ accepted: true, status: 'more_evidence' });
    expect(await f.handle.query(dataUpdateStateQuery)).toMatchObject({ status: 'more_evidence', daysLeftAtPause: 3 });
    expect((await requestOf(f.id)).status).toBe('more_evidence');
    expect((await tasksOf(f.id)).map((t) => [t.kind, t.status])).toEqual([
      ['data_update.review', 'done'],
      ['data_update.evidence', 'open'],
    ]);
    // Two weeks pass: no reminder, no escalation while the review waits for the participant.
    await env.sleep('14 days');
    expect(await f.handle.query(dataUpdateStateQuery)).toMatchObject({ status: 'more_evidence', alerts: 'none' });
    // A decision while paused is refused at once.
    await expect(decideDataUpdate(ctx(), f.id, { decision: 'approve' }, 'officer:lan')).rejects.toMatchObject({
      code: 'WRONG_STATE',
    });
    const resumedOn = await today();
    await addDataUpdateEvidence(
      ctx(),
      f.id,
      { bytes: PDF, declaredType: 'application/pdf', filename: 'khai-sinh.pdf' },
      `participant:${f.personalId}`,
    );
    const st = await waitForQuery<DataUpdateReviewState>(
      f.handle,
      'state',
      (s) => s.status === 'awaiting_review' && s.round === 2,
    );
    expect(st.dueDate).toBe(addWorkingDays(resumedOn, 3));
    expect((await requestOf(f.id)).dueDate).toBe(addWorkingDays(resumedOn, 3));
    expect((await tasksOf(f.id)).map((t) => [t.kind, t.status, t.dueDate])).toEqual([
      ['data_update.review', 'done', addWorkingDays(f.filedOn, 5)],
      ['data_update.evidence', 'done', null],
      ['data_update.review', 'open', addWorkingDays(resumedOn, 3)],
    ]);
    await decideDataUpdate(ctx(), f.id, { decision: 'approve' }, 'officer:lan');
    expect(await f.handle.result()).toEqual({ requestId: f.id, outcome: 'approved', rounds: 2 });
    await record(f.handle, 'data-update-more-evidence');
    const [p] = await tdb.db.select().from(participants).where(eq(participants.personalId, f.personalId));
    expect(p!.dateOfBirth).toBe('1990-07-02');
    expect(await noticeKinds(f.id)).toEqual(['data_update.filed', 'data_update.more_evidence', 'data_update.approved']);
  });

  it('a rejection needs a reason, keeps the record as it was and tells the participant why', async () => {
    const f = await fileCorrection({ gender: 'female', fullName: 'Trần Thị Khác' });
    await expect(decideDataUpdate(ctx(), f.id, { decision: 'reject' }, 'officer:lan')).rejects.toMatchObject({
      code: 'REASON_REQUIRED',
    });
    const before = await findEbook(tdb.db, f.personalId);
    await decideDataUpdate(ctx(), f.id, { decision: 'reject', reason: 'Không có giấy tờ chứng minh' }, 'officer:lan');
    expect(await f.handle.result()).toMatchObject({ outcome: 'rejected' });
    await record(f.handle, 'data-update-rejected');
    const r = await requestOf(f.id);
    expect(r).toMatchObject({ status: 'rejected', reason: 'Không có giấy tờ chứng minh', appliedAt: null });
    const [p] = await tdb.db.select().from(participants).where(eq(participants.personalId, f.personalId));
    expect(p!.fullName).toBe('Người Thử Nghiệm');
    // Nothing the book shows changed: same version, no correction note.
    const after = await findEbook(tdb.db, f.personalId);
    expect(after!.version).toBe(before!.version);
    expect(after!.content).not.toContain('corrections');
    const [n] = await tdb.db
      .select()
      .from(outbox)
      .where(eq(outbox.dedupeKey, `data-update:${f.id}:decision`));
    expect(n).toMatchObject({ kind: 'data_update.rejected' });
  });
});

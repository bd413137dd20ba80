/**
 * Account-access recovery (issue #14 part 3; rules §8.40) on the time-skipping test server: the
 * code's 10 minutes and the recovery's 5 working days pass in milliseconds, with real PostgreSQL
 * behind the activities. Every step leaves its audit event; after every test ebook, ledger and audit
 * verify find nothing wrong. Every history recorded here is replayed at the end (determinism).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { WorkflowClient } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  confirmRecoveryCode,
  findRecoveryRow,
  recoveryStatus,
  startRecovery,
  submitRecoveryContact,
  verifyRecovery,
  type RecoveryCaller,
  type RecoveryContext,
} from '../../client/recovery';
import { verifyEbooks } from '../../db/queries/ebooks';
import {
  accessRecoveries,
  auditEvents,
  caseTexts,
  oneTimeCodes,
  outbox,
  participants,
  tasks,
  tokenRevocations,
} from '../../db/schema';
import { DomainError } from '../../domain/errors';
import { RECOVERY_CODE_MINUTES, RECOVERY_EXPIRES_AFTER_WORKING_DAYS, recoveryExpiry } from '../../domain/recovery';
import { loadAuditSigningKey, type AuditSigningKey } from '../../runtime/audit-keys';
import { DEV_CLAIM_SUBJECT_KEY } from '../../runtime/config';
import { verifyAudit } from '../../services/audit';
import { verifyLedger } from '../../services/ledger';
import { openOtpNotice, OTP_TTL_MINUTES } from '../../services/otp';
import { sealer } from '../../services/seal';
import { subjectHash } from '../../services/token-revocations';
import { createClaimant } from '../setup/claimants';
import {
  createTestDatabase,
  makeWorker,
  testClock,
  testDataConverter,
  timeSkippingEnv,
  uniqueTaskQueue,
  workflowBundle,
  type TestDatabase,
} from '../setup/harness';

let env: TestWorkflowEnvironment;
let tdb: TestDatabase;
let worker: Worker;
let running: Promise<void>;
let auditKey: AuditSigningKey;
const taskQueue = uniqueTaskQueue('recovery');
const workflowIds: string[] = [];
let seed = 71_001; // this file's own claimant seeds

beforeAll(async () => {
  [env, tdb] = await Promise.all([timeSkippingEnv(), createTestDatabase('recovery')]);
  auditKey = await loadAuditSigningKey({ home: mkdtempSync(path.join(tmpdir(), 'ansinh-recovery-')) });
  worker = await makeWorker(env.nativeConnection, taskQueue, { db: tdb.db, clock: testClock });
  running = worker.run();
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  if (workflowIds.length) {
    const client = env.client.workflow as WorkflowClient;
    const histories = await Promise.all(
      workflowIds.map(async (workflowId) => ({
        workflowId,
        history: await client.getHandle(workflowId).fetchHistory(),
      })),
    );
    // Kept in test/.histories (binary protobuf): test/replay/histories holds a few as fixtures.
    const dir = path.join(process.cwd(), 'test', '.histories');
    mkdirSync(dir, { recursive: true });
    for (const h of histories)
      writeFileSync(
        path.join(dir, `${h.workflowId.replaceAll(':', '~')}.binpb`),
        temporal.api.history.v1.History.encode(h.history as never).finish(),
      );
    const results = Worker.runReplayHistories(
      { workflowBundle: workflowBundle(), dataConverter: testDataConverter },
      histories,
    );
    for await (const r of results) expect(r.error, `replay of ${r.workflowId}`).toBeUndefined();
  }
  await env?.teardown();
  await tdb?.drop();
});

afterEach(async () => {
  expect((await verifyEbooks(tdb.db)).mismatches).toEqual([]);
  expect((await verifyLedger(tdb.db)).problems).toEqual([]);
  expect((await verifyAudit(tdb.db, auditKey)).findings).toEqual([]);
});

const ctx = (): RecoveryContext => ({
  db: tdb.db,
  client: env.client,
  taskQueue,
  clock: testClock,
  secret: DEV_CLAIM_SUBJECT_KEY,
});
/** The participant themselves, signed in with VNeID level 2 this very moment (by the application's clock). */
const self = (personalId: string, authTime = Math.floor(testClock().getTime() / 1000)): RecoveryCaller => ({
  role: 'participant',
  actor: `participant:vneid-${personalId.slice(-4)}`,
  personalId,
  level: 2,
  authTime,
});
const officer: RecoveryCaller = { role: 'officer', actor: 'officer:lan', level: 0 };

async function person(email: string | null = 'old@example.vn'): Promise<string> {
  const c = await createClaimant(tdb.db, { lastMonth: '2026-09', months: 3, salary: 9_000_000, seed: seed++ });
  await tdb.db.update(participants).set({ email }).where(eq(participants.personalId, c.personalId));
  return c.personalId;
}

async function started(view: { recoveryId: string; workflowId: string }, status: string) {
  workflowIds.push(view.workflowId);
  const handle = env.client.workflow.getHandle(view.workflowId);
  for (let i = 0; i < 400; i++) {
    const s = await recoveryStatus(ctx(), await findRecoveryRow(ctx(), view.recoveryId));
    if (s.status === status) return handle;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`the recovery never reached ${status}`);
}

/** The code the latest otp.code notice of this recovery carries, and the address it goes to (as the relay opens it). */
async function lastCode(personalId: string) {
  const [n] = await tdb.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.kind, 'otp.code'), eq(outbox.recipientId, personalId)))
    .orderBy(sql`${outbox.id} desc`)
    .limit(1);
  return openOtpNotice(DEV_CLAIM_SUBJECT_KEY, n!.payload)!;
}

const actions = async (recoveryId: string) =>
  (
    await tdb.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectType, 'recovery'), eq(auditEvents.subjectId, recoveryId)))
      .orderBy(asc(auditEvents.id))
  ).map((e) => e.action);

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (err: unknown) => (err instanceof DomainError ? err.code : String(err)),
  );

describe('account-access recovery (rules §8.40)', () => {
  it('the code lives as long as services/otp.ts says, and the recovery 5 working days', () => {
    expect(RECOVERY_CODE_MINUTES).toBe(OTP_TTL_MINUTES);
    expect(RECOVERY_EXPIRES_AFTER_WORKING_DAYS).toBe(5);
    // Friday 4 December 2026 10:00 Vietnam time → the end of Friday 11 December (Mon–Fri working days).
    expect(new Date(recoveryExpiry(Date.parse('2026-12-04T03:00:00Z'))).toISOString()).toBe('2026-12-11T17:00:00.000Z');
  });

  it('with a fresh VNeID sign-in: a code to the new address confirms it; the address is on file, older tokens of the person revoked, both addresses told, every step audited', async () => {
    const pid = await person('old@example.vn');
    const view = await startRecovery(ctx(), self(pid), {});
    expect(view).toMatchObject({ method: 'vneid', status: 'intake' });
    expect(view.workflowId).toBe(`recovery:${view.recoveryId}`);
    expect(view.workflowId).not.toContain(pid);
    await started(view, 'awaiting_contact');
    // The owner of the account learns of it at the address on file.
    const [startedNotice] = await tdb.db
      .select()
      .from(outbox)
      .where(eq(outbox.dedupeKey, `recovery:${view.recoveryId}:started`));
    expect(startedNotice).toMatchObject({ kind: 'recovery.started', channel: 'email', recipientId: pid });

    let r = await findRecoveryRow(ctx(), view.recoveryId);
    const answer = await submitRecoveryContact(ctx(), r, { email: 'new@example.vn' }, self(pid));
    expect(answer).toMatchObject({ accepted: true, status: 'awaiting_code' });
    const sent = await lastCode(pid);
    expect(sent.to).toBe('new@example.vn');
    // The address travelled as a case text, which is gone once it is kept on the recovery; nothing in clear in the outbox.
    expect(await tdb.db.select().from(caseTexts).where(eq(caseTexts.kind, 'recovery.contact'))).toEqual([]);
    expect(JSON.stringify(await tdb.db.select().from(outbox).where(eq(outbox.recipientId, pid)))).not.toContain(
      'new@example.vn',
    );
    // Still the old address on file until the code confirms the new one.
    expect((await tdb.db.select().from(participants).where(eq(participants.personalId, pid)))[0]!.email).toBe(
      'old@example.vn',
    );

    r = await findRecoveryRow(ctx(), view.recoveryId);
    const wrong = sent.code === '000000' ? '000001' : '000000';
    expect(await refusal(confirmRecoveryCode(ctx(), r, { code: wrong }, self(pid)))).toBe('OTP_WRONG');
    const [code] = await tdb.db
      .select()
      .from(oneTimeCodes)
      .where(eq(oneTimeCodes.processKey, `recovery:${view.recoveryId}`));
    expect(code!.attempts).toBe(1);

    expect(await confirmRecoveryCode(ctx(), r, { code: sent.code }, self(pid))).toMatchObject({ status: 'completed' });
    const done = await findRecoveryRow(ctx(), view.recoveryId);
    expect(done).toMatchObject({ status: 'completed', newEmail: 'new@example.vn' });
    expect(done.endedAt).not.toBeNull();
    expect((await tdb.db.select().from(participants).where(eq(participants.personalId, pid)))[0]!.email).toBe(
      'new@example.vn',
    );
    // Every token bound to the person and issued before now is refused from now on.
    const [revoked] = await tdb.db
      .select()
      .from(tokenRevocations)
      .where(eq(tokenRevocations.subjectHash, subjectHash(DEV_CLAIM_SUBJECT_KEY, `pid:${pid}`)));
    expect(revoked!.reason).toBe(`recovery:${view.recoveryId}`);
    expect(revoked!.revokedBefore.getTime()).toBeGreaterThan(done.endedAt!.getTime());
    expect(revoked!.revokedBefore.getTime() % 1000).toBe(0);
    // Two notices: to the old address (sealed: it is no longer on file) and to the new one (on file).
    const completed = await tdb.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.kind, 'recovery.completed'), eq(outbox.recipientId, pid)))
      .orderBy(asc(outbox.id));
    expect(completed.map((n) => [n.channel, (n.payload as { contact: string }).contact])).toEqual([
      ['email', 'old'],
      ['email', 'new'],
    ]);
    const oldTo = sealer(DEV_CLAIM_SUBJECT_KEY, 'outbox-recipient').open(
      (completed[0]!.payload as { sealed: string }).sealed,
    );
    expect(oldTo).toEqual({ channel: 'email', to: 'old@example.vn' });
    expect(JSON.stringify(completed)).not.toContain('old@example.vn');
    expect(await actions(view.recoveryId)).toEqual([
      'recovery.started',
      'recovery.code_sent',
      'recovery.code_refused',
      'recovery.code_confirmed',
      'recovery.completed',
    ]);
    // Closed: nothing more is accepted.
    expect(await refusal(submitRecoveryContact(ctx(), done, { email: 'x@example.vn' }, self(pid)))).toBe('WRONG_STATE');
  });

  it('a sign-in that is not fresh, or below level 2, starts nothing; one recovery at a time per person', async () => {
    const pid = await person();
    const count = async () =>
      (await tdb.db.select().from(accessRecoveries).where(eq(accessRecoveries.personalId, pid))).length;
    const stale = self(pid, Math.floor(testClock().getTime() / 1000) - 16 * 60);
    expect(await refusal(startRecovery(ctx(), stale, {}))).toBe('SIGN_IN_NOT_FRESH');
    expect(await refusal(startRecovery(ctx(), { ...self(pid), authTime: undefined }, {}))).toBe('SIGN_IN_NOT_FRESH');
    expect(await refusal(startRecovery(ctx(), { ...self(pid), level: 1 }, {}))).toBe('IDENTITY_LEVEL_TOO_LOW');
    expect(await refusal(startRecovery(ctx(), self(pid), { personalId: '001099000001' }))).toBe('FORBIDDEN');
    expect(await count()).toBe(0);
    const view = await startRecovery(ctx(), self(pid), {});
    await started(view, 'awaiting_contact');
    expect(await refusal(startRecovery(ctx(), officer, { personalId: pid }))).toBe('RECOVERY_ALREADY_OPEN');
    expect(await count()).toBe(1);
    await env.sleep('10 days'); // let it expire, so it leaves nothing running
    expect(await env.client.workflow.getHandle(view.workflowId).result()).toMatchObject({ outcome: 'expired' });
  });

  it('an unconfirmed code stops being accepted after 10 minutes; the recovery waits for an address again, and a new one gets a new code', async () => {
    const pid = await person();
    const view = await startRecovery(ctx(), self(pid), {});
    const handle = await started(view, 'awaiting_contact');
    let r = await findRecoveryRow(ctx(), view.recoveryId);
    await submitRecoveryContact(ctx(), r, { email: 'late@example.vn' }, self(pid));
    const first = await lastCode(pid);
    await env.sleep(`${RECOVERY_CODE_MINUTES + 1} minutes`);
    await started(view, 'awaiting_contact');
    r = await findRecoveryRow(ctx(), view.recoveryId);
    expect(r.status).toBe('awaiting_contact');
    expect(await refusal(confirmRecoveryCode(ctx(), r, { code: first.code }, self(pid)))).toBe('RECOVERY_NO_CODE');
    // A new address: a new code, which completes it.
    await submitRecoveryContact(ctx(), r, { email: 'again@example.vn' }, self(pid));
    const second = await lastCode(pid);
    expect(second.to).toBe('again@example.vn');
    expect(await confirmRecoveryCode(ctx(), r, { code: second.code }, self(pid))).toMatchObject({
      status: 'completed',
    });
    expect(await handle.result()).toMatchObject({ outcome: 'completed' });
    expect(await actions(view.recoveryId)).toEqual([
      'recovery.started',
      'recovery.code_sent',
      'recovery.code_expired',
      'recovery.code_sent',
      'recovery.code_confirmed',
      'recovery.completed',
    ]);
  });

  it('at the desk: the officer verifies the person in person (the document kind and its last 4 characters only); the verification task closes', async () => {
    const pid = await person(null);
    const view = await startRecovery(ctx(), officer, { personalId: pid });
    expect(view.method).toBe('in_person');
    await started(view, 'awaiting_identity');
    const [task] = await tdb.db.select().from(tasks).where(eq(tasks.recoveryId, view.recoveryId));
    expect(task).toMatchObject({ kind: 'recovery.verification', status: 'open', actor: 'officer' });
    let r = await findRecoveryRow(ctx(), view.recoveryId);
    // A whole document number is refused before anything is written.
    expect(
      await refusal(verifyRecovery(ctx(), r, { documentKind: 'cccd', documentLast4: '001099012345' }, 'officer:lan')),
    ).toBe('INVALID_DOCUMENT_DIGITS');
    // The participant cannot add an address before they are identified.
    expect(await refusal(submitRecoveryContact(ctx(), r, { email: 'desk@example.vn' }, officer))).toBe('WRONG_STATE');
    expect(
      await verifyRecovery(ctx(), r, { documentKind: 'cccd', documentLast4: '2345' }, 'officer:lan'),
    ).toMatchObject({
      status: 'awaiting_contact',
    });
    expect(
      await refusal(verifyRecovery(ctx(), r, { documentKind: 'cccd', documentLast4: '2345' }, 'officer:lan')),
    ).toBe('WRONG_STATE');
    r = await findRecoveryRow(ctx(), view.recoveryId);
    expect(r).toMatchObject({ verifiedBy: 'officer:lan', documentKind: 'cccd', documentLast4: '2345' });
    expect((await tdb.db.select().from(tasks).where(eq(tasks.recoveryId, view.recoveryId)))[0]).toMatchObject({
      status: 'done',
    });
    // The officer enters the new address and the code the person read out; no old address: the inbox is told.
    await submitRecoveryContact(ctx(), r, { email: 'desk@example.vn' }, officer);
    const { code } = await lastCode(pid);
    await confirmRecoveryCode(ctx(), r, { code }, officer);
    const completed = await tdb.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.kind, 'recovery.completed'), eq(outbox.recipientId, pid)))
      .orderBy(asc(outbox.id));
    expect(completed.map((n) => n.channel)).toEqual(['portal', 'email']);
    expect(await actions(view.recoveryId)).toEqual([
      'recovery.started',
      'recovery.identity_verified',
      'recovery.code_sent',
      'recovery.code_confirmed',
      'recovery.completed',
    ]);
    const audited = await tdb.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectType, 'recovery'), eq(auditEvents.subjectId, view.recoveryId)));
    // The events' hashes and ids are random hex, where four digits turn up by chance (a CI run's
    // hash held "…72345d9"): they are taken out before looking for the document's digits.
    const text = JSON.stringify(audited).replace(
      /[0-9a-f]{64}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g,
      '<hex>',
    );
    for (const secret of ['2345', 'desk@example', pid]) expect(text).not.toContain(secret);
  });

  it('a recovery not completed within 5 working days expires: its end written, the task cancelled, the person told; nothing changed', async () => {
    const pid = await person('kept@example.vn');
    const view = await startRecovery(ctx(), officer, { personalId: pid });
    const handle = await started(view, 'awaiting_identity');
    await env.sleep('10 days');
    expect(await handle.result()).toMatchObject({ outcome: 'expired' });
    const r = await findRecoveryRow(ctx(), view.recoveryId);
    expect(r.status).toBe('expired');
    expect(r.endedAt).not.toBeNull();
    expect((await tdb.db.select().from(tasks).where(eq(tasks.recoveryId, view.recoveryId)))[0]).toMatchObject({
      status: 'cancelled',
    });
    expect(
      await tdb.db
        .select()
        .from(outbox)
        .where(eq(outbox.dedupeKey, `recovery:${view.recoveryId}:expired`)),
    ).toHaveLength(1);
    expect((await tdb.db.select().from(participants).where(eq(participants.personalId, pid)))[0]!.email).toBe(
      'kept@example.vn',
    );
    expect(await actions(view.recoveryId)).toEqual(['recovery.started', 'recovery.expired']);
    expect(
      await refusal(verifyRecovery(ctx(), r, { documentKind: 'passport', documentLast4: 'B123' }, 'officer:lan')),
    ).toBe('WRONG_STATE');
  });
});

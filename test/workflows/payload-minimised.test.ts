/**
 * Issue 11, minimise what goes into Temporal: claim flows run by named people — a decision by an
 * officer, a report by the participant, a termination with a typed note, a rejection with a typed
 * reason — and every payload of their histories (the claim's and its coverage's), decoded with the
 * default converter, is scanned: no personal ID, no name, no typed text, no amount, no HI card
 * code. The database still holds who acted and what they typed.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { EncryptionCodec } from '../../runtime/payload-codec';
import { TEST_KEY_RING } from '../setup/keys';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideClaim, fileAndStartClaim, reportClaim, terminateClaim, type ClaimsContext } from '../../client/claims';
import { auditEvents, caseTexts, hiCards, participants, principals, uiClaimMonths, uiClaims } from '../../db/schema';
import { addDays, monthOf, shiftedToday, type IsoDate } from '../../domain/calendar';
import type { unemploymentClaim } from '../../workflows/claims';
import { coverageWorkflowId, type ClaimState } from '../../workflows/definitions';
import { payByBank } from '../setup/bank';
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

let env: TestWorkflowEnvironment;
let tdb: TestDatabase;
let worker: Worker;
let running: Promise<void>;
const taskQueue = uniqueTaskQueue('minimised');

const OFFICER = 'officer:Nguyễn Thị Lan';
const NOTE = 'Đã tìm được việc làm mới ở Đà Nẵng từ tuần sau';
const REASON = 'Hồ sơ thiếu quyết định chấm dứt hợp đồng có chữ ký';
const SUMMARY = 'Đã nộp hồ sơ tại ba công ty ở Hà Nội'; // the report's job-search summary (Form 24)
const PARTICIPANT_NAME = 'Người Thử Nghiệm'; // test/setup/claimants.ts

beforeAll(async () => {
  tdb = await createTestDatabase('minimised');
  env = await timeSkippingEnv();
  worker = await makeWorker(env.nativeConnection, taskQueue, { db: tdb.db, clock: testClock });
  running = worker.run();
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
  await tdb?.drop();
});

const ctx = (): ClaimsContext => ({
  db: tdb.db,
  client: env.client,
  taskQueue,
  subjectKey: 'minimised-subject-key-0123456789',
  clock: testClock,
});

const today = async (): Promise<IsoDate> => shiftedToday(await env.currentTimeMs(), testClock.offsetDays);

async function file() {
  const filingDate = await today();
  const terminationDate = addDays(filingDate, -7);
  const c = await createClaimant(tdb.db, { lastMonth: monthOf(terminationDate), months: 40, salary: 12_000_000 });
  const filed = await fileAndStartClaim(
    ctx(),
    {
      personalId: c.personalId,
      terminationDate,
      filingDate,
      region: 'I',
      contractMonths: 36,
      terminationReason: 'contract_expired',
    },
    OFFICER,
    filingDate,
  );
  const handle = env.client.workflow.getHandle<typeof unemploymentClaim>(filed.workflowId);
  await waitForQuery<ClaimState>(handle, 'state', (s) => s.status === 'awaiting_decision');
  return { ...c, ...filed, handle };
}

/** Every payload of a history, decrypted (the test key ring) and decoded, and every string outside payloads (failure messages), as text. */
async function historyText(history: unknown): Promise<string> {
  const out: string[] = [];
  const payloads: Payload[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o['data'] instanceof Uint8Array && o['metadata'] && typeof o['metadata'] === 'object') {
        payloads.push(o as Payload);
        return;
      }
      Object.values(o).forEach(walk);
    }
  };
  walk(history);
  for (const p of await codec.decode(payloads))
    out.push(JSON.stringify(defaultPayloadConverter.fromPayload(p) ?? null));
  return out.join('\n');
}

const codec = new EncryptionCodec(TEST_KEY_RING);

async function scanned(workflowId: string): Promise<string> {
  const parent = await env.client.workflow.getHandle(workflowId).fetchHistory();
  const child = await env.client.workflow
    .getHandle(coverageWorkflowId(workflowId))
    .fetchHistory()
    .catch(() => null);
  return (await historyText(parent)) + '\n' + (child ? await historyText(child) : '');
}

/** What must never be in Temporal: `found` lists what was. */
function leaks(text: string, personal: { personalId: string; siNumber: string; cardCode: string | null }): string[] {
  // UUIDs (claim ids) and hex hashes (workflow ids) may hold runs of digits: not personal IDs.
  const stripped = text
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '')
    .replace(/[0-9a-f]{16,}/g, '');
  const found: string[] = [];
  if (/(?<!\d)\d{12}(?!\d)/.test(stripped)) found.push('a 12-digit number');
  for (const s of [
    personal.personalId,
    personal.siNumber,
    PARTICIPANT_NAME,
    'Nguyễn Thị Lan',
    'participant:',
    NOTE,
    REASON,
    SUMMARY,
    '7200000',
    '324000',
  ])
    if (text.includes(s)) found.push(s);
  if (personal.cardCode && text.includes(personal.cardCode)) found.push('the HI card code');
  if (/\b[A-Z]{2}\d{13}\b/.test(stripped)) found.push('an HI card code');
  return found;
}

const siNumberOf = async (personalId: string) =>
  (await tdb.db.select().from(participants).where(eq(participants.personalId, personalId)))[0]!.siNumber;

describe('what goes into Temporal (issue 11: minimised at the source)', () => {
  it('a claim approved by a named officer, reported by the participant and terminated with a note: no personal data in its histories', async () => {
    const f = await file();
    await decideClaim(ctx(), f.claimId, { decision: 'approve' }, OFFICER);
    await waitForQuery<ClaimState>(f.handle, 'state', (s) => s.reportWindowFor === 1);
    await reportClaim(ctx(), f.claimId, { summary: SUMMARY }, `participant:${f.personalId}`);
    expect(await payByBank(tdb.db, await today())).toBe(1); // the month paid by the bank (rules §8.36)
    await terminateClaim(ctx(), f.claimId, { ground: 'own_request', note: NOTE }, `participant:${f.personalId}`);
    await f.handle.result();

    const card = (await tdb.db.select().from(hiCards).where(eq(hiCards.personalId, f.personalId)))[0];
    expect(card?.cardCode).toMatch(/^TN4/);
    const text = await scanned(f.workflowId);
    expect(text).toContain('own_request'); // the scan sees the decoded payloads
    expect(
      leaks(text, { personalId: f.personalId, siNumber: await siNumberOf(f.personalId), cardCode: card!.cardCode }),
    ).toEqual([]);

    // The database keeps who acted and what they typed, resolved by the activities.
    const row = (await tdb.db.select().from(uiClaims).where(eq(uiClaims.id, f.claimId)))[0]!;
    expect(row).toMatchObject({
      decidedBy: OFFICER,
      terminatedBy: `participant:${f.personalId}`,
      monthlyBenefit: '7200000',
    });
    const month1 = (await tdb.db.select().from(uiClaimMonths).where(eq(uiClaimMonths.claimId, f.claimId))).find(
      (m) => m.idx === 1,
    )!;
    expect(month1.reportedBy).toBe(`participant:${f.personalId}`);
    expect((await tdb.db.select().from(caseTexts).where(eq(caseTexts.id, month1.reportTextId!)))[0]).toMatchObject({
      kind: 'claim.report_summary',
      text: SUMMARY,
    });
    const actors = (await tdb.db.select().from(auditEvents).where(eq(auditEvents.subjectId, f.claimId))).map(
      (e) => `${e.action} ${e.actor}`,
    );
    expect(actors).toEqual(
      expect.arrayContaining([
        `claim.approved ${OFFICER}`,
        `claim.report participant:${f.personalId}`,
        `claim.terminated participant:${f.personalId}`,
      ]),
    );
    const terminated = (await tdb.db.select().from(auditEvents).where(eq(auditEvents.subjectId, f.claimId))).find(
      (e) => e.action === 'claim.terminated',
    )!;
    const noteId = (terminated.details as { noteId?: number }).noteId!;
    expect((await tdb.db.select().from(caseTexts).where(eq(caseTexts.id, noteId)))[0]).toMatchObject({
      kind: 'claim.termination_note',
      text: NOTE,
    });
  });

  it('a claim rejected by a named officer with a typed reason: the reason stays in the database', async () => {
    const f = await file();
    await decideClaim(ctx(), f.claimId, { decision: 'reject', reason: REASON }, OFFICER);
    await f.handle.result();
    const text = await scanned(f.workflowId);
    expect(text).toContain('reject');
    expect(leaks(text, { personalId: f.personalId, siNumber: await siNumberOf(f.personalId), cardCode: null })).toEqual(
      [],
    );
    const row = (await tdb.db.select().from(uiClaims).where(eq(uiClaims.id, f.claimId)))[0]!;
    expect(row).toMatchObject({ decision: 'rejected', decidedBy: OFFICER, decisionReason: REASON });
  });

  it('a decision the workflow refuses leaves no typed text and no principal reference behind', async () => {
    const f = await file();
    await decideClaim(ctx(), f.claimId, { decision: 'approve' }, OFFICER);
    await waitForQuery<ClaimState>(f.handle, 'state', (s) => s.reportWindowFor === 1);
    const before = (await tdb.db.select().from(caseTexts)).length;
    const principalsBefore = (await tdb.db.select().from(principals)).length;
    // Open in the database, so the Update reaches the workflow, whose validator refuses it.
    await expect(decideClaim(ctx(), f.claimId, { decision: 'reject', reason: REASON }, OFFICER)).rejects.toMatchObject({
      code: 'WRONG_STATE',
    });
    expect((await tdb.db.select().from(caseTexts)).length).toBe(before);
    expect((await tdb.db.select().from(principals)).length).toBe(principalsBefore);
    await terminateClaim(ctx(), f.claimId, { ground: 'own_request' }, `participant:${f.personalId}`);
    await f.handle.result();
  });
});

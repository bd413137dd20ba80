/**
 * The employer onboarding workflow on the time-skipping test server (5 working days and 30 days
 * pass in milliseconds), with real PostgreSQL behind its activities. Every history recorded here
 * is replayed at the end of the file (determinism).
 */
import { WorkflowFailedError, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure, defaultPayloadConverter, type Payload } from '@temporalio/common';
import { EncryptionCodec } from '../../runtime/payload-codec';
import { TEST_KEY_RING } from '../setup/keys';
import { temporal } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { count, eq, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sampleSubmission } from '../../dev/sample';
import { decideOnboarding, onboardingProgress, onboardingResult, submitOnboarding } from '../../client/temporal';
import { verifyEbooks } from '../../db/queries/ebooks';
import { employers, employments, onboardingRequestEmployees, onboardingRequests, outbox } from '../../db/schema';
import { workingDayDeadline } from '../../domain/calendar';
import { DomainError } from '../../domain/errors';
import type { OnboardingProgress, OnboardingSubmission } from '../../domain/schemas';
import { onboardingProgressQuery } from '../../workflows/definitions';
import type { employerOnboarding } from '../../workflows/onboarding';
import {
  createTestDatabase,
  makeWorker,
  timeSkippingEnv,
  uniqueTaskQueue,
  workflowBundle,
  testDataConverter,
  type TestDatabase,
  testClock,
} from '../setup/harness';

let env: TestWorkflowEnvironment;
let tdb: TestDatabase;
const store = () => ({ db: tdb.db });
let worker: Worker;
let running: Promise<void>;
const taskQueue = uniqueTaskQueue('onboarding');
const histories: { workflowId: string; history: unknown }[] = [];
let seed = 5000;

beforeAll(async () => {
  [env, tdb] = await Promise.all([timeSkippingEnv(), createTestDatabase('wf')]);
  worker = await makeWorker(env.nativeConnection, taskQueue, { db: tdb.db, clock: testClock });
  running = worker.run();
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  // Replay every history recorded by this file: a change that breaks running workflows fails here.
  if (histories.length) {
    const dir = path.join(process.cwd(), 'test', '.histories');
    mkdirSync(dir, { recursive: true });
    // Binary protobuf (protojson's reflection does not survive vitest's module loading).
    for (const h of histories)
      writeFileSync(
        path.join(dir, `${h.workflowId}.binpb`),
        temporal.api.history.v1.History.encode(h.history as never).finish(),
      );
    const results = Worker.runReplayHistories(
      { workflowBundle: workflowBundle(), dataConverter: testDataConverter },
      histories.map((h) => ({ workflowId: h.workflowId, history: h.history as never })),
    );
    for await (const r of results) expect(r.error, `replay of ${r.workflowId}`).toBeUndefined();
  }
  await env?.teardown();
  await tdb?.drop();
});

afterEach(async () => {
  const report = await verifyEbooks(tdb.db);
  expect(report.mismatches).toEqual([]);
});

const ctx = () => ({ db: tdb.db, client: env.client, taskQueue, clock: testClock });

async function submit(sub: OnboardingSubmission, batchSize?: number) {
  const s = await submitOnboarding(ctx(), sub, 'employer:test', batchSize ? { batchSize } : {});
  return { ...s, handle: env.client.workflow.getHandle<typeof employerOnboarding>(s.workflowId) };
}

async function record(handle: WorkflowHandle, label: string) {
  histories.push({ workflowId: `onboarding-${label}`, history: await handle.fetchHistory() });
}

async function awaitingDecision(handle: WorkflowHandle): Promise<OnboardingProgress> {
  for (let i = 0; i < 200; i++) {
    const p = await handle.query(onboardingProgressQuery).catch(() => undefined);
    if (p?.state === 'awaiting_decision') return p;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('workflow never reached awaiting_decision');
}

const outboxKinds = async (requestId: string) =>
  (
    await tdb.db
      .select()
      .from(outbox)
      .where(sql`${outbox.dedupeKey} like ${`onboarding:${requestId}:%`}`)
  )
    .map((r) => r.kind)
    .sort();

describe('employer onboarding workflow', () => {
  it('approve: every employee onboarded in batches, the employer active with a unit code and notified', async () => {
    const sub = sampleSubmission(seed++, 23, { startMonth: '2026-11' });
    const { handle, requestId } = await submit(sub, 5);
    await awaitingDecision(handle);
    await expect(
      decideOnboarding(env.client, sub.employer.taxCode, { decision: 'approve', officer: 'officer:lan' }, store()),
    ).resolves.toEqual({
      accepted: true,
      decision: 'approve',
      state: 'onboarding_employees',
      unitCode: expect.any(String),
    });
    const summary = await handle.result();
    expect(summary).toMatchObject({
      outcome: 'completed',
      employeesOnboarded: 23,
      participantsCreated: 23,
      hiCardsIssued: 23,
      ebooksWritten: 23,
    });
    // Temporal has the officer's principal reference only; the client resolves it from the database.
    expect((await handle.query(onboardingProgressQuery)).decidedBy).toMatch(/^p:/);
    const progress = await onboardingProgress(env.client, sub.employer.taxCode, tdb.db);
    expect(progress).toMatchObject({
      state: 'completed',
      employeesDone: 23,
      batchesDone: 5,
      batchesTotal: 5,
      decidedBy: 'officer:lan',
    });
    const [emp] = await tdb.db.select().from(employers).where(eq(employers.taxCode, sub.employer.taxCode));
    expect(emp).toMatchObject({ status: 'active', unitCode: summary.unitCode });
    expect(await outboxKinds(requestId)).toEqual(['onboarding.completed']);
    await record(handle, 'approve');
  });

  it('reject: the employer is rejected with the officer’s reason and no employee is written', async () => {
    const sub = sampleSubmission(seed++, 3, { startMonth: '2026-11' });
    const { handle, requestId } = await submit(sub);
    await awaitingDecision(handle);
    await decideOnboarding(
      env.client,
      sub.employer.taxCode,
      {
        decision: 'reject',
        officer: 'officer:lan',
        reason: 'business licence not attached',
      },
      store(),
    );
    // The workflow's result carries the reason's id only; the client resolves it from the database.
    expect(await handle.result()).toMatchObject({ outcome: 'rejected', rejectionReason: null, autoRejected: false });
    expect(await onboardingResult(env.client, sub.employer.taxCode, tdb.db)).toMatchObject({
      outcome: 'rejected',
      rejectionReason: 'business licence not attached',
      autoRejected: false,
    });
    expect(await onboardingProgress(env.client, sub.employer.taxCode, tdb.db)).toMatchObject({
      decidedBy: 'officer:lan',
      rejectionReason: 'business licence not attached',
    });
    const [emp] = await tdb.db.select().from(employers).where(eq(employers.taxCode, sub.employer.taxCode));
    expect(emp).toMatchObject({ status: 'rejected', rejectionReason: 'business licence not attached' });
    expect(
      Number(
        (
          await tdb.db
            .select({ n: count() })
            .from(employments)
            .where(eq(employments.employerTaxCode, sub.employer.taxCode))
        )[0]!.n,
      ),
    ).toBe(0);
    expect(await outboxKinds(requestId)).toEqual(['onboarding.rejected']);
    // Issue 11: neither the officer nor the typed reason is in the history's payloads.
    const texts: string[] = [];
    const payloads: Payload[] = [];
    const walk = (v: unknown): void => {
      if (typeof v === 'string') texts.push(v);
      else if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') {
        if ((v as { data?: unknown }).data instanceof Uint8Array && 'metadata' in v) payloads.push(v as Payload);
        else Object.values(v).forEach(walk);
      }
    };
    walk(await handle.fetchHistory());
    // Decrypted with the test key ring (the codec), then decoded.
    for (const p of await new EncryptionCodec(TEST_KEY_RING).decode(payloads))
      texts.push(JSON.stringify(defaultPayloadConverter.fromPayload(p) ?? null));
    const decoded = texts.join('\n');
    expect(decoded).toContain('"reasonId"');
    expect(decoded).not.toContain('business licence not attached');
    expect(decoded).not.toContain('officer:lan');
    // A decision after the case is closed is refused by the Update's validator.
    await expect(
      decideOnboarding(env.client, sub.employer.taxCode, { decision: 'approve', officer: 'officer:lan' }, store()),
    ).rejects.toMatchObject({ code: 'WRONG_STATE' });
    await record(handle, 'reject');
  });

  it('no decision within 5 working days escalates to the officers (Law 41/2024 Art.28: book within 5 working days) and keeps waiting', async () => {
    const sub = sampleSubmission(seed++, 2, { startMonth: '2026-11' });
    const { handle, requestId } = await submit(sub);
    const p = await awaitingDecision(handle);
    const deadline = Date.parse(p.decisionDeadline!);
    // The deadline is the end of the 5th working day after registration, Vietnam time.
    const registeredApprox = Date.parse(p.autoRejectAt!) - 30 * 86_400_000;
    expect(deadline).toBe(workingDayDeadline(registeredApprox, 5));
    const now = await env.currentTimeMs();
    await env.sleep(deadline - now - 60_000);
    expect(await outboxKinds(requestId)).toEqual([]);
    expect((await handle.query(onboardingProgressQuery)).escalated).toBe(false);
    await env.sleep(120_000);
    await waitUntil(async () => (await outboxKinds(requestId)).length === 1);
    expect(await outboxKinds(requestId)).toEqual(['onboarding.decision_overdue']);
    expect(await handle.query(onboardingProgressQuery)).toMatchObject({ escalated: true, state: 'awaiting_decision' });
    // Still waiting: a late approval is accepted and the onboarding completes.
    await decideOnboarding(env.client, sub.employer.taxCode, { decision: 'approve', officer: 'officer:minh' }, store());
    expect(await handle.result()).toMatchObject({ outcome: 'completed', employeesOnboarded: 2 });
    await record(handle, 'escalation');
  });

  it('no decision within 30 days rejects the dossier automatically', async () => {
    const sub = sampleSubmission(seed++, 2, { startMonth: '2026-11' });
    const { handle, requestId } = await submit(sub);
    await awaitingDecision(handle);
    const summary = await handle.result(); // the time-skipping server jumps over both timers
    expect(summary).toMatchObject({ outcome: 'rejected', autoRejected: true });
    expect(summary.rejectionReason).toMatch(/30 days/);
    expect(await outboxKinds(requestId)).toEqual(['onboarding.decision_overdue', 'onboarding.rejected']);
    const [emp] = await tdb.db.select().from(employers).where(eq(employers.taxCode, sub.employer.taxCode));
    expect(emp!.status).toBe('rejected');
    await record(handle, 'auto-reject');
  });

  it('a second dossier of an active employer is refused before anything is stored (409 EMPLOYER_ALREADY_ACTIVE); a concurrent one is refused; a duplicate the workflow meets anyway ends as duplicate', async () => {
    const sub = sampleSubmission(seed++, 2, { startMonth: '2026-11' });
    const first = await submit(sub);
    await awaitingDecision(first.handle);
    const requests = async () =>
      Number(
        (
          await tdb.db
            .select({ n: count() })
            .from(onboardingRequests)
            .where(eq(onboardingRequests.taxCode, sub.employer.taxCode))
        )[0]!.n,
      );
    // While the first runs, the running workflow refuses a second dossier before it is stored.
    await expect(submit(sub)).rejects.toMatchObject({ code: 'ONBOARDING_IN_PROGRESS' });
    expect(await requests()).toBe(1);
    await decideOnboarding(env.client, sub.employer.taxCode, { decision: 'approve', officer: 'officer:lan' }, store());
    await first.handle.result();
    // Issue 9 (part 7): the dossier of an active employer is refused, and changes nothing.
    await expect(submit(sub)).rejects.toMatchObject({ code: 'EMPLOYER_ALREADY_ACTIVE', field: 'employer.taxCode' });
    expect(await requests()).toBe(1);
    // The workflow still guards itself: a dossier stored and started anyway (a race past that
    // check) ends as a duplicate and onboards nobody.
    const requestId = randomUUID();
    await tdb.db.insert(onboardingRequests).values({
      id: requestId,
      taxCode: sub.employer.taxCode,
      employer: sub.employer,
      employeeCount: 2,
      submittedBy: 't',
      workflowId: `onboarding:${sub.employer.taxCode}`,
    });
    await tdb.db
      .insert(onboardingRequestEmployees)
      .values(sub.employees.map((e, i) => ({ requestId, line: i + 1, personalId: e.personalId, data: e })));
    const second = await env.client.workflow.start<typeof employerOnboarding>('employerOnboarding', {
      taskQueue,
      workflowId: `onboarding:${sub.employer.taxCode}`,
      args: [{ requestId, taxCode: sub.employer.taxCode, submittedBy: 'employer:test' }],
    });
    expect(await second.result()).toMatchObject({
      outcome: 'duplicate',
      existingStatus: 'active',
      employeesOnboarded: 0,
    });
    const [req] = await tdb.db.select().from(onboardingRequests).where(eq(onboardingRequests.id, requestId));
    expect(req!.status).toBe('duplicate');
    await record(second, 'duplicate');
  });

  it('an excluded (defence) employer is refused before anything is written, and refused by the workflow too', async () => {
    const sub = sampleSubmission(seed++, 2, { startMonth: '2026-11', employer: { category: 'defence_unit' } });
    const before = Number((await tdb.db.select({ n: count() }).from(onboardingRequests))[0]!.n);
    const err = await submit(sub).catch((e) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({ code: 'EMPLOYER_EXCLUDED', field: 'employer.category' });
    expect(Number((await tdb.db.select({ n: count() }).from(onboardingRequests))[0]!.n)).toBe(before);

    // Defence in depth: a dossier that reached the workflow anyway fails with a non-retryable error.
    const { randomUUID } = await import('node:crypto');
    const requestId = randomUUID();
    await tdb.db.insert(onboardingRequests).values({
      id: requestId,
      taxCode: sub.employer.taxCode,
      employer: sub.employer,
      employeeCount: 0,
      submittedBy: 't',
      workflowId: 'x',
    });
    const handle = await env.client.workflow.start<typeof employerOnboarding>('employerOnboarding', {
      taskQueue,
      workflowId: `onboarding:${sub.employer.taxCode}`,
      args: [{ requestId, taxCode: sub.employer.taxCode, submittedBy: 'test' }],
    });
    const failure = await handle.result().catch((e) => e);
    expect(failure).toBeInstanceOf(WorkflowFailedError);
    expect((failure as WorkflowFailedError).cause).toBeInstanceOf(ApplicationFailure);
    expect(((failure as WorkflowFailedError).cause as ApplicationFailure).type).toBe('EMPLOYER_EXCLUDED');
    expect(
      Number(
        (await tdb.db.select({ n: count() }).from(employers).where(eq(employers.taxCode, sub.employer.taxCode)))[0]!.n,
      ),
    ).toBe(0);
    await record(handle, 'excluded');
  });

  it('invalid input is refused with a specific code and changes nothing', async () => {
    const sub = sampleSubmission(seed++, 3, { startMonth: '2026-11' });
    const cases: [OnboardingSubmission, string, string][] = [
      [
        { ...sub, employees: sub.employees.map((e, i) => (i === 1 ? { ...e, personalId: '12345' } : e)) },
        'INVALID_PERSONAL_ID',
        'employees[1].personalId',
      ],
      [
        {
          ...sub,
          employees: sub.employees.map((e, i) =>
            i === 2
              ? {
                  ...e,
                  dateOfBirth: e.dateOfBirth.replace(
                    /^(\d{2})(\d{2})/,
                    (_, a, b) => `${a}${String((Number(b) + 1) % 100).padStart(2, '0')}`,
                  ),
                }
              : e,
          ),
        },
        'PERSONAL_ID_BIRTH_YEAR_MISMATCH',
        'employees[2].personalId',
      ],
      [{ ...sub, employees: [...sub.employees, sub.employees[0]!] }, 'DUPLICATE_EMPLOYEE', 'employees[3].personalId'],
      [{ ...sub, employer: { ...sub.employer, taxCode: '01234' } }, 'INVALID_TAX_CODE', 'employer.taxCode'],
      [
        { ...sub, employees: sub.employees.map((e, i) => (i === 0 ? { ...e, salary: '1000000' } : e)) },
        'SALARY_BELOW_FLOOR',
        'employees[0].salary',
      ],
    ];
    const before = Number((await tdb.db.select({ n: count() }).from(onboardingRequests))[0]!.n);
    for (const [bad, code, field] of cases) {
      await expect(submit(bad), code).rejects.toMatchObject({ code, field });
    }
    expect(Number((await tdb.db.select({ n: count() }).from(onboardingRequests))[0]!.n)).toBe(before);

    // A malformed decision is refused by the Update validator without touching the case.
    const ok = await submit(sub);
    await awaitingDecision(ok.handle);
    const refused = await ok.handle
      .executeUpdate('decide', { args: [{ decision: 'reject', officer: 'o', reason: '' }] })
      .catch((e) => e);
    expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
    expect(((refused as WorkflowUpdateFailedError).cause as ApplicationFailure).type).toBe('INVALID_DECISION');
    expect((await ok.handle.query(onboardingProgressQuery)).state).toBe('awaiting_decision');
    await decideOnboarding(
      env.client,
      sub.employer.taxCode,
      {
        decision: 'reject',
        officer: 'officer:lan',
        reason: 'test over',
      },
      store(),
    );
    await ok.handle.result();
    await record(ok.handle, 'invalid-decision');
  });
});

async function waitUntil(pred: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const end = performance.now() + timeoutMs;
  while (performance.now() < end) {
    if (await pred()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('condition not met in time');
}

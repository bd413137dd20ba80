/**
 * Escalations reach the work queue (issue 12): on the time-skipping test server, an onboarding
 * undecided 5 working days after registration (Law 41/2024 Art.28) and a claim undecided 2 working
 * days before its 15-working-day deadline (rules §8.22) mark their tasks escalated — written by the
 * workflows' own escalation activities — and the late decision still closes them.
 *
 * @date-sensitive Claims are filed on the test server's today, shifted by the pinned clock; the assertions are relative to it.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { decideClaim, fileAndStartClaim, type ClaimsContext } from '../../client/claims';
import { decideOnboarding, submitOnboarding } from '../../client/temporal';
import { tasks } from '../../db/schema';
import { addDays, monthOf, shiftedToday, startOfLocalDay, type IsoDate } from '../../domain/calendar';
import { sampleSubmission } from '../../dev/sample';
import type { ClaimState } from '../../workflows/definitions';
import { onboardingProgressQuery } from '../../workflows/definitions';
import type { OnboardingProgress } from '../../domain/schemas';
import { listTasks } from '../../services/tasks';
import { createClaimant } from '../setup/claimants';
import {
  createTestDatabase,
  makeWorker,
  timeSkippingEnv,
  uniqueTaskQueue,
  waitForQuery,
  type TestDatabase,
  testClock,
} from '../setup/harness';

let env: TestWorkflowEnvironment;
let tdb: TestDatabase;
let worker: Worker;
let running: Promise<void>;
const taskQueue = uniqueTaskQueue('tasks-esc');

beforeAll(async () => {
  tdb = await createTestDatabase('tasks_esc');
});
afterAll(async () => {
  await tdb?.drop();
});
// A time-skipping server per test: its clock only moves forward (test/workflows/claims.test.ts).
beforeEach(async () => {
  env = await timeSkippingEnv();
  worker = await makeWorker(env.nativeConnection, taskQueue, { db: tdb.db, clock: testClock });
  running = worker.run();
});
afterEach(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
});

async function waitUntil(pred: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const end = performance.now() + timeoutMs;
  while (performance.now() < end) {
    if (await pred()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('condition not met in time');
}

describe('escalations in the work queue', () => {
  it('an onboarding undecided 5 working days after registration: its approval task is escalated then, not before; the late approval closes it', async () => {
    const sub = sampleSubmission(93_001, 2, { startMonth: '2026-11' });
    const s = await submitOnboarding(
      { db: tdb.db, client: env.client, taskQueue, clock: testClock },
      sub,
      'employer:test',
    );
    const handle = env.client.workflow.getHandle(s.workflowId);
    let p: OnboardingProgress | undefined;
    await waitUntil(async () => {
      p = await handle.query(onboardingProgressQuery).catch(() => undefined);
      return p?.state === 'awaiting_decision';
    });
    const approval = async () =>
      (
        await tdb.db
          .select()
          .from(tasks)
          .where(and(eq(tasks.onboardingRequestId, s.requestId), eq(tasks.kind, 'onboarding.approval')))
      )[0];
    expect(await approval()).toMatchObject({ status: 'open', escalatedAt: null });
    const deadline = Date.parse(p!.decisionDeadline!);
    await env.sleep(deadline - (await env.currentTimeMs()) - 60_000);
    expect((await approval())!.escalatedAt).toBeNull();
    await env.sleep(120_000);
    await waitUntil(async () => (await approval())!.escalatedAt !== null);
    expect(await approval()).toMatchObject({
      status: 'open',
      details: expect.objectContaining({ alert: 'decision_overdue' }),
    });
    await decideOnboarding(
      env.client,
      sub.employer.taxCode,
      { decision: 'approve', officer: 'officer:minh' },
      { db: tdb.db },
    );
    expect(await approval()).toMatchObject({ status: 'done' });
    await handle.result();
  });

  it('a claim undecided past its deadline: the escalation moves the decision task to the supervisor’s queue, escalated, and is overdue the day after the deadline', async () => {
    const ctx = (): ClaimsContext => ({
      db: tdb.db,
      client: env.client,
      taskQueue,
      subjectKey: 'test-subject-key-0123456789',
      clock: testClock,
    });
    const today = async (): Promise<IsoDate> => shiftedToday(await env.currentTimeMs(), testClock.offsetDays);
    const advanceTo = async (day: IsoDate) => {
      const ms = startOfLocalDay(addDays(day, -testClock.offsetDays)) + 60_000 - (await env.currentTimeMs());
      if (ms > 0) await env.sleep(ms);
    };
    const filingDate = await today();
    const terminationDate = addDays(filingDate, -7);
    const c = await createClaimant(tdb.db, {
      lastMonth: monthOf(terminationDate),
      months: 24,
      salary: 12_000_000,
      seed: 93_101,
    });
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
      'officer:test',
      filingDate,
    );
    const handle = env.client.workflow.getHandle(filed.workflowId);
    await waitForQuery<ClaimState>(handle, 'state', (st) => st.status === 'awaiting_decision');
    const decision = async () =>
      (
        await tdb.db
          .select()
          .from(tasks)
          .where(and(eq(tasks.claimId, filed.claimId), eq(tasks.kind, 'claim.decision')))
      )[0]!;
    const intake = await waitForQuery<ClaimState>(handle, 'state', (st) => st.decisionDeadline !== null);
    const deadline = intake.decisionDeadline!;
    expect(await decision()).toMatchObject({
      status: 'open',
      queue: 'ui-claims',
      escalatedAt: null,
      dueDate: deadline,
    });

    await advanceTo(addDays(deadline, 1));
    await waitForQuery<ClaimState>(handle, 'state', (st) => st.decisionAlerts === 'overdue');
    expect(await decision()).toMatchObject({
      status: 'open',
      queue: 'ui-claims-director',
      escalatedAt: expect.any(Date),
    });
    const stalled = await listTasks(tdb.db, { state: 'overdue', limit: 50, after: null, today: addDays(deadline, 1) });
    expect(stalled.items.find((i) => i.subject.claimId === filed.claimId)).toMatchObject({
      overdue: true,
      escalated: true,
      workingDaysLeft: -1,
    });

    await decideClaim(ctx(), filed.claimId, { decision: 'reject', reason: 'test' }, 'officer:lan');
    expect(await decision()).toMatchObject({ status: 'done', closedBy: expect.stringMatching(/^p:/) });
    await handle.result();
  });
});

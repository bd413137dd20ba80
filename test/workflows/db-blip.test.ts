/**
 * When the database blips (dev server, real PostgreSQL, the worker in a process of its own as
 * `ansinh worker` runs it): the backends of the worker's database are terminated with
 * pg_terminate_backend from a separate admin connection, several times, while reconciliation
 * batches hold their transactions open. The worker process stays up, the batches fail with
 * DATABASE_UNAVAILABLE and are retried, and the run ends with exactly what an uninterrupted run
 * gives. A worker killed in the middle of a batch is noticed by its missing heartbeats (20 s), not
 * the start-to-close timeout, and the batch resumes on another worker.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { NativeConnection } from '@temporalio/worker';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { recordPayment } from '../../services/payments';
import { verifyLedger } from '../../services/ledger';
import { sampleSubmission } from '../../dev/sample';
import { startReconciliation } from '../../client/temporal';
import { verifyEbooks } from '../../db/queries/ebooks';
import { contributionMonths, ebooks, employerPeriods, outbox } from '../../db/schema';
import { computeContribution } from '../../domain/contributions';
import type { OnboardingSubmission } from '../../domain/schemas';
import { reconciliationWorkflowId } from '../../workflows/definitions';
import type { monthlyReconciliation } from '../../workflows/reconciliation';
import { onboardDirectly } from '../api/fixture';
import {
  createTestDatabase,
  devServerClient,
  makeWorker,
  testClock,
  uniqueTaskQueue,
  type TestDatabase,
} from '../setup/harness';
import { ADMIN_URL } from '../setup/pg';

type History = temporal.api.history.v1.IHistory;
type Result = Awaited<ReturnType<typeof monthlyReconciliation>>;

// A period no other test file reconciles (workflow ids are per period on the shared dev server).
const PERIOD = '2026-07';
const AS_OF = '2026-09-10';
const RUN = { period: PERIOD, asOf: AS_OF, batchSize: 1, batchesPerRun: 2 };

let uninterrupted: TestDatabase;
let blipped: TestDatabase;
let lostDb: TestDatabase;
let client: Client;
let connection: Connection;
let native: NativeConnection;
let admin: postgres.Sql;
let reference: { result: Result; state: Awaited<ReturnType<typeof snapshot>> };
const subs: OnboardingSubmission[] = [];

const dueOf = (s: OnboardingSubmission) =>
  s.employees.reduce(
    (acc, e) =>
      acc + Number(computeContribution({ month: PERIOD, salary: e.salary, region: s.employer.wageRegion }).total),
    0,
  );

/** Three employers of three people: one paid in full, one in part, one not at all. */
async function prepare(tdb: TestDatabase, sample: OnboardingSubmission[]) {
  for (const s of sample) await onboardDirectly(tdb, s);
  const [full, part] = sample;
  await recordPayment(tdb.db, {
    taxCode: full!.employer.taxCode,
    bankReference: 'BLIP-FULL',
    amount: String(dueOf(full!)),
    valueDate: '2026-08-20',
    author: 't',
    today: testClock.today(),
  });
  await recordPayment(tdb.db, {
    taxCode: part!.employer.taxCode,
    bankReference: 'BLIP-PART',
    amount: '1000000',
    valueDate: '2026-08-20',
    author: 't',
    today: testClock.today(),
  });
}

/** Everything a reconciliation writes, without its timestamps. */
async function snapshot(tdb: TestDatabase) {
  return {
    periods: (await tdb.db.select().from(employerPeriods).orderBy(employerPeriods.employerTaxCode)).map(
      ({ reconciledAt: _r, ...p }) => p,
    ),
    months: await tdb.db
      .select()
      .from(contributionMonths)
      .orderBy(contributionMonths.personalId, contributionMonths.employerTaxCode, contributionMonths.period),
    ebooks: await tdb.db
      .select({
        personalId: ebooks.personalId,
        version: ebooks.version,
        root: ebooks.root,
        sections: ebooks.sections,
      })
      .from(ebooks)
      .orderBy(ebooks.personalId),
    notices: await tdb.db
      .select({ key: outbox.dedupeKey, kind: outbox.kind, to: outbox.recipientId, payload: outbox.payload })
      .from(outbox)
      .orderBy(outbox.dedupeKey),
    ledgerProblems: (await verifyLedger(tdb.db)).problems,
    ebookMismatches: (await verifyEbooks(tdb.db)).mismatches,
  };
}

interface WorkerProcess {
  proc: ChildProcess;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** test/workflows/worker-process.ts in a child process, polling `taskQueue` against `tdb`. */
async function workerProcess(tdb: TestDatabase, taskQueue: string, holdMs: number): Promise<WorkerProcess> {
  const proc = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'worker-process.ts')], {
    env: {
      ...process.env,
      DATABASE_URL: tdb.url,
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      TASK_QUEUE: taskQueue,
      WORKFLOW_BUNDLE: inject('bundlePath'),
      HOLD_MS: String(holdMs),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const ready = new Promise<void>((resolve, reject) => {
    proc.stdout!.on('data', () => out.includes('ready') && resolve());
    void exited.then(() => reject(new Error(`the worker process exited before it was ready:\n${out}`)));
  });
  await ready;
  return { proc, output: () => out, exited };
}

/** Backends of the database holding a transaction open (a batch waiting before its commit). */
async function inTransaction(tdb: TestDatabase): Promise<number> {
  const [row] = await admin<
    { n: number }[]
  >`select count(*)::int as n from pg_stat_activity where datname = ${tdb.name} and state like 'idle in transaction%'`;
  return row!.n;
}

/** Every backend of the database terminated, from the admin connection. */
async function terminateAll(tdb: TestDatabase): Promise<number> {
  const rows =
    await admin`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${tdb.name} and pid <> pg_backend_pid()`;
  return rows.length;
}

const until = async (pred: () => Promise<boolean> | boolean, what: string, timeoutMs = 60_000) => {
  const end = performance.now() + timeoutMs;
  while (!(await pred())) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

/** The histories of every run of a workflow (it continues as new), first to last. */
async function histories(workflowId: string, firstRunId: string): Promise<History[]> {
  const out: History[] = [];
  for (let runId: string | null | undefined = firstRunId; runId;) {
    const h: History = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    out.push(h);
    runId = h.events?.find((e) => e.workflowExecutionContinuedAsNewEventAttributes)
      ?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId;
  }
  return out;
}

const seconds = (d: { seconds?: unknown; nanos?: number | null } | null | undefined) =>
  Number(d?.seconds ?? 0) + (d?.nanos ?? 0) / 1e9;

/** The reconciliation batches in the histories: how each was scheduled, and each start with its attempt and last failure. */
function batches(hs: History[]) {
  const events = hs.flatMap((h) => h.events ?? []);
  const scheduled = events.filter(
    (e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'reconcileEmployers',
  );
  const ids = new Set(scheduled.map((e) => String(e.eventId)));
  const started = events.filter(
    (e) =>
      e.activityTaskStartedEventAttributes && ids.has(String(e.activityTaskStartedEventAttributes.scheduledEventId)),
  );
  return {
    scheduled: scheduled.map((e) => e.activityTaskScheduledEventAttributes!),
    started: started.map((e) => e.activityTaskStartedEventAttributes!),
  };
}

beforeAll(async () => {
  admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  ({ client, connection } = await devServerClient());
  native = await NativeConnection.connect({ address: inject('temporalAddress') });
  for (const seed of [701, 702, 703]) subs.push(sampleSubmission(seed, 3, { startMonth: PERIOD }));
  subs.sort((a, b) => (a.employer.taxCode < b.employer.taxCode ? -1 : 1));
  [uninterrupted, blipped, lostDb] = await Promise.all([
    createTestDatabase('blip_ref'),
    createTestDatabase('blip'),
    createTestDatabase('blip_lost'),
  ]);
  for (const tdb of [uninterrupted, blipped, lostDb]) await prepare(tdb, subs);

  // The uninterrupted run, for reference.
  const queue = uniqueTaskQueue('blip-ref');
  const worker = await makeWorker(native, queue, { db: uninterrupted.db, clock: testClock });
  const started = await startReconciliation(client, queue, RUN);
  const result = await worker.runUntil(
    client.workflow.getHandle<typeof monthlyReconciliation>(started.workflowId).result(),
  );
  reference = { result, state: await snapshot(uninterrupted) };
});
afterAll(async () => {
  await native?.close();
  await connection?.close();
  await admin?.end();
  await uninterrupted?.drop();
  await blipped?.drop();
  await lostDb?.drop();
});

describe('when the database blips', () => {
  it('the reference run reconciled every employer', () => {
    expect(reference.result).toMatchObject({ state: 'completed', employersDone: 3, lines: 3 * 3 * 8 });
    expect(reference.state.periods.map((p) => p.status)).toEqual(['paid', 'partially_paid', 'unpaid']);
    expect(reference.state.months).toHaveLength(9);
    expect(reference.state.ledgerProblems).toEqual([]);
    expect(reference.state.ebookMismatches).toEqual([]);
  });

  it('a worker whose database backends are terminated mid-transaction, again and again, stays up, retries, and ends with what an uninterrupted run gives', async () => {
    const queue = uniqueTaskQueue('blip');
    const worker = await workerProcess(blipped, queue, 300);
    let kills = 0;
    try {
      const started = await startReconciliation(client, queue, RUN);
      const result = client.workflow.getHandle<typeof monthlyReconciliation>(started.workflowId).result();
      result.catch(() => {}); // awaited below
      // Terminate every backend of the database each time a batch is holding its transaction open.
      const alive = () => {
        if (worker.proc.exitCode !== null || worker.proc.signalCode !== null)
          throw new Error(`the worker process died after ${kills} terminations:\n${worker.output()}`);
      };
      for (; kills < 4; kills++) {
        await until(async () => (alive(), (await inTransaction(blipped)) > 0), 'a batch in its transaction');
        expect(await terminateAll(blipped)).toBeGreaterThan(0);
        await until(async () => (await inTransaction(blipped)) === 0, 'the transaction to be gone');
      }
      // A worker that dies after the terminations would leave the run waiting: report its death.
      const died = worker.exited.then(() => Promise.reject(new Error(`the worker process died:\n${worker.output()}`)));
      died.catch(() => {});
      expect(await Promise.race([result, died])).toEqual({ ...reference.result });
      expect(worker.proc.exitCode).toBeNull();
      expect(worker.proc.signalCode).toBeNull();

      const { scheduled, started: starts } = batches(await histories(started.workflowId, started.runId));
      const retried = starts.filter((s) => (s.attempt ?? 1) > 1);
      expect(retried.length).toBeGreaterThan(0);
      expect(retried.some((s) => s.lastFailure?.applicationFailureInfo?.type === 'DATABASE_UNAVAILABLE')).toBe(true);
      // The failures recorded in Temporal carry a code, never the SQL or its parameters.
      const failures = JSON.stringify(retried.map((s) => s.lastFailure));
      expect(failures).not.toMatch(/Failed query|params:|select |insert /i);
      for (const s of subs) for (const e of s.employees) expect(failures).not.toContain(e.personalId);
      expect(scheduled.length).toBeGreaterThan(0);
    } finally {
      worker.proc.kill('SIGTERM');
      // Whatever happened, leave no run of this period behind for the next test.
      await client.workflow
        .getHandle(reconciliationWorkflowId(PERIOD))
        .terminate('test over')
        .catch(() => {});
    }
    expect(await worker.exited).toEqual({ code: 0, signal: null });
    expect(worker.output()).not.toMatch(/TypeError|uncaught|Failed query|params:/i);
    for (const s of subs) for (const e of s.employees) expect(worker.output()).not.toContain(e.personalId);
    expect(kills).toBe(4);
    expect(await snapshot(blipped)).toEqual(reference.state);
  });

  it('a batch lost with its worker is noticed by its heartbeat timeout (at most 30 s) and resumes on another worker, with the same result', async () => {
    const queue = uniqueTaskQueue('blip-lost');
    // This worker holds every batch open far longer than any timeout but start-to-close.
    const lost = await workerProcess(lostDb, queue, 10 * 60_000);
    const started = await startReconciliation(client, queue, RUN);
    await until(async () => (await inTransaction(lostDb)) > 0, 'a batch in its transaction');
    lost.proc.kill('SIGKILL');
    expect((await lost.exited).signal).toBe('SIGKILL');

    const killedAt = performance.now();
    const next = await makeWorker(native, queue, { db: lostDb.db, clock: testClock });
    const result = await next.runUntil(
      client.workflow.getHandle<typeof monthlyReconciliation>(started.workflowId).result(),
    );
    console.info(
      `lost batch resumed and the run completed ${((performance.now() - killedAt) / 1000).toFixed(1)} s after its worker was killed`,
    );
    expect(result).toEqual({ ...reference.result });
    expect(await snapshot(lostDb)).toEqual(reference.state);

    const { scheduled, started: starts } = batches(await histories(started.workflowId, started.runId));
    for (const s of scheduled) {
      expect(seconds(s.heartbeatTimeout)).toBeGreaterThan(0);
      expect(seconds(s.heartbeatTimeout)).toBeLessThanOrEqual(30);
      expect(seconds(s.retryPolicy?.initialInterval)).toBeLessThanOrEqual(1);
      expect(seconds(s.retryPolicy?.maximumInterval)).toBeLessThanOrEqual(10);
      expect(s.retryPolicy?.maximumAttempts ?? 0).toBe(0); // unlimited
    }
    const resumed = starts.filter((s) => (s.attempt ?? 1) > 1);
    expect(resumed.length).toBeGreaterThan(0);
    expect(
      resumed.every(
        (s) =>
          s.lastFailure?.timeoutFailureInfo?.timeoutType === temporal.api.enums.v1.TimeoutType.TIMEOUT_TYPE_HEARTBEAT,
      ),
    ).toBe(true);
  });
});

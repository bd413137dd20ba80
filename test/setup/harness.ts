/**
 * What a test file uses: its own database cloned from the migrated template, the shared dev
 * server (or its own time-skipping server), the shared workflow bundle, and its own task queue.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { readFileSync } from 'node:fs';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker, type WorkerOptions } from '@temporalio/worker';
import { Client, Connection, type ScheduleHandle, type WorkflowHandle } from '@temporalio/client';
import postgres from 'postgres';
import { inject } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../db/client';
import { createActivities, type ActivityDeps } from '../../activities';
import { clockFromEnv, type Clock } from '../../runtime/clock';
import { executableFor } from '../../runtime/temporal-binary';
import { ADMIN_URL, databaseUrl } from './pg';
import { testDataConverter } from './keys';

export { TEST_KEY_RING, testDataConverter } from './keys';

// Temporal's own logs at WARN in tests (worker state changes at INFO drown the report).
try {
  Runtime.install({ logger: new DefaultLogger('WARN') });
} catch {
  /* already installed in this process */
}

/**
 * The tests' clock: the application's clock, so `ANSINH_TODAY` pins the date for tests too. A test
 * whose outcome depends on today's date says so with the tag `@date-sensitive` in its header, and
 * `.ci/run` runs those files again with the date pinned (a month's first day, 29 February 2028).
 */
export const testClock: Clock = clockFromEnv();

export interface TestDatabase extends DatabaseHandle {
  name: string;
  url: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(label = 'db'): Promise<TestDatabase> {
  const template = inject('templateDatabase');
  const runId = template.replace('ansinh_tpl_', '');
  const name = `ansinh_t_${label}_${randomBytes(3).toString('hex')}_${runId}`.toLowerCase().slice(0, 63);
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  // CREATE DATABASE … TEMPLATE needs the template to have no other sessions; retry briefly.
  for (let i = 0; ; i++) {
    try {
      await admin.unsafe(`create database "${name}" template "${template}"`);
      break;
    } catch (err) {
      if (i >= 20) throw err;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  const url = databaseUrl(name);
  const handle = await openDatabase({ url, max: 5 });
  // Workflow ids that carry a database id (`data-update:<request id>`, `declaration-case:<case id>`)
  // must not meet another test file's on the shared dev server: each database's ids start at random.
  for (const table of ['data_update_requests', 'declaration_cases'])
    await handle.db.execute(
      sql.raw(`select setval(pg_get_serial_sequence('${table}', 'id'), ${randomInt(1, 1_000_000) * 1000})`),
    );
  return {
    ...handle,
    name,
    url,
    async drop() {
      await handle.close();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}

export const uniqueTaskQueue = (label: string) => `test-${label}-${randomBytes(4).toString('hex')}`;

export function workflowBundle(): WorkerOptions['workflowBundle'] {
  return { code: readFileSync(inject('bundlePath'), 'utf8') };
}

export async function devServerClient(): Promise<{ client: Client; connection: Connection }> {
  const connection = await Connection.connect({ address: inject('temporalAddress') });
  return { client: new Client({ connection, dataConverter: testDataConverter }), connection };
}

export async function timeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const start = () =>
    TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: executableFor(inject('testServerPath')) },
      client: { dataConverter: testDataConverter },
    });
  try {
    return await start();
  } catch {
    return await start();
  }
}

export async function makeWorker(
  connection: Worker['options']['connection'] & object,
  taskQueue: string,
  deps: ActivityDeps,
  extra: Partial<WorkerOptions> = {},
): Promise<Worker> {
  return Worker.create({
    connection,
    taskQueue,
    workflowBundle: workflowBundle(),
    activities: createActivities(deps),
    dataConverter: testDataConverter,
    ...extra,
  });
}

/** Triggers a Schedule and waits until it names the workflow it started (polling; no fixed sleeps in assertions). */
export async function triggeredWorkflowId(schedule: ScheduleHandle): Promise<string | undefined> {
  await schedule.trigger();
  let workflowId: string | undefined;
  for (let i = 0; i < 200 && !workflowId; i++) {
    const desc = await schedule.describe();
    workflowId =
      desc.info.recentActions[0]?.action.workflow.workflowId ?? desc.info.runningActions[0]?.workflow.workflowId;
    if (!workflowId) await new Promise((r) => setTimeout(r, 50));
  }
  return workflowId;
}

/** Waits until a workflow's query satisfies a predicate (polling; no fixed sleeps in assertions). */
export async function waitForQuery<T>(
  handle: WorkflowHandle,
  query: string,
  pred: (v: T) => boolean,
  timeoutMs = 60_000,
): Promise<T> {
  const end = performance.now() + timeoutMs;
  let last: T | undefined;
  while (performance.now() < end) {
    try {
      last = (await handle.query(query)) as T;
      if (pred(last)) return last;
    } catch {
      /* the workflow may not have started its first task yet */
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`query ${query} never satisfied; last: ${JSON.stringify(last)}`);
}

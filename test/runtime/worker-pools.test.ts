/**
 * `ansinh worker --pool …` as a deployment runs it (issue 15): the interactive and the batch pool
 * as two processes against the dev server and a database of this file. Each polls only its own
 * queue (the pollers' identities, read from Temporal), the batch process alone serves a
 * reconciliation, and SIGTERM drains each and ends it with exit code 0. A pool that does not
 * exist is refused with exit code 2 before anything connects.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { getPriority } from 'node:os';
import { promisify } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startReconciliation } from '../../client/temporal';
import type { monthlyReconciliation } from '../../workflows/reconciliation';
import { createTestDatabase, testDataConverter, uniqueTaskQueue, type TestDatabase } from '../setup/harness';
import { TEST_PAYLOAD_KEYS_ENV } from '../setup/keys';

const { TaskQueueType } = temporal.api.enums.v1;
const run = promisify(execFile);
const interactive = uniqueTaskQueue('pools-proc');
const batch = `${interactive}-batch`;

let tdb: TestDatabase;
let connection: Connection;
let client: Client;
const procs: Record<'interactive' | 'batch', { child: ChildProcess; exit: Promise<number | null>; out: string[] }> =
  {} as never;

function env(): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, ...TEST_PAYLOAD_KEYS_ENV };
  for (const k of ['ANSINH_LANG', 'ANSINH_HOME']) delete e[k];
  return Object.assign(e, {
    DATABASE_URL: tdb.url,
    TEMPORAL_ADDRESS: inject('temporalAddress'),
    TEMPORAL_TASK_QUEUE: interactive,
    WORKFLOW_BUNDLE: inject('bundlePath'),
    LOG_LEVEL: 'info',
    LOG_FORMAT: 'json',
  });
}

function startPool(pool: 'interactive' | 'batch', metricsPort: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'worker', '--pool', pool], {
    env: { ...env(), WORKER_METRICS_PORT: String(metricsPort) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out: string[] = [];
  child.stdout!.on('data', (d: Buffer) => out.push(d.toString('utf8')));
  child.stderr!.on('data', (d: Buffer) => out.push(d.toString('utf8')));
  procs[pool] = { child, out, exit: new Promise((r) => child.once('exit', (code) => r(code))) };
}

/** The identities polling a queue for workflow tasks and for activities. */
async function pollers(queue: string): Promise<string[]> {
  const ids: string[] = [];
  for (const taskQueueType of [TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW, TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY]) {
    const r = await connection.workflowService.describeTaskQueue({
      namespace: 'default',
      taskQueue: { name: queue },
      taskQueueType,
    });
    ids.push(...(r.pollers ?? []).map((p) => p.identity!));
  }
  return ids;
}

beforeAll(async () => {
  tdb = await createTestDatabase('pools_proc');
  connection = await Connection.connect({ address: inject('temporalAddress') });
  client = new Client({ connection, dataConverter: testDataConverter });
  startPool('interactive', 19_465 + (process.pid % 1000));
  startPool('batch', 20_465 + (process.pid % 1000));
  for (let i = 0; i < 1200; i++) {
    const [a, b] = await Promise.all([pollers(interactive), pollers(batch)]);
    if (a.length >= 2 && b.length >= 2) return;
    for (const p of Object.values(procs))
      if (p.child.exitCode !== null) throw new Error(`a worker exited early:\n${p.out.join('')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the pools never polled');
}, 180_000);

afterAll(async () => {
  for (const p of Object.values(procs)) if (p.child.exitCode === null) p.child.kill('SIGKILL');
  await connection?.close();
  await tdb?.drop();
});

describe('ansinh worker --pool', () => {
  it('each process polls its own queue only, for workflow tasks and activities, named by its pool', async () => {
    const a = new Set(await pollers(interactive));
    const b = new Set(await pollers(batch));
    expect([...a]).toEqual([`interactive@${procs.interactive.child.pid}`]);
    expect([...b]).toEqual([`batch@${procs.batch.child.pid}`]);
    // The batch-only process yields the CPU (WORKER_NICE default 10); the interactive one does not.
    expect(getPriority(procs.batch.child.pid!)).toBe(10);
    expect(getPriority(procs.interactive.child.pid!)).toBe(0);
  });

  it('the batch process serves a reconciliation started on the batch queue', async () => {
    const rec = await startReconciliation(client, batch, { period: '2013-05', asOf: '2013-07-01' });
    const result = await client.workflow.getHandle<typeof monthlyReconciliation>(rec.workflowId).result();
    expect(result.period).toBe('2013-05');
  }, 60_000);

  it('SIGTERM drains each pool and ends its process with exit code 0', async () => {
    for (const p of Object.values(procs)) p.child.kill('SIGTERM');
    const codes = await Promise.all(Object.values(procs).map((p) => p.exit));
    expect(codes).toEqual([0, 0]);
    for (const [pool, p] of Object.entries(procs)) {
      const events = p.out
        .join('')
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => (JSON.parse(l) as { event?: string; msg?: string }).event ?? '');
      expect(events, pool).toEqual(expect.arrayContaining(['cli.run.worker', 'cli.run.signal', 'cli.run.stopped']));
    }
  }, 90_000);

  it('a pool that does not exist is refused with exit code 2, before anything connects', async () => {
    const r = await run(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'worker', '--pool', 'everything'], {
      env: env(),
      timeout: 60_000,
    }).catch((e: { code: number; stderr: string }) => e);
    expect((r as { code: number }).code).toBe(2);
    expect((r as { stderr: string }).stderr).toMatch(/^error: USAGE: .*--pool/m);
  }, 60_000);
});

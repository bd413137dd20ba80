/**
 * A worker in a process of its own, as `ansinh worker` runs it (worker/main.ts createWorker, the
 * database through db/client.ts, Temporal's logs through pino), for tests that must see the
 * process itself survive or die: test/workflows/db-blip.test.ts.
 *
 *   node --import tsx test/workflows/worker-process.ts
 *   env: DATABASE_URL, TEMPORAL_ADDRESS, TASK_QUEUE, WORKFLOW_BUNDLE (a bundle file),
 *        HOLD_MS (each reconciliation batch waits this long before it commits, its transaction open)
 * Prints "ready" once polling; SIGTERM drains it and it exits 0.
 */
import { readFileSync } from 'node:fs';
import { NativeConnection } from '@temporalio/worker';
import { openDatabase } from '../../db/client';
import { clockFromEnv } from '../../runtime/clock';
import { installTemporalLogging } from '../../runtime/logger';
import { createWorker } from '../../worker/main';
import { TEST_KEY_RING } from '../setup/keys';

async function main(): Promise<void> {
  const env = (name: string) => {
    const v = process.env[name];
    if (!v) throw new Error(`${name} is not set`);
    return v;
  };
  installTemporalLogging('warn');
  const hold = Number(process.env.HOLD_MS ?? 0);
  const db = await openDatabase({ url: env('DATABASE_URL') });
  const connection = await NativeConnection.connect({ address: env('TEMPORAL_ADDRESS') });
  const worker = await createWorker({
    connection,
    namespace: 'default',
    taskQueue: env('TASK_QUEUE'),
    workflowBundle: { code: readFileSync(env('WORKFLOW_BUNDLE'), 'utf8') },
    keyRing: TEST_KEY_RING,
    deps: {
      db: db.db,
      clock: clockFromEnv(),
      faults: async (point) => {
        if (point === 'reconcile:before-commit' && hold > 0) await new Promise((r) => setTimeout(r, hold));
      },
    },
  });
  process.on('SIGTERM', () => worker.shutdown());
  const running = worker.run();
  console.log('ready');
  await running;
  await connection.close();
  await db.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

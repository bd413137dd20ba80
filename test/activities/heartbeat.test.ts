/**
 * Long activities heartbeat throughout (activities/heartbeat.ts), also while one long statement
 * runs: a batch's silence past its heartbeat timeout (workflows/activity-options.ts) must mean
 * that its worker is gone, never that it is busy.
 */
import { msToNumber } from '@temporalio/common/lib/time';
import { MockActivityEnvironment } from '@temporalio/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createActivities } from '../../activities';
import { heartbeat, heartbeating, HEARTBEATS_PER_TIMEOUT } from '../../activities/heartbeat';
import {
  BATCH_ACTIVITY,
  BATCH_HEARTBEAT_TIMEOUT,
  RECONCILIATION_BATCH_ACTIVITY,
} from '../../workflows/activity-options';
import { testClock } from '../setup/harness';

afterEach(() => {
  vi.useRealTimers();
});

/** An activity that reports one step, then waits in one long "statement" until released. */
function longStep() {
  let finish!: () => void;
  const fn = heartbeating(async (n: number) => {
    heartbeat({ after: '0100000001', step: 'lines' });
    await new Promise<void>((r) => (finish = r));
    return n * 2;
  });
  return { fn, finish: () => finish() };
}

describe('heartbeats of long activities', () => {
  it('an activity scheduled with a 20 s heartbeat timeout repeats its last step every 5 s during one long step, and stops when it returns', async () => {
    vi.useFakeTimers();
    const env = new MockActivityEnvironment({ heartbeatTimeoutMs: 20_000 });
    const beats: unknown[] = [];
    env.on('heartbeat', (d: unknown) => beats.push(d));
    const act = longStep();
    const run = env.run(act.fn, 21);
    await vi.advanceTimersByTimeAsync(15_001);
    act.finish();
    expect(await run).toBe(42);
    const step = { after: '0100000001', step: 'lines' };
    expect(beats).toEqual([undefined, step, step, step, step]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(beats).toHaveLength(5);
  });

  it('an activity without a heartbeat timeout sends only the steps it reports', async () => {
    vi.useFakeTimers();
    const env = new MockActivityEnvironment();
    const beats: unknown[] = [];
    env.on('heartbeat', (d: unknown) => beats.push(d));
    const act = longStep();
    const run = env.run(act.fn, 1);
    await vi.advanceTimersByTimeAsync(60_000);
    act.finish();
    expect(await run).toBe(2);
    expect(beats).toEqual([{ after: '0100000001', step: 'lines' }]);
  });

  it('outside an activity (direct calls) it only runs the function', async () => {
    expect(await heartbeating(async (x: string) => `${x}!`)('ok')).toBe('ok!');
    expect(() => heartbeat({ step: 'x' })).not.toThrow();
  });

  it('every activity the worker registers heartbeats this way, and the batches time out after at most 30 s of silence', async () => {
    vi.useFakeTimers();
    const timeout = msToNumber(BATCH_HEARTBEAT_TIMEOUT);
    expect(timeout).toBeLessThanOrEqual(30_000);
    expect(HEARTBEATS_PER_TIMEOUT).toBeGreaterThanOrEqual(3);
    for (const preset of [BATCH_ACTIVITY, RECONCILIATION_BATCH_ACTIVITY])
      expect(preset.heartbeatTimeout).toBe(BATCH_HEARTBEAT_TIMEOUT);
    // A registered batch without a database: it fails at its first statement, after the heartbeat its wrapper sends first.
    const acts = createActivities({ db: undefined as never, clock: testClock });
    const quiet = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} };
    const env = new MockActivityEnvironment({ heartbeatTimeoutMs: timeout }, { logger: quiet });
    const beats: unknown[] = [];
    env.on('heartbeat', (d: unknown) => beats.push(d));
    await expect(
      env.run(acts.reconcileEmployers, {
        period: '2026-07',
        asOf: '2026-09-10',
        after: '',
        upTo: null,
        limit: 1,
        workflowId: 'w',
        runId: 'r',
      }),
    ).rejects.toThrow();
    expect(beats).toEqual([undefined]);
  });
});

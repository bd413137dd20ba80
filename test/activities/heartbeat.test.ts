/**
 * Long activities heartbeat throughout (activities/heartbeat.ts), also while one long statement
 * runs: a batch's silence past its heartbeat timeout (workflows/activity-options.ts) must mean
 * that its worker is gone, never that it is busy.
 */
import { msToNumber } from '@temporalio/common/lib/time';
import { MockActivityEnvironment } from '@temporalio/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { heartbeat, heartbeating, HEARTBEAT_EVERY_MS } from '../../activities/heartbeat';
import { BATCH_ACTIVITY, BATCH_HEARTBEAT_TIMEOUT, RECONCILIATION_BATCH_ACTIVITY } from '../../workflows/activity-options';

afterEach(() => {
  vi.useRealTimers();
});

describe('heartbeats of long activities', () => {
  it('a batch repeats its last step every 5 s while one long step runs, and stops when it returns', async () => {
    vi.useFakeTimers();
    const env = new MockActivityEnvironment();
    const beats: unknown[] = [];
    env.on('heartbeat', (d: unknown) => beats.push(d));
    let finish!: () => void;
    const batch = heartbeating(async (n: number) => {
      heartbeat({ after: '0100000001', step: 'lines' });
      await new Promise<void>((r) => (finish = r)); // one long statement
      return n * 2;
    });
    const run = env.run(batch, 21);
    await vi.advanceTimersByTimeAsync(3 * HEARTBEAT_EVERY_MS + 1);
    finish();
    expect(await run).toBe(42);
    const step = { after: '0100000001', step: 'lines' };
    expect(beats).toEqual([undefined, step, step, step, step]);
    await vi.advanceTimersByTimeAsync(5 * HEARTBEAT_EVERY_MS);
    expect(beats).toHaveLength(5);
  });

  it('outside an activity (direct calls) it only runs the function', async () => {
    expect(await heartbeating(async (x: string) => `${x}!`)('ok')).toBe('ok!');
    expect(() => heartbeat({ step: 'x' })).not.toThrow();
  });

  it('batches heartbeat at least three times per heartbeat timeout, and that timeout is at most 30 s', () => {
    const timeout = msToNumber(BATCH_HEARTBEAT_TIMEOUT);
    expect(timeout).toBeLessThanOrEqual(30_000);
    expect(HEARTBEAT_EVERY_MS * 3).toBeLessThanOrEqual(timeout);
    for (const preset of [BATCH_ACTIVITY, RECONCILIATION_BATCH_ACTIVITY]) expect(preset.heartbeatTimeout).toBe(BATCH_HEARTBEAT_TIMEOUT);
  });
});

/**
 * Heartbeats of long activities. An activity scheduled with a heartbeat timeout (the batches:
 * workflows/activity-options.ts) heartbeats its last reported step four times per timeout, also
 * while one long statement runs, so that its silence means the worker is gone: the server then
 * retries it after the heartbeat timeout (20 s) instead of waiting out the start-to-close timeout.
 * The SDK throttles what it sends to the server.
 */
import { Context } from '@temporalio/activity';

/** Heartbeats per heartbeat timeout (every 5 s for the batches' 20 s). */
export const HEARTBEATS_PER_TIMEOUT = 4;

/** The last step each running activity reported (what the periodic heartbeat repeats). */
const lastStep = new WeakMap<Context, unknown>();

function current(): Context | undefined {
  try {
    return Context.current();
  } catch {
    return undefined; // called outside an activity (direct calls in tests)
  }
}

/**
 * A timer (the periodic heartbeat, and the SDK sending it) runs only when the event loop is free:
 * a loop of synchronous work over a whole batch awaits this every YIELD_EVERY_ROWS rows. Measured
 * with `npm run bench:reconcile` (1,000 employers, 100,000 people of distinct salaries in one
 * batch): the lines loop blocked the event loop 8.6–16.6 s at a time, 33 s with two such batches
 * side by side — past the 20 s heartbeat timeout.
 */
export const YIELD_EVERY_ROWS = 2_000;
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Reports a step (heartbeat details: ids and step names only, never personal data). */
export function heartbeat(details: unknown): void {
  const ctx = current();
  if (!ctx) return;
  lastStep.set(ctx, details);
  ctx.heartbeat(details);
}

/** An activity that, when scheduled with a heartbeat timeout, heartbeats throughout its run. */
export function heartbeating<A extends unknown[], R>(fn: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return async (...args: A) => {
    const ctx = current();
    const timeout = ctx?.info.heartbeatTimeoutMs;
    if (!ctx || !timeout) return fn(...args);
    ctx.heartbeat();
    const timer = setInterval(() => ctx.heartbeat(lastStep.get(ctx)), timeout / HEARTBEATS_PER_TIMEOUT);
    try {
      return await fn(...args);
    } finally {
      clearInterval(timer);
    }
  };
}

/** Every activity of a set, heartbeating throughout when scheduled with a heartbeat timeout. */
export function withHeartbeats<T extends Record<string, (...args: never[]) => Promise<unknown>>>(acts: T): T {
  return Object.fromEntries(Object.entries(acts).map(([name, fn]) => [name, heartbeating(fn)])) as T;
}

/**
 * Heartbeats of long activities. A batch heartbeats its last step every HEARTBEAT_EVERY_MS, also
 * while one long statement runs, so that its silence means the worker is gone: the server then
 * retries the batch after the heartbeat timeout (20 s, workflows/activity-options.ts) instead of
 * waiting out the start-to-close timeout. The SDK throttles what it sends to the server.
 */
import { Context } from '@temporalio/activity';

/** Well inside the batches' 20 s heartbeat timeout. */
export const HEARTBEAT_EVERY_MS = 5_000;

/** The last step each running activity reported (what the periodic heartbeat repeats). */
const lastStep = new WeakMap<Context, unknown>();

function current(): Context | undefined {
  try {
    return Context.current();
  } catch {
    return undefined; // called outside an activity (direct calls in tests)
  }
}

/** Reports a step (heartbeat details: ids and step names only, never personal data). */
export function heartbeat(details: unknown): void {
  const ctx = current();
  if (!ctx) return;
  lastStep.set(ctx, details);
  ctx.heartbeat(details);
}

/** An activity that heartbeats every HEARTBEAT_EVERY_MS while it runs, repeating its last step. */
export function heartbeating<A extends unknown[], R>(fn: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return async (...args: A) => {
    const ctx = current();
    if (!ctx) return fn(...args);
    ctx.heartbeat();
    const timer = setInterval(() => ctx.heartbeat(lastStep.get(ctx)), HEARTBEAT_EVERY_MS);
    try {
      return await fn(...args);
    } finally {
      clearInterval(timer);
    }
  };
}

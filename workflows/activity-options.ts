/**
 * Named timeout and retry presets for the workflows' activities (shared so that every batch
 * behaves the same way when a worker or the database goes away).
 *
 * - A database blip fails the statement in flight (CONNECTION_CLOSED, or the server's 57P01);
 *   the activity fails and is retried 1 s, 2 s, 4 s, 8 s, then every 10 s later — with no limit on
 *   attempts — so work resumes within about 10 s of the database coming back.
 * - A worker lost in the middle of a batch (killed, out of memory, its host gone) stops
 *   heartbeating; the server notices after the heartbeat timeout (20 s) and the batch is retried
 *   at once on another worker: resumed within about 30 s. Batches heartbeat every few seconds
 *   even during one long statement (activities/heartbeat.ts), so 20 s of silence means the worker is
 *   gone, not busy. The start-to-close timeout only bounds a batch that hangs while heartbeating.
 * Every batch is one transaction and idempotent under retry (a business key with a stored result),
 * so a retry after a lost attempt redoes nothing twice.
 */
import type { ActivityOptions } from '@temporalio/workflow';

/** Retry without a limit, from 1 s, doubling, at most 10 s apart. */
export const RETRY_QUICKLY = {
  initialInterval: '1 second',
  backoffCoefficient: 2,
  maximumInterval: '10 seconds',
} as const;

/** The heartbeat timeout of every batch: a lost worker's batch is retried this long after its last heartbeat. */
export const BATCH_HEARTBEAT_TIMEOUT = '20 seconds';

/** One short transaction (a read, a state change): no heartbeat. */
export const SHORT_ACTIVITY: ActivityOptions = { startToCloseTimeout: '1 minute', retry: RETRY_QUICKLY };

/** A batch of up to a few hundred people (onboarding): one transaction, heartbeating. */
export const BATCH_ACTIVITY: ActivityOptions = {
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: BATCH_HEARTBEAT_TIMEOUT,
  retry: RETRY_QUICKLY,
};

/** A reconciliation batch (a thousand employers, ~100k lines): one transaction, heartbeating. */
export const RECONCILIATION_BATCH_ACTIVITY: ActivityOptions = { ...BATCH_ACTIVITY, startToCloseTimeout: '30 minutes' };

/**
 * Rate limits (issue #11, abuse resistance), with @fastify/rate-limit: keyed per token subject
 * (falling back to the client's address when there is no caller yet), counted in fixed windows
 * in PostgreSQL so that every API process behind a load balancer sees one count
 * (db/queries/rate-limit.ts). Two buckets: `tight` for coverage checks and look-ups by personal ID,
 * `loose` for every other /v1 route. Over the limit: 429 RATE_LIMITED (problem+json) with Retry-After.
 * A facility's tight hits are also counted per facility: above `facilityAlert` in a window, one
 * `tasks` row (kind unusual_facility_volume, queue operators) for that facility and window.
 */
import rateLimit, { type FastifyRateLimitStore, type RateLimitPluginOptions } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../db/client';
import { flagUnusualVolume } from '../db/queries/access-log';
import { countHits, forgetWindowsBefore, hitsOf } from '../db/queries/rate-limit';
import type { Clock } from '../runtime/clock';
import { HttpProblem } from './errors';

export interface RateLimitSettings {
  /** Coverage checks and look-ups by personal ID, per subject and window. */
  tight: number;
  /** Every other /v1 route, per subject and window. */
  loose: number;
  /** The window, in milliseconds (default one minute). */
  windowMs: number;
  /** A facility's coverage checks per window (all its tokens together) above which operators get a task. */
  facilityAlert: number;
}

export const DEFAULT_RATE_LIMITS: RateLimitSettings = { tight: 60, loose: 600, windowMs: 60_000, facilityAlert: 2_000 };

/** How often (in counted hits) a store forgets the windows that started an hour or more before the current one. */
const SWEEP_EVERY = 1_000;
const SWEEP_AGE_MS = 60 * 60 * 1000;

/** The start of the fixed window an instant falls in. */
export const windowStartOf = (at: Date, windowMs: number) => new Date(Math.floor(at.getTime() / windowMs) * windowMs);

/** Between a caller's key and its facility's in the key the store receives (never in a subject: text without control characters). */
const FACILITY_SEPARATOR = '\n';
const TIGHT_GROUP = ':tight';

/**
 * @fastify/rate-limit's custom store on PostgreSQL: one atomic upsert per request
 * (INSERT … ON CONFLICT DO UPDATE SET hits = hits + 1 RETURNING hits), on the injected clock.
 * A facility's tight-bucket hit also counts its facility (all its tokens) in the same statement;
 * the hit that crosses `facilityAlert` opens the operators' task for that facility and window.
 */
export function postgresStore(
  db: Db,
  clock: Clock,
  facilityAlert: number,
  onError: (err: unknown) => void,
): new () => FastifyRateLimitStore {
  let counted = 0;
  const incr = (
    key: string,
    cb: (err: Error | null, res: { current: number; ttl: number }) => void,
    windowMs: number,
  ) => {
    const now = clock();
    const start = windowStartOf(now, windowMs);
    const ttl = start.getTime() + windowMs - now.getTime();
    const [own, facility] = key.split(FACILITY_SEPARATOR) as [string, string | undefined];
    const tight = key.endsWith(TIGHT_GROUP);
    const ownKey = facility === undefined ? own : `${own}${tight ? TIGHT_GROUP : ''}`;
    const facilityKey = facility !== undefined && tight ? `facility:${facility.slice(0, -TIGHT_GROUP.length)}` : null;
    const count = async (): Promise<number> => {
      const hits = await countHits(db, facilityKey ? [ownKey, facilityKey] : [ownKey], start);
      if (facilityKey && hits.get(facilityKey) === facilityAlert + 1) {
        // Exactly one hit sees the count cross the threshold (the upsert is atomic); the dedupe key covers a retry.
        const facilityCode = facilityKey.slice('facility:'.length);
        await flagUnusualVolume(db, { facilityCode, windowStart: start, threshold: facilityAlert });
      }
      if (++counted % SWEEP_EVERY === 0)
        void forgetWindowsBefore(db, new Date(start.getTime() - SWEEP_AGE_MS)).catch(onError); // never the current window
      return hits.get(ownKey) ?? 0;
    };
    count().then(
      (current) => cb(null, { current, ttl }),
      (err: Error) => cb(err, { current: 0, ttl }),
    );
  };
  const read = (
    key: string,
    cb: (err: Error | null, res: { current: number; ttl: number }) => void,
    windowMs: number,
  ) => {
    const now = clock();
    const start = windowStartOf(now, windowMs);
    const [own] = key.split(FACILITY_SEPARATOR) as [string];
    const ownKey = key.endsWith(TIGHT_GROUP) && own !== key ? `${own}${TIGHT_GROUP}` : own;
    hitsOf(db, ownKey, start).then(
      (current) => cb(null, { current, ttl: start.getTime() + windowMs - now.getTime() }),
      (err: Error) => cb(err, { current: 0, ttl: 0 }),
    );
  };
  class PostgresStore implements FastifyRateLimitStore {
    incr = incr as FastifyRateLimitStore['incr'];
    read = read;
    child(): FastifyRateLimitStore {
      return this; // the bucket is in the key (groupId), not in the store
    }
  }
  return PostgresStore as unknown as new () => FastifyRateLimitStore;
}

/** The caller: its token subject once authenticated (role and subject; a facility's code after it), else its address. */
export function rateLimitKey(req: FastifyRequest): string {
  const p = req.principal;
  if (!p) return `ip:${req.ip}`;
  const own = `sub:${p.role}:${p.subject}`;
  return p.role === 'facility' && p.facilityCode ? `${own}${FACILITY_SEPARATOR}${p.facilityCode}` : own;
}

/** The route config of the tight bucket: `{ config: tightLimit(limits) }`. */
export const tightLimit = (deps: { rateLimits?: RateLimitSettings | undefined }) => {
  const limits = deps.rateLimits ?? DEFAULT_RATE_LIMITS;
  return { rateLimit: { max: limits.tight, timeWindow: limits.windowMs, groupId: TIGHT_GROUP } };
};

/**
 * Registers the limiter on the /v1 scope (after its authentication hook, so the key is the
 * subject): the loose limit on every route, the tight one where a route's config says so.
 */
export async function registerRateLimits(
  v1: FastifyInstance,
  deps: { db: Db; clock: Clock; rateLimits?: RateLimitSettings | undefined },
): Promise<void> {
  const limits = deps.rateLimits ?? DEFAULT_RATE_LIMITS;
  const opts: RateLimitPluginOptions = {
    global: true,
    max: limits.loose,
    timeWindow: limits.windowMs,
    hook: 'preValidation',
    keyGenerator: rateLimitKey,
    store: postgresStore(deps.db, deps.clock, limits.facilityAlert, (err) =>
      v1.log.warn({ err: { name: (err as Error).name } }, 'rate-limit bookkeeping failed'),
    ) as never,
    errorResponseBuilder: (_req, ctx) =>
      new HttpProblem(
        429,
        'RATE_LIMITED',
        `too many requests: at most ${ctx.max} in this window; retry in ${ctx.after}`,
      ),
  };
  await v1.register(rateLimit, opts);
}

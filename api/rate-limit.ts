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
import { addHits, forgetWindowsBefore, hitsOf } from '../db/queries/rate-limit';
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
 * How many hits a process reserves in PostgreSQL at once for a key with this limit: 1 (every hit
 * counted there) up to a limit of 99, then a fiftieth of the limit, at most 1,000.
 */
export const leaseOf = (max: number) => Math.min(1_000, Math.max(1, Math.floor(max / 50)));

interface Lease {
  /** This process's hits reserved in PostgreSQL for the key and window, and how many it has used. */
  reserved: number;
  used: number;
  /** The key's count PostgreSQL returned at the last reservation (every process's reservations). */
  total: number;
  /** The limit was reached in this window: nothing more is granted. */
  exhausted: boolean;
  /** The reservation in flight: concurrent hits wait for it rather than each reserving a lease. */
  renewing: Promise<void> | null;
}

/**
 * @fastify/rate-limit's custom store on PostgreSQL, on the injected clock, with leases: a process
 * reserves hits for a key in one atomic upsert (`hits = hits + lease RETURNING hits`) and counts
 * them off locally (concurrent hits wait for one reservation in flight), so a hot key — one facility's tokens checking coverage all day — costs one row
 * lock per lease, not per request. PostgreSQL's count is the sum of every process's reservations,
 * so no process ever admits a hit beyond the limit: a reservation that ends past it grants only what
 * was left, and the 429 comes at the limit, or up to one lease per other process early (their
 * unused reservations), never late. Limits under 100 reserve one hit at a time: exact. A
 * facility's tight-bucket hits are also counted per facility (all its tokens); the reservation that
 * carries the count across `facilityAlert` opens the operators' task for that facility and window
 * (exactly one does: reservations are atomic and each covers a disjoint range).
 */
export function postgresStore(
  db: Db,
  clock: Clock,
  facilityAlert: number,
  onError: (err: unknown) => void,
): new () => FastifyRateLimitStore {
  let reservations = 0;
  const leases = new Map<string, Lease>();
  const leaseFor = (key: string, start: Date): Lease => {
    const id = `${key}\u0000${start.getTime()}`;
    let l = leases.get(id);
    if (!l) leases.set(id, (l = { reserved: 0, used: 0, total: 0, exhausted: false, renewing: null }));
    return l;
  };
  const forget = (before: number) => {
    for (const id of leases.keys()) if (Number(id.slice(id.indexOf('\u0000') + 1)) < before) leases.delete(id);
  };

  type Wanted = { key: string; lease: Lease; size: number; limit: number };

  /** Reserves a lease for one key (one single-row upsert, so no two processes lock rows in opposite orders). */
  const renew = async (w: Wanted, start: Date): Promise<void> => {
    const [row] = await addHits(db, [{ key: w.key, windowStart: start, hits: w.size }]);
    const total = row?.hits ?? w.size;
    const before = total - w.size;
    // Only what was left under the limit is granted; the rest of the reservation stays counted.
    const granted = Math.max(0, Math.min(w.size, w.limit - before));
    w.lease.reserved += granted;
    w.lease.total = total;
    if (granted < w.size) w.lease.exhausted = true;
    if (w.key.startsWith('facility:') && before <= facilityAlert && total > facilityAlert) {
      await flagUnusualVolume(db, {
        facilityCode: w.key.slice('facility:'.length),
        windowStart: start,
        threshold: facilityAlert,
      }).catch(onError); // the count stands; the task is one operators' notice
    }
    if (++reservations % SWEEP_EVERY === 0) {
      forget(start.getTime() - SWEEP_AGE_MS);
      void forgetWindowsBefore(db, new Date(start.getTime() - SWEEP_AGE_MS)).catch(onError); // never the current window
    }
  };

  /** One hit of a key, from the process's lease (reserving the next one when it is used up); the count this hit sees. */
  const take = async (w: Wanted, start: Date): Promise<number> => {
    for (;;) {
      if (w.lease.used < w.lease.reserved) {
        w.lease.used++;
        return w.lease.total - (w.lease.reserved - w.lease.used); // every reservation, less this process's unused
      }
      if (w.lease.exhausted) return Math.max(w.lease.total, w.limit) + 1;
      w.lease.renewing ??= renew(w, start).finally(() => {
        w.lease.renewing = null;
      });
      await w.lease.renewing;
    }
  };

  const incr = (
    key: string,
    cb: (err: Error | null, res: { current: number; ttl: number }) => void,
    windowMs: number,
    max: number,
  ) => {
    const now = clock();
    const start = windowStartOf(now, windowMs);
    const ttl = start.getTime() + windowMs - now.getTime();
    const [own, facility] = key.split(FACILITY_SEPARATOR) as [string, string | undefined];
    const tight = key.endsWith(TIGHT_GROUP);
    const ownKey = facility === undefined ? own : `${own}${tight ? TIGHT_GROUP : ''}`;
    const facilityKey = facility !== undefined && tight ? `facility:${facility.slice(0, -TIGHT_GROUP.length)}` : null;
    const wanted = [{ key: ownKey, lease: leaseFor(ownKey, start), size: leaseOf(max), limit: max }];
    // The facility's count is never refused (its alert is a notice), so its lease may run past the alert.
    if (facilityKey)
      wanted.push({
        key: facilityKey,
        lease: leaseFor(facilityKey, start),
        size: leaseOf(facilityAlert),
        limit: Number.MAX_SAFE_INTEGER,
      });
    Promise.all(wanted.map((w) => take(w, start))).then(
      ([current]) => cb(null, { current: current!, ttl }),
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
    const l = leases.get(`${ownKey}\u0000${start.getTime()}`);
    hitsOf(db, ownKey, start).then(
      (current) =>
        cb(null, { current: current - (l ? l.reserved - l.used : 0), ttl: start.getTime() + windowMs - now.getTime() }),
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
        undefined,
        { max: ctx.max, seconds: Math.max(1, Math.ceil(ctx.ttl / 1000)) },
      ),
  };
  await v1.register(rateLimit, opts);
}

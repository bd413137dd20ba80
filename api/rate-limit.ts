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

/** Below a limit, hits are added to PostgreSQL in one upsert per batch at most this often. */
export const FLUSH_MS = 100;
/** Within this many hits of a limit, every hit is counted in PostgreSQL at once (exact across processes). */
export const exactWithin = (max: number) => Math.max(10, Math.ceil(max * 0.05));

interface Tally {
  key: string;
  start: Date;
  /** The count PostgreSQL returned last (every process's hits up to then). */
  synced: number;
  /** This process's hits not yet added. */
  pending: number;
  /** This process's hits being added now (taken from `pending` when a batch starts). */
  inflight: number;
}

/**
 * @fastify/rate-limit's custom store on PostgreSQL, on the injected clock. A caller far from its
 * limit is counted in this process and its hits are added in batches (one multi-row upsert every
 * FLUSH_MS for every key that moved), so a hot key — one facility's tokens checking coverage all
 * day — costs no row lock per request. Within `exactWithin(max)` of the limit every hit is counted
 * in PostgreSQL at once (INSERT … ON CONFLICT DO UPDATE … RETURNING), so the 429 is exact across
 * processes where it matters; below that, another process's hits are seen within FLUSH_MS. A
 * facility's tight-bucket hits are also counted per facility (all its tokens); the upsert that
 * carries the count across `facilityAlert` opens the operators' task for that facility and window
 * (exactly one does: the upserts are atomic and each adds a disjoint range).
 */
export function postgresStore(
  db: Db,
  clock: Clock,
  facilityAlert: number,
  onError: (err: unknown) => void,
): new () => FastifyRateLimitStore {
  let counted = 0;
  const tallies = new Map<string, Tally>();
  let timer: NodeJS.Timeout | null = null;

  const tallyOf = (key: string, start: Date): Tally => {
    const id = `${key}\u0000${start.getTime()}`;
    let t = tallies.get(id);
    if (!t) tallies.set(id, (t = { key, start, synced: 0, pending: 0, inflight: 0 }));
    return t;
  };

  /** Adds `take` of each tally's pending hits in one statement; returns each tally's new total. */
  const add = async (batch: { t: Tally; take: number }[]): Promise<Map<Tally, number>> => {
    for (const { t, take } of batch) {
      t.pending -= take; // taken now, so that a concurrent batch never adds the same hits again
      t.inflight += take;
    }
    let rows: Awaited<ReturnType<typeof addHits>>;
    try {
      rows = await addHits(
        db,
        batch.map(({ t, take }) => ({ key: t.key, windowStart: t.start, hits: take })),
      );
    } catch (err) {
      for (const { t, take } of batch) {
        t.pending += take;
        t.inflight -= take;
      }
      throw err;
    }
    const totals = new Map<Tally, number>();
    for (const { t, take } of batch) {
      const row = rows.find((r) => r.key === t.key && r.windowStart.getTime() === t.start.getTime());
      const total = row?.hits ?? t.synced + take;
      t.inflight -= take;
      t.synced = Math.max(t.synced, total);
      totals.set(t, total);
      if (t.key.startsWith('facility:') && total - take <= facilityAlert && total > facilityAlert) {
        await flagUnusualVolume(db, {
          facilityCode: t.key.slice('facility:'.length),
          windowStart: t.start,
          threshold: facilityAlert,
        });
      }
    }
    if (++counted % SWEEP_EVERY === 0) {
      const oldest = Math.min(...batch.map(({ t }) => t.start.getTime()));
      void forgetWindowsBefore(db, new Date(oldest - SWEEP_AGE_MS)).catch(onError); // never the current window
    }
    return totals;
  };

  const flush = async (): Promise<void> => {
    timer = null;
    const now = clock().getTime();
    const batch = [...tallies.values()].filter((t) => t.pending > 0).map((t) => ({ t, take: t.pending }));
    // Forget the windows that are over and fully added.
    for (const [id, t] of tallies)
      if (t.pending === 0 && t.inflight === 0 && t.start.getTime() + SWEEP_AGE_MS < now) tallies.delete(id);
    if (batch.length === 0) return;
    await add(batch).catch((err: unknown) => {
      onError(err);
      schedule(); // the hits stay pending: added on the next flush
    });
  };
  const schedule = () => {
    if (timer) return;
    timer = setTimeout(() => void flush(), FLUSH_MS);
    timer.unref();
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
    const mine = tallyOf(ownKey, start);
    const theirs = facilityKey ? tallyOf(facilityKey, start) : null;
    mine.pending++;
    if (theirs) theirs.pending++;
    const estimate = (t: Tally) => t.synced + t.inflight + t.pending;
    const near = (t: Tally, limit: number) => estimate(t) + exactWithin(limit) >= limit;
    if (!near(mine, max) && !(theirs && near(theirs, facilityAlert))) {
      schedule();
      cb(null, { current: estimate(mine), ttl });
      return;
    }
    const batch = [{ t: mine, take: mine.pending }, ...(theirs ? [{ t: theirs, take: theirs.pending }] : [])];
    add(batch).then(
      (totals) => cb(null, { current: totals.get(mine)!, ttl }),
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
    const pending = tallies.get(`${ownKey}\u0000${start.getTime()}`)?.pending ?? 0;
    hitsOf(db, ownKey, start).then(
      (current) => cb(null, { current: current + pending, ttl: start.getTime() + windowMs - now.getTime() }),
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

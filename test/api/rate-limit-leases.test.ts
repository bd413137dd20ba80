/**
 * Rate limits with leases (issue #11): a process reserves hits for a key in PostgreSQL a lease at
 * a time (api/rate-limit.ts leaseOf) and counts them off locally, so a hot key costs one row lock
 * per lease. PostgreSQL's count is the sum of the reservations, so several API processes together
 * never admit more than the limit: the 429 comes at the limit, or early by at most one lease per
 * other process, never late. The stores run on a stopped clock, so no window ends during a test.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leaseOf, postgresStore, windowStartOf, type RateLimitSettings } from '../../api/rate-limit';
import { rateLimitHits } from '../../db/schema';
import { createClock } from '../../runtime/clock';
import { testClock } from '../setup/harness';
import { apiFixture, bearer, type ApiFixture } from './fixture';

const LIMITS: RateLimitSettings = { tight: 1_000, loose: 100, windowMs: 3_600_000, facilityAlert: 1_000 };
const STOPPED = Math.floor(testClock().getTime() / LIMITS.windowMs) * LIMITS.windowMs + 10 * 60_000;
const stopped = createClock({ source: () => STOPPED });

let f: ApiFixture;
beforeAll(async () => {
  f = await apiFixture('rate-limit-leases', { clock: stopped, rateLimits: LIMITS });
});
afterAll(async () => {
  await f?.close();
});

const stored = async (key: string) => {
  const [row] = await f.tdb.db
    .select({ hits: rateLimitHits.hits })
    .from(rateLimitHits)
    .where(
      and(eq(rateLimitHits.key, key), eq(rateLimitHits.windowStart, windowStartOf(new Date(STOPPED), LIMITS.windowMs))),
    );
  return row?.hits ?? 0;
};

describe('rate limits with leases', () => {
  it('hits are reserved a lease at a time (PostgreSQL holds what was reserved); the 429 comes exactly at the limit', async () => {
    const officer = await f.token({ role: 'officer', subject: 'officer:leases' });
    const read = () => f.app.inject({ url: `/v1/employers/${f.a.employer.taxCode}`, headers: bearer(officer) });
    const lease = leaseOf(LIMITS.loose);
    expect(lease).toBeGreaterThan(1);
    for (let i = 0; i < lease + 1; i++) expect((await read()).statusCode).toBe(200);
    expect(await stored('sub:officer:officer:leases')).toBe(2 * lease); // two reservations, not lease + 1 writes
    for (let i = lease + 1; i < LIMITS.loose; i++) expect((await read()).statusCode).toBe(200);
    const over = await read();
    expect(over.statusCode).toBe(429);
    expect(JSON.parse(over.body)).toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('four processes hammering one key concurrently admit no more than the limit, and at most one lease per other process fewer', async () => {
    const max = 500;
    const Store = postgresStore(f.tdb.db, stopped, 1e9, () => {});
    const stores = [new Store(), new Store(), new Store(), new Store()];
    const incr = (i: number) =>
      new Promise<number>((resolve, reject) =>
        (
          stores[i % stores.length]!.incr as unknown as (
            k: string,
            cb: (e: Error | null, r: { current: number }) => void,
            w: number,
            m: number,
          ) => void
        )('sub:officer:officer:shared', (err, res) => (err ? reject(err) : resolve(res.current)), LIMITS.windowMs, max),
      );
    const seen = await Promise.all(Array.from({ length: 1_000 }, (_, i) => incr(i)));
    const admitted = seen.filter((current) => current <= max).length;
    expect(admitted).toBeLessThanOrEqual(max);
    expect(admitted).toBeGreaterThanOrEqual(max - (stores.length - 1) * leaseOf(max));
  });
});

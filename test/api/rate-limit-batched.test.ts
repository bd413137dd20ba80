/**
 * Rate limits far from the limit (issue #11): a key is counted in the API process and added to
 * PostgreSQL in batches (api/rate-limit.ts FLUSH_MS), so a hot key costs no row lock per request;
 * within exactWithin(max) of the limit every hit is counted at once, so the 429 comes exactly at
 * the limit. The API runs on a stopped clock, so that no window ends during the test.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exactWithin, FLUSH_MS, windowStartOf, type RateLimitSettings } from '../../api/rate-limit';
import { rateLimitHits } from '../../db/schema';
import { createClock } from '../../runtime/clock';
import { testClock } from '../setup/harness';
import { apiFixture, bearer, type ApiFixture } from './fixture';

const LIMITS: RateLimitSettings = { tight: 1_000, loose: 100, windowMs: 3_600_000, facilityAlert: 1_000 };
const STOPPED = Math.floor(testClock().getTime() / LIMITS.windowMs) * LIMITS.windowMs + 10 * 60_000;

let f: ApiFixture;
beforeAll(async () => {
  f = await apiFixture('rate-limit-batched', { clock: createClock({ source: () => STOPPED }), rateLimits: LIMITS });
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
const settle = () => new Promise((r) => setTimeout(r, FLUSH_MS * 3));

describe('rate limits far from the limit', () => {
  it('hits below the exact zone are added in batches, every one counted; the exact zone then gives the 429 at the limit', async () => {
    const officer = await f.token({ role: 'officer', subject: 'officer:batched' });
    const read = () => f.app.inject({ url: `/v1/employers/${f.a.employer.taxCode}`, headers: bearer(officer) });
    const below = LIMITS.loose - exactWithin(LIMITS.loose) - 1;
    for (let i = 0; i < below; i++) expect((await read()).statusCode).toBe(200);
    await settle();
    expect(await stored('sub:officer:officer:batched')).toBe(below);
    for (let i = below; i < LIMITS.loose; i++) expect((await read()).statusCode).toBe(200);
    expect(await stored('sub:officer:officer:batched')).toBe(LIMITS.loose);
    const over = await read();
    expect(over.statusCode).toBe(429);
    expect(JSON.parse(over.body)).toMatchObject({ code: 'RATE_LIMITED' });
  });
});

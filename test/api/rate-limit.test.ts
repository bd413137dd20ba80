/**
 * Rate limits (issue #11): per token subject, counted in PostgreSQL so that several API processes
 * see one count; tight on coverage checks and look-ups by personal ID, loose on the rest; 429
 * problem+json with Retry-After; a facility's unusual volume opens one operators' task per window.
 * The API runs on a stopped clock here, so that no window ends during a test.
 */
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVerifier, DEV_AUDIENCE, DEV_ISSUER, ensureDevKeys } from '../../api/auth';
import type { RateLimitSettings } from '../../api/rate-limit';
import { buildServer } from '../../api/server';
import { tasks } from '../../db/schema';
import { createClock } from '../../runtime/clock';
import { testClock } from '../setup/harness';
import { apiFixture, bearer, type ApiFixture } from './fixture';

const LIMITS: RateLimitSettings = { tight: 3, loose: 5, windowMs: 3_600_000, facilityAlert: 5 };
/** 10 minutes into a window: Retry-After is the 50 minutes left of it. */
const STOPPED = Math.floor(testClock().getTime() / LIMITS.windowMs) * LIMITS.windowMs + 10 * 60_000;
const stopped = createClock({ source: () => STOPPED });

let f: ApiFixture;
let second: FastifyInstance;
const json = (r: { body: string }) => JSON.parse(r.body);

beforeAll(async () => {
  f = await apiFixture('rate-limit', { clock: stopped, rateLimits: LIMITS });
  // A second API process on the same database (the same PostgreSQL store).
  second = await buildServer({
    db: f.tdb.db,
    client: f.client,
    taskQueue: f.taskQueue,
    signingKeys: f.signingKeys,
    verifier: await createVerifier({
      issuer: DEV_ISSUER,
      audience: DEV_AUDIENCE,
      jwksFile: (await ensureDevKeys(f.home)).jwksPath,
      clock: testClock,
    }),
    clock: stopped,
    logLevel: 'silent',
    rateLimits: LIMITS,
  });
  await second.ready();
});
afterAll(async () => {
  await second?.close();
  await f?.close();
});

const coverage = (app: FastifyInstance, token: string, pid: string) =>
  app.inject({ url: `/v1/coverage?personalId=${pid}`, headers: bearer(token) });

describe('rate limits', () => {
  it('tight on coverage checks: over the limit 429 RATE_LIMITED as problem+json with Retry-After; another subject is unaffected', async () => {
    const pid = f.a.employees[0]!.personalId;
    const desk = await f.token({ role: 'facility', facilityCode: '79002', subject: 'desk-1' });
    for (let i = 0; i < LIMITS.tight; i++) expect((await coverage(f.app, desk, pid)).statusCode).toBe(200);
    const r = await coverage(f.app, desk, pid);
    expect(r.statusCode).toBe(429);
    expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(json(r)).toMatchObject({ status: 429, code: 'RATE_LIMITED', title: 'Quá nhiều yêu cầu' });
    expect(r.headers['retry-after']).toBe(String(50 * 60));
    const other = await f.token({ role: 'facility', facilityCode: '79002', subject: 'desk-2' });
    expect((await coverage(f.app, other, pid)).statusCode).toBe(200);
  });

  it('look-ups by personal ID share the tight bucket; ordinary reads have their own, looser one', async () => {
    const pid = f.a.employees[1]!.personalId;
    const officer = await f.token({ role: 'officer', subject: 'officer-rl' });
    const book = () => f.app.inject({ url: `/v1/participants/${pid}/ebook`, headers: bearer(officer) });
    const employer = () => f.app.inject({ url: `/v1/employers/${f.a.employer.taxCode}`, headers: bearer(officer) });
    expect((await coverage(f.app, officer, pid)).statusCode).toBe(200);
    expect((await book()).statusCode).toBe(200);
    expect((await book()).statusCode).toBe(200);
    expect((await book()).statusCode).toBe(429);
    for (let i = 0; i < LIMITS.loose; i++) expect((await employer()).statusCode).toBe(200);
    expect((await employer()).statusCode).toBe(429);
  });

  it('two API processes sharing the PostgreSQL store see one count', async () => {
    const pid = f.a.employees[2]!.personalId;
    const desk = await f.token({ role: 'facility', facilityCode: '79003', subject: 'desk-shared' });
    expect((await coverage(f.app, desk, pid)).statusCode).toBe(200);
    expect((await coverage(second, desk, pid)).statusCode).toBe(200);
    expect((await coverage(f.app, desk, pid)).statusCode).toBe(200);
    expect((await coverage(second, desk, pid)).statusCode).toBe(429);
    expect((await coverage(f.app, desk, pid)).statusCode).toBe(429);
  });

  it("a facility's unusual volume (all its tokens) opens one task on the operators' queue per window", async () => {
    const pid = f.a.employees[3]!.personalId;
    const flagged = () => f.tdb.db.select().from(tasks).where(eq(tasks.kind, 'unusual_facility_volume'));
    expect(await flagged()).toEqual([]);
    // 79004's checks from three desks, on both processes: 6 checks, above the alert threshold of 5 (the other facilities here stay at 5 or below, refused ones included).
    for (const [i, subject] of ['d1', 'd2', 'd3'].entries()) {
      const token = await f.token({ role: 'facility', facilityCode: '79004', subject });
      expect((await coverage(i % 2 ? second : f.app, token, pid)).statusCode).toBe(200);
      expect((await coverage(i % 2 ? f.app : second, token, pid)).statusCode).toBe(200);
    }
    const open = await flagged();
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({
      queue: 'operators',
      status: 'open',
      details: {
        facilityCode: '79004',
        threshold: LIMITS.facilityAlert,
        windowStart: new Date(STOPPED - 10 * 60_000).toISOString(),
      },
    });
    // Another facility below the threshold is not flagged.
    expect(open.map((t) => (t.details as { facilityCode: string }).facilityCode)).not.toContain('79002');
  });

  it('no Cache-Control other than no-store on a /v1 answer, even a 429', async () => {
    const pid = f.a.employees[4]!.personalId;
    const desk = await f.token({ role: 'facility', facilityCode: '79005', subject: 'desk-cc' });
    let r = await coverage(f.app, desk, pid);
    expect(r.headers['cache-control']).toBe('no-store');
    for (let i = 0; i < LIMITS.tight; i++) r = await coverage(f.app, desk, pid);
    expect(r.statusCode).toBe(429);
    expect(r.headers['cache-control']).toBe('no-store');
  });
});

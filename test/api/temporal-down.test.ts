/**
 * The API while the Temporal frontend cannot be reached: every request that needs it answers
 * 503 problem+json with Retry-After (TEMPORAL_UNAVAILABLE), never 500, and a dossier refused that
 * way stores nothing. Requests that need only the database keep working.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { count } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVerifier, DEV_AUDIENCE, DEV_ISSUER, ensureDevKeys, mintToken } from '../../api/auth';
import { buildServer } from '../../api/server';
import { sampleSubmission } from '../../dev/sample';
import { onboardingRequests } from '../../db/schema';
import { onboardDirectly } from './fixture';
import { loadSigningKeys } from '../../runtime/signing-keys';
import { createTestDatabase, testClock, testDataConverter, type TestDatabase } from '../setup/harness';

let tdb: TestDatabase;
let app: FastifyInstance;
let home: string;
const known = sampleSubmission(70_701, 2, { startMonth: '2026-10' });

beforeAll(async () => {
  tdb = await createTestDatabase('tdown');
  await onboardDirectly(tdb, known);
  home = mkdtempSync(path.join(tmpdir(), 'ansinh-tdown-'));
  const dev = await ensureDevKeys(home);
  // Nothing listens on port 1: every call fails with gRPC UNAVAILABLE.
  const client = new Client({
    connection: Connection.lazy({ address: '127.0.0.1:1', connectTimeout: '1s' }),
    dataConverter: testDataConverter,
  });
  app = await buildServer({
    db: tdb.db,
    client,
    taskQueue: 'nowhere',
    verifier: await createVerifier({
      issuer: DEV_ISSUER,
      audience: DEV_AUDIENCE,
      jwksFile: dev.jwksPath,
      clock: testClock,
    }),
    clock: testClock,
    signingKeys: await loadSigningKeys({ home, clock: testClock }),
    logLevel: 'silent',
  });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

const bearer = async (req: Parameters<typeof mintToken>[1]) => ({
  authorization: `Bearer ${await mintToken(home, req, testClock)}`,
});

describe('while Temporal is unreachable', () => {
  // Both requests run at once: each waits out the client's connection attempt (about 20 s).
  it('starting a reconciliation and submitting a dossier are 503 TEMPORAL_UNAVAILABLE with Retry-After, not 500; the dossier stores nothing; the employer, which needs only the database, still answers', async () => {
    const sub = sampleSubmission(70_702, 2, { startMonth: '2026-10' });
    const before = (await tdb.db.select({ n: count() }).from(onboardingRequests))[0]!.n;
    const [rec, dossier] = await Promise.all([
      app.inject({
        method: 'POST',
        url: '/v1/reconciliations',
        headers: await bearer({ role: 'operator' }),
        payload: { period: '2026-10' },
      }),
      app.inject({ method: 'POST', url: '/v1/onboardings', headers: await bearer({ role: 'officer' }), payload: sub }),
    ]);
    for (const r of [rec, dossier]) {
      expect(r.statusCode, r.body).toBe(503);
      expect(String(r.headers['content-type'])).toMatch(/^application\/problem\+json/);
      expect(r.headers['retry-after']).toBe('5');
      expect(JSON.parse(r.body)).toMatchObject({ status: 503, code: 'TEMPORAL_UNAVAILABLE' });
    }
    expect((await tdb.db.select({ n: count() }).from(onboardingRequests))[0]!.n).toBe(before);
    const e = await app.inject({
      url: `/v1/employers/${known.employer.taxCode}`,
      headers: await bearer({ role: 'officer' }),
    });
    expect(e.statusCode, e.body).toBe(200);
  });
});

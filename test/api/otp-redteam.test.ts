/**
 * Red-team review of issue #14's one-time codes (commit 25ca487) as an HTTP client sees them,
 * against real PostgreSQL: a route that issues codes the way services/otp.ts asks (in one
 * transaction) behind the API's error handler. Fails on the code as it landed.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorHandler } from '../../api/errors';
import { issueOneTimeCode, OTP_MAX_PER_HOUR } from '../../services/otp';
import { createTestDatabase, testClock, type TestDatabase } from '../setup/harness';

let tdb: TestDatabase;
let app: FastifyInstance;

beforeAll(async () => {
  tdb = await createTestDatabase('otp_api_redteam');
  app = Fastify();
  app.setErrorHandler(errorHandler);
  app.post('/code', async () =>
    tdb.db.transaction((tx) =>
      issueOneTimeCode(
        tx,
        { secret: 'otp-api-redteam-secret-0123456789abcdef', clock: () => testClock() },
        {
          processKey: 'recovery:9160',
          purpose: 'contact.email',
          recipientType: 'participant',
          recipientId: '079209140160',
          email: 'moi@example.vn',
        },
      ),
    ),
  );
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await tdb.drop();
});

describe('one-time codes over HTTP (red team)', () => {
  it('asking for a code too often is 429 with Retry-After, like every other rate limit of the API', async () => {
    for (let i = 0; i < OTP_MAX_PER_HOUR; i++)
      expect((await app.inject({ method: 'POST', url: '/code' })).statusCode).toBe(200);
    const refused = await app.inject({ method: 'POST', url: '/code' });
    expect(refused.json().code).toBe('OTP_TOO_MANY');
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBeDefined();
  });
});

/**
 * Abuse resistance at the edge (issue #11): security headers with the docs page still working
 * under its CSP; Cache-Control no-store on /v1; token lifetimes per role and `iat` in the future;
 * headers too large as problem+json (a raw request: inject() bypasses Node's HTTP parser); and the
 * same 403 for "does not exist" and "not yours" where existence itself is personal.
 */
import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import * as jose from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AuthError,
  createVerifier,
  DEV_AUDIENCE,
  DEV_ISSUER,
  ensureDevKeys,
  MAX_TOKEN_HOURS,
  mintToken,
} from '../../api/auth';
import { testClock } from '../setup/harness';
import { apiFixture, bearer, type ApiFixture } from './fixture';

let f: ApiFixture;
const json = (r: { body: string }) => JSON.parse(r.body);

beforeAll(async () => {
  f = await apiFixture('hardening');
});
afterAll(async () => {
  await f?.close();
});

/** A token signed with the fixture's dev key, with the iat and exp of the test's choosing (seconds from now). */
async function signed(claims: jose.JWTPayload, iatFromNow: number, expFromNow: number): Promise<string> {
  const k = await ensureDevKeys(f.home);
  const now = Math.floor(testClock().getTime() / 1000);
  return new jose.SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid: k.kid })
    .setSubject('hardening')
    .setIssuer(DEV_ISSUER)
    .setAudience(DEV_AUDIENCE)
    .setIssuedAt(now + iatFromNow)
    .setExpirationTime(now + expFromNow)
    .sign(k.privateKey);
}

describe('security headers', () => {
  it('helmet headers on every answer; no-store on /v1 answers, a 401 included', async () => {
    const health = await f.app.inject({ url: '/healthz' });
    expect(health.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'strict-transport-security': expect.stringContaining('max-age='),
    });
    expect(health.headers['content-security-policy']).toContain("default-src 'self'");
    const officer = await f.token({ role: 'officer' });
    const ok = await f.app.inject({ url: `/v1/employers/${f.a.employer.taxCode}`, headers: bearer(officer) });
    expect([ok.statusCode, ok.headers['cache-control']]).toEqual([200, 'no-store']);
    const noToken = await f.app.inject({ url: `/v1/participants/${f.a.employees[0]!.personalId}/ebook` });
    expect([noToken.statusCode, noToken.headers['cache-control']]).toEqual([401, 'no-store']);
    const book = await f.app.inject({
      url: `/v1/participants/${f.a.employees[0]!.personalId}/ebook`,
      headers: bearer(officer),
    });
    expect([book.statusCode, book.headers['cache-control']]).toEqual([200, 'no-store']);
    expect(book.headers['etag']).toMatch(/^"[0-9a-f]{64}"$/);
  });

  it('/docs still loads: its page, every script and stylesheet it names, under a CSP that allows them', async () => {
    const page = await f.app.inject({ url: '/docs/' });
    expect(page.statusCode).toBe(200);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).toMatch(/style-src 'self'/);
    expect(csp).not.toContain('upgrade-insecure-requests'); // plain HTTP on localhost (npm start)
    const assets = [...page.body.matchAll(/(?:src|href)="\.\/([^"]+)"/g)].map((m) => m[1]!);
    expect(assets.filter((a) => a.endsWith('.js')).length).toBeGreaterThan(0);
    expect(assets.filter((a) => a.endsWith('.css')).length).toBeGreaterThan(0);
    for (const a of assets) {
      const r = await f.app.inject({ url: `/docs/${a}` });
      expect(r.statusCode, a).toBe(200);
    }
    // No inline script that the CSP would block: every <script> loads a file of its own origin.
    expect(page.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>\s*\S/);
    // The initializer fetches the OpenAPI document from this origin.
    expect((await f.app.inject({ url: '/docs/json' })).statusCode).toBe(200);
  });
});

describe('token lifetimes', () => {
  it('a token that lives longer than its role allows is 401 TOKEN_LIFETIME_TOO_LONG; at the maximum it passes', async () => {
    const url = `/v1/participants/${f.a.employees[0]!.personalId}/ebook`;
    const pid = f.a.employees[0]!.personalId;
    const claims = { role: 'participant', personal_id: pid, ial: 2 };
    const hour = 3600;
    const atMax = await signed(claims, 0, MAX_TOKEN_HOURS.participant * hour);
    expect((await f.app.inject({ url, headers: bearer(atMax) })).statusCode).toBe(200);
    // A century (the issue's finding), and one second too long.
    for (const exp of [100 * 365 * 24 * hour, MAX_TOKEN_HOURS.participant * hour + 1]) {
      const r = await f.app.inject({ url, headers: bearer(await signed(claims, 0, exp)) });
      expect([r.statusCode, json(r).code]).toEqual([401, 'TOKEN_LIFETIME_TOO_LONG']);
    }
    // An officer may hold a longer one (12 h) than a participant.
    const officer = await signed({ role: 'officer' }, 0, 12 * hour);
    expect((await f.app.inject({ url, headers: bearer(officer) })).statusCode).toBe(200);
    const officerTooLong = await signed({ role: 'officer' }, 0, 13 * hour);
    expect(json(await f.app.inject({ url, headers: bearer(officerTooLong) })).code).toBe('TOKEN_LIFETIME_TOO_LONG');
  });

  it('iat in the future beyond the allowed skew is 401 TOKEN_ISSUED_IN_FUTURE; within it passes; a token without iat is refused', async () => {
    const url = `/v1/employers/${f.a.employer.taxCode}`;
    const ahead = await f.app.inject({ url, headers: bearer(await signed({ role: 'officer' }, 600, 3600)) });
    expect([ahead.statusCode, json(ahead).code]).toEqual([401, 'TOKEN_ISSUED_IN_FUTURE']);
    const skewed = await f.app.inject({ url, headers: bearer(await signed({ role: 'officer' }, 30, 3600)) });
    expect(skewed.statusCode).toBe(200);
    const k = await ensureDevKeys(f.home);
    const noIat = await new jose.SignJWT({ role: 'officer' })
      .setProtectedHeader({ alg: 'ES256', kid: k.kid })
      .setSubject('hardening')
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .setExpirationTime(Math.floor(testClock().getTime() / 1000) + 600)
      .sign(k.privateKey);
    const r = await f.app.inject({ url, headers: bearer(noIat) });
    expect([r.statusCode, json(r).code]).toEqual([401, 'TOKEN_INVALID_CLAIMS']);
  });

  it('the maximum is configurable, and `token mint` will not mint beyond it', async () => {
    await expect(
      mintToken(f.home, { role: 'participant', personalId: '079090123456', ttl: '2h' }),
    ).rejects.toMatchObject({
      code: 'TOKEN_LIFETIME_TOO_LONG',
    });
    await expect(mintToken(f.home, { role: 'officer', ttl: '7d' })).rejects.toBeInstanceOf(AuthError);
    const long = await mintToken(f.home, { role: 'officer', ttl: '2d', maxTokenHours: { officer: 48 } }, testClock);
    const verify = await createVerifier({
      issuer: DEV_ISSUER,
      audience: DEV_AUDIENCE,
      jwksFile: (await ensureDevKeys(f.home)).jwksPath,
      clock: testClock,
      maxTokenHours: { officer: 48 },
    });
    expect((await verify(`Bearer ${long}`)).role).toBe('officer');
    const strict = await createVerifier({
      issuer: DEV_ISSUER,
      audience: DEV_AUDIENCE,
      jwksFile: (await ensureDevKeys(f.home)).jwksPath,
      clock: testClock,
      maxTokenHours: { officer: 1 },
    });
    await expect(strict(`Bearer ${await f.token({ role: 'officer', ttl: '2h' })}`)).rejects.toMatchObject({
      code: 'TOKEN_LIFETIME_TOO_LONG',
      status: 401,
    });
  });
});

describe('headers too large', () => {
  it('a 20 KB Authorization header answers 431 HEADER_TOO_LARGE as problem+json (a raw request)', async () => {
    const address = await f.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = new URL(address);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(
          `GET /v1/coverage?personalId=${f.a.employees[0]!.personalId} HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${'a'.repeat(20 * 1024)}\r\n\r\n`,
        );
      });
      let data = '';
      socket.on('data', (d) => (data += d.toString('utf8')));
      socket.on('close', () => resolve(data));
      socket.on('error', (e) => (data ? resolve(data) : reject(e)));
    });
    const [head, body] = raw.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 431 /);
    expect(head).toMatch(/\r\ncontent-type: application\/problem\+json\r\n/i);
    expect(JSON.parse(body!)).toMatchObject({ status: 431, code: 'HEADER_TOO_LARGE' });
    // Its texts are the catalog's, in the default language (the request was never parsed).
    expect(head).toMatch(/\r\ncontent-language: vi\r\n/i);
    expect(JSON.parse(body!)).toMatchObject({
      title: 'Phần đầu yêu cầu quá lớn',
      detail: expect.stringMatching(/^Phần đầu của yêu cầu vượt quá [\d.]+ byte\.$/),
    });
    expect(body).not.toContain('aaaa');
  });
});

describe('existence is personal: the same 403 for "does not exist" and "not yours"', () => {
  it('claim ids: a participant gets 403 for a claim that does not exist, as for one that is not theirs; an officer 404', async () => {
    const participant = await f.token({ role: 'participant', personalId: f.a.employees[0]!.personalId });
    const officer = await f.token({ role: 'officer' });
    const missing = randomUUID();
    for (const url of [`/v1/claims/${missing}`]) {
      const r = await f.app.inject({ url, headers: bearer(participant) });
      expect([r.statusCode, json(r).code]).toEqual([403, 'FORBIDDEN']);
      const post = await f.app.inject({
        method: 'POST',
        url: `${url}/reports`,
        headers: bearer(participant),
        payload: {},
      });
      expect([post.statusCode, json(post).code]).toEqual([403, 'FORBIDDEN']);
    }
    const r = await f.app.inject({ url: `/v1/claims/${missing}`, headers: bearer(officer) });
    expect(r.statusCode).toBe(404);
  });

  it("card codes: a participant gets 403 for an unknown card as for someone else's; a facility 404 for an unknown one", async () => {
    const facility = await f.token({ role: 'facility', facilityCode: '79001' });
    const own = f.a.employees[0]!.personalId;
    const othersCard = json(
      await f.app.inject({ url: `/v1/coverage?personalId=${f.b.employees[1]!.personalId}`, headers: bearer(facility) }),
    ).card?.cardCode as string | undefined;
    expect(othersCard).toMatch(/^[A-Z]{2}\d{13}$/);
    const participant = await f.token({ role: 'participant', personalId: own });
    const unknown = 'DN4799999999999';
    const answers = [];
    for (const card of [unknown, othersCard!]) {
      const r = await f.app.inject({ url: `/v1/coverage?card=${card}`, headers: bearer(participant) });
      answers.push([r.statusCode, json(r).code]);
    }
    expect(answers).toEqual([
      [403, 'FORBIDDEN'],
      [403, 'FORBIDDEN'],
    ]);
    const r = await f.app.inject({ url: `/v1/coverage?card=${unknown}`, headers: bearer(facility) });
    expect(r.statusCode).toBe(404);
  });

  it("participant ids: another person's id, existing or not, is 403 before any lookup", async () => {
    const participant = await f.token({ role: 'participant', personalId: f.a.employees[0]!.personalId });
    for (const pid of [f.b.employees[0]!.personalId, '999999999999']) {
      for (const url of [
        `/v1/participants/${pid}/ebook`,
        `/v1/participants/${pid}/access-log`,
        `/v1/coverage?personalId=${pid}`,
      ]) {
        const r = await f.app.inject({ url, headers: bearer(participant) });
        expect([url, r.statusCode]).toEqual([url, 403]);
      }
    }
  });
});

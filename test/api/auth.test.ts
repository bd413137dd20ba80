/** Bearer tokens: the development key pair, minting, and the verifier's codes (real keys, no mocks). */
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import * as jose from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AuthError,
  bindingClaimsValid,
  createVerifier,
  DEV_AUDIENCE,
  DEV_ISSUER,
  ensureDevKeys,
  mintToken,
  type AuthErrorCode,
  type DevKeys,
  type Principal,
  type Verifier,
} from '../../api/auth';

const TAX_CODE = '0312345678';
const PERSONAL_ID = '079090123456';
const FACILITY = '79001';

let home: string;
let keys: DevKeys;
let verify: Verifier;

beforeAll(async () => {
  home = await mkdtemp(path.join(tmpdir(), 'ansinh-auth-'));
  keys = await ensureDevKeys(home);
  verify = await createVerifier({ issuer: DEV_ISSUER, audience: DEV_AUDIENCE, jwksFile: keys.jwksPath });
});

afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

const bearer = (token: string) => `Bearer ${token}`;

/** The AuthError a verification fails with (the test fails if it succeeds or throws anything else). */
async function rejection(authorization: string | undefined): Promise<AuthError> {
  const err = await verify(authorization).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AuthError);
  return err as AuthError;
}

async function expectRejected(authorization: string | undefined, code: AuthErrorCode, status: 401 | 403) {
  const err = await rejection(authorization);
  expect({ code: err.code, status: err.status }).toEqual({ code, status });
  return err;
}

/** A token signed with the dev key but with claims of the test's choosing. */
async function signWithDevKey(
  claims: jose.JWTPayload,
  build: (j: jose.SignJWT) => jose.SignJWT = (j) => j,
): Promise<string> {
  const jwt = new jose.SignJWT({ sub: 'test', ...claims })
    .setProtectedHeader({ alg: 'ES256', kid: keys.kid })
    .setIssuer(DEV_ISSUER)
    .setAudience(DEV_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime('1h');
  return build(jwt).sign(keys.privateKey);
}

describe('development keys', () => {
  it('are created once and reused: the same kid twice, the private key file readable by its owner only (0600)', async () => {
    const again = await ensureDevKeys(home);
    expect(again.kid).toBe(keys.kid);
    expect(again.jwksPath).toBe(path.join(home, 'dev-jwks.json'));
    expect((await stat(path.join(home, 'dev-signing-key.json'))).mode & 0o777).toBe(0o600);
  });

  it('publish a public JWKS: ES256, use sig, the kid, and no private part', async () => {
    const jwks = JSON.parse(await readFile(keys.jwksPath, 'utf8')) as jose.JSONWebKeySet;
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig', kid: keys.kid });
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });

  it('are created in a directory that does not exist yet, and concurrent callers agree on one key', async () => {
    const fresh = path.join(home, 'nested', 'home');
    const results = await Promise.all([ensureDevKeys(fresh), ensureDevKeys(fresh), ensureDevKeys(fresh)]);
    expect(new Set(results.map((r) => r.kid)).size).toBe(1);
    const jwks = JSON.parse(await readFile(results[0]!.jwksPath, 'utf8')) as jose.JSONWebKeySet;
    expect(jwks.keys[0]?.kid).toBe(results[0]!.kid);
  });
});

describe('a minted token verifies to the Principal of its role', () => {
  it.each<[string, Parameters<typeof mintToken>[1], Principal]>([
    ['officer', { role: 'officer' }, { subject: 'officer:dev', role: 'officer', level: 0 }],
    ['operator', { role: 'operator' }, { subject: 'operator:dev', role: 'operator', level: 0 }],
    [
      'employer',
      { role: 'employer', taxCode: TAX_CODE },
      { subject: `employer:${TAX_CODE}`, role: 'employer', taxCode: TAX_CODE, level: 0 },
    ],
    [
      'employer (dependent unit)',
      { role: 'employer', taxCode: `${TAX_CODE}-001` },
      { subject: `employer:${TAX_CODE}-001`, role: 'employer', taxCode: `${TAX_CODE}-001`, level: 0 },
    ],
    [
      'participant (VNeID level 2 by default)',
      { role: 'participant', personalId: PERSONAL_ID },
      { subject: `participant:${PERSONAL_ID}`, role: 'participant', personalId: PERSONAL_ID, level: 2 },
    ],
    [
      'facility',
      { role: 'facility', facilityCode: FACILITY },
      { subject: `facility:${FACILITY}`, role: 'facility', facilityCode: FACILITY, level: 0 },
    ],
    [
      'officer with a subject and a level',
      { role: 'officer', subject: 'officer-42', level: 2 },
      { subject: 'officer-42', role: 'officer', level: 2 },
    ],
  ])('%s', async (_name, req, principal) => {
    expect(await verify(bearer(await mintToken(home, req)))).toEqual(principal);
  });

  it('carries the claims role, tax_code, ial, iss, aud, iat and exp, with an ES256 header naming the kid', async () => {
    const token = await mintToken(home, { role: 'employer', taxCode: TAX_CODE, ttl: '15m' });
    expect(jose.decodeProtectedHeader(token)).toMatchObject({ alg: 'ES256', kid: keys.kid });
    const claims = jose.decodeJwt(token);
    expect(claims).toMatchObject({ role: 'employer', tax_code: TAX_CODE, iss: DEV_ISSUER, aud: DEV_AUDIENCE });
    expect(claims).not.toHaveProperty('ial');
    expect(claims.exp! - claims.iat!).toBe(15 * 60);
  });

  it('accepts the scheme name in any case ("bearer")', async () => {
    const token = await mintToken(home, { role: 'officer' });
    expect((await verify(`bearer ${token}`)).role).toBe('officer');
  });
});

describe('a token that cannot be trusted is refused with its own code', () => {
  it('no Authorization header → 401 UNAUTHENTICATED', async () => {
    await expectRejected(undefined, 'UNAUTHENTICATED', 401);
    await expectRejected('', 'UNAUTHENTICATED', 401);
  });

  it.each([
    ['garbage'],
    ['Basic dXNlcjpwYXNz'],
    ['Bearer'],
    ['Bearer not-a-jwt'],
    ['Bearer a.b.c'],
    ['Bearer eyJhbGciOiJFUzI1NiJ9.e30'],
  ])('%j → 401 TOKEN_MALFORMED', async (header) => {
    await expectRejected(header, 'TOKEN_MALFORMED', 401);
  });

  it('an expired token → 401 TOKEN_EXPIRED', async () => {
    await expectRejected(bearer(await mintToken(home, { role: 'officer', ttl: '-1m' })), 'TOKEN_EXPIRED', 401);
  });

  it('a token whose nbf is in the future → 401 TOKEN_NOT_YET_VALID', async () => {
    const token = await signWithDevKey({ role: 'officer' }, (j) => j.setNotBefore('10m'));
    await expectRejected(bearer(token), 'TOKEN_NOT_YET_VALID', 401);
  });

  it('a token signed by another key under the same kid → 401 TOKEN_BAD_SIGNATURE', async () => {
    const other = await jose.generateKeyPair('ES256');
    const token = await new jose.SignJWT({ role: 'officer' })
      .setProtectedHeader({ alg: 'ES256', kid: keys.kid })
      .setSubject('officer:dev')
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .setExpirationTime('1h')
      .sign(other.privateKey);
    await expectRejected(bearer(token), 'TOKEN_BAD_SIGNATURE', 401);
  });

  it('a token whose kid is unknown → 401 TOKEN_BAD_SIGNATURE', async () => {
    const other = await jose.generateKeyPair('ES256');
    const token = await new jose.SignJWT({ role: 'officer', sub: 'x' })
      .setProtectedHeader({ alg: 'ES256', kid: 'someone-else' })
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .setExpirationTime('1h')
      .sign(other.privateKey);
    await expectRejected(bearer(token), 'TOKEN_BAD_SIGNATURE', 401);
  });

  it('an HMAC-signed token (an algorithm not allowed) → 401 TOKEN_BAD_SIGNATURE', async () => {
    const token = await new jose.SignJWT({ role: 'officer', sub: 'x' })
      .setProtectedHeader({ alg: 'HS256', kid: keys.kid })
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('a shared secret of at least 32 bytes!!'));
    await expectRejected(bearer(token), 'TOKEN_BAD_SIGNATURE', 401);
  });

  it('a token for another audience → 401 TOKEN_WRONG_AUDIENCE', async () => {
    await expectRejected(
      bearer(await mintToken(home, { role: 'officer', audience: 'another-api' })),
      'TOKEN_WRONG_AUDIENCE',
      401,
    );
  });

  it('a token from another issuer → 401 TOKEN_WRONG_ISSUER', async () => {
    await expectRejected(
      bearer(await mintToken(home, { role: 'officer', issuer: 'someone-else' })),
      'TOKEN_WRONG_ISSUER',
      401,
    );
  });

  it('a participant below VNeID level 2 → 403 IDENTITY_LEVEL_TOO_LOW (Circular 09/2026/TT-BTC Art.6(1))', async () => {
    await expectRejected(
      bearer(await mintToken(home, { role: 'participant', personalId: PERSONAL_ID, level: 1 })),
      'IDENTITY_LEVEL_TOO_LOW',
      403,
    );
    // A participant token without an ial claim is level 0.
    await expectRejected(
      bearer(await signWithDevKey({ role: 'participant', personal_id: PERSONAL_ID })),
      'IDENTITY_LEVEL_TOO_LOW',
      403,
    );
  });

  it.each<[string, jose.JWTPayload]>([
    ['an employer token without tax_code', { role: 'employer' }],
    ['an employer token with a malformed tax_code', { role: 'employer', tax_code: '12345' }],
    ['a participant token without personal_id', { role: 'participant', ial: 2 }],
    ['a participant token with an 11-digit personal_id', { role: 'participant', personal_id: '07909012345', ial: 2 }],
    ['a facility token without facility', { role: 'facility' }],
    ['a token without role', {}],
    ['a token with an unknown role', { role: 'admin' }],
    ['a token whose ial is not an integer', { role: 'officer', ial: '2' }],
    ['a token whose tax_code is not a string', { role: 'employer', tax_code: 312345678 }],
  ])('%s → 401 TOKEN_INVALID_CLAIMS', async (_name, claims) => {
    await expectRejected(bearer(await signWithDevKey(claims)), 'TOKEN_INVALID_CLAIMS', 401);
  });

  it('a token without exp or without sub → 401 TOKEN_INVALID_CLAIMS', async () => {
    const noExp = await new jose.SignJWT({ role: 'officer', sub: 'x' })
      .setProtectedHeader({ alg: 'ES256', kid: keys.kid })
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .sign(keys.privateKey);
    await expectRejected(bearer(noExp), 'TOKEN_INVALID_CLAIMS', 401);
    const noSub = await new jose.SignJWT({ role: 'officer' })
      .setProtectedHeader({ alg: 'ES256', kid: keys.kid })
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .setExpirationTime('1h')
      .sign(keys.privateKey);
    await expectRejected(bearer(noSub), 'TOKEN_INVALID_CLAIMS', 401);
  });

  it('error messages repeat neither the token nor the personal ID', async () => {
    const token = await mintToken(home, { role: 'participant', personalId: PERSONAL_ID, level: 1 });
    const tooLow = await rejection(bearer(token));
    const badId = await rejection(
      bearer(await signWithDevKey({ role: 'participant', personal_id: '07909012345', ial: 2 })),
    );
    for (const err of [tooLow, badId]) {
      expect(err.message).not.toContain(token);
      expect(err.message).not.toContain(PERSONAL_ID);
      expect(err.message).not.toContain('07909012345');
    }
  });

  it('whatever the header holds, the verifier fails only with a 401 AuthError', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.string().map((s) => `Bearer ${s}`),
          fc
            .tuple(fc.base64String(), fc.base64String(), fc.base64String())
            .map((parts) => `Bearer ${parts.join('.').replace(/=/g, '')}`),
        ),
        async (header) => {
          const err = await verify(header).then(
            () => null,
            (e: unknown) => e,
          );
          expect(err).toBeInstanceOf(AuthError);
          expect((err as AuthError).status).toBe(401);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('minting checks the request', () => {
  it.each<[string, Parameters<typeof mintToken>[1]]>([
    ['an employer without taxCode', { role: 'employer' }],
    ['an employer with a 9-digit taxCode', { role: 'employer', taxCode: '031234567' }],
    ['a participant without personalId', { role: 'participant' }],
    ['a facility with a 4-digit code', { role: 'facility', facilityCode: '7900' }],
    ['a negative level', { role: 'officer', level: -1 }],
    ['a ttl that is not a time span', { role: 'officer', ttl: 'soon' }],
  ])('refuses %s with TOKEN_INVALID_CLAIMS', async (_name, req) => {
    await expect(mintToken(home, req)).rejects.toMatchObject({
      name: 'AuthError',
      code: 'TOKEN_INVALID_CLAIMS',
      status: 401,
    });
  });
});

describe('bindingClaimsValid', () => {
  it('requires the binding of the role, well-formed', () => {
    expect(bindingClaimsValid({ subject: 's', role: 'officer', level: 0 })).toBe(true);
    expect(bindingClaimsValid({ subject: 's', role: 'operator', level: 0 })).toBe(true);
    expect(bindingClaimsValid({ subject: 's', role: 'employer', taxCode: TAX_CODE, level: 0 })).toBe(true);
    expect(bindingClaimsValid({ subject: 's', role: 'employer', level: 0 })).toBe(false);
    expect(bindingClaimsValid({ subject: 's', role: 'employer', personalId: PERSONAL_ID, level: 0 })).toBe(false);
    expect(bindingClaimsValid({ subject: 's', role: 'participant', personalId: PERSONAL_ID, level: 2 })).toBe(true);
    expect(bindingClaimsValid({ subject: 's', role: 'participant', personalId: '1234567890123', level: 2 })).toBe(
      false,
    );
    expect(bindingClaimsValid({ subject: 's', role: 'facility', facilityCode: FACILITY, level: 0 })).toBe(true);
    expect(bindingClaimsValid({ subject: 's', role: 'facility', facilityCode: 'ABCDE', level: 0 })).toBe(false);
  });
});

describe('createVerifier', () => {
  it('needs exactly one key source', async () => {
    await expect(createVerifier({ issuer: DEV_ISSUER, audience: DEV_AUDIENCE })).rejects.toThrow(/exactly one/);
    await expect(
      createVerifier({
        issuer: DEV_ISSUER,
        audience: DEV_AUDIENCE,
        jwksFile: keys.jwksPath,
        jwksUrl: 'https://idp.example/jwks',
      }),
    ).rejects.toThrow(/exactly one/);
  });

  it('honours the clock tolerance: a token expired 30 s ago passes with 60 s of tolerance', async () => {
    const lenient = await createVerifier({
      issuer: DEV_ISSUER,
      audience: DEV_AUDIENCE,
      jwksFile: keys.jwksPath,
      clockToleranceSec: 60,
    });
    const token = await mintToken(home, { role: 'officer', ttl: '-30s' });
    expect((await lenient(bearer(token))).role).toBe('officer');
    await expectRejected(bearer(token), 'TOKEN_EXPIRED', 401);
  });
});

/**
 * The verifier's revocation check (issue #14 part 3): a token of a revoked subject issued before the
 * revocation instant is 401 TOKEN_REVOKED, on the signature path and on the cached path; a token
 * issued from that instant on passes; the `auth_time` claim is read into the principal (a recovery
 * needs a fresh sign-in) and a malformed one is refused. Real keys; the list is the in-memory map the
 * real one is (services/token-revocations.ts), filled by hand here.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as jose from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AuthError,
  createVerifier,
  DEV_AUDIENCE,
  DEV_ISSUER,
  ensureDevKeys,
  mintToken,
  type DevKeys,
} from '../../api/auth';
import { revocationKeysOf, revokedBeforeOf, subjectHash } from '../../services/token-revocations';

const PID = '079090123457';
const SECRET = 'revocation-test-secret-0123456789';
let home: string;
let keys: DevKeys;
beforeAll(async () => {
  home = await mkdtemp(path.join(tmpdir(), 'ansinh-revocation-'));
  keys = await ensureDevKeys(home);
});
afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

const at = (iso: string) => () => new Date(iso);

describe('the revocation list at token verification', () => {
  it('refuses a revoked person’s tokens issued before the instant, cached or not, and accepts one issued after', async () => {
    const map = new Map<string, number>();
    let now = new Date('2026-12-01T10:00:00.400Z');
    const verify = await createVerifier({
      issuer: DEV_ISSUER,
      audience: DEV_AUDIENCE,
      jwksFile: keys.jwksPath,
      clock: () => now,
      revocations: {
        hashesOf: (p) => revocationKeysOf(p).map((k) => subjectHash(SECRET, k)),
        revokedBefore: (hashes) => hashes.map((h) => map.get(h)).find((v) => v !== undefined),
      },
    });
    const before = await mintToken(home, { role: 'participant', personalId: PID }, () => now);
    const otherSubject = await mintToken(home, { role: 'participant', personalId: PID, subject: 'vssid' }, () => now);
    const someoneElse = await mintToken(home, { role: 'participant', personalId: '079090123458' }, () => now);
    expect((await verify(`Bearer ${before}`)).personalId).toBe(PID); // cached from here on
    // Revoked at 10:00:00.700: every token of the person issued before 10:00:01 is refused.
    const instant = revokedBeforeOf(new Date('2026-12-01T10:00:00.700Z'));
    expect(instant.toISOString()).toBe('2026-12-01T10:00:01.000Z');
    map.set(subjectHash(SECRET, `pid:${PID}`), instant.getTime());
    now = new Date('2026-12-01T10:00:00.900Z');
    const sameSecond = await mintToken(home, { role: 'participant', personalId: PID }, () => now);
    for (const t of [before, otherSubject, sameSecond]) {
      const err = await verify(`Bearer ${t}`).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AuthError);
      expect(err).toMatchObject({ code: 'TOKEN_REVOKED', status: 401 });
    }
    expect((await verify(`Bearer ${someoneElse}`)).personalId).toBe('079090123458');
    now = new Date('2026-12-01T10:00:01.000Z');
    const after = await mintToken(home, { role: 'participant', personalId: PID }, () => now);
    expect((await verify(`Bearer ${after}`)).personalId).toBe(PID);
  });

  it('reads auth_time into the principal, and refuses one that is not a time in seconds', async () => {
    const verify = await createVerifier({
      issuer: DEV_ISSUER,
      audience: DEV_AUDIENCE,
      jwksFile: keys.jwksPath,
      clock: at('2026-12-01T10:00:00Z'),
    });
    const clock = at('2026-12-01T10:00:00Z');
    const authTime = Date.parse('2026-12-01T09:58:00Z') / 1000;
    const t = await mintToken(home, { role: 'participant', personalId: PID, authTime }, clock);
    expect((await verify(`Bearer ${t}`)).authTime).toBe(authTime);
    const none = await mintToken(home, { role: 'participant', personalId: PID }, clock);
    expect((await verify(`Bearer ${none}`)).authTime).toBeUndefined();
    const key = await jose.importJWK(
      JSON.parse(await readFile(path.join(home, 'dev-signing-key.json'), 'utf8')) as jose.JWK,
      'ES256',
    );
    const iat = Date.parse('2026-12-01T10:00:00Z') / 1000;
    const bad = await new jose.SignJWT({ role: 'participant', personal_id: PID, ial: 2, auth_time: 'yesterday' })
      .setProtectedHeader({ alg: 'ES256', kid: keys.kid })
      .setSubject('p')
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .setIssuedAt(iat)
      .setExpirationTime(iat + 600)
      .sign(key);
    await expect(verify(`Bearer ${bad}`)).rejects.toMatchObject({ code: 'TOKEN_INVALID_CLAIMS' });
  });
});

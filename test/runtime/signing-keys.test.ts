/**
 * The Ed25519 signing key ring: a development ring created once (0600) under ANSINH_HOME, or a
 * production ring from SIGNING_KEYS / SIGNING_KEYS_FILE; kid = RFC 7638 thumbprint; rotation keeps
 * the old keys published, so what they signed still verifies.
 */
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as jose from 'jose';
import { describe, expect, it } from 'vitest';
import { createClock } from '../../runtime/clock';
import {
  DEV_SIGNING_KEYS_FILE,
  loadSigningKeys,
  rotateSigningKey,
  SigningKeyError,
  verifyDetached,
} from '../../runtime/signing-keys';

const clock = createClock({ source: () => Date.UTC(2026, 11, 1, 2, 30) });
const home = () => mkdtemp(path.join(tmpdir(), 'ansinh-signing-'));

describe('the signing key ring', () => {
  it('creates the development ring once, mode 0600, and reuses it; kid is the RFC 7638 thumbprint', async () => {
    const dir = await home();
    const a = await loadSigningKeys({ home: dir, clock });
    const b = await loadSigningKeys({ home: dir, clock });
    expect(b.current.kid).toBe(a.current.kid);
    expect((await stat(path.join(dir, DEV_SIGNING_KEYS_FILE))).mode & 0o777).toBe(0o600);
    const [pub] = a.publicJwks().keys;
    expect(pub).toEqual({ kty: 'OKP', crv: 'Ed25519', x: pub!.x, kid: a.current.kid, alg: 'EdDSA', use: 'sig' });
    expect(await jose.calculateJwkThumbprint(pub!)).toBe(a.current.kid);
    expect(JSON.stringify(a.publicJwks())).not.toContain('"d"');
  });

  it('signs a detached JWS (header..signature) with alg EdDSA, the kid and iat from the injected clock', async () => {
    const keys = await loadSigningKeys({ home: await home(), clock });
    const jws = await keys.sign('{"a":1}', { ver: 7 });
    expect(jws).toMatch(/^[\w-]+\.\.[\w-]+$/);
    const header = jose.decodeProtectedHeader(jws.replace('..', '.x.'));
    expect(header).toEqual({ alg: 'EdDSA', kid: keys.current.kid, iat: Date.UTC(2026, 11, 1, 2, 30) / 1000, ver: 7 });
    expect(await verifyDetached(jws, '{"a":1}', keys.publicJwks())).toMatchObject({ ok: true, kid: keys.current.kid });
    expect(await verifyDetached(jws, '{"a":2}', keys.publicJwks())).toMatchObject({ ok: false, code: 'BAD_SIGNATURE' });
    const other = await loadSigningKeys({ home: await home(), clock });
    expect(await verifyDetached(jws, '{"a":1}', other.publicJwks())).toMatchObject({ ok: false, code: 'UNKNOWN_KEY' });
    expect(await verifyDetached('nonsense', '{"a":1}', keys.publicJwks())).toMatchObject({
      ok: false,
      code: 'MALFORMED',
    });
  });

  it('rotation adds a current key and keeps the old one published: old signatures still verify', async () => {
    const dir = await home();
    const before = await loadSigningKeys({ home: dir, clock });
    const old = await before.sign('book');
    const { kid } = await rotateSigningKey({ home: dir, clock });
    const after = await loadSigningKeys({ home: dir, clock });
    expect(after.current.kid).toBe(kid);
    expect(kid).not.toBe(before.current.kid);
    expect(after.publicJwks().keys.map((k) => k.kid)).toEqual([before.current.kid, kid]);
    expect(await verifyDetached(old, 'book', after.publicJwks())).toMatchObject({ ok: true, kid: before.current.kid });
    // SIGNING_KEY_ID names the key that signs.
    const named = await loadSigningKeys({ home: dir, clock, SIGNING_KEY_ID: before.current.kid });
    expect(named.current.kid).toBe(before.current.kid);
  });

  it('reads a production ring from SIGNING_KEYS_FILE or SIGNING_KEYS; a wrong kid or a bad ring is refused', async () => {
    const dir = await home();
    const dev = await loadSigningKeys({ home: dir, clock });
    const text = await readFile(path.join(dir, DEV_SIGNING_KEYS_FILE), 'utf8');
    const file = path.join(await home(), 'secret.json');
    await writeFile(file, text, { mode: 0o600 });
    const other = await home();
    expect((await loadSigningKeys({ home: other, clock, SIGNING_KEYS_FILE: file })).current.kid).toBe(dev.current.kid);
    expect((await loadSigningKeys({ home: other, clock, SIGNING_KEYS: text })).current.kid).toBe(dev.current.kid);
    await expect(loadSigningKeys({ home: other, clock, SIGNING_KEYS: '{"keys":[]}' })).rejects.toThrow(SigningKeyError);
    await expect(loadSigningKeys({ home: other, clock, SIGNING_KEYS: text, SIGNING_KEY_ID: 'nope' })).rejects.toThrow(
      /no key with kid nope/,
    );
    const tampered = JSON.parse(text) as { keys: { kid: string }[] };
    tampered.keys[0]!.kid = 'not-the-thumbprint';
    await expect(loadSigningKeys({ home: other, clock, SIGNING_KEYS: JSON.stringify(tampered) })).rejects.toThrow(
      /thumbprint/,
    );
    await expect(rotateSigningKey({ home: other, clock, SIGNING_KEYS: text })).rejects.toThrow(SigningKeyError);
    const rotated = await rotateSigningKey({ home: other, clock, SIGNING_KEYS_FILE: file });
    expect((await loadSigningKeys({ home: other, clock, SIGNING_KEYS_FILE: file })).current.kid).toBe(rotated.kid);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });
});

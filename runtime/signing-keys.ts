/**
 * The Ed25519 signing key ring: the keys Ansinh signs what it hands out with (e-books; audit
 * checkpoints), and the public JWKS anyone verifies them with offline.
 *
 * Where the keys come from, first match wins:
 * - SIGNING_KEYS: the JSON text of a private JWKS (an environment variable from a secret store);
 * - SIGNING_KEYS_FILE: a file holding a private JWKS (a mounted secret);
 * - neither: the development ring `<ANSINH_HOME>/signing-keys.json`, created on first use (mode 0600).
 *
 * A ring is `{ "current"?: kid, "keys": [Ed25519 private JWKs, oldest first] }`. The current key is
 * SIGNING_KEY_ID, else the ring's `current`, else the last (newest) key. Rotation appends a key and
 * makes it current; the older keys stay in the ring so their public parts stay published and
 * signatures made with them still verify. Every kid is the key's RFC 7638 thumbprint (checked on load).
 */
import { createPrivateKey, randomBytes, sign as ed25519Sign } from 'node:crypto';
import { chmod, link, mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as jose from 'jose';
import type { Clock } from './clock';
import { refuseDevSecret, type Config } from './config';

export const SIGNING_ALG = 'EdDSA';
/** The development ring's file name under ANSINH_HOME. */
export const DEV_SIGNING_KEYS_FILE = 'signing-keys.json';

/** What loadSigningKeys reads: the application Config satisfies it. */
export interface SigningKeysConfig {
  home: string;
  clock: Clock;
  SIGNING_KEYS?: string | undefined;
  SIGNING_KEYS_FILE?: string | undefined;
  SIGNING_KEY_ID?: string | undefined;
  /** The process's mode (runtime/config.ts): the development ring is refused outside development and test mode. */
  mode?: Config['mode'];
  devMode?: boolean;
}

/** A public JWK as published at /.well-known/jwks.json. */
export interface PublicSigningJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  alg: typeof SIGNING_ALG;
  use: 'sig';
}

type PrivateSigningJwk = PublicSigningJwk & { d: string };

interface RingFile {
  current?: string;
  keys: PrivateSigningJwk[];
}

export interface SigningKeys {
  current: { kid: string; privateKey: jose.CryptoKey };
  /** Every key of the ring, public parts only (the rotated ones too): what /.well-known/jwks.json serves. */
  publicJwks(): { keys: PublicSigningJwk[] };
  /**
   * A detached compact JWS (RFC 7515 section 7.2.1, Appendix F: `header..signature`) over `payload`
   * with the current key. The protected header is `{ alg: "EdDSA", kid, iat }` (iat = the injected
   * clock, in seconds) plus `header`. Verify with verifyDetached.
   */
  sign(payload: Uint8Array | string, header?: Record<string, unknown>): Promise<string>;
}

export class SigningKeyError extends Error {
  override readonly name = 'SigningKeyError';
}

/** The ring from the configuration (see the module comment); the development ring is created when absent. */
export async function loadSigningKeys(cfg: SigningKeysConfig): Promise<SigningKeys> {
  const ring = await readRing(cfg);
  const wanted = cfg.SIGNING_KEY_ID ?? ring.file.current ?? ring.file.keys.at(-1)!.kid;
  const currentJwk = ring.file.keys.find((k) => k.kid === wanted);
  if (!currentJwk) throw new SigningKeyError(`signing keys: no key with kid ${wanted} in ${ring.source}`);
  const privateKey = (await jose.importJWK(currentJwk, SIGNING_ALG)) as jose.CryptoKey;
  // Node's own Ed25519 signs the same bytes as jose's WebCrypto path, about four times faster (bench:sign).
  const keyObject = createPrivateKey({
    key: { kty: currentJwk.kty, crv: currentJwk.crv, x: currentJwk.x, d: currentJwk.d },
    format: 'jwk',
  });
  const published = { keys: ring.file.keys.map(publicPart) };
  const kid = currentJwk.kid;
  return {
    current: { kid, privateKey },
    publicJwks: () => ({ keys: published.keys.map((k) => ({ ...k })) }),
    sign(payload, header = {}) {
      const bytes = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : Buffer.from(payload);
      const iat = Math.floor(cfg.clock().getTime() / 1000);
      const h = Buffer.from(JSON.stringify({ ...header, alg: SIGNING_ALG, kid, iat })).toString('base64url');
      const input = Buffer.concat([Buffer.from(`${h}.`), Buffer.from(bytes.toString('base64url'))]);
      return Promise.resolve(`${h}..${ed25519Sign(null, input, keyObject).toString('base64url')}`);
    },
  };
}

/**
 * Adds a new Ed25519 key to the ring and makes it current; the older keys stay. Works on the
 * development ring or SIGNING_KEYS_FILE (written aside, then renamed, mode 0600); a ring in the
 * SIGNING_KEYS variable cannot be rewritten from here (SigningKeyError). Returns the new kid.
 */
export async function rotateSigningKey(cfg: SigningKeysConfig): Promise<{ kid: string; file: string }> {
  if (cfg.SIGNING_KEYS !== undefined)
    throw new SigningKeyError(
      'signing keys: the ring is in the SIGNING_KEYS variable; add a key to the secret it comes from instead',
    );
  const ring = await readRing(cfg);
  const jwk = await newKey();
  const next: RingFile = { current: jwk.kid, keys: [...ring.file.keys, jwk] };
  const tmp = `${ring.source}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(tmp, JSON.stringify(next, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
  await rename(tmp, ring.source);
  return { kid: jwk.kid, file: ring.source };
}

/** Why a detached JWS does not verify over `payload` with one of `jwks`'s keys, or null when it does. */
export type VerifyFailure = 'MALFORMED' | 'ALGORITHM_NOT_ALLOWED' | 'UNKNOWN_KEY' | 'BAD_SIGNATURE';

export type VerifyResult =
  | { ok: true; kid: string; header: jose.ProtectedHeaderParameters }
  | { ok: false; code: VerifyFailure; reason: string };

/**
 * Verifies a detached compact JWS (`header..signature`) over `payload` with the public keys
 * `jwks` alone (nothing else: usable offline). Only EdDSA is accepted.
 */
export async function verifyDetached(
  jws: string,
  payload: Uint8Array | string,
  jwks: { keys: jose.JWK[] },
): Promise<VerifyResult> {
  const parts = jws.split('.');
  if (parts.length !== 3 || parts[1] !== '' || !parts[0] || !parts[2])
    return { ok: false, code: 'MALFORMED', reason: 'the signature is not a detached compact JWS (header..signature)' };
  const bytes = typeof payload === 'string' ? new TextEncoder().encode(payload) : payload;
  const compact = `${parts[0]}.${jose.base64url.encode(bytes)}.${parts[2]}`;
  try {
    const { protectedHeader } = await jose.compactVerify(compact, jose.createLocalJWKSet(jwks), {
      algorithms: [SIGNING_ALG],
    });
    return { ok: true, kid: protectedHeader.kid ?? '', header: protectedHeader };
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    switch (code) {
      case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
        return { ok: false, code: 'BAD_SIGNATURE', reason: 'the signature does not match the content' };
      case 'ERR_JWKS_NO_MATCHING_KEY':
        return { ok: false, code: 'UNKNOWN_KEY', reason: 'no key of the JWKS matches the signature (kid)' };
      case 'ERR_JOSE_ALG_NOT_ALLOWED':
        return { ok: false, code: 'ALGORITHM_NOT_ALLOWED', reason: 'only EdDSA (Ed25519) signatures are accepted' };
      default:
        return { ok: false, code: 'MALFORMED', reason: `the signature cannot be decoded (${String(code ?? 'error')})` };
    }
  }
}

// ---------------------------------------------------------------------------------------------

async function newKey(): Promise<PrivateSigningJwk> {
  const { privateKey } = await jose.generateKeyPair(SIGNING_ALG, { crv: 'Ed25519', extractable: true });
  const jwk = await jose.exportJWK(privateKey);
  const kid = await jose.calculateJwkThumbprint(jwk);
  return { kty: 'OKP', crv: 'Ed25519', x: jwk.x!, d: jwk.d!, kid, alg: SIGNING_ALG, use: 'sig' };
}

const publicPart = (k: PrivateSigningJwk): PublicSigningJwk => ({
  kty: k.kty,
  crv: k.crv,
  x: k.x,
  kid: k.kid,
  alg: SIGNING_ALG,
  use: 'sig',
});

async function readRing(cfg: SigningKeysConfig): Promise<{ file: RingFile; source: string }> {
  if (cfg.SIGNING_KEYS !== undefined)
    return { file: await parseRing(cfg.SIGNING_KEYS, 'SIGNING_KEYS'), source: 'SIGNING_KEYS' };
  if (cfg.SIGNING_KEYS_FILE !== undefined) {
    const text = await readFile(cfg.SIGNING_KEYS_FILE, 'utf8').catch((err: Error) => {
      throw new SigningKeyError(`signing keys: cannot read ${cfg.SIGNING_KEYS_FILE}: ${err.message}`);
    });
    return { file: await parseRing(text, cfg.SIGNING_KEYS_FILE), source: cfg.SIGNING_KEYS_FILE };
  }
  if (cfg.devMode === false)
    refuseDevSecret(
      { mode: cfg.mode ?? 'production', devMode: false },
      'the development e-book signing ring in ANSINH_HOME (set SIGNING_KEYS or SIGNING_KEYS_FILE)',
    );
  return { file: await ensureDevRing(cfg.home), source: path.join(cfg.home, DEV_SIGNING_KEYS_FILE) };
}

/** The development ring, created atomically when absent (written aside, hard-linked into place: a concurrent caller reads the winner's). */
async function ensureDevRing(home: string): Promise<RingFile> {
  await mkdir(home, { recursive: true });
  const file = path.join(home, DEV_SIGNING_KEYS_FILE);
  let text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return null;
    throw err;
  });
  if (text === null) {
    const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(tmp, JSON.stringify({ keys: [await newKey()] }, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
    try {
      await link(tmp, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      await unlink(tmp);
    }
    text = await readFile(file, 'utf8');
  }
  await chmod(file, 0o600);
  return parseRing(text, file);
}

async function parseRing(text: string, source: string): Promise<RingFile> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new SigningKeyError(`signing keys: ${source} is not JSON`);
  }
  const keys = (parsed as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys) || keys.length === 0)
    throw new SigningKeyError(`signing keys: ${source} is not a JWKS with at least one key`);
  const current = (parsed as { current?: unknown }).current;
  if (current !== undefined && typeof current !== 'string')
    throw new SigningKeyError(`signing keys: ${source}: "current" must be a kid`);
  const ring: PrivateSigningJwk[] = [];
  for (const [i, k] of (keys as Partial<PrivateSigningJwk>[]).entries()) {
    if (k.kty !== 'OKP' || k.crv !== 'Ed25519' || typeof k.x !== 'string' || typeof k.d !== 'string')
      throw new SigningKeyError(`signing keys: ${source}: key ${i} is not an Ed25519 private JWK`);
    const kid = await jose.calculateJwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x: k.x });
    if (k.kid !== undefined && k.kid !== kid)
      throw new SigningKeyError(`signing keys: ${source}: key ${i}'s kid is not its RFC 7638 thumbprint`);
    ring.push({ kty: 'OKP', crv: 'Ed25519', x: k.x, d: k.d, kid, alg: SIGNING_ALG, use: 'sig' });
  }
  return current === undefined ? { keys: ring } : { current, keys: ring };
}

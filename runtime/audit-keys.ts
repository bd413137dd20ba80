/**
 * The Ed25519 key audit checkpoints are signed with (a minimal key loader of this branch's own; the
 * e-book signing key ring, runtime/signing-keys.ts of another branch, has the same shape and is
 * meant to replace it at merge). First match wins:
 * - AUDIT_SIGNING_KEY: the JSON text of a private Ed25519 JWK (an environment variable from a secret store);
 * - AUDIT_SIGNING_KEY_FILE: a file holding one (a mounted secret);
 * - neither: the development key `<ANSINH_HOME>/audit-signing-key.json`, created on first use (mode 0600).
 * The kid is the key's RFC 7638 thumbprint.
 */
import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as jose from 'jose';
import { refuseDevSecret, type Config } from './config';

export const AUDIT_SIGNING_ALG = 'EdDSA';
export const DEV_AUDIT_KEY_FILE = 'audit-signing-key.json';

export interface AuditKeysConfig {
  home: string;
  AUDIT_SIGNING_KEY?: string | undefined;
  /** The process's mode (runtime/config.ts): the development key is refused outside development and test mode. */
  mode?: Config['mode'];
  devMode?: boolean;
  AUDIT_SIGNING_KEY_FILE?: string | undefined;
}

export interface PublicAuditJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  alg: typeof AUDIT_SIGNING_ALG;
  use: 'sig';
}

export interface AuditSigningKey {
  kid: string;
  publicJwk: PublicAuditJwk;
  /** A compact JWS (payload attached) over `payload`, protected header `{ alg: "EdDSA", kid }`. */
  sign(payload: string): Promise<string>;
  /** The payload of a JWS this key signed; throws AuditKeyError when the signature does not verify. */
  verify(jws: string): Promise<string>;
}

export class AuditKeyError extends Error {
  override readonly name = 'AuditKeyError';
}

async function readOrCreateDevKey(home: string): Promise<{ jwk: jose.JWK; source: string }> {
  const file = path.join(home, DEV_AUDIT_KEY_FILE);
  try {
    return { jwk: JSON.parse(await readFile(file, 'utf8')) as jose.JWK, source: file };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const { privateKey } = await jose.generateKeyPair(AUDIT_SIGNING_ALG, { crv: 'Ed25519', extractable: true });
  const jwk = await jose.exportJWK(privateKey);
  await mkdir(home, { recursive: true });
  // Written whole under a name of its own, then linked into place: another process starting at the
  // same moment (two worker pools on one home) never reads a half-written key, and link fails with
  // EEXIST if one came first — the key written first is kept.
  const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(tmp, JSON.stringify(jwk) + '\n', { mode: 0o600, flag: 'wx' });
  try {
    await link(tmp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return { jwk: JSON.parse(await readFile(file, 'utf8')) as jose.JWK, source: file };
  } finally {
    await unlink(tmp).catch(() => {});
  }
  return { jwk, source: file };
}

/** The development key, refused outside development and test mode like every development secret. */
function devKey(cfg: AuditKeysConfig) {
  if (cfg.devMode === false)
    refuseDevSecret(
      { mode: cfg.mode ?? 'production', devMode: false },
      'the development audit signing key in ANSINH_HOME (set AUDIT_SIGNING_KEY or AUDIT_SIGNING_KEY_FILE)',
    );
  return readOrCreateDevKey(cfg.home);
}

export async function loadAuditSigningKey(cfg: AuditKeysConfig): Promise<AuditSigningKey> {
  const { jwk, source } = cfg.AUDIT_SIGNING_KEY
    ? { jwk: JSON.parse(cfg.AUDIT_SIGNING_KEY) as jose.JWK, source: 'AUDIT_SIGNING_KEY' }
    : cfg.AUDIT_SIGNING_KEY_FILE
      ? {
          jwk: JSON.parse(await readFile(cfg.AUDIT_SIGNING_KEY_FILE, 'utf8')) as jose.JWK,
          source: cfg.AUDIT_SIGNING_KEY_FILE,
        }
      : await devKey(cfg);
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || !jwk.d || !jwk.x)
    throw new AuditKeyError(`audit signing key (${source}): not a private Ed25519 JWK`);
  const kid = await jose.calculateJwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x: jwk.x });
  const privateKey = await jose.importJWK({ ...jwk, alg: AUDIT_SIGNING_ALG }, AUDIT_SIGNING_ALG);
  const publicJwk: PublicAuditJwk = { kty: 'OKP', crv: 'Ed25519', x: jwk.x, kid, alg: AUDIT_SIGNING_ALG, use: 'sig' };
  const publicKey = await jose.importJWK(publicJwk, AUDIT_SIGNING_ALG);
  return {
    kid,
    publicJwk,
    sign: (payload) =>
      new jose.CompactSign(new TextEncoder().encode(payload))
        .setProtectedHeader({ alg: AUDIT_SIGNING_ALG, kid })
        .sign(privateKey),
    async verify(jws) {
      try {
        const { payload } = await jose.compactVerify(jws, publicKey, { algorithms: [AUDIT_SIGNING_ALG] });
        return new TextDecoder().decode(payload);
      } catch (err) {
        throw new AuditKeyError(`checkpoint signature does not verify with key ${kid}: ${(err as Error).message}`);
      }
    },
  };
}

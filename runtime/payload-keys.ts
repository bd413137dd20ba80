/**
 * The payload key ring from configuration (runtime/config.ts):
 * - PAYLOAD_KEYS (`kid:base64key,kid:base64key`; the current one PAYLOAD_KEY_CURRENT, default the last);
 * - else PAYLOAD_KEYS_FILE (a mounted secret: the key file format below);
 * - else the development key file ANSINH_HOME/payload-keys.json, created on first use (mode 0600).
 * Key file: `{ "current": "k2", "keys": { "k1": "<base64 32 bytes>", "k2": "…" } }`.
 * `rotateKeyFile` (`ansinh keys rotate`) adds a key and makes it current, keeping the old ones.
 */
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  linkSync,
  mkdirSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DomainError } from '../domain/errors';
import { refuseDevSecret, type Config } from './config';
import { checkKey, KEY_BYTES, staticKeyRing, type KeyRing, type PayloadKey } from './payload-codec';

export const DEV_PAYLOAD_KEY_FILE = 'payload-keys.json';

const keyFileSchema = z.object({
  current: z.string().min(1),
  keys: z.record(z.string(), z.string().min(1)),
});
type KeyFile = z.infer<typeof keyFileSchema>;

const configError = (message: string) => new DomainError('CONFIG', message);

function keyOf(id: string, base64: string): PayloadKey {
  const k = { id, key: new Uint8Array(Buffer.from(base64, 'base64')) };
  try {
    checkKey(k);
  } catch (e) {
    throw configError((e as Error).message);
  }
  return k;
}

/** PAYLOAD_KEYS: `kid:base64key` separated by commas (or new lines). */
export function parseKeyList(list: string, currentId?: string): KeyRing {
  const keys = list
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const at = entry.indexOf(':');
      if (at <= 0) throw configError('PAYLOAD_KEYS: each entry is `kid:base64key`');
      return keyOf(entry.slice(0, at), entry.slice(at + 1));
    });
  if (keys.length === 0) throw configError('PAYLOAD_KEYS: no key given');
  if (new Set(keys.map((k) => k.id)).size !== keys.length) throw configError('PAYLOAD_KEYS: a key id given twice');
  const current = currentId ?? keys[keys.length - 1]!.id;
  if (!keys.some((k) => k.id === current))
    throw configError(`PAYLOAD_KEY_CURRENT: "${current}" is not a key of PAYLOAD_KEYS`);
  return staticKeyRing(keys, current);
}

function readKeyFile(file: string): KeyFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw configError(`payload key file ${file}: ${(e as Error).message}`);
  }
  const r = keyFileSchema.safeParse(parsed);
  if (!r.success) throw configError(`payload key file ${file}: expected { "current": kid, "keys": { kid: base64 } }`);
  if (!(r.data.current in r.data.keys))
    throw configError(`payload key file ${file}: the current key "${r.data.current}" is not in "keys"`);
  return r.data;
}

function ringOf(f: KeyFile): KeyRing {
  return staticKeyRing(
    Object.entries(f.keys).map(([id, k]) => keyOf(id, k)),
    f.current,
  );
}

/** A ring read from a key file, re-read when a payload names a key it does not hold (another process rotated). */
export function fileKeyRing(file: string): KeyRing {
  let ring = ringOf(readKeyFile(file));
  return {
    current: () => ring.current(),
    keys: () => ring.keys(),
    reload: () => {
      ring = ringOf(readKeyFile(file));
    },
  };
}

const newKey = () => randomBytes(KEY_BYTES).toString('base64');

/** Writes a file only if none is there (two processes starting at once keep the first one's key). */
function createExclusive(file: string, content: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(tmp, content, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(tmp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    unlinkSync(tmp);
  }
}

const serialise = (f: KeyFile) => JSON.stringify(f, null, 2) + '\n';

/** The development key file of ANSINH_HOME, created with one key (k1) on first use. */
export function ensureDevKeyFile(home: string): string {
  const file = path.join(home, DEV_PAYLOAD_KEY_FILE);
  if (!existsSync(file)) createExclusive(file, serialise({ current: 'k1', keys: { k1: newKey() } }));
  chmodSync(file, 0o600);
  return file;
}

/** The key file `ansinh keys rotate` writes to: PAYLOAD_KEYS_FILE or the development file; none with PAYLOAD_KEYS. */
export function keyFileOf(cfg: Config): string | null {
  if (cfg.PAYLOAD_KEYS) return null;
  if (cfg.PAYLOAD_KEYS_FILE) return cfg.PAYLOAD_KEYS_FILE;
  refuseDevSecret(cfg, 'the development payload key file in ANSINH_HOME (set PAYLOAD_KEYS or PAYLOAD_KEYS_FILE)');
  return ensureDevKeyFile(cfg.home);
}

export function keyRingFrom(cfg: Config): KeyRing {
  if (cfg.PAYLOAD_KEYS) return parseKeyList(cfg.PAYLOAD_KEYS, cfg.PAYLOAD_KEY_CURRENT);
  return fileKeyRing(keyFileOf(cfg)!);
}

/** Adds a new key (k<n+1>) to a key file and makes it current; the old keys stay to decode old payloads. */
export function rotateKeyFile(file: string): { current: string; keys: string[] } {
  const f = readKeyFile(file);
  const n = Math.max(0, ...Object.keys(f.keys).map((id) => Number(/^k(\d+)$/.exec(id)?.[1] ?? 0)));
  const id = `k${n + 1}`;
  const next: KeyFile = { current: id, keys: { ...f.keys, [id]: newKey() } };
  const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(tmp, serialise(next), { mode: 0o600, flag: 'wx' });
  renameSync(tmp, file);
  return { current: id, keys: Object.keys(next.keys) };
}

/**
 * Temporal payloads encrypted at rest (AES-256-GCM), after Temporal's samples-typescript
 * `encryption` sample. Each encoded payload is the whole original Payload (protobuf), encrypted
 * under the key ring's current key with a random 12-byte IV; its metadata says
 * `encoding: binary/encrypted` and `encryption-key-id: <kid>`. Every key of the ring decodes, so
 * rotating keeps old histories readable; a payload without that encoding (written before the codec)
 * passes through decode unchanged. Workers, clients, the API's codec server and tests use it through
 * `dataConverterFor`; workflow code never imports it (codecs run outside the sandbox).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import path from 'node:path';
import {
  METADATA_ENCODING_KEY,
  ValueError,
  type DataConverter,
  type Payload,
  type PayloadCodec,
} from '@temporalio/common';
import { temporal } from '@temporalio/proto';

export const ENCODING_ENCRYPTED = 'binary/encrypted';
export const METADATA_KEY_ID = 'encryption-key-id';
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const KEY_BYTES = 32;

/** One AES-256 key and the id payloads name it by. */
export interface PayloadKey {
  id: string;
  key: Uint8Array;
}

/**
 * Where the codec finds its keys: a file or environment variable today (runtime/payload-keys.ts),
 * a KMS later. `current()` encrypts new payloads; every key of `keys()` decrypts.
 */
export interface KeyRing {
  current(): PayloadKey;
  keys(): readonly PayloadKey[];
  /** Re-reads the keys (a payload named a key this process has not seen: another process rotated). */
  reload?(): void;
}

export const KEY_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

/** A ring of given keys (tests, environment variables). */
export function staticKeyRing(keys: readonly PayloadKey[], currentId: string): KeyRing {
  for (const k of keys) checkKey(k);
  const current = keys.find((k) => k.id === currentId);
  if (!current) throw new Error(`payload key ring: the current key "${currentId}" is not in the ring`);
  return { current: () => current, keys: () => keys };
}

export function checkKey(k: PayloadKey): void {
  if (!KEY_ID_PATTERN.test(k.id)) throw new Error(`payload key id "${k.id}" must match ${KEY_ID_PATTERN}`);
  if (k.key.length !== KEY_BYTES)
    throw new Error(`payload key "${k.id}" must be ${KEY_BYTES} bytes (AES-256), not ${k.key.length}`);
}

const utf8 = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array | null | undefined) => (b ? Buffer.from(b).toString('utf8') : undefined);
/** Binds the ciphertext to its key id: a payload cannot be relabelled to another key. */
const aad = (kid: string) => Buffer.from(`ansinh-payload-v1:${kid}`);

export class EncryptionCodec implements PayloadCodec {
  private byId = new Map<string, Uint8Array>();

  constructor(private readonly ring: KeyRing) {
    this.index();
  }

  private index(): void {
    this.byId = new Map(this.ring.keys().map((k) => [k.id, k.key]));
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    const { id, key } = this.ring.current();
    return payloads.map((p) => ({
      metadata: { [METADATA_ENCODING_KEY]: utf8(ENCODING_ENCRYPTED), [METADATA_KEY_ID]: utf8(id) },
      data: encrypt(temporal.api.common.v1.Payload.encode(p).finish(), key, id),
    }));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((p) => {
      if (text(p.metadata?.[METADATA_ENCODING_KEY]) !== ENCODING_ENCRYPTED) return p;
      const kid = text(p.metadata?.[METADATA_KEY_ID]);
      if (!kid) throw new ValueError('an encrypted payload without its key id');
      if (!p.data) throw new ValueError('an encrypted payload without data');
      const plain = decrypt(p.data, this.keyFor(kid), kid);
      return temporal.api.common.v1.Payload.decode(plain);
    });
  }

  private keyFor(kid: string): Uint8Array {
    let key = this.byId.get(kid);
    if (!key && this.ring.reload) {
      this.ring.reload();
      this.index();
      key = this.byId.get(kid);
    }
    if (!key) throw new ValueError(`a payload encrypted under key "${kid}", which is not in the key ring`);
    return key;
  }
}

function encrypt(plain: Uint8Array, key: Uint8Array, kid: string): Uint8Array {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad(kid));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]);
}

function decrypt(data: Uint8Array, key: Uint8Array, kid: string): Uint8Array {
  if (data.length < IV_BYTES + TAG_BYTES) throw new ValueError('an encrypted payload too short to be one');
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const decipher = createDecipheriv('aes-256-gcm', key, buf.subarray(0, IV_BYTES));
  decipher.setAAD(aad(kid));
  decipher.setAuthTag(buf.subarray(buf.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(buf.subarray(IV_BYTES, buf.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new ValueError(`an encrypted payload failed authentication under key "${kid}" (altered, or a wrong key)`);
  }
}

export const FAILURE_CONVERTER_PATH = path.join(__dirname, 'failure-converter.ts');

/**
 * The data converter of every Temporal client and worker: payloads encrypted by the ring, failure
 * messages and stack traces moved into an (encrypted) payload. `null` = no codec (the benchmark's
 * BENCH_CODEC=off only).
 */
export function dataConverterFor(ring: KeyRing | null): DataConverter {
  if (!ring) return {};
  return { payloadCodecs: [new EncryptionCodec(ring)], failureConverterPath: FAILURE_CONVERTER_PATH };
}

/**
 * The payload codec (runtime/payload-codec.ts) and its key ring from configuration
 * (runtime/payload-keys.ts): what Temporal stores is AES-256-GCM ciphertext naming its key; every
 * key of the ring decodes, so a rotation keeps old histories readable; payloads written before the
 * codec pass through; an altered payload is refused.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../runtime/config';
import { ENCODING_ENCRYPTED, EncryptionCodec, METADATA_KEY_ID, staticKeyRing } from '../../runtime/payload-codec';
import {
  DEV_PAYLOAD_KEY_FILE,
  ensureDevKeyFile,
  fileKeyRing,
  keyRingFrom,
  rotateKeyFile,
} from '../../runtime/payload-keys';
import { testKey, TEST_KEY_RING } from '../setup/keys';

const run = promisify(execFile);
const text = (b: Uint8Array | null | undefined) => Buffer.from(b ?? new Uint8Array()).toString('utf8');
const plain = (v: unknown): Payload => defaultPayloadConverter.toPayload(v);
const value = (p: Payload) => defaultPayloadConverter.fromPayload(p);
const SECRET = { personalId: '001190012345', fullName: 'Nguyễn Thị Mai', amount: '7200000' };
const tmpHome = () => mkdtempSync(path.join(tmpdir(), 'ansinh-keys-'));

describe('the payload codec', () => {
  const codec = new EncryptionCodec(TEST_KEY_RING);

  it('round trip: the stored payload is ciphertext naming its key (binary/encrypted, test-1); decode gives the value back', async () => {
    const [enc] = await codec.encode([plain(SECRET)]);
    expect(text(enc!.metadata!.encoding)).toBe(ENCODING_ENCRYPTED);
    expect(text(enc!.metadata![METADATA_KEY_ID])).toBe('test-1');
    expect(Object.keys(enc!.metadata!).sort()).toEqual(['encoding', METADATA_KEY_ID].sort());
    const stored = Buffer.from(enc!.data!).toString('latin1');
    for (const s of ['001190012345', '7200000', 'personalId', 'json/plain']) expect(stored).not.toContain(s);
    const [dec] = await codec.decode([enc!]);
    expect(value(dec!)).toEqual(SECRET);
    expect(text(dec!.metadata!.encoding)).toBe('json/plain');
  });

  it('a random IV per payload: the same value encodes differently each time', async () => {
    const [a, b] = await codec.encode([plain(SECRET), plain(SECRET)]);
    expect(Buffer.from(a!.data!).equals(Buffer.from(b!.data!))).toBe(false);
    expect(Buffer.from(a!.data!).subarray(0, 12).equals(Buffer.from(b!.data!).subarray(0, 12))).toBe(false);
  });

  it('a payload written before the codec (plain JSON, or binary/null) passes through decode unchanged', async () => {
    const old = plain(SECRET);
    const none = plain(undefined);
    const [a, b] = await codec.decode([old, none]);
    expect(a).toBe(old);
    expect(b).toBe(none);
    expect(value(a!)).toEqual(SECRET);
  });

  it('an altered ciphertext, a payload relabelled to another key, or an unknown key is refused', async () => {
    const [enc] = await codec.encode([plain(SECRET)]);
    const flipped = new Uint8Array(enc!.data!);
    flipped[20] = flipped[20]! ^ 1;
    await expect(codec.decode([{ ...enc!, data: flipped }])).rejects.toThrow(
      /failed authentication under key "test-1"/,
    );
    const truncated = enc!.data!.subarray(0, enc!.data!.length - 1);
    await expect(codec.decode([{ ...enc!, data: truncated }])).rejects.toThrow(/failed authentication/);

    // A ring with two keys: the payload of test-1 relabelled test-2 does not decrypt (the key id is bound in).
    const two = new EncryptionCodec(staticKeyRing([testKey('test-1'), testKey('test-2')], 'test-2'));
    const relabelled = { ...enc!, metadata: { ...enc!.metadata, [METADATA_KEY_ID]: Buffer.from('test-2') } };
    await expect(two.decode([relabelled])).rejects.toThrow(/failed authentication/);
    const unknown = { ...enc!, metadata: { ...enc!.metadata, [METADATA_KEY_ID]: Buffer.from('k9') } };
    await expect(codec.decode([unknown])).rejects.toThrow(/key "k9", which is not in the key ring/);
  });
});

describe('the key ring from configuration', () => {
  it('development: a key file in ANSINH_HOME created on first use, mode 0600, the same on the next start', async () => {
    const home = tmpHome();
    const cfg = loadConfig({ ANSINH_HOME: home });
    const ring = keyRingFrom(cfg);
    const file = path.join(home, DEV_PAYLOAD_KEY_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(ring.current().id).toBe('k1');
    expect(ring.current().key).toHaveLength(32);
    expect(Buffer.from(keyRingFrom(cfg).current().key).equals(Buffer.from(ring.current().key))).toBe(true);
  });

  it('rotation: a new key becomes current, the old one stays; old payloads decode, new ones name the new key — in a process started before the rotation too', async () => {
    const home = tmpHome();
    const file = ensureDevKeyFile(home);
    const before = new EncryptionCodec(fileKeyRing(file));
    const [old] = await before.encode([plain(SECRET)]);
    expect(text(old!.metadata![METADATA_KEY_ID])).toBe('k1');

    expect(rotateKeyFile(file)).toEqual({ current: 'k2', keys: ['k1', 'k2'] });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const after = new EncryptionCodec(fileKeyRing(file));
    const [fresh] = await after.encode([plain(SECRET)]);
    expect(text(fresh!.metadata![METADATA_KEY_ID])).toBe('k2');
    expect(value((await after.decode([old!]))[0]!)).toEqual(SECRET);
    // The process that started before the rotation reads the file again when it meets k2.
    expect(value((await before.decode([fresh!]))[0]!)).toEqual(SECRET);
    expect(JSON.parse(readFileSync(file, 'utf8')).current).toBe('k2');
  });

  it('production: PAYLOAD_KEYS (kid:base64, current PAYLOAD_KEY_CURRENT or the last) or a mounted PAYLOAD_KEYS_FILE; malformed keys are refused', async () => {
    const b64 = (id: string) => Buffer.from(testKey(id).key).toString('base64');
    const ring = keyRingFrom(loadConfig({ PAYLOAD_KEYS: `a:${b64('a')}, b:${b64('b')}` }));
    expect(ring.current().id).toBe('b');
    expect(ring.keys().map((k) => k.id)).toEqual(['a', 'b']);
    expect(
      keyRingFrom(loadConfig({ PAYLOAD_KEYS: `a:${b64('a')},b:${b64('b')}`, PAYLOAD_KEY_CURRENT: 'a' })).current().id,
    ).toBe('a');
    // What one process writes under PAYLOAD_KEYS another with the same keys reads.
    const [enc] = await new EncryptionCodec(ring).encode([plain(SECRET)]);
    const other = keyRingFrom(loadConfig({ PAYLOAD_KEYS: `b:${b64('b')}` }));
    expect(value((await new EncryptionCodec(other).decode([enc!]))[0]!)).toEqual(SECRET);

    expect(() => keyRingFrom(loadConfig({ PAYLOAD_KEYS: `a:${Buffer.alloc(16).toString('base64')}` }))).toThrow(
      /32 bytes/,
    );
    expect(() => keyRingFrom(loadConfig({ PAYLOAD_KEYS: `a:${b64('a')}`, PAYLOAD_KEY_CURRENT: 'z' }))).toThrow(
      /"z" is not a key/,
    );
    expect(() => keyRingFrom(loadConfig({ PAYLOAD_KEYS: b64('a') }))).toThrow(/kid:base64key/);

    const secret = ensureDevKeyFile(tmpHome());
    const mounted = loadConfig({ PAYLOAD_KEYS_FILE: secret, ANSINH_HOME: tmpHome() });
    expect(keyRingFrom(mounted).current().id).toBe('k1');
  });

  it('`ansinh keys rotate` rotates the key file and says which key is current; with PAYLOAD_KEYS it refuses and writes nothing', async () => {
    const home = tmpHome();
    const file = ensureDevKeyFile(home);
    const bin = path.join(process.cwd(), 'bin', 'ansinh.cjs');
    const env: NodeJS.ProcessEnv = { ...process.env, ANSINH_HOME: home, LOG_LEVEL: 'silent' };
    for (const k of ['PAYLOAD_KEYS', 'PAYLOAD_KEY_CURRENT', 'PAYLOAD_KEYS_FILE', 'DATABASE_URL', 'TEMPORAL_ADDRESS'])
      delete env[k];
    const r = await run(process.execPath, [bin, '--json', 'keys', 'rotate'], { env });
    expect(JSON.parse(r.stdout)).toEqual({ current: 'k2', keys: ['k1', 'k2'], file });
    const refused = await run(process.execPath, [bin, 'keys', 'rotate'], {
      env: { ...env, PAYLOAD_KEYS: `a:${Buffer.from(testKey('a').key).toString('base64')}` },
    }).catch((e: { code: number; stderr: string }) => e);
    expect(refused).toMatchObject({ code: 1 });
    expect((refused as { stderr: string }).stderr).toMatch(/PAYLOAD_KEYS/);
    expect(JSON.parse(readFileSync(file, 'utf8')).current).toBe('k2');
  });
});

/**
 * The tests' payload key ring: fixed keys (no file), so every test client and worker encrypts its
 * Temporal payloads as production does, and any of them decodes what another wrote.
 */
import { createHash } from 'node:crypto';
import { dataConverterFor, staticKeyRing, type PayloadKey } from '../../runtime/payload-codec';

export const testKey = (id: string): PayloadKey => ({
  id,
  key: new Uint8Array(createHash('sha256').update(`ansinh-test-payload-key:${id}`).digest()),
});

export const TEST_KEY_RING = staticKeyRing([testKey('test-1')], 'test-1');

/** The data converter of every test client, worker and test environment. */
export const testDataConverter = dataConverterFor(TEST_KEY_RING);

/** The same ring as PAYLOAD_KEYS, for `ansinh` run as a child process. */
export const TEST_PAYLOAD_KEYS_ENV = {
  PAYLOAD_KEYS: TEST_KEY_RING.keys()
    .map((k) => `${k.id}:${Buffer.from(k.key).toString('base64')}`)
    .join(','),
  PAYLOAD_KEY_CURRENT: TEST_KEY_RING.current().id,
};

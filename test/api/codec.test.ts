/**
 * The API's codec server for Temporal's Web UI (api/routes/codec.ts): the UI's remote-codec
 * protocol, operators only, CORS for the UI's origin (its preflight carries the Authorization header).
 */
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EncryptionCodec } from '../../runtime/payload-codec';
import { TEST_KEY_RING } from '../setup/keys';
import { apiFixture, bearer, TEST_UI_ORIGIN, type ApiFixture } from './fixture';

let f: ApiFixture;
let operator: string;
beforeAll(async () => {
  f = await apiFixture('codec');
  operator = await f.token({ role: 'operator' });
});
afterAll(async () => {
  await f?.close();
});

const codec = new EncryptionCodec(TEST_KEY_RING);
const b64 = (b: Uint8Array | null | undefined) => Buffer.from(b ?? new Uint8Array()).toString('base64');
const wire = (p: Payload) => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, b64(v)])),
  data: b64(p.data),
});
const fromWire = (w: { metadata: Record<string, string>; data: string }): Payload => ({
  metadata: Object.fromEntries(Object.entries(w.metadata).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  data: Buffer.from(w.data, 'base64'),
});
const VALUE = { period: '2026-10', amount: '7200000' };
const call = (op: 'encode' | 'decode', body: unknown, headers: Record<string, string> = {}) =>
  f.app.inject({ method: 'POST', url: `/codec/${op}`, headers, payload: body as object });

describe('the codec server', () => {
  it('an operator decodes what a worker stored: 200 with the payload in clear, in the UI’s base64 protocol', async () => {
    const stored = await codec.encode([defaultPayloadConverter.toPayload(VALUE), defaultPayloadConverter.toPayload(1)]);
    const r = await call('decode', { payloads: stored.map(wire) }, bearer(operator));
    expect(r.statusCode, r.body).toBe(200);
    const out = (JSON.parse(r.body).payloads as { metadata: Record<string, string>; data: string }[]).map(fromWire);
    expect(out.map((p) => defaultPayloadConverter.fromPayload(p))).toEqual([VALUE, 1]);
    expect(Buffer.from(out[0]!.metadata!.encoding!).toString()).toBe('json/plain');
  });

  it('encode gives ciphertext that decodes back; a payload from before the codec decodes as it is', async () => {
    const clear = wire(defaultPayloadConverter.toPayload(VALUE));
    const enc = await call('encode', { payloads: [clear] }, bearer(operator));
    expect(enc.statusCode, enc.body).toBe(200);
    const [encrypted] = JSON.parse(enc.body).payloads;
    expect(Buffer.from(encrypted.metadata.encoding, 'base64').toString()).toBe('binary/encrypted');
    expect(Buffer.from(encrypted.data, 'base64').toString('latin1')).not.toContain('7200000');
    const dec = await call('decode', { payloads: [encrypted, clear] }, bearer(operator));
    expect(JSON.parse(dec.body).payloads).toEqual([clear, clear]);
  });

  it('an altered payload is 400 PAYLOAD_UNDECODABLE (never a 5xx)', async () => {
    const [p] = await codec.encode([defaultPayloadConverter.toPayload(VALUE)]);
    const data = new Uint8Array(p!.data!);
    data[15] = data[15]! ^ 0xff;
    const r = await call('decode', { payloads: [wire({ ...p!, data })] }, bearer(operator));
    expect(r.statusCode, r.body).toBe(400);
    expect(JSON.parse(r.body)).toMatchObject({ code: 'PAYLOAD_UNDECODABLE' });
  });

  it('the dev Web UI’s endpoint carries the token in its path (/codec/t/<token>): an operator’s decodes, an officer’s is 403, a forged one 401', async () => {
    const stored = await codec.encode([defaultPayloadConverter.toPayload(VALUE)]);
    const inPath = (token: string) =>
      f.app.inject({ method: 'POST', url: `/codec/t/${token}/decode`, payload: { payloads: stored.map(wire) } });
    const ok = await inPath(operator);
    expect(ok.statusCode, ok.body).toBe(200);
    const out = (JSON.parse(ok.body).payloads as { metadata: Record<string, string>; data: string }[]).map(fromWire);
    expect(defaultPayloadConverter.fromPayload(out[0]!)).toEqual(VALUE);
    const officer = await inPath(await f.token({ role: 'officer' }));
    expect(officer.statusCode).toBe(403);
    expect(officer.body).not.toContain('7200000');
    const forged = await inPath(operator.slice(0, -4) + 'AAAA');
    expect(forged.statusCode).toBe(401);
    expect(forged.body).not.toContain('7200000');
  });

  it('outside development mode there is no token-in-path endpoint: /codec/t/<token>/decode is 404 even with an operator’s token', async () => {
    const prod = await apiFixture('codec-prod', { codecTokenInPath: false });
    try {
      const stored = await codec.encode([defaultPayloadConverter.toPayload(VALUE)]);
      const r = await prod.app.inject({
        method: 'POST',
        url: `/codec/t/${await prod.token({ role: 'operator' })}/decode`,
        payload: { payloads: stored.map(wire) },
      });
      expect(r.statusCode).toBe(404);
      expect(r.body).not.toContain('7200000');
    } finally {
      await prod.close();
    }
  });

  it('only operators: every other role is 403, no token 401', async () => {
    const stored = (await codec.encode([defaultPayloadConverter.toPayload(VALUE)])).map(wire);
    const others = [
      await f.token({ role: 'officer' }),
      await f.token({ role: 'bank' }),
      await f.token({ role: 'employer', taxCode: f.a.employer.taxCode }),
      await f.token({ role: 'participant', personalId: f.a.employees[0]!.personalId, level: 2 }),
      await f.token({ role: 'facility', facilityCode: '79001' }),
    ];
    for (const t of others) {
      for (const op of ['decode', 'encode'] as const) {
        const r = await call(op, { payloads: stored }, bearer(t));
        expect(r.statusCode, r.body).toBe(403);
        expect(JSON.parse(r.body).code).toBe('FORBIDDEN');
        expect(r.body).not.toContain('7200000');
      }
    }
    const anonymous = await call('decode', { payloads: stored });
    expect(anonymous.statusCode).toBe(401);
    expect(JSON.parse(anonymous.body).code).toBe('UNAUTHENTICATED');
  });

  it('CORS: the UI origin’s preflight (with Authorization) is answered without a token; the answer names that origin; another origin is not allowed', async () => {
    const preflight = await f.app.inject({
      method: 'OPTIONS',
      url: '/codec/decode',
      headers: {
        origin: TEST_UI_ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type,x-namespace',
      },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(TEST_UI_ORIGIN);
    expect(String(preflight.headers['access-control-allow-methods'])).toContain('POST');
    expect(String(preflight.headers['access-control-allow-headers']).toLowerCase()).toContain('authorization');
    expect(preflight.headers['access-control-allow-credentials']).toBe('true');

    const stored = (await codec.encode([defaultPayloadConverter.toPayload(VALUE)])).map(wire);
    const actual = await call('decode', { payloads: stored }, { ...bearer(operator), origin: TEST_UI_ORIGIN });
    expect(actual.statusCode).toBe(200);
    expect(actual.headers['access-control-allow-origin']).toBe(TEST_UI_ORIGIN);

    const foreign = await f.app.inject({
      method: 'OPTIONS',
      url: '/codec/decode',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
    // The rest of the API answers no CORS at all.
    const v1 = await f.app.inject({ url: '/healthz', headers: { origin: TEST_UI_ORIGIN } });
    expect(v1.headers['access-control-allow-origin']).toBeUndefined();
  });
});

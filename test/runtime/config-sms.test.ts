/**
 * The relay's SMS gateway comes from configuration only (services/sms.ts): unset, there is none (an
 * `sms` notice is dead, a phone change refused); SMS_GATEWAY_URL needs its bearer token, is https
 * (http only on this machine), and the brandname is one the carriers register (≤ 11 characters).
 */
import { describe, expect, it } from 'vitest';
import { loadConfig, smsGatewayOf } from '../../runtime/config';

const base = { ANSINH_MODE: 'test' as const, ANSINH_HOME: '/tmp/ansinh-config-sms' };
const TOKEN = 'gateway-token-0123456789';

describe('SMS gateway configuration', () => {
  it('unset: no gateway', () => {
    expect(smsGatewayOf(loadConfig(base))).toBeNull();
  });

  it('complete: the gateway with its token, the default brandname and timeout', () => {
    const cfg = loadConfig({
      ...base,
      SMS_GATEWAY_URL: 'https://sms.example.vn/v1/messages',
      SMS_GATEWAY_TOKEN: TOKEN,
    });
    expect(smsGatewayOf(cfg)).toEqual({
      url: 'https://sms.example.vn/v1/messages',
      token: TOKEN,
      sender: 'BHXH',
      timeoutMs: 10_000,
    });
    expect(
      smsGatewayOf(loadConfig({ ...base, SMS_GATEWAY_URL: 'http://127.0.0.1:9000/sms', SMS_GATEWAY_TOKEN: TOKEN })),
    ).toMatchObject({ url: 'http://127.0.0.1:9000/sms' });
  });

  it('refuses to start on a URL without its token, a plain http URL elsewhere than this machine, or a brandname too long', () => {
    expect(() => loadConfig({ ...base, SMS_GATEWAY_URL: 'https://sms.example.vn/v1' })).toThrow(
      /SMS_GATEWAY_TOKEN: required with SMS_GATEWAY_URL/,
    );
    expect(() =>
      loadConfig({ ...base, SMS_GATEWAY_URL: 'http://sms.example.vn/v1', SMS_GATEWAY_TOKEN: TOKEN }),
    ).toThrow(/SMS_GATEWAY_URL: an https:\/\/ URL/);
    expect(() =>
      loadConfig({
        ...base,
        SMS_GATEWAY_URL: 'https://sms.example.vn/v1',
        SMS_GATEWAY_TOKEN: TOKEN,
        SMS_SENDER: 'BAO-HIEM-XA-HOI',
      }),
    ).toThrow(/SMS_SENDER/);
  });
});

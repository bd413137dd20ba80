/**
 * The console's OpenID Connect settings come from configuration only (issue #12): OIDC_ISSUER needs
 * its client and callback (a partial block refuses to start, naming what is missing), the resource
 * defaults to the API's audience, and the console receives them (api/run.ts consoleOptionsFrom);
 * unset, there is no OIDC sign-in.
 */
import { describe, expect, it } from 'vitest';
import { consoleOptionsFrom } from '../../api/run';
import { loadConfig, oidcSettingsOf } from '../../runtime/config';

const base = { ANSINH_MODE: 'test' as const, ANSINH_HOME: '/tmp/ansinh-config-oidc' };
const oidc = {
  OIDC_ISSUER: 'https://vneid.example.vn',
  OIDC_CLIENT_ID: 'ansinh-console',
  OIDC_REDIRECT_URL: 'https://bhxh.example.vn/console/login/oidc/callback',
};

describe('OIDC configuration', () => {
  it('unset: no OIDC sign-in', () => {
    const cfg = loadConfig(base);
    expect(oidcSettingsOf(cfg)).toBeNull();
    expect(consoleOptionsFrom(cfg, true).oidc).toBeUndefined();
  });

  it('complete: the settings reach the console, the resource defaulting to AUTH_AUDIENCE', () => {
    const cfg = loadConfig({
      ...base,
      ...oidc,
      OIDC_CLIENT_SECRET: 's3cret',
      AUTH_AUDIENCE: 'https://api.bhxh.example.vn',
    });
    expect(oidcSettingsOf(cfg)).toEqual({
      issuer: 'https://vneid.example.vn',
      clientId: 'ansinh-console',
      clientSecret: 's3cret',
      redirectUrl: 'https://bhxh.example.vn/console/login/oidc/callback',
      scope: 'openid',
      resource: 'https://api.bhxh.example.vn',
    });
    expect(consoleOptionsFrom(cfg, true).oidc).toEqual(oidcSettingsOf(cfg));
  });

  it('partial: refused, naming each missing variable; a malformed URL too', () => {
    expect(() => loadConfig({ ...base, OIDC_ISSUER: oidc.OIDC_ISSUER })).toThrow(
      /OIDC_CLIENT_ID: required with OIDC_ISSUER[\s\S]*OIDC_REDIRECT_URL: required with OIDC_ISSUER/,
    );
    expect(() => loadConfig({ ...base, OIDC_CLIENT_ID: 'x' })).toThrow(/OIDC_ISSUER: required with OIDC_CLIENT_ID/);
    expect(() => loadConfig({ ...base, ...oidc, OIDC_REDIRECT_URL: 'not a url' })).toThrow(/OIDC_REDIRECT_URL/);
  });
});

/**
 * The callback's freshness check (console/oidc.ts freshEnough; OpenID Connect Core 1.0 sections 3.1.2.1 and
 * 3.1.3.7 item 13): when max_age was asked for, the ID token's auth_time is required and at most
 * max_age seconds before now on the application clock, and not more than a minute after it.
 */
import { describe, expect, it } from 'vitest';
import { freshEnough } from '../../console/oidc';
import { RECOVERY_SIGN_IN_MAX_AGE_SEC } from '../../console/routes/oidc';

const now = Date.UTC(2026, 11, 1, 3, 0, 0);
const sec = now / 1000;

describe('a fresh sign-in (OIDC Core 3.1.3.7: auth_time against max_age)', () => {
  it('asks a recovery’s sign-in for 900 seconds, the API’s 15 minutes', () => {
    expect(RECOVERY_SIGN_IN_MAX_AGE_SEC).toBe(900);
  });

  it('accepts an auth_time up to max_age seconds old, and refuses one a second older', () => {
    expect(freshEnough(sec, 900, now)).toBe(true);
    expect(freshEnough(sec - 900, 900, now)).toBe(true);
    expect(freshEnough(sec - 901, 900, now)).toBe(false);
  });

  it('refuses an absent or malformed auth_time (required when max_age is asked for), and one from the future beyond a minute', () => {
    for (const bad of [undefined, null, '1796100000', Number.NaN]) expect(freshEnough(bad, 900, now)).toBe(false);
    expect(freshEnough(sec + 60, 900, now)).toBe(true);
    expect(freshEnough(sec + 61, 900, now)).toBe(false);
  });
});

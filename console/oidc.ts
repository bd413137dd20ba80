/**
 * Production sign-in: OpenID Connect (openid-client v6), the authorization code flow with PKCE.
 * VNeID is the identity provider of participants. The provider's access token is a JWT for the
 * API's audience — in production AUTH_JWKS_URL / AUTH_ISSUER / AUTH_AUDIENCE name the same
 * provider — so the console's session holds exactly what the API verifies, and the API's own
 * verifier decides who the person is (role, binding, VNeID level).
 *
 * Discovery runs at the first sign-in and is remembered; a provider that is down fails that
 * sign-in, not the process. What the callback must check (state, nonce, the PKCE verifier) travels
 * in a short-lived signed cookie, never in a server-side table.
 *
 * A sign-in that must be FRESH (an account-access recovery: the API wants `auth_time` within 15
 * minutes) asks the provider for it — `max_age` and `prompt=login` (OIDC Core 3.1.2.1) — and the
 * callback checks the ID token's `auth_time` against that max_age on the application clock
 * (3.1.3.7 item 13): a provider that answers with an older sign-in, or none, is refused.
 */
import * as oidc from 'openid-client';

export interface OidcSettings {
  /** The provider's issuer URL (discovery at <issuer>/.well-known/openid-configuration). */
  issuer: string;
  clientId: string;
  /** Absent = a public client (PKCE only). */
  clientSecret?: string | undefined;
  /** The console's callback, registered with the provider (…/console/login/oidc/callback). */
  redirectUrl: string;
  /** Scopes asked for; default `openid`. */
  scope?: string | undefined;
  /** The API's audience, asked for as the access token's resource (RFC 8707); absent = the provider's default. */
  resource?: string | undefined;
}

/** What the callback checks, kept in the signed cookie between the redirect and the callback. */
export interface PendingLogin {
  state: string;
  nonce: string;
  verifier: string;
  /** When the login started (ms, the application clock); older than PENDING_LOGIN_MS is refused. */
  at: number;
  /** The `max_age` asked for (seconds), when the sign-in must be fresh: the callback checks `auth_time` against it. */
  maxAge?: number | undefined;
}

/** Seconds a provider's clock may run ahead of ours before an `auth_time` in the future is refused. */
const AUTH_TIME_SKEW_SEC = 60;

/** How long a started login may take before its callback is refused (the cookie's lifetime too). */
export const PENDING_LOGIN_MS = 10 * 60 * 1000;

export class OidcRefusal extends Error {
  override readonly name = 'OidcRefusal';
  constructor(
    readonly code:
      | 'OIDC_STATE_MISMATCH'
      | 'OIDC_LOGIN_EXPIRED'
      | 'OIDC_CALLBACK_INVALID'
      | 'OIDC_NO_ACCESS_TOKEN'
      | 'OIDC_SIGN_IN_NOT_FRESH',
    message: string,
  ) {
    super(message);
  }
}

export interface Oidc {
  readonly settings: OidcSettings;
  /**
   * The provider's authorization URL and what the callback will check. With `maxAge` (seconds) the
   * sign-in must be fresh: `max_age` and `prompt=login` are asked for, and the callback checks `auth_time`.
   */
  begin(now: number, opts?: { maxAge?: number }): Promise<{ url: URL; pending: PendingLogin }>;
  /** Exchanges the code of the callback URL for the tokens, after checking state, nonce and PKCE. */
  finish(callbackUrl: URL, pending: PendingLogin, now: number): Promise<{ accessToken: string; subject: string }>;
}

/** http:// is allowed only for a provider on this machine (tests, a local provider). */
const loopback = (u: URL) => u.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);

export function createOidc(settings: OidcSettings): Oidc {
  const issuer = new URL(settings.issuer);
  let config: Promise<oidc.Configuration> | null = null;
  const configuration = () => {
    config ??= oidc
      .discovery(
        issuer,
        settings.clientId,
        settings.clientSecret === undefined ? { token_endpoint_auth_method: 'none' } : undefined,
        settings.clientSecret === undefined ? oidc.None() : oidc.ClientSecretBasic(settings.clientSecret),
        loopback(issuer) ? { execute: [oidc.allowInsecureRequests] } : undefined,
      )
      .catch((err: unknown) => {
        config = null; // try again at the next sign-in
        throw err;
      });
    return config;
  };
  const resource: Record<string, string> = settings.resource ? { resource: settings.resource } : {};

  return {
    settings,
    async begin(now, opts = {}) {
      const c = await configuration();
      const pending: PendingLogin = {
        state: oidc.randomState(),
        nonce: oidc.randomNonce(),
        verifier: oidc.randomPKCECodeVerifier(),
        at: now,
        ...(opts.maxAge !== undefined ? { maxAge: opts.maxAge } : {}),
      };
      // A fresh sign-in: the person authenticates again however recent their session at the provider.
      const fresh: Record<string, string> =
        opts.maxAge !== undefined ? { max_age: String(opts.maxAge), prompt: 'login' } : {};
      const url = oidc.buildAuthorizationUrl(c, {
        redirect_uri: settings.redirectUrl,
        scope: settings.scope ?? 'openid',
        response_type: 'code',
        code_challenge: await oidc.calculatePKCECodeChallenge(pending.verifier),
        code_challenge_method: 'S256',
        state: pending.state,
        nonce: pending.nonce,
        ...fresh,
        ...resource,
      });
      return { url, pending };
    },
    async finish(callbackUrl, pending, now) {
      if (now - pending.at > PENDING_LOGIN_MS || now < pending.at)
        throw new OidcRefusal('OIDC_LOGIN_EXPIRED', 'the sign-in took too long; start again');
      if (callbackUrl.searchParams.get('state') !== pending.state)
        throw new OidcRefusal('OIDC_STATE_MISMATCH', 'the answer of the identity provider is not for this sign-in');
      const c = await configuration();
      let tokens: oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers;
      try {
        tokens = await oidc.authorizationCodeGrant(
          c,
          callbackUrl,
          {
            pkceCodeVerifier: pending.verifier,
            expectedState: pending.state,
            expectedNonce: pending.nonce,
            idTokenExpected: true,
          },
          resource,
        );
      } catch (err) {
        // The provider's message may repeat what it was sent; only its kind is passed on.
        throw new OidcRefusal(
          'OIDC_CALLBACK_INVALID',
          `the identity provider's answer was refused (${(err as { code?: string }).code ?? (err as Error).name})`,
        );
      }
      const claims = tokens.claims();
      const subject = claims?.sub;
      if (!tokens.access_token || !subject)
        throw new OidcRefusal('OIDC_NO_ACCESS_TOKEN', 'the identity provider gave no access token');
      if (pending.maxAge !== undefined && !freshEnough(claims?.auth_time, pending.maxAge, now))
        throw new OidcRefusal(
          'OIDC_SIGN_IN_NOT_FRESH',
          `the identity provider did not answer with a sign-in of the last ${pending.maxAge} seconds`,
        );
      return { accessToken: tokens.access_token, subject };
    },
  };
}

/**
 * Whether the ID token's `auth_time` (epoch seconds) is within `maxAge` seconds of `now` (ms, the
 * application clock): REQUIRED when max_age was asked for (OIDC Core 3.1.2.1), so absent is not
 * fresh; one more than a minute in the future is not either (a provider's clock cannot be that far).
 */
export function freshEnough(authTime: unknown, maxAge: number, now: number): boolean {
  if (typeof authTime !== 'number' || !Number.isFinite(authTime)) return false;
  const nowSec = Math.floor(now / 1000);
  return authTime <= nowSec + AUTH_TIME_SKEW_SEC && nowSec - authTime <= maxAge;
}

/**
 * A local OpenID Connect provider for the console's sign-in tests (oidc-provider, in process, on a
 * free port): the authorization code flow with PKCE, and — through resource indicators (RFC 8707)
 * — JWT access tokens for the API's audience carrying the claims the API's verifier maps (role,
 * personal_id / tax_code / facility, ial) and `auth_time` (when the person signed in, as the API's
 * recovery check reads it). The login page is skipped: the test says who signs in next
 * (`signInAs`), and the interaction finishes at once with that account and its consent — at a
 * sign-in time the test may set in the past (`authTime`); `ignoreFreshness` makes it a provider that
 * disregards `max_age` and `prompt=login` (it answers with that older sign-in instead).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as jose from 'jose';
import Provider, { type Configuration } from 'oidc-provider';

export interface TestAccount {
  role: string;
  personal_id?: string;
  tax_code?: string;
  facility?: string;
  /** The VNeID identity level (`ial`). */
  ial?: number;
}

export interface TestProvider {
  issuer: string;
  jwksUrl: string;
  /** The resource (and the access token's audience): an absolute URI, as RFC 8707 requires. */
  audience: string;
  clientId: string;
  clientSecret: string;
  /** Who the next sign-in is (their subject and claims), and when they signed in (epoch seconds; default now). */
  signInAs(subject: string, account: TestAccount, opts?: { authTime?: number }): void;
  /** Whether the provider disregards `max_age` and `prompt=login` (default false: it honours them). */
  ignoreFreshness: boolean;
  /** The query of every authorization request it received (what the console asked for). */
  authorizationRequests: URLSearchParams[];
  close(): Promise<void>;
}

export const TEST_AUDIENCE = 'urn:ansinh:api';
const API_SCOPE = 'api';

export async function startOidcProvider(redirectUri: string): Promise<TestProvider> {
  const accounts = new Map<string, TestAccount>();
  let next: string | null = null;
  let nextAuthTime: number | undefined;
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const { privateKey } = await jose.generateKeyPair('RS256', { extractable: true });
  const jwk = await jose.exportJWK(privateKey);
  const clientId = 'ansinh-console';
  const clientSecret = 'test-console-client-secret-0123456789';

  const configuration: Configuration = {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
        // The ID token always says when the person signed in (the console checks it for a recovery).
        require_auth_time: true,
      },
    ],
    jwks: { keys: [{ ...jwk, kid: await jose.calculateJwkThumbprint(jwk), alg: 'RS256', use: 'sig' }] as never },
    cookies: { keys: ['test-oidc-provider-cookie-key'] },
    scopes: ['openid'],
    features: {
      devInteractions: { enabled: false },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => TEST_AUDIENCE,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx: unknown, resource: string) => {
          if (resource !== TEST_AUDIENCE) throw new Error(`unknown resource ${resource}`);
          return {
            scope: API_SCOPE,
            audience: TEST_AUDIENCE,
            accessTokenFormat: 'jwt',
            accessTokenTTL: 3600, // the API accepts a participant's token for 1 h at most
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    findAccount: (_ctx, sub) => (accounts.has(sub) ? { accountId: sub, claims: () => ({ sub }) } : undefined),
    extraTokenClaims: (ctx, token) => {
      const accountId = (token as { accountId?: string }).accountId;
      // The sign-in's time, carried from the authorization code (what the API checks for a recovery).
      const authTime = (ctx as { oidc: { entities: { AuthorizationCode?: { authTime?: number } } } }).oidc.entities
        .AuthorizationCode?.authTime;
      return accountId
        ? { ...accounts.get(accountId), ...(typeof authTime === 'number' ? { auth_time: authTime } : {}) }
        : undefined;
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    ttl: { AccessToken: 3600, IdToken: 3600, AuthorizationCode: 60, Interaction: 600, Session: 3600, Grant: 3600 },
  };
  const provider = new Provider(issuer, configuration);
  // No log noise from expected refusals.
  provider.on('server_error', () => {});
  const handle = provider.callback();

  server.on('request', (req, res) => {
    if (req.url?.startsWith('/auth?')) {
      const query = new URLSearchParams(req.url.slice('/auth?'.length));
      result.authorizationRequests.push(new URLSearchParams(query));
      if (result.ignoreFreshness) {
        // A provider that disregards the freshness asked for: it answers with whatever sign-in it has.
        query.delete('max_age');
        query.delete('prompt');
        req.url = `/auth?${query.toString()}`;
      }
    }
    if (req.url?.startsWith('/interaction/')) {
      void (async () => {
        try {
          await provider.interactionDetails(req, res); // the interaction exists and is this browser's
          const accountId = next;
          if (!accountId) throw new Error('the test did not say who signs in');
          const grant = new provider.Grant({ accountId, clientId });
          grant.addOIDCScope('openid');
          grant.addResourceScope(TEST_AUDIENCE, API_SCOPE);
          const grantId = await grant.save();
          await provider.interactionFinished(
            req,
            res,
            { login: { accountId, ...(nextAuthTime !== undefined ? { ts: nextAuthTime } : {}) }, consent: { grantId } },
            { mergeWithLastSubmission: false },
          );
        } catch (err) {
          res.statusCode = 500;
          res.end(String(err));
        }
      })();
      return;
    }
    handle(req, res);
  });

  const result: TestProvider = {
    issuer,
    jwksUrl: `${issuer}/jwks`,
    audience: TEST_AUDIENCE,
    clientId,
    clientSecret,
    ignoreFreshness: false,
    authorizationRequests: [],
    signInAs(subject, account, opts = {}) {
      accounts.set(subject, account);
      next = subject;
      nextAuthTime = opts.authTime;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return result;
}

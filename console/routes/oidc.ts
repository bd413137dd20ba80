/**
 * Production sign-in through OpenID Connect (console/oidc.ts): GET /console/login/oidc sends the
 * browser to the provider (VNeID) with state, nonce and a PKCE challenge, keeping what the callback
 * checks in a signed cookie that lives 10 minutes; the callback exchanges the code, and the API's
 * own verifier decides who the access token names. A participant below VNeID level 2 is refused
 * with a page that says so, and no session is opened; so is an answer for another sign-in. A sign-in
 * that ends at the account-access recovery (`next` under /console/recovery) must be fresh: the
 * provider is asked for `max_age=900` and `prompt=login`, and an answer whose `auth_time` is older
 * (or absent) is refused — the API wants a sign-in of the last 15 minutes to start a recovery.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as jose from 'jose';
import { z } from 'zod';
import { AuthError } from '../../api/auth';
import { RECOVERY_FRESH_SIGN_IN_MINUTES } from '../../domain/recovery';
import type { MessageKey } from '../../messages';
import { createOidc, OidcRefusal, PENDING_LOGIN_MS, type PendingLogin } from '../oidc';
import { consolePath, ROLE_HOME, sendPage, type ConsoleDeps } from '../context';
import { pageContext } from '../page';
import { OidcRefusedPage } from '../views/oidc-refused';
import { startSession } from './signin';

export const OIDC_COOKIE = 'ansinh_oidc';
const COOKIE_PATH = '/console/login/oidc';

const pendingSchema = z.object({
  state: z.string().min(1).max(200),
  nonce: z.string().min(1).max(200),
  verifier: z.string().min(43).max(128),
  at: z.number().int(),
  maxAge: z.number().int().min(0).max(86_400).optional(),
  next: z.string().max(500).optional(),
});

/** The `max_age` of a sign-in for an account-access recovery: the API's freshness (domain/recovery.ts), 900 s. */
export const RECOVERY_SIGN_IN_MAX_AGE_SEC = RECOVERY_FRESH_SIGN_IN_MINUTES * 60;
/** Whether a sign-in ending at this console path must be fresh (the recovery's pages). */
const needsFreshSignIn = (next: string) => {
  const path = next.split('?')[0]!;
  return path === '/console/recovery' || path.startsWith('/console/recovery/');
};

export async function oidcRoutes(app: FastifyInstance, deps: ConsoleDeps): Promise<void> {
  const settings = deps.options.oidc;
  if (!settings) return;
  const oidc = createOidc(settings);
  const now = () => deps.api.clock().getTime();

  const refuse = (req: FastifyRequest, reply: FastifyReply, key: MessageKey, status: number, params = {}) =>
    sendPage(reply, OidcRefusedPage({ ctx: pageContext(req, reply), message: key, params }), status);

  app.get('/login/oidc', async (req: FastifyRequest<{ Querystring: { next?: string } }>, reply) => {
    const next = consolePath(req.query.next);
    let started: Awaited<ReturnType<typeof oidc.begin>>;
    try {
      started = await oidc.begin(now(), needsFreshSignIn(next) ? { maxAge: RECOVERY_SIGN_IN_MAX_AGE_SEC } : {});
    } catch {
      return refuse(req, reply, 'oidc.refused.provider', 503);
    }
    void reply.setCookie(OIDC_COOKIE, Buffer.from(JSON.stringify({ ...started.pending, next })).toString('base64url'), {
      path: COOKIE_PATH,
      httpOnly: true,
      // The provider sends the browser back with a top-level GET: Lax cookies go with it.
      sameSite: 'lax',
      secure: deps.options.secureCookies,
      signed: true,
      maxAge: PENDING_LOGIN_MS / 1000,
    });
    return reply.redirect(started.url.href, 303);
  });

  app.get('/login/oidc/callback', async (req, reply) => {
    const pending = pendingOf(req);
    void reply.clearCookie(OIDC_COOKIE, { path: COOKIE_PATH });
    if (!pending) return refuse(req, reply, 'oidc.refused.state', 400);
    const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
    const callbackUrl = new URL(settings.redirectUrl);
    callbackUrl.search = query;
    if (callbackUrl.searchParams.has('error')) return refuse(req, reply, 'oidc.refused.provider', 400);

    let accessToken: string;
    let subject: string;
    try {
      ({ accessToken, subject } = await oidc.finish(callbackUrl, pending, now()));
    } catch (err) {
      if (err instanceof OidcRefusal) {
        if (err.code === 'OIDC_SIGN_IN_NOT_FRESH') return refuse(req, reply, 'oidc.refused.fresh', 401);
        const stale = err.code === 'OIDC_STATE_MISMATCH' || err.code === 'OIDC_LOGIN_EXPIRED';
        return refuse(req, reply, stale ? 'oidc.refused.state' : 'oidc.refused.provider', 400);
      }
      return refuse(req, reply, 'oidc.refused.provider', 503);
    }
    // The access token must name the person the ID token names (a token issued for someone else is refused).
    let tokenSubject: unknown;
    try {
      tokenSubject = jose.decodeJwt(accessToken).sub;
    } catch {
      tokenSubject = undefined;
    }
    if (tokenSubject !== subject) return refuse(req, reply, 'oidc.refused.token', 401);
    try {
      const { role } = await startSession(deps, req, reply, accessToken);
      const next = consolePath(pending.next);
      return reply.redirect(next === '/console' ? ROLE_HOME[role] : next, 303);
    } catch (err) {
      if (!(err instanceof AuthError)) throw err;
      if (err.code === 'IDENTITY_LEVEL_TOO_LOW') {
        const ial = jose.decodeJwt(accessToken)['ial'];
        return refuse(req, reply, 'oidc.refused.level', 403, { level: typeof ial === 'number' ? ial : 0 });
      }
      return refuse(req, reply, 'oidc.refused.token', 401);
    }
  });
}

/** What the start of this sign-in left in its signed cookie, or null (absent, forged, malformed). */
function pendingOf(req: FastifyRequest): (PendingLogin & { next?: string | undefined }) | null {
  const raw = req.cookies[OIDC_COOKIE];
  if (!raw) return null;
  const unsigned = req.unsignCookie(raw);
  if (!unsigned.valid || !unsigned.value) return null;
  try {
    const parsed = pendingSchema.safeParse(JSON.parse(Buffer.from(unsigned.value, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Signing in and out, the language switch and the console's home. Development mints a token for the
 * role and binding picked on the form (api/auth.ts mintToken, the development key); production signs
 * in through OpenID Connect (console/routes/oidc.ts). Either way the session holds a token the API's
 * verifier accepts, and it is verified again here before a session is opened.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as jose from 'jose';
import { z } from 'zod';
import { AuthError, ROLES, type Role } from '../../api/auth';
import { isLang } from '../../messages';
import { closeSession, openSession } from '../../services/console-sessions';
import { primaryRevocationKey, subjectHash } from '../../services/token-revocations';
import { DEV_CLAIM_SUBJECT_KEY } from '../../runtime/config';
import {
  consolePath,
  CSRF_COOKIE,
  LANG_COOKIE,
  ROLE_HOME,
  sendPage,
  SESSION_COOKIE,
  langOf,
  type ConsoleDeps,
} from '../context';
import { pageContext } from '../page';
import { SignInPage, type SignInForm } from '../views/signin';

const devForm = z.object({
  role: z.enum(ROLES as [Role, ...Role[]]),
  taxCode: z.string().trim().max(14).optional(),
  personalId: z.string().trim().max(12).optional(),
  facilityCode: z.string().trim().max(5).optional(),
  level: z.enum(['1', '2']).optional(),
  next: z.string().max(500).optional(),
});

/**
 * Verifies a token with the API's own verifier and opens a session for it: the cookie gets the id,
 * the database its hash and the token. Shared with the OIDC callback.
 */
export async function startSession(
  deps: ConsoleDeps,
  req: FastifyRequest,
  reply: FastifyReply,
  token: string,
): Promise<{ role: Role }> {
  const principal = await deps.api.verifier(`Bearer ${token}`);
  const exp = jose.decodeJwt(token).exp;
  const now = deps.api.clock();
  const { id } = await openSession(deps.api.db, {
    token,
    role: principal.role,
    tokenExpiresAt: exp ? new Date(exp * 1000) : now,
    now,
    ...(req.consoleSessionId ? { replacing: req.consoleSessionId } : {}),
    ...(deps.options.sessionHours ? { maxHours: deps.options.sessionHours } : {}),
    // Filed under the subject's keyed hash, so an account-access recovery can end it (issue #14 part 3).
    subjectHash: subjectHash(deps.api.subjectKey ?? DEV_CLAIM_SUBJECT_KEY, primaryRevocationKey(principal)),
  });
  // A browser-session cookie (no Expires): closing the browser ends it; the row ends at its expiry.
  void reply.setCookie(SESSION_COOKIE, id, {
    path: '/console',
    httpOnly: true,
    sameSite: 'lax',
    secure: deps.options.secureCookies,
    signed: true,
  });
  void reply.clearCookie(CSRF_COOKIE, { path: '/console' });
  return { role: principal.role };
}

export async function signInRoutes(app: FastifyInstance, deps: ConsoleDeps): Promise<void> {
  const oidc = () => app.hasRoute({ method: 'GET', url: '/console/login/oidc' });

  app.get('/', async (req, reply) => {
    const s = req.consoleSession;
    return reply.redirect(s ? ROLE_HOME[s.principal.role] : '/console/signin', 303);
  });

  app.get('/signin', async (req: FastifyRequest<{ Querystring: { next?: string } }>, reply) => {
    const next = consolePath(req.query.next);
    return sendPage(
      reply,
      SignInPage({ ctx: pageContext(req, reply), next, dev: !!deps.options.devSignIn, oidc: oidc() }),
    );
  });

  // The development sign-in exists only where a development minter was given (never in production).
  const devSignIn = deps.options.devSignIn;
  if (devSignIn)
    app.post('/signin', async (req, reply) => {
      const parsed = devForm.safeParse(req.body ?? {});
      const form = (req.body ?? {}) as SignInForm;
      const next = consolePath(parsed.success ? parsed.data.next : undefined);
      const refuse = (reason: string) =>
        sendPage(
          reply,
          SignInPage({ ctx: pageContext(req, reply), next, dev: true, oidc: oidc(), error: reason, form }),
          400,
        );
      if (!parsed.success) return refuse(parsed.error.issues.map((i) => i.path.join('.')).join(', '));
      const f = parsed.data;
      const opt = (v: string | undefined) => (v ? v : undefined);
      let token: string;
      try {
        token = await devSignIn({
          role: f.role,
          ...(f.role === 'employer' && opt(f.taxCode) ? { taxCode: f.taxCode } : {}),
          ...(f.role === 'participant' && opt(f.personalId) ? { personalId: f.personalId } : {}),
          ...(f.role === 'facility' && opt(f.facilityCode) ? { facilityCode: f.facilityCode } : {}),
          ...(f.role === 'participant' && f.level ? { level: Number(f.level) } : {}),
          // Signed in just now: a recovery needs a fresh sign-in (issue #14 part 3).
          ...(f.role === 'participant' ? { authTime: Math.floor(deps.api.clock().getTime() / 1000) } : {}),
          ttl: f.role === 'participant' ? '1h' : '8h',
        });
        const { role } = await startSession(deps, req, reply, token);
        return reply.redirect(next === '/console' ? ROLE_HOME[role] : next, 303);
      } catch (err) {
        if (err instanceof AuthError) return refuse(`${err.code} — ${err.message}`);
        throw err;
      }
    });

  app.post('/signout', async (req, reply) => {
    // By the cookie's id, whether or not its token still verifies: signing out always ends the session.
    if (req.consoleSessionId) await closeSession(deps.api.db, req.consoleSessionId);
    void reply.clearCookie(SESSION_COOKIE, { path: '/console' });
    void reply.clearCookie(CSRF_COOKIE, { path: '/console' });
    return reply.redirect('/console/signin', 303);
  });

  // The language is a preference, not an action: a plain link sets it (no form, no CSRF token needed).
  app.get(
    '/lang/:lang',
    async (req: FastifyRequest<{ Params: { lang: string }; Querystring: { back?: string } }>, reply) => {
      const lang = isLang(req.params.lang) ? req.params.lang : langOf(req);
      void reply.setCookie(LANG_COOKIE, lang, {
        path: '/console',
        httpOnly: true,
        sameSite: 'lax',
        secure: deps.options.secureCookies,
        maxAge: 365 * 24 * 3600,
      });
      return reply.redirect(consolePath(req.query.back), 303);
    },
  );
}

/**
 * The web console (issue #12), served under /console by the API's own Fastify process:
 * server-rendered pages (preact-render-to-string, escaped by default) with progressive enhancement
 * by htmx (served from node_modules by @fastify/static: no bundler, no CDN). Cookies and CSRF
 * protection exist only inside this scope; the API's routes keep bearer tokens alone.
 *
 * Every page reads and acts through the API in process (console/api.ts) with the session's token.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import type { ApiDeps } from '../api/context';
import { isLang, type MessageKey } from '../messages';
import { findSession } from '../services/console-sessions';
import { CSRF_COOKIE, LANG_COOKIE, SESSION_COOKIE, sendPage, type ConsoleDeps, type ConsoleOptions } from './context';
import { pageContext } from './page';
import { officerRoutes } from './routes/officer';
import { signInRoutes } from './routes/signin';
import { employerRoutes } from './routes/employer';
import { oidcRoutes } from './routes/oidc';
import { facilityRoutes } from './routes/facility';
import { participantRoutes } from './routes/participant';
import { operatorRoutes } from './routes/operator';
import { recoveryRoutes } from './routes/recovery';
import { declarationCaseConsoleRoutes } from './routes/declaration-cases';
import { dataUpdateRoutes } from './routes/data-updates';
import { employerFileRoutes } from './routes/employer-file';
import { ErrorPage } from './views/layout';

/** Each area of the console registers its routes here (relative to /console). */
export type ConsoleRoutes = (app: FastifyInstance, deps: ConsoleDeps) => Promise<void>;
const AREAS: ConsoleRoutes[] = [
  signInRoutes,
  oidcRoutes,
  facilityRoutes,
  participantRoutes,
  employerRoutes,
  officerRoutes,
  operatorRoutes,
  recoveryRoutes,
  declarationCaseConsoleRoutes,
  dataUpdateRoutes,
  employerFileRoutes,
];

const HTMX_DIR = path.dirname(require.resolve('htmx.org/dist/htmx.min.js'));
const ASSETS_DIR = path.join(__dirname, 'assets');

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export async function registerConsole(root: FastifyInstance, api: ApiDeps, options: ConsoleOptions): Promise<void> {
  if (options.cookieSecret.length < 32) throw new Error('console: the cookie secret must have at least 32 characters');
  const deps: ConsoleDeps = { api, options, root };
  await root.register(
    async (app) => {
      await app.register(cookie, { secret: options.cookieSecret });
      await app.register(formbody, { bodyLimit: 256 * 1024 });
      // The CSRF token is bound to the session (its id is the token's user info) and the secret's
      // cookie is cleared at every sign-in and sign-out: a token handed out before either is void.
      await app.register(csrf, {
        cookieKey: CSRF_COOKIE,
        getUserInfo: (req: FastifyRequest) => req.consoleSessionId ?? 'anonymous',
        csrfOpts: { hmacKey: createHash('sha256').update(`csrf:${options.cookieSecret}`).digest() },
        cookieOpts: {
          path: '/console',
          httpOnly: true,
          sameSite: 'strict',
          secure: options.secureCookies,
          signed: true,
        },
        getToken: (req: FastifyRequest) =>
          ((req.body as Record<string, unknown> | undefined)?.['_csrf'] as string | undefined) ??
          (req.headers['x-csrf-token'] as string | undefined),
      });
      await app.register(fastifyStatic, {
        root: [ASSETS_DIR, HTMX_DIR],
        prefix: '/assets/',
        decorateReply: false,
        maxAge: '1h',
        allowedPath: (p) => /^\/(console\.css|htmx\.min\.js)$/.test(p),
      });

      app.decorateRequest('lang', 'vi');
      app.decorateRequest('consoleSession', null);
      app.decorateRequest('consoleSessionId', null);
      app.addHook('onRequest', async (req) => {
        const lang = req.cookies[LANG_COOKIE];
        req.lang = isLang(lang) ? lang : 'vi';
        const raw = req.cookies[SESSION_COOKIE];
        if (!raw) return;
        const unsigned = req.unsignCookie(raw);
        if (!unsigned.valid || !unsigned.value) return;
        req.consoleSessionId = unsigned.value;
        const row = await findSession(api.db, unsigned.value, api.clock());
        if (!row) return;
        try {
          const principal = await api.verifier(`Bearer ${row.token}`);
          req.consoleSession = { id: unsigned.value, token: row.token, principal };
        } catch {
          // The token expired or its key was rotated away: signed out.
        }
      });
      // Forms carry their CSRF token in the body, htmx in a header: checked once the body is parsed.
      app.addHook('preHandler', (req, reply, done) => {
        if (UNSAFE.has(req.method) && !req.is404) return app.csrfProtection(req, reply, done);
        done();
      });

      app.setErrorHandler((err: FastifyError & { consoleKey?: MessageKey }, req, reply) => {
        const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
        if (status === 500) req.log.error({ err: { type: err.name, code: err.code } }, 'console page failed');
        const ctx = pageContext(req, reply);
        const key: MessageKey =
          err.consoleKey ??
          (err.code?.startsWith('FST_CSRF') ? 'error.csrf' : status === 404 ? 'error.notFound' : 'error.unavailable');
        return sendPage(reply, ErrorPage({ ctx, message: ctx.t(key), code: err.code }), status);
      });
      app.setNotFoundHandler((req, reply) => {
        const ctx = pageContext(req, reply);
        return sendPage(reply, ErrorPage({ ctx, message: ctx.t('error.notFound') }), 404);
      });

      for (const area of AREAS) await area(app, deps);
    },
    { prefix: '/console' },
  );
}

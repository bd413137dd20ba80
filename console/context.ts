/**
 * What every console route shares (issue #12): the options the server passes in, the request's
 * language and session, and the helpers that send a page, refuse, or redirect. Routes import this
 * module, never console/plugin.ts.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { render } from 'preact-render-to-string';
import type { ApiDeps } from '../api/context';
import type { Principal, Role } from '../api/auth';
import type { ConsoleOptions } from './options';

export type { ConsoleOptions } from './options';
import { DEFAULT_LANG, isLang, translator, type Lang, type T } from '../messages';

/** The signed-in person: the token the console presents to the API, and who it says they are. */
export interface ConsoleSession {
  id: string;
  token: string;
  principal: Principal;
}

declare module 'fastify' {
  interface FastifyRequest {
    lang: Lang;
    consoleSession: ConsoleSession | null;
    /** The id the session cookie carries (signature checked), whether or not its session is still live. */
    consoleSessionId: string | null;
  }
  interface FastifyReply {
    generateCsrf(opts?: { userInfo?: string }): string;
  }
}

/** Everything a console route receives: the API's dependencies, the console's options and the root app (for api calls). */
export interface ConsoleDeps {
  api: ApiDeps;
  options: ConsoleOptions;
  /** The whole server: the console calls the API through it (console/api.ts), in process. */
  root: FastifyInstance;
}

export const SESSION_COOKIE = 'ansinh_sid';
export const LANG_COOKIE = 'ansinh_lang';
export const CSRF_COOKIE = 'ansinh_csrf';

/** Where each role lands after signing in. */
export const ROLE_HOME: Record<Role, string> = {
  officer: '/console/officer',
  employer: '/console/employer',
  participant: '/console/me',
  facility: '/console/facility',
  operator: '/console/operator',
  bank: '/console/signin',
};

export const langOf = (req: FastifyRequest): Lang => (isLang(req.lang) ? req.lang : DEFAULT_LANG);
export const tOf = (req: FastifyRequest): T => translator(langOf(req));

/** Sends a server-rendered page (escaped by preact-render-to-string); nothing personal is cached. */
export function sendPage(reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send('<!doctype html>' + render(page));
}

/** A fragment for htmx (no document around it). */
export function sendFragment(reply: FastifyReply, fragment: VNode, status = 200): FastifyReply {
  return reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(render(fragment));
}

/**
 * A path inside the console, or the console's home: a `next` or `back` parameter never leads
 * elsewhere — not to another origin, and not out of /console by dot segments, encoded
 * (`%2e%2e`, which browsers resolve) or not, or by backslashes.
 */
export function consolePath(value: unknown, fallback = '/console'): string {
  if (typeof value !== 'string' || value.length > 500 || !value.startsWith('/console')) return fallback;
  if (/%2e|%2f|%5c|\\|\/\//i.test(value)) return fallback;
  if (!/^\/console(\/[A-Za-z0-9._~%/?=&:-]*)?$/.test(value)) return fallback;
  const url = new URL(value, 'http://console.invalid');
  if (url.origin !== 'http://console.invalid') return fallback;
  if (url.pathname !== '/console' && !url.pathname.startsWith('/console/')) return fallback;
  return url.pathname + url.search;
}

/** The session, or a redirect to the sign-in page (then `null`); a role the page is not for gets 403. */
export function requireSession(
  req: FastifyRequest,
  reply: FastifyReply,
  roles: readonly Role[],
): ConsoleSession | null {
  const s = req.consoleSession;
  if (!s) {
    const next = encodeURIComponent(consolePath(req.url));
    if (req.headers['hx-request']) void reply.header('hx-redirect', `/console/signin?next=${next}`).code(401).send('');
    else void reply.redirect(`/console/signin?next=${next}`, 303);
    return null;
  }
  if (!roles.includes(s.principal.role)) {
    throw Object.assign(new Error('this page is not for this role'), {
      statusCode: 403,
      consoleKey: 'error.forbidden',
    });
  }
  return s;
}

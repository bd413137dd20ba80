/**
 * A browser's cookies for console tests that go through app.inject (no browser): the jar keeps
 * what the server sets, sends it back, and reads a page's CSRF token.
 */
import type { FastifyInstance } from 'fastify';

export type Jar = Map<string, string>;
type Answer = Awaited<ReturnType<FastifyInstance['inject']>>;

/** Keeps the cookies an answer sets (an emptied cookie is removed). */
export function keep(jar: Jar, res: { cookies: { name: string; value: string }[] }): void {
  for (const c of res.cookies) {
    if (c.value === '') jar.delete(c.name);
    else jar.set(c.name, c.value);
  }
}

export const cookieHeader = (jar: Jar) => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');

/** The CSRF token of a page's first form. */
export const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

export async function getWith(
  app: FastifyInstance,
  jar: Jar,
  url: string,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const res = await app.inject({ method: 'GET', url, headers: { cookie: cookieHeader(jar), ...headers } });
  keep(jar, res);
  return res;
}

/** Posts a form (application/x-www-form-urlencoded) with the jar's cookies. */
export async function postForm(
  app: FastifyInstance,
  jar: Jar,
  url: string,
  form: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const res = await app.inject({
    method: 'POST',
    url,
    headers: { cookie: cookieHeader(jar), 'content-type': 'application/x-www-form-urlencoded', ...headers },
    payload: new URLSearchParams(form).toString(),
  });
  keep(jar, res);
  return res;
}

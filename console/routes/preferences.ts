/**
 * The language preference form's action (issue 13), shared by the participant's page
 * (POST /console/me/preferences) and the employer's (POST /console/employer/preferences): the
 * language goes to the API in process (PUT …/preferences, the same policy, validation and audit
 * as any client), and on success the console's language cookie switches to it.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isLang } from '../../messages';
import { callApi, type Problem } from '../api';
import { LANG_COOKIE, type ConsoleDeps } from '../context';

export const langForm = z.object({ lang: z.string().max(20).optional() });

/**
 * Stores the language at `apiUrl`; null when it is stored (the cookie is set on `reply`), else the
 * refusal to show on the form (the API's problem; a missing choice is the API's INVALID_LANG too).
 */
export async function storeLangPreference(
  deps: ConsoleDeps,
  req: FastifyRequest,
  reply: FastifyReply,
  apiUrl: string,
): Promise<Problem | null> {
  const form = langForm.safeParse(req.body ?? {});
  const lang = form.success ? form.data.lang : undefined;
  const stored = await callApi<{ lang: string }>(deps, req, 'PUT', apiUrl, { lang: lang ?? null });
  if (!stored.ok) return stored.problem;
  if (isLang(stored.body.lang)) {
    req.lang = stored.body.lang;
    void reply.setCookie(LANG_COOKIE, stored.body.lang, {
      path: '/console',
      httpOnly: true,
      sameSite: 'lax',
      secure: deps.options.secureCookies,
      maxAge: 365 * 24 * 3600,
    });
  }
  return null;
}

/** The page context a view receives: language, translator, CSRF token, the path and the signed-in person. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { translator } from '../messages';
import { consolePath, langOf } from './context';
import type { PageContext } from './views/layout';

export function pageContext(req: FastifyRequest, reply: FastifyReply): PageContext {
  const lang = langOf(req);
  return {
    lang,
    t: translator(lang),
    csrf: reply.generateCsrf({ userInfo: req.consoleSessionId ?? 'anonymous' }),
    path: consolePath(req.url),
    principal: req.consoleSession?.principal ?? null,
  };
}

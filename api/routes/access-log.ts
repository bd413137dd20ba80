/** Who looked at my data (issue #11): a person's access log, newest first, a page at a time. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { accessLogPageSchema, pageQuerySchema, personalIdParamsSchema, problemSchema } from '../../domain/schemas';
import { accessLogPage } from '../../services/access-log';
import { authorised, decodeCursor, encodeCursor, logRead, type ApiDeps } from '../context';
import { tightLimit } from '../rate-limit';

export async function accessLogRoutes(root: FastifyInstance, deps: ApiDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/participants/:personalId/access-log',
    {
      config: tightLimit(deps),
      schema: {
        summary:
          "Who read this person's data (e-book, coverage, claims, employee lists): newest first, a page at a time (cursor from the previous page's nextCursor)",
        tags: ['e-books'],
        params: personalIdParamsSchema,
        querystring: pageQuerySchema,
        response: {
          200: accessLogPageSchema,
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
          429: problemSchema,
        },
      },
    },
    async (req) => {
      const { personalId } = req.params;
      authorised(req, 'accessLog.read', { personalId });
      const page = await accessLogPage(deps.db, personalId, {
        before: decodeCursor(req.query.cursor),
        limit: req.query.limit,
      });
      await logRead(req, deps, [personalId]);
      return { items: page.items, nextCursor: page.nextBefore === null ? null : encodeCursor(page.nextBefore) };
    },
  );
}

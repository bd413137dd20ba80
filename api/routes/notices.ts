/**
 * Notices (issue 13): the outbox as its readers see it. Operators list it by status — the dead
 * letters with `status=dead` — and queue a dead notice again; a participant (level 2, own) and
 * officers read a person's inbox, every notice to them with its delivery status. Subjects and
 * bodies in Vietnamese by default (`Accept-Language: en` for English).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { personalIdParamsSchema, problemSchema, taxCodeParamsSchema } from '../../domain/schemas';
import { listPageSchema } from '../../domain/schemas-lists';
import { noticeIdParamsSchema, noticePageSchema, noticeQuerySchema, noticeSchema } from '../../domain/schemas-notices';
import type { Lang } from '../../messages';
import { noticeDocument } from '../../services/documents';
import { employerInbox, noticesByStatus, participantInbox, retryDeadNotice } from '../../services/notices';
import { tightLimit } from '../rate-limit';
import { authorised, decodeKeyCursor, encodeKeyCursor, logRead, type ApiDeps } from '../context';

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };
const idKey = z.tuple([z.number().int().min(1)]);

/** English when the caller's Accept-Language prefers it; Vietnamese otherwise. */
const langOf = (req: FastifyRequest): Lang => (/^\s*en\b/i.test(req.headers['accept-language'] ?? '') ? 'en' : 'vi');

export async function noticeRoutes(root: FastifyInstance, deps: ApiDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/notices',
    {
      schema: {
        summary:
          'The outbox by delivery status, newest first (operator): status=dead lists the dead letters — notices the relay gave up on after its attempt limit, with the last error code',
        tags: ['notices'],
        querystring: noticeQuerySchema,
        response: { 200: noticePageSchema, ...problems },
      },
    },
    async (req) => {
      authorised(req, 'notices.read');
      const key = decodeKeyCursor(deps, req.query.cursor, idKey);
      const page = await noticesByStatus(deps.db, {
        ...(req.query.status ? { status: req.query.status } : {}),
        before: key ? key[0] : null,
        limit: req.query.limit,
        lang: langOf(req),
      });
      return { items: page.items, nextCursor: page.next ? encodeKeyCursor(deps, [page.next]) : null };
    },
  );

  app.post(
    '/notices/:id/retry',
    {
      schema: {
        summary:
          'Queue a dead notice again (operator): a fresh attempt budget on the same row, so the same Message-ID. 409 WRONG_STATE when the notice is not dead',
        tags: ['notices'],
        params: noticeIdParamsSchema,
        response: { 200: noticeSchema, ...problems },
      },
    },
    async (req) => {
      authorised(req, 'notices.retry');
      return retryDeadNotice(deps.db, req.params.id, deps.clock);
    },
  );

  app.get(
    '/participants/:personalId/notices',
    {
      schema: {
        summary:
          "A participant's inbox: every notice to them, newest first, with its status (queued, sending, sent, failed, dead) and how it went (e-mail or the inbox) — participant own, officer; access-logged",
        tags: ['notices', 'participants'],
        params: personalIdParamsSchema,
        querystring: listPageSchema,
        response: { 200: noticePageSchema, ...problems },
      },
    },
    async (req) => {
      const { personalId } = req.params;
      authorised(req, 'participant.notices', { personalId });
      const key = decodeKeyCursor(deps, req.query.cursor, idKey);
      const page = await participantInbox(deps.db, personalId, {
        before: key ? key[0] : null,
        limit: req.query.limit,
        lang: langOf(req),
      });
      await logRead(req, deps, [personalId]);
      return { items: page.items, nextCursor: page.next ? encodeKeyCursor(deps, [page.next]) : null };
    },
  );

  app.get(
    '/employers/:taxCode/notices',
    {
      schema: {
        summary:
          "An employer's inbox: every notice to the unit (its onboarding's outcome, its arrears notices), newest first, with its status — employer own, officer",
        tags: ['notices', 'employers'],
        params: taxCodeParamsSchema,
        querystring: listPageSchema,
        response: { 200: noticePageSchema, ...problems },
      },
    },
    async (req) => {
      const { taxCode } = req.params;
      authorised(req, 'employer.notices', { taxCode });
      const key = decodeKeyCursor(deps, req.query.cursor, idKey);
      const page = await employerInbox(deps.db, taxCode, {
        before: key ? key[0] : null,
        limit: req.query.limit,
        lang: langOf(req),
      });
      return { items: page.items, nextCursor: page.next ? encodeKeyCursor(deps, [page.next]) : null };
    },
  );

  app.get(
    '/employers/:taxCode/notices/:id/document.pdf',
    {
      config: tightLimit(deps), // a PDF is rendered per request
      schema: {
        summary:
          "The PDF of one of an employer's notices (the arrears notice: periods, principal, charge to date, evasion, how to pay) — employer own, officer",
        tags: ['notices', 'employers'],
        params: taxCodeParamsSchema.extend(noticeIdParamsSchema.shape),
        produces: ['application/pdf'],
        response: { 200: z.unknown().describe('the PDF (application/pdf)'), ...problems },
      },
    },
    async (req, reply) => {
      const { taxCode, id } = req.params;
      authorised(req, 'employer.notices', { taxCode });
      const pdf = await noticeDocument(deps.db, { type: 'employer', id: taxCode }, id, { lang: langOf(req) });
      return reply
        .type(pdf.contentType)
        .header('content-disposition', `attachment; filename="${pdf.filename}"`)
        .send(pdf.content);
    },
  );
}

/** A participant's e-book, signed (ETag = its sha256), e-mail delivery, and the operators' verification. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ebookEmailAcceptedSchema,
  ebookViewSchema,
  personalIdParamsSchema,
  problemSchema,
  verificationReportSchema,
} from '../../domain/schemas';
import { ebookPdf } from '../../services/documents';
import { emailEbook, signEbook, storedEbook, verifyAllEbooks } from '../../services/ebooks';
import { ebookPdfLang } from '../../services/preferences';
import { LANGS } from '../../messages/index';
import { authorised, logRead, type ApiDeps, actorOf } from '../context';
import { notFound } from '../errors';
import { tightLimit } from '../rate-limit';

const problems = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
  429: problemSchema,
};

export async function ebookRoutes(root: FastifyInstance, deps: ApiDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/participants/:personalId/ebook',
    {
      config: tightLimit(deps),
      schema: {
        summary: "A participant's e-book; send If-None-Match with the ETag to get 304 when unchanged",
        tags: ['e-books'],
        params: personalIdParamsSchema,
        response: { 200: ebookViewSchema, 304: z.null().describe('not modified'), ...problems },
      },
    },
    async (req, reply) => {
      const { personalId } = req.params;
      authorised(req, 'ebook.read', { personalId });
      const book = await storedEbook(deps.db, personalId);
      if (!book) throw notFound('e-book');
      await logRead(req, deps, [personalId]); // a 304 too: it tells the reader the book is unchanged
      const etag = `"${book.sha256}"`;
      reply.header('etag', etag); // cache-control: no-store, as on every /v1 answer (api/server.ts)
      const inm = req.headers['if-none-match'];
      if (inm && inm.split(',').some((t) => t.trim() === etag || t.trim() === `W/${etag}` || t.trim() === '*')) {
        return reply.code(304).send(null);
      }
      const { content, signature } = await signEbook(deps.signingKeys, book);
      return { personalId, version: book.version, sha256: book.sha256, content, signature };
    },
  );

  app.get(
    '/participants/:personalId/ebook.pdf',
    {
      config: tightLimit(deps),
      schema: {
        summary:
          "A participant's e-book as a signed, printable PDF (A4). Its language: lang= if given, else Accept-Language when it names vi or en, else the participant's stored preference (vi by default)",
        tags: ['e-books'],
        params: personalIdParamsSchema,
        querystring: z.object({ lang: z.enum(LANGS).optional() }).strict(),
        produces: ['application/pdf'],
        response: { 200: z.unknown().describe('the PDF (application/pdf)'), ...problems },
      },
    },
    async (req, reply) => {
      const { personalId } = req.params;
      authorised(req, 'ebook.read', { personalId });
      const lang = await ebookPdfLang(deps.db, personalId, {
        query: req.query.lang,
        acceptLanguage: req.headers['accept-language'],
      });
      const pdf = await ebookPdf(deps.db, deps.signingKeys, personalId, { lang, now: deps.clock() });
      if (!pdf) throw notFound('e-book');
      await logRead(req, deps, [personalId]);
      return reply
        .type(pdf.contentType)
        .header('content-disposition', `attachment; filename="${pdf.filename}"`)
        .send(pdf.content);
    },
  );

  app.post(
    '/participants/:personalId/ebook/email',
    {
      config: tightLimit(deps),
      schema: {
        summary:
          'E-mail the current e-book to the address on file (queued in the outbox); Idempotency-Key makes a retry safe',
        tags: ['e-books'],
        params: personalIdParamsSchema,
        headers: z.object({
          'idempotency-key': z
            .string()
            .regex(/^[A-Za-z0-9._:-]{8,100}$/, 'INVALID_IDEMPOTENCY_KEY: 8 to 100 letters, digits or . _ : -')
            .optional(),
        }),
        response: { 202: ebookEmailAcceptedSchema, ...problems },
      },
    },
    async (req, reply) => {
      const { personalId } = req.params;
      const p = authorised(req, 'ebook.email', { personalId });
      const result = await emailEbook(deps.db, deps.signingKeys, {
        personalId,
        idempotencyKey: req.headers['idempotency-key'],
        requestedBy: actorOf(p),
      });
      return reply.code(202).send(result);
    },
  );

  app.post(
    '/ebooks/verification',
    {
      schema: {
        summary: 'Re-render every e-book from the database and report each mismatch (operators)',
        tags: ['e-books'],
        response: { 200: verificationReportSchema, 401: problemSchema, 403: problemSchema },
      },
    },
    async (req) => {
      authorised(req, 'ebooks.verify');
      return verifyAllEbooks(deps.db);
    },
  );
}

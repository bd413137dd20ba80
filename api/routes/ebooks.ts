/** A participant's e-book (ETag = its sha256), e-mail delivery, and the operators' verification. */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { enqueue } from '../../db/queries/audit';
import { verifyEbooks } from '../../db/queries/ebooks';
import { ebooks, outbox, participants } from '../../db/schema/index';
import { ebookEmailAcceptedSchema, ebookViewSchema, personalIdParamsSchema, problemSchema, verificationReportSchema } from '../../domain/schemas';
import { forbidden, HttpProblem, notFound } from '../errors';
import { allowed } from '../policy';
import { principalOf, type ApiDeps } from '../server';

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };

export async function ebookRoutes(root: FastifyInstance, deps: ApiDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/participants/:personalId/ebook',
    {
      schema: {
        summary: "A participant's e-book; send If-None-Match with the ETag to get 304 when unchanged",
        tags: ['e-books'],
        params: personalIdParamsSchema,
        response: { 200: ebookViewSchema, 304: z.null().describe('not modified'), ...problems },
      },
    },
    async (req, reply) => {
      const { personalId } = req.params;
      if (!allowed(principalOf(req), 'ebook.read', { personalId })) throw forbidden();
      const [book] = await deps.db.select().from(ebooks).where(eq(ebooks.personalId, personalId));
      if (!book) throw notFound('e-book');
      const etag = `"${book.sha256}"`;
      reply.header('etag', etag).header('cache-control', 'private, no-cache');
      const inm = req.headers['if-none-match'];
      if (inm && inm.split(',').some((t) => t.trim() === etag || t.trim() === `W/${etag}` || t.trim() === '*')) {
        return reply.code(304).send(null);
      }
      return { personalId, version: book.version, sha256: book.sha256, content: JSON.parse(book.content) as Record<string, unknown> };
    },
  );

  app.post(
    '/participants/:personalId/ebook/email',
    {
      schema: {
        summary: 'E-mail the current e-book to the address on file (queued in the outbox); Idempotency-Key makes a retry safe',
        tags: ['e-books'],
        params: personalIdParamsSchema,
        headers: z.object({ 'idempotency-key': z.string().regex(/^[A-Za-z0-9._:-]{8,100}$/, 'INVALID_IDEMPOTENCY_KEY: 8 to 100 letters, digits or . _ : -').optional() }),
        response: { 202: ebookEmailAcceptedSchema, ...problems },
      },
    },
    async (req, reply) => {
      const { personalId } = req.params;
      const p = principalOf(req);
      if (!allowed(p, 'ebook.email', { personalId })) throw forbidden();
      const result = await deps.db.transaction(async (tx) => {
        const [person] = await tx.select({ email: participants.email }).from(participants).where(eq(participants.personalId, personalId));
        const [book] = await tx.select({ version: ebooks.version, sha256: ebooks.sha256 }).from(ebooks).where(eq(ebooks.personalId, personalId));
        if (!person || !book) throw notFound('e-book');
        if (!person.email) throw new HttpProblem(409, 'NO_EMAIL_ON_FILE', 'the participant has no e-mail address on file');
        const dedupeKey = `ebook-email:${personalId}:${req.headers['idempotency-key'] ?? randomUUID()}`;
        await enqueue(tx, {
          dedupeKey,
          kind: 'ebook.email',
          channel: 'email',
          recipientType: 'participant',
          recipientId: personalId,
          payload: { version: book.version, sha256: book.sha256, requestedBy: p.subject },
        });
        const [row] = await tx.select({ id: outbox.id, payload: outbox.payload }).from(outbox).where(eq(outbox.dedupeKey, dedupeKey));
        return { queued: true as const, outboxId: Number(row!.id), version: (row!.payload as { version: number }).version };
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
      if (!allowed(principalOf(req), 'ebooks.verify')) throw forbidden();
      return verifyEbooks(deps.db);
    },
  );
}

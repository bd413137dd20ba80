/**
 * The collection account's bank statement (issue #9 §3): the bank (role `bank`) or an operator
 * posts it as the file the bank produced (CSV or camt.053 XML); officers work the suspense list.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assignAndSignal, importStatementAndSignal } from '../../client/case-signals';
import { listSuspense } from '../../services/bank';
import { detectFormat, parseStatement } from '../../services/bank-parse';
import type { StatementFormat } from '../../domain/bank';
import {
  assignmentBodySchema,
  assignmentResultSchema,
  importResultSchema,
  pageQuerySchema,
  problemSchema,
  statementQuerySchema,
  suspenseIdParamsSchema,
  suspensePageSchema,
} from '../../domain/schemas';
import { authorised, BODY_LIMITS, decodeCursor, encodeCursor, principalOf, type ApiDeps, actorOf } from '../context';

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };

const FORMAT_OF_TYPE: Record<string, StatementFormat> = {
  'text/csv': 'csv',
  'application/xml': 'camt053',
  'text/xml': 'camt053',
};

export async function bankRoutes(root: FastifyInstance, deps: ApiDeps): Promise<void> {
  const today = () => deps.clock.today();
  // Its own scope: only this route reads CSV and XML bodies, and only those.
  await root.register(async (scope) => {
    scope.removeAllContentTypeParsers(); // a JSON or text/plain body here is 415, not a statement
    scope.addContentTypeParser(
      Object.keys(FORMAT_OF_TYPE),
      { parseAs: 'string', bodyLimit: BODY_LIMITS.bankStatement },
      (_req, body, done) => done(null, body),
    );
    const app = scope.withTypeProvider<ZodTypeProvider>();

    app.post(
      '/bank/statements',
      {
        bodyLimit: BODY_LIMITS.bankStatement,
        // Refused before a byte of the body is read: only the bank and operators may send 32 MiB.
        onRequest: async (req) => {
          authorised(req, 'bank.import');
        },
        schema: {
          summary:
            "Import the collection account's bank statement, as the bank produced it: text/csv (columns in the README) or application/xml (ISO 20022 camt.053). Each transaction is stored once by its bank reference; credits in VND naming one employer are booked, the others wait in suspense, debits and other currencies are kept as ignored. 201 when anything new was stored, 200 when every line had been imported before.",
          tags: ['bank'],
          querystring: statementQuerySchema,
          consumes: Object.keys(FORMAT_OF_TYPE),
          body: z.string().describe('the statement file as the bank produced it'),
          response: {
            201: importResultSchema,
            200: importResultSchema,
            ...problems,
            409: problemSchema,
            413: problemSchema,
            415: problemSchema,
          },
        },
      },
      async (req, reply) => {
        const p = principalOf(req);
        const type = String(req.headers['content-type'] ?? '')
          .split(';')[0]!
          .trim()
          .toLowerCase();
        const format = req.query.format ?? FORMAT_OF_TYPE[type] ?? detectFormat(req.body);
        const parsed = parseStatement(req.body, format);
        const r = await importStatementAndSignal(deps.db, deps.client, {
          ...parsed,
          author: actorOf(p),
          today: today(),
        });
        return reply.code(r.alreadyImported === r.results.length ? 200 : 201).send(r);
      },
    );
  });

  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/bank/suspense',
    {
      schema: {
        summary:
          'Statement lines waiting for an officer (no employer matched, several did, or the payment was refused), oldest first, with their reason',
        tags: ['bank'],
        querystring: pageQuerySchema,
        response: { 200: suspensePageSchema, ...problems },
      },
    },
    async (req) => {
      authorised(req, 'bank.suspense');
      const page = await listSuspense(deps.db, { limit: req.query.limit, after: decodeCursor(req.query.cursor) });
      return { items: page.items, nextCursor: page.nextAfter === null ? null : encodeCursor(page.nextAfter) };
    },
  );

  app.post(
    '/bank/suspense/:id/assignment',
    {
      schema: {
        summary:
          'Assign a suspense line to an employer: booked as its payment (oldest period first), and it leaves suspense. The same assignment again returns the first (200).',
        tags: ['bank'],
        params: suspenseIdParamsSchema,
        body: assignmentBodySchema,
        response: {
          201: assignmentResultSchema,
          200: assignmentResultSchema,
          ...problems,
          409: problemSchema,
          422: problemSchema,
        },
      },
    },
    async (req, reply) => {
      const p = authorised(req, 'bank.assign');
      const r = await assignAndSignal(deps.db, deps.client, {
        id: req.params.id,
        taxCode: req.body.taxCode,
        author: actorOf(p),
        today: today(),
      });
      return reply.code(r.alreadyAssigned ? 200 : 201).send(r);
    },
  );
}

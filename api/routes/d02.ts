/**
 * The employer's D02-LT file (issue #15, rules §8.41): preview an upload, submit it (through the
 * one `declare` of the JSON declarations), and the exports of the employee list and the monthly
 * statement as CSV or XLSX. The upload is the raw file (`text/csv`, the XLSX type, or
 * `application/octet-stream`) or one file in `multipart/form-data` (the console's form), read in
 * this scope only; the bytes decide the format, never the declared type.
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { localDateOf, monthOf } from '../../domain/calendar';
import { D02_MAX_BYTES } from '../../domain/d02';
import { DomainError } from '../../domain/errors';
import { problemSchema, taxCodeParamsSchema } from '../../domain/schemas';
import {
  d02PreviewSchema,
  d02SubmitQuerySchema,
  d02SubmitResultSchema,
  employeesFileQuerySchema,
  statementFileParamsSchema,
  statementFileQuerySchema,
} from '../../domain/schemas-d02';
import { declareAndSignal } from '../../client/case-signals';
import { D02_CONTENT_TYPES, employeesFile, previewD02, statementFile, submitD02 } from '../../services/d02';
import type { D02Format } from '../../services/d02-read';
import { isKnownEmployer } from '../../services/employers';
import { actorOf, authorised, logRead, type ApiDeps } from '../context';
import { notFound } from '../errors';

const problems = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
  413: problemSchema,
  415: problemSchema,
  422: problemSchema,
};

/** The raw types an upload may have (besides multipart/form-data). */
export const D02_UPLOAD_TYPES = [
  'text/csv',
  'application/csv',
  'text/plain',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/octet-stream',
] as const;
const BODY_LIMIT = D02_MAX_BYTES + 64 * 1024;

async function fileOf(req: FastifyRequest): Promise<Buffer> {
  if (req.isMultipart()) {
    try {
      const part = await req.file();
      if (!part) throw new DomainError('D02_EMPTY', 'the form carries no file', 'file');
      return await part.toBuffer();
    } catch (err) {
      if (err instanceof DomainError) throw err;
      const code = (err as { code?: string }).code ?? '';
      if (code === 'FST_REQ_FILE_TOO_LARGE')
        throw new DomainError('D02_TOO_LARGE', 'the file is too large', 'file', undefined, { maxBytes: D02_MAX_BYTES });
      throw new DomainError('INVALID_UPLOAD', 'the form could not be read', 'file');
    }
  }
  const body = req.body;
  if (!Buffer.isBuffer(body)) throw new DomainError('D02_EMPTY', 'the request carries no file', 'file');
  return body;
}

function sendFile(reply: FastifyReply, format: D02Format, filename: string, bytes: Buffer): FastifyReply {
  return reply
    .type(D02_CONTENT_TYPES[format])
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('x-content-type-options', 'nosniff')
    .send(bytes);
}

export async function d02Routes(root: FastifyInstance, deps: ApiDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const thisMonth = () => monthOf(localDateOf(deps.clock().getTime()));

  for (const format of ['csv', 'xlsx'] as const) {
    app.get(
      `/employers/:taxCode/employees.${format}`,
      {
        schema: {
          summary: `The employees in force in a month as ${format.toUpperCase()}, in the D02-LT layout (edit, set Phương án, upload again); the read is logged`,
          tags: ['employers'],
          params: taxCodeParamsSchema,
          querystring: employeesFileQuerySchema,
          response: { ...problems },
        },
      },
      async (req, reply) => {
        const { taxCode } = req.params;
        authorised(req, 'employer.employees', { taxCode });
        if (!(await isKnownEmployer(deps.db, taxCode))) throw notFound('employer');
        const month = req.query.month ?? thisMonth();
        const file = await employeesFile(deps.db, { taxCode, month, format });
        await logRead(req, deps, file.personalIds);
        return sendFile(reply, format, `D02-LT-${taxCode}-${month}.${format}`, file.bytes);
      },
    );
  }

  app.get(
    '/employers/:taxCode/statements/:file',
    {
      schema: {
        summary:
          'What the employer owes for a month (the statement of /periods/{period}) as YYYY-MM.csv or YYYY-MM.xlsx',
        tags: ['employers'],
        params: statementFileParamsSchema,
        querystring: statementFileQuerySchema,
        response: { ...problems },
      },
    },
    async (req, reply) => {
      const { taxCode, file } = req.params;
      authorised(req, 'employer.statement', { taxCode });
      if (!(await isKnownEmployer(deps.db, taxCode))) throw notFound('employer');
      const [period, ext] = file.split('.') as [string, D02Format];
      const bytes = await statementFile(deps.db, {
        taxCode,
        period,
        asOf: req.query.asOf ?? deps.clock.today(),
        format: ext,
      });
      return sendFile(reply, ext, `statement-${taxCode}-${period}.${ext}`, bytes);
    },
  );

  // The uploads read the raw file or one multipart file: their own scope, their own parsers.
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser([...D02_UPLOAD_TYPES], { parseAs: 'buffer', bodyLimit: BODY_LIMIT }, (_r, body, done) =>
      done(null, body),
    );
    await scope.register(multipart, {
      limits: { fileSize: D02_MAX_BYTES, files: 1, fields: 4, fieldSize: 1024, parts: 5, headerPairs: 200 },
      throwFileSizeLimit: true,
    });
    const s = scope.withTypeProvider<ZodTypeProvider>();
    s.post(
      '/employers/:taxCode/declarations/file/preview',
      {
        bodyLimit: BODY_LIMIT,
        schema: {
          summary:
            'Preview a D02-LT list (CSV or XLSX, at most 10,000 rows): every row finding (line, column, code, Vietnamese and English) and what each declaration would change; nothing is written',
          tags: ['employers'],
          params: taxCodeParamsSchema,
          response: { 200: d02PreviewSchema, ...problems },
        },
      },
      async (req) => {
        const { taxCode } = req.params;
        authorised(req, 'employer.declare', { taxCode });
        return previewD02(deps.db, { taxCode, bytes: await fileOf(req), now: deps.clock() });
      },
    );
    s.post(
      '/employers/:taxCode/declarations/file',
      {
        bodyLimit: BODY_LIMIT,
        schema: {
          summary:
            'Submit a D02-LT list: refused whole (422, every finding with its line and column) or declared in one transaction, exactly as POST /declarations; each declaration recorded once',
          tags: ['employers'],
          params: taxCodeParamsSchema,
          querystring: d02SubmitQuerySchema,
          response: { 201: d02SubmitResultSchema, ...problems },
        },
      },
      async (req, reply) => {
        const { taxCode } = req.params;
        const p = authorised(req, 'employer.declare', { taxCode });
        const result = await submitD02(deps.db, {
          taxCode,
          author: actorOf(p),
          bytes: await fileOf(req),
          now: deps.clock(),
          ...(req.query.sha256 ? { expectSha256: req.query.sha256 } : {}),
          declareWith: (db, input) => declareAndSignal(db, deps.client, input),
        });
        return reply.code(201).send(result);
      },
    );
  });
}

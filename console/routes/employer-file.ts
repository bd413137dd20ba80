/**
 * The employer's D02-LT upload in the console (issue #15): the page, its preview and its submission
 * through the API in process (the same endpoints, policy and findings as any client), and the
 * employee list to download in the same layout. The upload is a multipart form read in its own
 * scope, then passed to the API as the raw file.
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { D02_MAX_BYTES } from '../../domain/d02';
import { callApi, type Problem } from '../api';
import { requireSession, sendPage, type ConsoleDeps } from '../context';
import { pageContext } from '../page';
import { EmployerFilePage, type D02Done, type D02PreviewView, type FileOutcomeProps } from '../views/employer-file';

export async function employerFileRoutes(app: FastifyInstance, deps: ConsoleDeps): Promise<void> {
  const session = (req: FastifyRequest, reply: FastifyReply) => {
    const s = requireSession(req, reply, ['employer']);
    return s ? { taxCode: s.principal.taxCode ?? '' } : null;
  };
  const page = (
    req: FastifyRequest,
    reply: FastifyReply,
    taxCode: string,
    p: Omit<FileOutcomeProps, 'ctx'>,
    status = 200,
  ) =>
    sendPage(
      reply,
      EmployerFilePage({ ctx: pageContext(req, reply), taxCode, ...p }),
      // htmx swaps only 2xx answers: a refusal shown in the page's outcome is still the answer.
      req.headers['hx-request'] ? 200 : status,
    );

  app.get('/employer/file', async (req, reply) => {
    const s = session(req, reply);
    if (!s) return reply;
    return page(req, reply, s.taxCode, {});
  });

  for (const ext of ['csv', 'xlsx'] as const)
    app.get(`/employer/file/employees.${ext}`, async (req, reply) => {
      const s = session(req, reply);
      if (!s) return reply;
      const res = await deps.root.inject({
        method: 'GET',
        url: `/v1/employers/${s.taxCode}/employees.${ext}`,
        headers: { authorization: `Bearer ${req.consoleSession!.token}`, 'x-request-id': req.id },
      });
      if (res.statusCode !== 200)
        return page(
          req,
          reply,
          s.taxCode,
          { problem: { status: res.statusCode, code: res.statusCode === 403 ? 'FORBIDDEN' : 'NOT_FOUND' } },
          res.statusCode,
        );
      return reply
        .type(String(res.headers['content-type']))
        .header('content-disposition', String(res.headers['content-disposition']))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'no-store')
        .send(res.rawPayload);
    });

  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    await scope.register(multipart, {
      limits: { fileSize: D02_MAX_BYTES, files: 1, fields: 6, fieldSize: 1024, parts: 8, headerPairs: 200 },
      throwFileSizeLimit: true,
    });
    scope.post('/employer/file', { bodyLimit: D02_MAX_BYTES + 64 * 1024 }, async (req, reply) => {
      const s = session(req, reply);
      if (!s) return reply;
      const fields: Record<string, string> = {};
      let bytes: Buffer | null = null;
      try {
        for await (const part of req.parts()) {
          if (part.type === 'file') bytes = await part.toBuffer();
          else fields[part.fieldname] = String(part.value ?? '').slice(0, 200);
        }
      } catch (err) {
        const code = (err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE' ? 'D02_TOO_LARGE' : 'INVALID_UPLOAD';
        return page(req, reply, s.taxCode, { problem: { status: 413, code } }, 400);
      }
      if (!bytes || bytes.length === 0)
        return page(req, reply, s.taxCode, { problem: { status: 422, code: 'D02_EMPTY' } }, 422);
      const submit = fields['intent'] === 'submit';
      const sha = /^[0-9a-f]{64}$/.test(fields['sha256'] ?? '') ? `?sha256=${fields['sha256']}` : '';
      const r = await callApi<D02PreviewView | D02Done>(
        deps,
        req,
        'POST',
        `/v1/employers/${s.taxCode}/declarations/file${submit ? sha : '/preview'}`,
        bytes,
        { 'content-type': 'application/octet-stream' },
      );
      if (r.ok)
        return page(
          req,
          reply,
          s.taxCode,
          submit ? { done: r.body as D02Done } : { preview: r.body as D02PreviewView },
        );
      const problem: Problem = r.problem;
      return page(req, reply, s.taxCode, { problem }, r.status < 500 ? r.status : 503);
    });
  });
}

/**
 * Data-update requests in the console (issue #14 part 1): the participant files a request, follows
 * it, confirms a contact change's code and adds evidence; the officer reviews a request (reached
 * from the work queue's `data_update.review` task) and decides. Every read and action goes through
 * the API in process with the session's token (console/api.ts).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { readUpload, registerUploadParsers, UPLOAD_BODY_LIMIT } from '../../api/uploads';
import type { DataUpdateView } from '../../domain/data-updates';
import { DomainError } from '../../domain/errors';
import { callApi, type Problem } from '../api';
import { requireSession, sendPage, type ConsoleDeps } from '../context';
import { pageContext } from '../page';
import { MyDataUpdatePage, MyDataUpdatesPage, OfficerDataUpdatePage } from '../views/data-updates';
import { ErrorPage } from '../views/layout';

const idParams = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
const docParams = idParams.extend({ doc: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
const FIELDS: Record<string, readonly string[]> = {
  email: ['email'],
  phone: ['phone'],
  identity: ['fullName', 'dateOfBirth', 'gender'],
  nationality: ['nationality'],
  bank_account: ['bankCode', 'accountNumber', 'accountHolder'],
};

export async function dataUpdateRoutes(app: FastifyInstance, deps: ConsoleDeps): Promise<void> {
  const notFound = () =>
    Object.assign(new Error('no such request'), { statusCode: 404, consoleKey: 'error.notFound' as const });
  const problemPage = (req: FastifyRequest, reply: FastifyReply, problem: Problem) => {
    const ctx = pageContext(req, reply);
    return sendPage(
      reply,
      ErrorPage({ ctx, message: problem.detail ?? ctx.t('error.unavailable'), code: problem.code }),
      problem.status >= 400 && problem.status < 500 ? problem.status : 503,
    );
  };
  const idOf = (req: FastifyRequest) => {
    const p = idParams.safeParse(req.params);
    if (!p.success) throw notFound();
    return p.data.id;
  };
  const viewOf = async (req: FastifyRequest, id: number) => {
    const v = await callApi<DataUpdateView>(deps, req, 'GET', `/v1/data-updates/${id}`);
    if (!v.ok && (v.status === 403 || v.status === 404)) throw notFound();
    return v;
  };

  // ——— the participant ———

  const myList = async (
    req: FastifyRequest,
    reply: FastifyReply,
    personalId: string,
    problem?: Problem,
    status = 200,
  ) => {
    const list = await callApi<{ items: DataUpdateView[] }>(
      deps,
      req,
      'GET',
      `/v1/participants/${personalId}/data-updates`,
    );
    if (!list.ok) return problemPage(req, reply, list.problem);
    return sendPage(
      reply,
      MyDataUpdatesPage({ ctx: pageContext(req, reply), items: list.body.items, problem }),
      status,
    );
  };

  app.get('/me/data-updates', async (req, reply) => {
    const s = requireSession(req, reply, ['participant']);
    if (!s) return reply;
    return myList(req, reply, s.principal.personalId!);
  });

  app.post('/me/data-updates', async (req, reply) => {
    const s = requireSession(req, reply, ['participant']);
    if (!s) return reply;
    const form = (req.body ?? {}) as Record<string, unknown>;
    const kind = typeof form['kind'] === 'string' ? form['kind'] : '';
    // Only the fields of the chosen kind, and only those filled in: the API validates the rest.
    const body: Record<string, unknown> = { kind, personalId: s.principal.personalId };
    for (const f of FIELDS[kind] ?? []) {
      const v = form[f];
      if (typeof v === 'string' && v.trim() !== '') body[f] = v.trim();
    }
    const filed = await callApi<{ requestId: number; status: string }>(deps, req, 'POST', '/v1/data-updates', body);
    if (filed.ok)
      return reply.redirect(
        `/console/me/data-updates/${filed.body.requestId}${filed.body.status === 'awaiting_code' ? '?sent=1' : ''}`,
        303,
      );
    return myList(req, reply, s.principal.personalId!, filed.problem, filed.status < 500 ? filed.status : 503);
  });

  const myRequest = async (req: FastifyRequest, reply: FastifyReply, id: number, problem?: Problem, status = 200) => {
    const v = await viewOf(req, id);
    if (!v.ok) return problemPage(req, reply, v.problem);
    const codeSent = (req.query as { sent?: string } | undefined)?.sent === '1';
    return sendPage(reply, MyDataUpdatePage({ ctx: pageContext(req, reply), v: v.body, problem, codeSent }), status);
  };

  app.get('/me/data-updates/:id', async (req, reply) => {
    if (!requireSession(req, reply, ['participant'])) return reply;
    return myRequest(req, reply, idOf(req));
  });

  app.post('/me/data-updates/:id/code', async (req, reply) => {
    if (!requireSession(req, reply, ['participant'])) return reply;
    const id = idOf(req);
    const code = String(((req.body ?? {}) as Record<string, unknown>)['code'] ?? '').trim();
    const r = await callApi(deps, req, 'POST', `/v1/data-updates/${id}/code`, { code });
    if (r.ok) return reply.redirect(`/console/me/data-updates/${id}`, 303);
    return myRequest(req, reply, id, r.problem, r.status < 500 ? r.status : 503);
  });

  const evidenceFile = (role: 'participant' | 'officer') => async (req: FastifyRequest, reply: FastifyReply) => {
    if (!requireSession(req, reply, [role])) return reply;
    const p = docParams.safeParse(req.params);
    if (!p.success) throw notFound();
    const res = await deps.root.inject({
      method: 'GET',
      url: `/v1/data-updates/${p.data.id}/evidence/${p.data.doc}`,
      headers: { authorization: `Bearer ${req.consoleSession!.token}`, 'x-request-id': req.id },
    });
    if (res.statusCode !== 200) throw notFound();
    return reply
      .type(String(res.headers['content-type']))
      .header('content-disposition', String(res.headers['content-disposition']))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-store')
      .send(res.rawPayload);
  };
  app.get('/me/data-updates/:id/evidence/:doc', evidenceFile('participant'));
  app.get('/officer/data-updates/:id/evidence/:doc', evidenceFile('officer'));

  // The upload: a multipart form read in its own scope (api/uploads.ts), passed to the API as the raw file.
  await app.register(async (scope) => {
    await registerUploadParsers(scope);
    scope.post('/me/data-updates/:id/evidence', { bodyLimit: UPLOAD_BODY_LIMIT }, async (req, reply) => {
      if (!requireSession(req, reply, ['participant'])) return reply;
      const id = idOf(req);
      let problem: Problem | undefined;
      let status = 200;
      try {
        const u = await readUpload(req);
        const r = await callApi(deps, req, 'POST', `/v1/data-updates/${id}/evidence`, u.bytes, {
          'content-type': 'application/octet-stream',
          ...(u.filename
            ? { 'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(u.filename)}` }
            : {}),
        });
        if (r.ok) {
          const to = `/console/me/data-updates/${id}`;
          if (req.headers['hx-request']) return reply.header('hx-redirect', to).code(204).send();
          return reply.redirect(to, 303);
        }
        problem = r.problem;
        status = r.status < 500 ? r.status : 503;
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        problem = { status: 400, code: err.code, detail: err.message };
        status = 400;
      }
      return myRequest(req, reply, id, problem, status);
    });
  });

  // ——— the officer ———

  const review = async (req: FastifyRequest, reply: FastifyReply, id: number, problem?: Problem, status = 200) => {
    const v = await viewOf(req, id);
    if (!v.ok) return problemPage(req, reply, v.problem);
    // What is on record now, beside what is asked: the e-book's identity (access-logged by the API).
    const book = await callApi<{ content: { identity: Record<string, string> } }>(
      deps,
      req,
      'GET',
      `/v1/participants/${v.body.personalId}/ebook`,
    );
    const current = book.ok ? book.body.content.identity : null;
    return sendPage(
      reply,
      OfficerDataUpdatePage({ ctx: pageContext(req, reply), v: v.body, current, problem }),
      status,
    );
  };

  app.get('/officer/data-updates/:id', async (req, reply) => {
    if (!requireSession(req, reply, ['officer'])) return reply;
    return review(req, reply, idOf(req));
  });

  app.post('/officer/data-updates/:id/decision', async (req, reply) => {
    if (!requireSession(req, reply, ['officer'])) return reply;
    const id = idOf(req);
    const form = (req.body ?? {}) as Record<string, unknown>;
    const reason = typeof form['reason'] === 'string' ? form['reason'].trim() : '';
    const r = await callApi(deps, req, 'POST', `/v1/data-updates/${id}/decision`, {
      decision: form['decision'],
      ...(reason ? { reason } : {}),
    });
    if (r.ok) return reply.redirect(`/console/officer/data-updates/${id}`, 303);
    return review(req, reply, id, r.problem, r.status < 500 ? r.status : 503);
  });
}

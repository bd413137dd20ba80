/**
 * Declaration cases in the console (issue #14 part 2): the participant opens a case and follows its
 * timeline; an officer (the inspector of an escalated case) reads it, confirms arrears, dismisses it
 * with its reason, or closes a referral with its outcome. Every read and act goes through the API in
 * process with the session's token (console/api.ts).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { DeclarationCaseView } from '../../services/declaration-cases';
import { callApi, type Problem } from '../api';
import { requireSession, sendPage, type ConsoleDeps } from '../context';
import { pageContext } from '../page';
import { CasePage, CasesPage } from '../views/declaration-cases';
import { ErrorPage } from '../views/layout';

const caseParams = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
const openForm = z.object({
  employerTaxCode: z.string().max(20),
  fromMonth: z.string().max(7),
  toMonth: z.string().max(7),
  anonymous: z.literal('1').optional(),
  defence: z.literal('1').optional(),
});

export async function declarationCaseConsoleRoutes(app: FastifyInstance, deps: ConsoleDeps): Promise<void> {
  const notFound = () =>
    Object.assign(new Error('no such case'), { statusCode: 404, consoleKey: 'error.notFound' as const });
  const problemPage = (req: FastifyRequest, reply: FastifyReply, problem: Problem) => {
    const ctx = pageContext(req, reply);
    return sendPage(
      reply,
      ErrorPage({ ctx, message: problem.detail ?? ctx.t('error.unavailable'), code: problem.code }),
      problem.status >= 400 && problem.status < 500 ? problem.status : 503,
    );
  };

  const showList = async (
    req: FastifyRequest,
    reply: FastifyReply,
    personalId: string,
    extra: { problem?: Problem; form?: Record<string, string> } = {},
    status = 200,
  ) => {
    const list = await callApi<{ items: DeclarationCaseView[] }>(
      deps,
      req,
      'GET',
      `/v1/participants/${personalId}/declaration-cases`,
    );
    if (!list.ok) return problemPage(req, reply, list.problem);
    return sendPage(reply, CasesPage({ ctx: pageContext(req, reply), items: list.body.items, ...extra }), status);
  };

  app.get('/me/cases', async (req, reply) => {
    const s = requireSession(req, reply, ['participant']);
    if (!s) return reply;
    return showList(req, reply, s.principal.personalId!);
  });

  app.post('/me/cases', async (req, reply) => {
    const s = requireSession(req, reply, ['participant']);
    if (!s) return reply;
    const personalId = s.principal.personalId!;
    const form = openForm.safeParse(req.body ?? {});
    if (!form.success)
      return showList(
        req,
        reply,
        personalId,
        { problem: { status: 400, code: 'MALFORMED_REQUEST', field: 'employerTaxCode' } },
        400,
      );
    const f = form.data;
    const sent = await callApi<{ caseId: number }>(deps, req, 'POST', '/v1/declaration-cases', {
      personalId,
      employerTaxCode: f.employerTaxCode.trim(),
      fromMonth: f.fromMonth,
      toMonth: f.toMonth,
      anonymous: f.anonymous === '1',
      ...(f.defence === '1' ? { employerCategory: 'defence_unit' } : {}),
    });
    if (sent.ok) return reply.redirect(`/console/me/cases/${sent.body.caseId}`, 303);
    return showList(
      req,
      reply,
      personalId,
      { problem: sent.problem, form: Object.fromEntries(Object.entries(f).map(([k, v]) => [k, String(v)])) },
      sent.status < 500 ? sent.status : 503,
    );
  });

  const showCase = async (
    req: FastifyRequest,
    reply: FastifyReply,
    officer: boolean,
    problem?: Problem,
    status = 200,
  ) => {
    const params = caseParams.safeParse(req.params);
    if (!params.success) throw notFound();
    const c = await callApi<DeclarationCaseView>(deps, req, 'GET', `/v1/declaration-cases/${params.data.id}`);
    if (!c.ok) {
      if (c.status === 404 || c.status === 403) throw notFound();
      return problemPage(req, reply, c.problem);
    }
    return sendPage(
      reply,
      CasePage({ ctx: pageContext(req, reply), c: c.body, officer, ...(problem ? { problem } : {}) }),
      status,
    );
  };

  app.get('/me/cases/:id', async (req, reply) => {
    if (!requireSession(req, reply, ['participant'])) return reply;
    return showCase(req, reply, false);
  });

  app.get('/officer/cases/:id', async (req, reply) => {
    if (!requireSession(req, reply, ['officer'])) return reply;
    return showCase(req, reply, true);
  });

  // The officer's endings: the form's fields are the API's body; a refusal is shown on the case page with its code.
  const endingForm = z.object({
    reason: z.string().max(40).optional(),
    outcome: z.string().max(40).optional(),
    employerTaxCode: z.string().max(20).optional(),
    whereToTurn: z.string().max(60).optional(),
  });
  for (const [path, body] of [
    ['dismissal', (f: z.infer<typeof endingForm>) => ({ reason: f.reason ?? '' })],
    [
      'referral-closure',
      (f: z.infer<typeof endingForm>) =>
        f.outcome === 'employer_identified'
          ? { outcome: f.outcome, employerTaxCode: (f.employerTaxCode ?? '').trim() }
          : { outcome: f.outcome ?? '', whereToTurn: f.whereToTurn ?? '' },
    ],
  ] as const) {
    app.post(`/officer/cases/:id/${path}`, async (req, reply) => {
      if (!requireSession(req, reply, ['officer'])) return reply;
      const params = caseParams.safeParse(req.params);
      if (!params.success) throw notFound();
      const form = endingForm.safeParse(req.body ?? {});
      if (!form.success)
        return showCase(req, reply, true, { status: 400, code: 'MALFORMED_REQUEST', field: 'reason' }, 400);
      const sent = await callApi(deps, req, 'POST', `/v1/declaration-cases/${params.data.id}/${path}`, body(form.data));
      if (sent.ok) return reply.redirect(`/console/officer/cases/${params.data.id}`, 303);
      return showCase(req, reply, true, sent.problem, sent.status < 500 ? sent.status : 503);
    });
  }

  app.post('/officer/cases/:id/arrears', async (req, reply) => {
    if (!requireSession(req, reply, ['officer'])) return reply;
    const params = caseParams.safeParse(req.params);
    if (!params.success) throw notFound();
    const sent = await callApi(deps, req, 'POST', `/v1/declaration-cases/${params.data.id}/arrears`, { confirm: true });
    if (sent.ok) return reply.redirect(`/console/officer/cases/${params.data.id}`, 303);
    return showCase(req, reply, true, sent.problem, sent.status < 500 ? sent.status : 503);
  });
}

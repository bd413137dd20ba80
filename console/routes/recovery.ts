/**
 * Account-access recovery in the console (issue #14 part 3). `/console/recovery` is public: a
 * visitor is asked to sign in with VNeID (the recovery needs a fresh level-2 sign-in, which the API
 * checks); a signed-in participant starts their own recovery, an officer one at the desk for a
 * person. A recovery's page shows the step it waits for. Every step goes through the API in
 * process (console/api.ts) with the session's token; a refusal shows its code on the form.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RecoveryView } from '../../domain/schemas-recovery';
import { callApi, type Problem } from '../api';
import { requireSession, sendPage, type ConsoleDeps } from '../context';
import { pageContext } from '../page';
import { RecoveryDonePage, RecoveryPage, RecoveryStartPage } from '../views/recovery';

const idParams = z.object({ id: z.string().uuid() });
const startForm = z.object({ personalId: z.string().trim().max(12).optional() });
const forms = {
  verification: z.object({ documentKind: z.string().max(20), documentLast4: z.string().trim().max(20) }),
  contact: z.object({ email: z.string().trim().max(300) }),
  confirmation: z.object({ code: z.string().trim().max(20) }),
} as const;
type Step = keyof typeof forms;

export async function recoveryRoutes(app: FastifyInstance, deps: ConsoleDeps): Promise<void> {
  const signInHref = () =>
    app.hasRoute({ method: 'GET', url: '/console/login/oidc' })
      ? '/console/login/oidc?next=%2Fconsole%2Frecovery'
      : '/console/signin?next=%2Fconsole%2Frecovery';
  const notFound = () =>
    Object.assign(new Error('no such recovery'), { statusCode: 404, consoleKey: 'error.notFound' as const });

  const startPage = (req: FastifyRequest, reply: FastifyReply, problem?: Problem, status = 200) =>
    sendPage(
      reply,
      RecoveryStartPage({
        ctx: pageContext(req, reply),
        role: req.consoleSession?.principal.role ?? null,
        signInHref: signInHref(),
        problem,
      }),
      status,
    );

  const showRecovery = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    problem?: Problem,
    status = 200,
  ) => {
    const s = requireSession(req, reply, ['participant', 'officer']);
    if (!s) return reply;
    const r = await callApi<RecoveryView>(deps, req, 'GET', `/v1/recoveries/${id}`);
    if (!r.ok) {
      if (r.status === 404 || r.status === 403) throw notFound();
      return startPage(req, reply, r.problem, r.status < 500 ? r.status : 503);
    }
    return sendPage(
      reply,
      RecoveryPage({
        ctx: pageContext(req, reply),
        recovery: r.body,
        officer: s.principal.role === 'officer',
        problem,
      }),
      status,
    );
  };

  app.get('/recovery', async (req, reply) => startPage(req, reply));

  app.post('/recovery', async (req, reply) => {
    const s = requireSession(req, reply, ['participant', 'officer']);
    if (!s) return reply;
    const form = startForm.safeParse(req.body ?? {});
    const personalId = form.success ? form.data.personalId : undefined;
    const started = await callApi<RecoveryView>(
      deps,
      req,
      'POST',
      '/v1/recoveries',
      s.principal.role === 'officer' ? { personalId: personalId ?? '' } : {},
    );
    if (started.ok) return reply.redirect(`/console/recovery/${started.body.recoveryId}`, 303);
    return startPage(req, reply, started.problem, started.status < 500 ? started.status : 503);
  });

  app.get('/recovery/:id', async (req, reply) => {
    const params = idParams.safeParse(req.params);
    if (!params.success) throw notFound();
    return showRecovery(req, reply, params.data.id);
  });

  for (const step of Object.keys(forms) as Step[]) {
    app.post(`/recovery/:id/${step}`, async (req, reply) => {
      if (!requireSession(req, reply, ['participant', 'officer'])) return reply;
      const params = idParams.safeParse(req.params);
      if (!params.success) throw notFound();
      const id = params.data.id;
      const form = forms[step].safeParse(req.body ?? {});
      if (!form.success) return showRecovery(req, reply, id, { status: 400, code: 'INVALID_INPUT' }, 400);
      const sent = await callApi(deps, req, 'POST', `/v1/recoveries/${id}/${step}`, form.data);
      if (sent.ok) {
        // Completed: the session's own token is revoked too; the person signs in again.
        if (step === 'confirmation') return reply.redirect('/console/recovery/done', 303);
        return reply.redirect(`/console/recovery/${id}`, 303);
      }
      return showRecovery(req, reply, id, sent.problem, sent.status < 500 ? sent.status : 503);
    });
  }

  app.get('/recovery/done', async (req, reply) => sendPage(reply, RecoveryDonePage({ ctx: pageContext(req, reply) })));
}

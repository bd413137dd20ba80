/**
 * The participant's pages (issue #12; VNeID level 2, which the API's verifier requires of every
 * participant token, so no session exists below it): my e-book in words a person reads, the
 * signed book as a file, my unemployment-benefit claims and the monthly job-search report. Every
 * read and the report go through the API in process with the session's token (console/api.ts):
 * the same policy, access log and workflow Update as any client.
 */
import type { BankAccountView } from '../views/bank-account';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { claimStateSchema, ebookViewSchema } from '../../domain/schemas';
import type { EbookDocument } from '../../domain/ebook';
import { callApi, type Problem } from '../api';
import { requireSession, sendPage, type ConsoleDeps, type ConsoleSession } from '../context';
import { pageContext } from '../page';
import { ErrorPage } from '../views/layout';
import { BookPage } from '../views/participant-book';
import { ClaimPage, ClaimsPage } from '../views/participant-claims';
import { NoticesPage } from '../views/participant-notices';
import { storeLangPreference } from './preferences';
import type { noticePageSchema } from '../../domain/schemas-notices';

type EbookView = z.infer<typeof ebookViewSchema>;
type ClaimState = z.infer<typeof claimStateSchema>;
type NoticePage = z.infer<typeof noticePageSchema>;
const noticesQuery = z.object({ cursor: z.string().max(1400).optional() });

const claimParams = z.object({ id: z.string().uuid() });
const reportForm = z.object({
  month: z.coerce.number().int().min(1).max(12),
  summary: z.string().max(2000).optional(),
});

export async function participantRoutes(app: FastifyInstance, deps: ConsoleDeps): Promise<void> {
  const bookOf = (req: FastifyRequest, s: ConsoleSession) =>
    callApi<EbookView>(deps, req, 'GET', `/v1/participants/${s.principal.personalId}/ebook`);
  const problemPage = (req: FastifyRequest, reply: FastifyReply, problem: Problem) => {
    const ctx = pageContext(req, reply);
    return sendPage(
      reply,
      ErrorPage({ ctx, message: problem.detail ?? ctx.t('error.unavailable'), code: problem.code }),
      problem.status >= 400 && problem.status < 500 ? problem.status : 503,
    );
  };
  const notFound = () =>
    Object.assign(new Error('no such claim'), { statusCode: 404, consoleKey: 'error.notFound' as const });

  const showBook = async (
    req: FastifyRequest,
    reply: FastifyReply,
    s: ConsoleSession,
    prefs: { saved?: boolean; problem?: Problem } = {},
    status = 200,
  ) => {
    const book = await bookOf(req, s);
    if (!book.ok) return problemPage(req, reply, book.problem);
    return sendPage(
      reply,
      BookPage({
        ctx: pageContext(req, reply),
        book: book.body.content as unknown as EbookDocument,
        version: book.body.version,
        today: deps.api.clock.today(),
        prefs,
      }),
      status,
    );
  };

  app.get('/me', async (req: FastifyRequest<{ Querystring: { prefs?: string } }>, reply) => {
    const s = requireSession(req, reply, ['participant']);
    if (!s) return reply;
    return showBook(req, reply, s, { saved: req.query.prefs === 'saved' });
  });

  // The language preference form (issue 13): stored through PUT /v1/participants/{id}/preferences,
  // and the console switches to it; a refusal is shown on the form.
  app.post('/me/preferences', async (req, reply) => {
    const s = requireSession(req, reply, ['participant']);
    if (!s) return reply;
    const problem = await storeLangPreference(
      deps,
      req,
      reply,
      `/v1/participants/${s.principal.personalId}/preferences`,
    );
    if (!problem) return reply.redirect('/console/me?prefs=saved', 303);
    return showBook(req, reply, s, { problem }, problem.status < 500 ? problem.status : 503);
  });

  // The signed book as a file: the API's answer itself (content, version, sha256 and the detached
  // JWS), which `ansinh ebook verify-file` checks offline against /.well-known/jwks.json.
  app.get('/me/book.json', async (req, reply) => {
    const s = requireSession(req, reply, ['participant']);
    if (!s) return reply;
    const book = await bookOf(req, s);
    if (!book.ok) return problemPage(req, reply, book.problem);
    return reply
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="ebook-v${book.body.version}.json"`)
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(book.body, null, 2) + '\n');
  });

  // My notices (issue 13): the inbox, in the page's language, through GET /v1/participants/{id}/notices.
  app.get('/me/notices', async (req, reply) => {
    const s = requireSession(req, reply, ['participant']);
    if (!s) return reply;
    const ctx = pageContext(req, reply);
    const q = noticesQuery.safeParse(req.query);
    const cursor = q.success && q.data.cursor ? `&cursor=${encodeURIComponent(q.data.cursor)}` : '';
    const page = await callApi<NoticePage>(
      deps,
      req,
      'GET',
      `/v1/participants/${s.principal.personalId}/notices?limit=50${cursor}`,
      undefined,
      { 'accept-language': ctx.lang },
    );
    if (!page.ok) return problemPage(req, reply, page.problem);
    return sendPage(reply, NoticesPage({ ctx, items: page.body.items, next: page.body.nextCursor }));
  });

  app.get('/me/claims', async (req, reply) => {
    const s = requireSession(req, reply, ['participant']);
    if (!s) return reply;
    const book = await bookOf(req, s);
    if (!book.ok) return problemPage(req, reply, book.problem);
    const content = book.body.content as unknown as EbookDocument;
    return sendPage(reply, ClaimsPage({ ctx: pageContext(req, reply), claims: content.unemploymentBenefits }));
  });

  const showClaim = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    extra: { reported?: boolean; problem?: Problem; summary?: string } = {},
    status = 200,
  ) => {
    const claim = await callApi<ClaimState>(deps, req, 'GET', `/v1/claims/${id}`);
    if (!claim.ok) {
      if (claim.status === 404 || claim.status === 403) throw notFound();
      return problemPage(req, reply, claim.problem);
    }
    const accounts = await callApi<{ items: BankAccountView[] }>(
      deps,
      req,
      'GET',
      `/v1/participants/${req.consoleSession!.principal.personalId}/bank-account`,
    );
    return sendPage(
      reply,
      ClaimPage({
        ctx: pageContext(req, reply),
        claim: claim.body,
        accounts: accounts.ok ? accounts.body.items : null,
        ...extra,
      }),
      status,
    );
  };

  app.get('/me/claims/:id', async (req: FastifyRequest<{ Querystring: { reported?: string } }>, reply) => {
    if (!requireSession(req, reply, ['participant'])) return reply;
    const params = claimParams.safeParse(req.params);
    if (!params.success) throw notFound();
    return showClaim(req, reply, params.data.id, { reported: req.query.reported === '1' });
  });

  app.post('/me/claims/:id/reports', async (req, reply) => {
    if (!requireSession(req, reply, ['participant'])) return reply;
    const params = claimParams.safeParse(req.params);
    if (!params.success) throw notFound();
    const id = params.data.id;
    const form = reportForm.safeParse(req.body ?? {});
    if (!form.success)
      return showClaim(req, reply, id, { problem: { status: 400, code: 'INVALID_REPORT', field: 'month' } }, 400);
    const summary = form.data.summary?.trim();
    const sent = await callApi(deps, req, 'POST', `/v1/claims/${id}/reports`, {
      month: form.data.month,
      ...(summary ? { summary } : {}),
    });
    if (sent.ok) return reply.redirect(`/console/me/claims/${id}?reported=1`, 303);
    // The workflow's validator refused (window closed, already reported…): its reason on the form.
    return showClaim(
      req,
      reply,
      id,
      { problem: sent.problem, summary: summary ?? '' },
      sent.status < 500 ? sent.status : 503,
    );
  });
}

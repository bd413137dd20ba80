/**
 * The officer's console (issue 12): the work queue, the claim page with its decision form and
 * timeline, onboardings awaiting approval with approve and reject, participant search and the
 * participant's page. Every read and action goes through the API in process (console/api.ts) with
 * the session's token; a refusal of the API is shown on the form it refused, with its status (4xx).
 */
import type { BankAccountView } from '../views/bank-account';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { EbookDocument } from '../../domain/ebook';
import type { TimelineEvent } from '../../domain/schemas-officer';
import { catalog, type T } from '../../messages';
import { callApi, query, type Problem } from '../api';
import { requireSession, sendFragment, sendPage, tOf, type ConsoleDeps } from '../context';
import { pageContext } from '../page';
import { ClaimPage, claimStatusLabel, type ClaimView, type DecisionForm } from '../views/officer-claim';
import {
  OnboardingListPage,
  OnboardingPage,
  type OnboardingForm,
  type OnboardingListItem,
  type OnboardingProgressView,
} from '../views/officer-onboarding';
import { ParticipantPage, ParticipantSearchPage, type ParticipantHit } from '../views/officer-participant';
import {
  QueuePage,
  QueueResults,
  RESULTS_ID,
  type QueueFilter,
  labelOf,
  type QueuePageData,
} from '../views/officer-queue';

type Query = Record<string, string | undefined>;
const str = (v: unknown, max = 200): string => (typeof v === 'string' ? v.slice(0, max) : '');
/** A cursor is passed to the API as it gave it out (the API checks it); anything else is dropped. */
const cursorOf = (v: unknown): string => (typeof v === 'string' && /^[A-Za-z0-9_-]{1,1400}$/.test(v) ? v : '');
/** A decision form that names neither decision: refused on the form, nothing sent. */
const decisionRequired = (t: T) => ({
  status: 400,
  code: 'DECISION_REQUIRED',
  detail: t('officer.decision.required'),
});

const CLAIM_ID = /^[0-9a-fA-F-]{36}$/;
const TAX_CODE = /^\d{10}(-\d{3})?$/;
const PERSONAL_ID = /^\d{12}$/;

/** A path parameter that is not even shaped like an id is a page that does not exist. */
function notFound(): Error {
  return Object.assign(new Error('no such page'), { statusCode: 404 });
}

/** A refusal's status for the page that shows it: the API's own 4xx; anything else is not the form's fault. */
const refusalStatus = (p: Problem): number => (p.status >= 400 && p.status < 500 ? p.status : 503);

/** An htmx request for just the queue's results (not a history restore, which needs the whole page). */
const wantsResults = (req: FastifyRequest): boolean =>
  req.headers['hx-request'] === 'true' &&
  req.headers['hx-history-restore-request'] !== 'true' &&
  req.headers['hx-target'] === RESULTS_ID;

export async function officerRoutes(app: FastifyInstance, deps: ConsoleDeps): Promise<void> {
  const officer = (req: FastifyRequest, reply: FastifyReply) => requireSession(req, reply, ['officer']);

  // ---- The work queue ------------------------------------------------------------------------
  const queue = async (req: FastifyRequest, reply: FastifyReply, notice?: string) => {
    const q = req.query as Query;
    const filter: QueueFilter = {
      kind: str(q['kind']),
      province: str(q['province']),
      status: str(q['status']),
      limit: str(q['limit'], 3),
    };
    const r = await callApi<QueuePageData>(
      deps,
      req,
      'GET',
      `/v1/tasks${query({
        kind: filter.kind,
        province: filter.province,
        status: filter.status && filter.status !== 'open' ? filter.status : undefined,
        cursor: str(q['cursor']),
        limit: str(q['limit'], 3) || 50,
      })}`,
    );
    const ctx = pageContext(req, reply);
    const page = r.ok ? r.body : null;
    const problem = r.ok ? undefined : r.problem;
    const status = r.ok ? 200 : refusalStatus(r.problem);
    void reply.header('vary', 'HX-Request, HX-Target');
    // htmx swaps only 2xx answers: a refused filter's reason comes as a 200 fragment that shows it.
    if (wantsResults(req)) return sendFragment(reply, QueueResults({ ctx, filter, page, problem }), 200);
    return sendPage(reply, QueuePage({ ctx, filter, page, problem, notice }), status);
  };

  app.get('/officer', async (req: FastifyRequest<{ Querystring: Query }>, reply) => {
    if (!officer(req, reply)) return reply;
    const assigned = str(req.query['assigned'], 15);
    return queue(req, reply, /^\d+$/.test(assigned) ? tOf(req)('officer.bank.assigned', { id: assigned }) : undefined);
  });

  // A bank line in suspense, assigned to an employer from the queue's row.
  app.post('/officer/bank/:id/assignment', async (req: FastifyRequest<{ Params: { id: string } }>, reply) => {
    if (!officer(req, reply)) return reply;
    if (!/^\d{1,15}$/.test(req.params.id)) throw notFound();
    const taxCode = str((req.body as Query | undefined)?.['taxCode'], 20).trim();
    const r = await callApi<{ taxCode?: string }>(deps, req, 'POST', `/v1/bank/suspense/${req.params.id}/assignment`, {
      taxCode,
    });
    if (r.ok) return reply.redirect(`/console/officer?assigned=${req.params.id}`, 303);
    // Refused: the queue again, with the reason on top.
    const ctx = pageContext(req, reply);
    const filter: QueueFilter = { kind: '', province: '', status: '', limit: '' };
    const page = await callApi<QueuePageData>(deps, req, 'GET', '/v1/tasks?limit=50');
    return sendPage(
      reply,
      QueuePage({ ctx, filter, page: page.ok ? page.body : null, problem: r.problem }),
      refusalStatus(r.problem),
    );
  });

  // ---- The claim page ------------------------------------------------------------------------
  const claimPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    claimId: string,
    opts: { problem?: Problem; form?: DecisionForm; notice?: string } = {},
  ) => {
    const after = str((req.query as Query)['after'], 40);
    const [claim, timeline] = await Promise.all([
      callApi<ClaimView>(deps, req, 'GET', `/v1/claims/${claimId}`),
      callApi<{ items: TimelineEvent[]; nextCursor: string | null }>(
        deps,
        req,
        'GET',
        `/v1/claims/${claimId}/timeline${query({ limit: 200, cursor: after })}`,
      ),
    ]);
    const ctx = pageContext(req, reply);
    if (!claim.ok) {
      throw Object.assign(new Error(claim.problem.detail ?? claim.problem.code), {
        statusCode: refusalStatus(claim.problem),
        code: claim.problem.code,
        ...(claim.problem.status === 403 ? { consoleKey: 'error.forbidden' as const } : {}),
        ...(claim.problem.status === 404 ? { consoleKey: 'error.notFound' as const } : {}),
      });
    }
    const more =
      timeline.ok && timeline.body.nextCursor
        ? `/console/officer/claims/${claimId}?after=${encodeURIComponent(timeline.body.nextCursor)}`
        : null;
    return sendPage(
      reply,
      ClaimPage({
        ctx,
        claim: claim.body,
        events: timeline.ok ? timeline.body.items : [],
        moreEvents: more,
        timelineProblem: timeline.ok ? undefined : timeline.problem,
        problem: opts.problem,
        form: opts.form ?? {},
        notice: opts.notice,
      }),
      opts.problem ? refusalStatus(opts.problem) : 200,
    );
  };

  app.get('/officer/claims/:id', async (req: FastifyRequest<{ Params: { id: string }; Querystring: Query }>, reply) => {
    if (!officer(req, reply)) return reply;
    if (!CLAIM_ID.test(req.params.id)) throw notFound();
    const decided = str(req.query['decided'], 40);
    const t = tOf(req);
    // Only a status the catalog knows is shown: a link cannot make the page say text of its choosing.
    const known = decided && `officer.claimStatus.${decided}` in catalog;
    const notice = known ? t('officer.claim.decided', { status: claimStatusLabel(t, decided) }) : undefined;
    return claimPage(req, reply, req.params.id, notice ? { notice } : {});
  });

  app.post('/officer/claims/:id/decision', async (req: FastifyRequest<{ Params: { id: string } }>, reply) => {
    if (!officer(req, reply)) return reply;
    if (!CLAIM_ID.test(req.params.id)) throw notFound();
    const body = (req.body ?? {}) as Query;
    const form: DecisionForm = { decision: str(body['decision'], 20), reason: str(body['reason'], 2000) };
    const reason = form.reason?.trim();
    // An irreversible decision is taken only when the form says which, in so many words.
    if (form.decision !== 'approve' && form.decision !== 'reject')
      return claimPage(req, reply, req.params.id, { problem: decisionRequired(tOf(req)), form });
    const payload =
      form.decision === 'reject' ? { decision: 'reject', ...(reason ? { reason } : {}) } : { decision: 'approve' };
    const r = await callApi<{ accepted: true; status?: string }>(
      deps,
      req,
      'POST',
      `/v1/claims/${req.params.id}/decision`,
      payload,
    );
    // Accepted: back to the claim, which shows its new state (a reload does not decide again).
    if (r.ok)
      return reply.redirect(
        `/console/officer/claims/${req.params.id}?decided=${encodeURIComponent(r.body.status ?? '')}`,
        303,
      );
    return claimPage(req, reply, req.params.id, { problem: r.problem, form });
  });

  // ---- Onboardings -----------------------------------------------------------------------------
  app.get('/officer/onboardings', async (req: FastifyRequest<{ Querystring: Query }>, reply) => {
    if (!officer(req, reply)) return reply;
    const r = await callApi<{ items: OnboardingListItem[]; nextCursor: string | null }>(
      deps,
      req,
      'GET',
      `/v1/onboardings${query({ status: 'pending', cursor: cursorOf(req.query['cursor']), limit: 50 })}`,
    );
    const ctx = pageContext(req, reply);
    return sendPage(
      reply,
      OnboardingListPage({
        ctx,
        items: r.ok ? r.body.items : [],
        next:
          r.ok && r.body.nextCursor
            ? `/console/officer/onboardings?cursor=${encodeURIComponent(r.body.nextCursor)}`
            : null,
        problem: r.ok ? undefined : r.problem,
      }),
      r.ok ? 200 : refusalStatus(r.problem),
    );
  });

  const onboardingPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    taxCode: string,
    opts: { problem?: Problem; form?: OnboardingForm; notice?: string } = {},
  ) => {
    const r = await callApi<OnboardingProgressView>(deps, req, 'GET', `/v1/onboardings/onboarding:${taxCode}`);
    const ctx = pageContext(req, reply);
    const status = opts.problem ? refusalStatus(opts.problem) : r.ok ? 200 : refusalStatus(r.problem);
    return sendPage(
      reply,
      OnboardingPage({
        ctx,
        taxCode,
        progress: r.ok ? r.body : null,
        loadProblem: r.ok ? undefined : r.problem,
        problem: opts.problem,
        form: opts.form ?? {},
        notice: opts.notice,
      }),
      status,
    );
  };

  app.get(
    '/officer/onboardings/:taxCode',
    async (req: FastifyRequest<{ Params: { taxCode: string }; Querystring: Query }>, reply) => {
      if (!officer(req, reply)) return reply;
      if (!TAX_CODE.test(req.params.taxCode)) throw notFound();
      const decided = str(req.query['decided'], 40);
      const t = tOf(req);
      return onboardingPage(
        req,
        reply,
        req.params.taxCode,
        decided && `officer.onboardingState.${decided}` in catalog
          ? { notice: t('officer.onboarding.decided', { state: labelOf(t, 'officer.onboardingState.', decided) }) }
          : {},
      );
    },
  );

  app.post(
    '/officer/onboardings/:taxCode/decision',
    async (req: FastifyRequest<{ Params: { taxCode: string } }>, reply) => {
      if (!officer(req, reply)) return reply;
      if (!TAX_CODE.test(req.params.taxCode)) throw notFound();
      const body = (req.body ?? {}) as Query;
      const form: OnboardingForm = { decision: str(body['decision'], 20), reason: str(body['reason'], 2000) };
      if (form.decision !== 'approve' && form.decision !== 'reject')
        return onboardingPage(req, reply, req.params.taxCode, { problem: decisionRequired(tOf(req)), form });
      const payload =
        form.decision === 'reject'
          ? { decision: 'reject', reason: form.reason?.trim() ?? '' }
          : { decision: 'approve' };
      const r = await callApi<{ accepted: true; state?: string }>(
        deps,
        req,
        'POST',
        `/v1/onboardings/onboarding:${req.params.taxCode}/decision`,
        payload,
      );
      if (r.ok)
        return reply.redirect(
          `/console/officer/onboardings/${req.params.taxCode}?decided=${encodeURIComponent(r.body.state ?? form.decision ?? '')}`,
          303,
        );
      return onboardingPage(req, reply, req.params.taxCode, { problem: r.problem, form });
    },
  );

  // ---- Participants ----------------------------------------------------------------------------
  app.get('/officer/participants', async (req: FastifyRequest<{ Querystring: Query }>, reply) => {
    if (!officer(req, reply)) return reply;
    const q = str(req.query['q'], 100).trim();
    const ctx = pageContext(req, reply);
    if (!q) return sendPage(reply, ParticipantSearchPage({ ctx, q, items: null, next: null }));
    const r = await callApi<{ items: ParticipantHit[]; nextCursor: string | null }>(
      deps,
      req,
      'GET',
      `/v1/participants${query({ q, cursor: cursorOf(req.query['cursor']), limit: 50 })}`,
    );
    return sendPage(
      reply,
      ParticipantSearchPage({
        ctx,
        q,
        items: r.ok ? r.body.items : null,
        next:
          r.ok && r.body.nextCursor ? `/console/officer/participants${query({ q, cursor: r.body.nextCursor })}` : null,
        problem: r.ok ? undefined : r.problem,
      }),
      r.ok ? 200 : refusalStatus(r.problem),
    );
  });

  app.get(
    '/officer/participants/:personalId',
    async (req: FastifyRequest<{ Params: { personalId: string } }>, reply) => {
      if (!officer(req, reply)) return reply;
      if (!PERSONAL_ID.test(req.params.personalId)) throw notFound();
      const [r, accounts] = await Promise.all([
        callApi<{ content: EbookDocument }>(deps, req, 'GET', `/v1/participants/${req.params.personalId}/ebook`),
        callApi<{ items: BankAccountView[] }>(
          deps,
          req,
          'GET',
          `/v1/participants/${req.params.personalId}/bank-account`,
        ),
      ]);
      const ctx = pageContext(req, reply);
      return sendPage(
        reply,
        ParticipantPage({
          ctx,
          personalId: req.params.personalId,
          book: r.ok ? r.body.content : null,
          problem: r.ok ? undefined : r.problem,
          accounts: accounts.ok ? accounts.body.items : null,
        }),
        r.ok ? 200 : refusalStatus(r.problem),
      );
    },
  );
}

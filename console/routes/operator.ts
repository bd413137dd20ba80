/**
 * The operator's console (issue #12): reconciliation runs with live progress, the schedule, the
 * verifications, stalled cases and arrears by month. Every read and action goes through the API
 * (console/api.ts) with the session's token; a refusal is shown on the form that caused it.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { addMonths, isMonth, monthOf } from '../../domain/calendar';
import type {
  Arrears,
  AuditVerification,
  LedgerVerification,
  ReconciliationRun,
  ReconciliationSchedule,
} from '../../domain/schemas-operations';
import { formatMonth } from '../../messages/format';
import { callApi, query, type Problem } from '../api';
import { requireSession, sendFragment, sendPage, type ConsoleDeps } from '../context';
import { pageContext } from '../page';
import { ArrearsPage } from '../views/operator-arrears';
import {
  OperatorPage,
  RunsFragment,
  VERIFY_KINDS,
  VerifyResult,
  type EbookVerification,
  type RunsView,
  type VerifyKind,
  type VerifyOutcome,
} from '../views/operator-runs';
import { StalledPage, type StalledList } from '../views/operator-stalled';

const MONTH = /^\d{4}-\d{2}$/;
const CURSOR = /^[A-Za-z0-9_-]{1,60}$/;
const RUNS_PER_PAGE = 10;

type Q = Record<string, string | undefined>;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length <= 100 ? v.trim() : undefined);

const VERIFY_URL: Record<VerifyKind, string> = {
  ebooks: '/v1/ebooks/verification',
  ledger: '/v1/ledger/verification',
  audit: '/v1/audit/verification',
};

export async function operatorRoutes(app: FastifyInstance, deps: ConsoleDeps): Promise<void> {
  async function runsView(req: FastifyRequest, started: string | undefined, cursor?: string): Promise<RunsView> {
    const r = await callApi<{ items: ReconciliationRun[]; nextCursor: string | null }>(
      deps,
      req,
      'GET',
      `/v1/reconciliations${query({ limit: RUNS_PER_PAGE, cursor: cursor && CURSOR.test(cursor) ? cursor : undefined })}`,
    );
    return r.ok
      ? { runs: r.body.items, nextCursor: r.body.nextCursor, started }
      : { runs: [], nextCursor: null, started: undefined, problem: r.problem };
  }

  async function schedule(
    req: FastifyRequest,
  ): Promise<{ schedule: ReconciliationSchedule | null; problem?: Problem }> {
    const r = await callApi<ReconciliationSchedule>(deps, req, 'GET', '/v1/reconciliations/schedule');
    if (r.ok) return { schedule: r.body };
    return r.status === 404 ? { schedule: null } : { schedule: null, problem: r.problem };
  }

  /** The whole page; what an action adds (its notice, its refusal, its result) comes in `extra`. */
  async function page(
    req: FastifyRequest,
    reply: FastifyReply,
    extra: Partial<Parameters<typeof OperatorPage>[0]> & { started?: string; cursor?: string },
    status = 200,
  ) {
    const [runs, sched] = await Promise.all([runsView(req, extra.started, extra.cursor), schedule(req)]);
    return sendPage(
      reply,
      OperatorPage({
        ctx: pageContext(req, reply),
        runs,
        schedule: sched.schedule,
        scheduleProblem: sched.problem,
        ...extra,
      }),
      status,
    );
  }

  app.get('/operator', async (req: FastifyRequest<{ Querystring: Q }>, reply) => {
    if (!requireSession(req, reply, ['operator'])) return reply;
    const t = pageContext(req, reply).t;
    const started = MONTH.test(req.query.started ?? '') ? req.query.started : undefined;
    const applied = req.query.applied === 'created' || req.query.applied === 'updated' ? req.query.applied : undefined;
    return page(req, reply, {
      started,
      cursor: req.query.cursor,
      startNotice: started
        ? t(req.query.already === '1' ? 'op.start.already' : 'op.start.started', {
            period: formatMonth(pageContext(req, reply).lang, started),
          })
        : undefined,
      // The notice names only a schedule id (no text of the URL's choosing).
      applied:
        applied && /^[A-Za-z0-9:._-]{1,200}$/.test(req.query.id ?? '')
          ? { scheduleId: req.query.id!, outcome: applied }
          : undefined,
    });
  });

  app.get('/operator/runs', async (req: FastifyRequest<{ Querystring: Q }>, reply) => {
    if (!requireSession(req, reply, ['operator'])) return reply;
    const started = MONTH.test(req.query.started ?? '') ? req.query.started : undefined;
    return sendFragment(reply, RunsFragment({ ctx: pageContext(req, reply), view: await runsView(req, started) }));
  });

  app.post('/operator/reconciliations', async (req, reply) => {
    if (!requireSession(req, reply, ['operator'])) return reply;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const period = str(body['period']) ?? '';
    const asOf = str(body['asOf']);
    const r = await callApi<{ workflowId: string; alreadyRunning: boolean }>(deps, req, 'POST', '/v1/reconciliations', {
      period,
      ...(asOf ? { asOf } : {}),
    });
    if (!r.ok) return page(req, reply, { startProblem: r.problem, form: { period, asOf } }, r.status);
    return reply.redirect(
      `/console/operator${query({ started: period, already: r.body.alreadyRunning ? '1' : undefined })}`,
      303,
    );
  });

  app.post('/operator/schedule', async (req, reply) => {
    if (!requireSession(req, reply, ['operator'])) return reply;
    const r = await callApi<{ scheduleId: string; outcome: 'created' | 'updated' }>(
      deps,
      req,
      'POST',
      '/v1/reconciliations/schedule',
    );
    if (!r.ok) return page(req, reply, { scheduleProblem: r.problem }, r.status);
    return reply.redirect(
      `/console/operator${query({ applied: r.body.outcome, id: r.body.scheduleId })}#schedule`,
      303,
    );
  });

  app.post('/operator/verify/:kind', async (req: FastifyRequest<{ Params: { kind: string } }>, reply) => {
    if (!requireSession(req, reply, ['operator'])) return reply;
    const kind = VERIFY_KINDS.find((k) => k === req.params.kind);
    if (!kind) throw Object.assign(new Error('no such check'), { statusCode: 404 });
    const r = await callApi<EbookVerification | LedgerVerification | AuditVerification>(
      deps,
      req,
      'POST',
      VERIFY_URL[kind],
    );
    const outcome = (r.ok ? { kind, body: r.body } : { kind, problem: r.problem }) as VerifyOutcome;
    const status = r.ok ? 200 : r.status;
    // htmx swaps only 2xx answers: a refusal is sent 200 so that its reason shows in place.
    if (req.headers['hx-request']) return sendFragment(reply, VerifyResult({ ctx: pageContext(req, reply), outcome }));
    return page(req, reply, { verify: outcome }, status);
  });

  app.get('/operator/stalled', async (req: FastifyRequest<{ Querystring: Q }>, reply) => {
    if (!requireSession(req, reply, ['operator'])) return reply;
    const cursor = req.query.cursor && CURSOR.test(req.query.cursor) ? req.query.cursor : undefined;
    const r = await callApi<StalledList>(deps, req, 'GET', `/v1/tasks/stalled${query({ limit: 50, cursor })}`);
    const ctx = pageContext(req, reply);
    return sendPage(
      reply,
      StalledPage({ ctx, list: r.ok ? r.body : null, problem: r.ok ? undefined : r.problem }),
      r.ok ? 200 : r.status,
    );
  });

  app.get('/operator/arrears', async (req: FastifyRequest<{ Querystring: Q }>, reply) => {
    if (!requireSession(req, reply, ['operator'])) return reply;
    const thisMonth = monthOf(deps.api.clock.today());
    const to = MONTH.test(req.query.to ?? '') ? req.query.to! : thisMonth;
    const from = MONTH.test(req.query.from ?? '') ? req.query.from! : isMonth(to) ? addMonths(to, -11) : to;
    const r = await callApi<Arrears>(deps, req, 'GET', `/v1/arrears${query({ from, to })}`);
    const ctx = pageContext(req, reply);
    return sendPage(
      reply,
      ArrearsPage({ ctx, data: r.ok ? r.body : null, form: { from, to }, problem: r.ok ? undefined : r.problem }),
      r.ok ? 200 : r.status,
    );
  });
}

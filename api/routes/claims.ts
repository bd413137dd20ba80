/**
 * Unemployment claims: filed by an officer or by the participant for themselves; decided by an
 * officer; monthly job-search reports by the participant (or an officer on their behalf);
 * termination on a legal ground. Decisions, reports and terminations are Temporal Updates:
 * accepted, or refused at once with a stable code (409 WRONG_STATE, REPORT_WINDOW_CLOSED, …).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  claimDecisionSchema,
  claimFiledSchema,
  claimFilingSchema,
  claimReportSchema,
  claimStateSchema,
  claimTerminationSchema,
  claimUpdateAcceptedSchema,
  problemSchema,
} from '../../domain/schemas';
import {
  claimState,
  decideClaim,
  fileAndStartClaim,
  reportClaim,
  terminateClaim,
  type ClaimsContext,
} from '../../client/claims';
import { DEV_CLAIM_SUBJECT_KEY } from '../../runtime/config';
import { findClaim, type StoredClaim } from '../../services/claims';
import { claimPayments, listClaims } from '../../services/claim-lists';
import { claimListQuerySchema, claimListSchema, claimPaymentsSchema, listPageSchema } from '../../domain/schemas-lists';
import type { Principal } from '../auth';
import {
  authorised,
  decodeCursor,
  decodeKeyCursor,
  encodeCursor,
  encodeKeyCursor,
  listScope,
  logRead,
  principalOf,
  type ApiDeps,
  actorOf,
} from '../context';
import { forbidden } from '../errors';
import { allowed, mayEver, POLICY, type Action } from '../policy';
import { DomainError } from '../../domain/errors';
import { isoDateSchema } from '../../domain/schemas-fields';

const problems = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
  422: problemSchema,
  429: problemSchema,
};
const idParams = z.object({ id: z.string().uuid('INVALID_CLAIM_ID: a claim id is a UUID') });
/** The claim list's keyset: the filing date and id of the last claim of the page. */
const claimKey = z.tuple([isoDateSchema, z.string().uuid()]);

export async function claimRoutes(root: FastifyInstance, deps: ApiDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  /**
   * The claim routes' preamble: a role that may never do this is refused before any lookup (no
   * existence oracle); then the claim is read, once for the whole request, and the caller must be
   * allowed to act on its owner.
   */
  const claimFor = async (
    req: FastifyRequest & { params: { id: string } },
    action: Action,
  ): Promise<{ p: Principal; claim: StoredClaim }> => {
    const p = principalOf(req);
    if (!mayEver(p, action)) throw forbidden();
    // Whether a claim id exists is personal: a caller who may act only on their own claims gets
    // the same 403 for someone else's claim and for one that does not exist.
    const claim = await findClaim(deps.db, req.params.id).catch((err: unknown) => {
      if (err instanceof DomainError && err.code === 'NOT_FOUND' && POLICY[action][p.role] !== 'any') throw forbidden();
      throw err;
    });
    if (!allowed(p, action, { personalId: claim.personalId })) throw forbidden();
    return { p, claim };
  };
  const ctx = (): ClaimsContext => ({
    db: deps.db,
    client: deps.client,
    taskQueue: deps.taskQueue,
    subjectKey: deps.subjectKey ?? DEV_CLAIM_SUBJECT_KEY,
    clock: deps.clock,
  });

  app.post(
    '/claims',
    {
      schema: {
        summary:
          'File an unemployment claim (officer, or the participant for themselves); the same filing again returns the same claim',
        tags: ['claims'],
        body: claimFilingSchema,
        response: { 201: claimFiledSchema, 200: claimFiledSchema, ...problems },
      },
    },
    async (req, reply) => {
      const p = authorised(req, 'claim.file', { personalId: req.body.personalId });
      const filed = await fileAndStartClaim(ctx(), req.body, actorOf(p));
      return reply
        .code(filed.created ? 201 : 200)
        .send({ claimId: filed.claimId, created: filed.created, status: filed.status });
    },
  );

  app.get(
    '/claims/:id',
    {
      schema: {
        summary: 'The full state of a claim: status, months paid and suspended, next deadline, what it waits for',
        tags: ['claims'],
        params: idParams,
        response: { 200: claimStateSchema, ...problems },
      },
    },
    async (req) => {
      const { claim } = await claimFor(req, 'claim.read');
      const { personalId: _personalId, ...state } = await claimState(ctx(), claim);
      await logRead(req, deps, [claim.personalId]);
      return state;
    },
  );

  app.post(
    '/claims/:id/decision',
    {
      schema: {
        summary: "The officer's decision (approve, or reject with a reason)",
        tags: ['claims'],
        params: idParams,
        body: claimDecisionSchema,
        response: { 200: claimUpdateAcceptedSchema, ...problems },
      },
    },
    async (req) => {
      const { p, claim } = await claimFor(req, 'claim.decide');
      return decideClaim(ctx(), claim, req.body, actorOf(p));
    },
  );

  app.post(
    '/claims/:id/reports',
    {
      schema: {
        summary: 'The monthly job-search report (Form 24), within the open window',
        tags: ['claims'],
        params: idParams,
        body: claimReportSchema,
        response: { 200: claimUpdateAcceptedSchema, ...problems },
      },
    },
    async (req) => {
      const { p, claim } = await claimFor(req, 'claim.report');
      return reportClaim(ctx(), claim, req.body, actorOf(p));
    },
  );

  app.post(
    '/claims/:id/termination',
    {
      schema: {
        summary: 'Terminate the benefit on a legal ground (Law 74/2025 Art.41(4))',
        tags: ['claims'],
        params: idParams,
        body: claimTerminationSchema,
        response: { 200: claimUpdateAcceptedSchema, ...problems },
      },
    },
    async (req) => {
      const { p, claim } = await claimFor(req, 'claim.terminate');
      // A participant may end their own benefit only at their own request (ground n).
      if (p.role === 'participant' && req.body.ground !== 'own_request') throw forbidden();
      return terminateClaim(ctx(), claim, req.body, actorOf(p));
    },
  );

  app.get(
    '/claims',
    {
      schema: {
        summary:
          'Claims, newest filing first (officer: every claim, by status, province, filing dates; participant: their own); access-logged for the people listed',
        tags: ['claims'],
        querystring: claimListQuerySchema,
        response: { 200: claimListSchema, ...problems },
      },
    },
    async (req) => {
      const { p, own } = listScope(req, 'claims.list');
      const q = req.query;
      const key = decodeKeyCursor(deps, q.cursor, claimKey);
      const page = await listClaims(
        deps.db,
        {
          ...(own ? { personalId: p.personalId! } : {}),
          ...(q.status ? { statuses: q.status } : {}),
          ...(q.province ? { provinceCode: q.province } : {}),
          ...(q.filedFrom ? { filedFrom: q.filedFrom } : {}),
          ...(q.filedTo ? { filedTo: q.filedTo } : {}),
        },
        { after: key ? { date: key[0], id: key[1] } : null, limit: q.limit },
      );
      await logRead(
        req,
        deps,
        page.items.map((c) => c.personalId),
      );
      return {
        items: page.items,
        nextCursor: page.next ? encodeKeyCursor(deps, [page.next.date, page.next.id]) : null,
      };
    },
  );

  app.get(
    '/claims/:id/payments',
    {
      schema: {
        summary:
          "A claim's benefit months: period, status, amount and day paid, payment deadline (participant own, officer)",
        tags: ['claims'],
        params: idParams,
        querystring: listPageSchema,
        response: { 200: claimPaymentsSchema, ...problems },
      },
    },
    async (req) => {
      const { claim } = await claimFor(req, 'claim.payments');
      const page = await claimPayments(deps.db, claim.id, {
        after: decodeCursor(req.query.cursor),
        limit: req.query.limit,
      });
      await logRead(req, deps, [claim.personalId]);
      return { items: page.items, nextCursor: page.next === null ? null : encodeCursor(page.next) };
    },
  );
}

/** Employer onboarding: submit a dossier, follow its progress, decide (officers). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  decisionBodySchema,
  decisionResultSchema,
  onboardingAcceptedSchema,
  onboardingIdSchema,
  onboardingProgressSchema,
  onboardingSubmissionSchema,
  problemSchema,
} from '../../domain/schemas';
import { decideOnboarding, onboardingProgress, submitOnboarding } from '../../client/temporal';
import { isIsoDate } from '../../domain/calendar';
import { onboardingListQuerySchema, onboardingListSchema } from '../../domain/schemas-lists';
import { listOnboardings } from '../../services/employer-lists';
import {
  authorised,
  BODY_LIMITS,
  decodeKeyCursor,
  encodeKeyCursor,
  listScope,
  type ApiDeps,
  actorOf,
} from '../context';

/** The onboarding list's keyset: the submission instant (ISO 8601, microseconds) and id of the last dossier. */
const onboardingKey = z.tuple([
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{6}Z$/)
    .refine((t) => isIsoDate(t.slice(0, 10))),
  z.string().uuid(),
]);

const taxCodeOf = (workflowId: string) => workflowId.slice('onboarding:'.length);
const problems = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
  413: problemSchema,
  422: problemSchema,
};

export async function onboardingRoutes(root: FastifyInstance, deps: ApiDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/onboardings',
    {
      bodyLimit: BODY_LIMITS.onboarding,
      schema: {
        summary: 'Submit an onboarding dossier (employer for its own tax code, or officer)',
        tags: ['onboarding'],
        body: onboardingSubmissionSchema,
        response: { 202: onboardingAcceptedSchema, ...problems },
      },
    },
    async (req, reply) => {
      const p = authorised(req, 'onboarding.submit', { taxCode: req.body.employer.taxCode });
      const accepted = await submitOnboarding(
        {
          db: deps.db,
          client: deps.client,
          taskQueue: deps.taskQueue,
          ...(deps.batchTaskQueue ? { batchTaskQueue: deps.batchTaskQueue } : {}),
          clock: deps.clock,
        },
        req.body,
        actorOf(p),
      );
      return reply.code(202).send(accepted);
    },
  );

  app.get(
    '/onboardings/:id',
    {
      schema: {
        summary: 'Progress of an onboarding (its workflow query)',
        tags: ['onboarding'],
        params: onboardingIdSchema,
        response: { 200: onboardingProgressSchema, ...problems },
      },
    },
    async (req) => {
      const taxCode = taxCodeOf(req.params.id);
      authorised(req, 'onboarding.read', { taxCode });
      return onboardingProgress(deps.client, taxCode, deps.db);
    },
  );

  app.post(
    '/onboardings/:id/decision',
    {
      schema: {
        summary: "An officer's decision (a Temporal Update: accepted, or 409 WRONG_STATE at once)",
        tags: ['onboarding'],
        params: onboardingIdSchema,
        body: decisionBodySchema,
        response: { 200: decisionResultSchema, ...problems },
      },
    },
    async (req) => {
      const taxCode = taxCodeOf(req.params.id);
      const p = authorised(req, 'onboarding.decide', { taxCode });
      const body = req.body;
      return decideOnboarding(
        deps.client,
        taxCode,
        body.decision === 'approve'
          ? { decision: 'approve', officer: actorOf(p) }
          : { decision: 'reject', officer: actorOf(p), reason: body.reason },
        { db: deps.db },
      );
    },
  );

  app.get(
    '/onboardings',
    {
      schema: {
        summary:
          'Onboarding dossiers, newest first (officer: all, by status — pending = awaiting the decision, with its deadline; employer: its own)',
        tags: ['onboarding'],
        querystring: onboardingListQuerySchema,
        response: { 200: onboardingListSchema, ...problems },
      },
    },
    async (req) => {
      const { p, own } = listScope(req, 'onboardings.list');
      const key = decodeKeyCursor(deps, req.query.cursor, onboardingKey);
      const page = await listOnboardings(
        deps.db,
        { ...(own ? { taxCode: p.taxCode! } : {}), ...(req.query.status ? { statuses: req.query.status } : {}) },
        { after: key ? { at: key[0], id: key[1] } : null, limit: req.query.limit },
      );
      return { items: page.items, nextCursor: page.next ? encodeKeyCursor(deps, [page.next.at, page.next.id]) : null };
    },
  );
}

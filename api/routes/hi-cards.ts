/**
 * An officer locks or withdraws a person's HI card, and lifts a lock (issue 15): the state behind
 * the coverage check's "suspended" answer (HI Law Art.20; Decree 188/2025 Art.12). Each decision is
 * one transaction that re-renders the e-book and is audited (services/hi-card-locks.ts); the
 * officer's reference makes it idempotent.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { personalIdParamsSchema, problemSchema } from '../../domain/schemas';
import {
  hiCardLiftBodySchema,
  hiCardLockBodySchema,
  hiCardLockParamsSchema,
  hiCardLockSchema,
} from '../../domain/schemas-coverage';
import { liftHiCardLock, lockHiCard } from '../../services/hi-card-locks';
import { actorOf, authorised, type ApiDeps } from '../context';

const problems = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
  422: problemSchema,
  429: problemSchema,
};

export async function hiCardRoutes(root: FastifyInstance, deps: ApiDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/participants/:personalId/hi-card/locks',
    {
      schema: {
        summary:
          "Lock (tạm khóa) or withdraw (thu hồi) the person's HI card from a day (officers): every card in force that day; coverage answers 'suspended' from it",
        tags: ['coverage'],
        params: personalIdParamsSchema,
        body: hiCardLockBodySchema,
        response: { 200: hiCardLockSchema, 201: hiCardLockSchema, ...problems },
      },
    },
    async (req, reply) => {
      const p = authorised(req, 'hiCard.lock');
      const d = await lockHiCard(deps.db, {
        personalId: req.params.personalId,
        reference: req.body.reference,
        kind: req.body.kind,
        ground: req.body.ground,
        effectiveFrom: req.body.effectiveFrom ?? deps.clock.today(),
        actor: actorOf(p),
        now: deps.clock(),
      });
      return reply.code(d.alreadyRecorded ? 200 : 201).send(d);
    },
  );

  app.post(
    '/participants/:personalId/hi-card/locks/:reference/lifting',
    {
      schema: {
        summary: 'Lift a temporary lock of the HI card from a day (officers; a withdrawal is never lifted)',
        tags: ['coverage'],
        params: hiCardLockParamsSchema,
        body: hiCardLiftBodySchema,
        response: { 200: hiCardLockSchema, ...problems },
      },
    },
    async (req) => {
      const p = authorised(req, 'hiCard.lock');
      return liftHiCardLock(deps.db, {
        personalId: req.params.personalId,
        reference: req.params.reference,
        liftedOn: req.body?.liftedOn ?? deps.clock.today(),
        actor: actorOf(p),
        now: deps.clock(),
      });
    },
  );
}

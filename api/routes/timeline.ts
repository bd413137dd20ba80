/**
 * A claim's timeline (issue 12, the officer's claim page): everything that happened to the claim,
 * oldest first, with who did it (a role and an opaque subject), a page at a time. Officers read
 * any claim's, a participant their own; the read is access-logged like the claim's state.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../domain/errors';
import { problemSchema } from '../../domain/schemas';
import { timelinePageSchema, timelineQuerySchema } from '../../domain/schemas-officer';
import { findClaim } from '../../services/claims';
import { claimTimeline } from '../../services/timeline';
import { decodeCursor, encodeCursor, logRead, principalOf, type ApiDeps } from '../context';
import { forbidden } from '../errors';
import { allowed, mayEver, POLICY } from '../policy';

const idParams = z.object({ id: z.string().uuid('INVALID_CLAIM_ID: a claim id is a UUID') });

export async function timelineRoutes(root: FastifyInstance, deps: ApiDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/claims/:id/timeline',
    {
      schema: {
        summary: "A claim's timeline: what happened, when, and who did it (its audit events, oldest first)",
        tags: ['claims'],
        params: idParams,
        querystring: timelineQuerySchema,
        response: {
          200: timelinePageSchema,
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
          404: problemSchema,
          429: problemSchema,
        },
      },
    },
    async (req) => {
      const p = principalOf(req);
      if (!mayEver(p, 'claim.timeline')) throw forbidden();
      // As for the claim itself: whoever may read only their own claims learns nothing of another's existence.
      const claim = await findClaim(deps.db, req.params.id).catch((err: unknown) => {
        if (err instanceof DomainError && err.code === 'NOT_FOUND' && POLICY['claim.timeline'][p.role] !== 'any')
          throw forbidden();
        throw err;
      });
      if (!allowed(p, 'claim.timeline', { personalId: claim.personalId })) throw forbidden();
      const page = await claimTimeline(deps.db, claim.id, {
        after: decodeCursor(req.query.cursor),
        limit: req.query.limit,
      });
      await logRead(req, deps, [claim.personalId]);
      // The claimant reads who acted by role: an officer's or an employer's subject is theirs to know, not the claimant's.
      const items =
        p.role === 'participant'
          ? page.items.map((e) => ({
              ...e,
              actor: { ...e.actor, subject: e.actor.kind === 'system' ? e.actor.subject : null },
            }))
          : page.items;
      return { items, nextCursor: page.nextAfter === null ? null : encodeCursor(page.nextAfter) };
    },
  );
}

/**
 * HI coverage check — the hot read path healthcare facilities call at every visit: is the card
 * (or the person) covered on a date, at what benefit level, which facility, who pays. No physical
 * card is needed (Circular 09/2026/TT-BTC): the database is the answer. One indexed query.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { coverageQuerySchema, coverageSchema, problemSchema } from '../../domain/schemas';
import { coverageChecker } from '../../services/coverage';
import { logRead, principalOf, type ApiDeps } from '../context';
import { forbidden, notFound } from '../errors';
import { allowed } from '../policy';
import { tightLimit } from '../rate-limit';

export async function coverageRoutes(root: FastifyInstance, deps: ApiDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const coverageOn = coverageChecker(deps.db);

  app.get(
    '/coverage',
    {
      config: tightLimit(deps),
      schema: {
        summary: 'Whether HI is valid on a date (default today, Vietnam time), by card code or personal ID',
        tags: ['coverage'],
        querystring: coverageQuerySchema,
        response: {
          200: coverageSchema,
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
      const { card, personalId } = req.query;
      // Roles that may never verify are refused before any lookup (no existence oracle).
      if (p.role !== 'participant' && !allowed(p, 'coverage.verify')) throw forbidden();
      if (p.role === 'participant' && personalId !== undefined && !allowed(p, 'coverage.verify', { personalId }))
        throw forbidden();
      const date = req.query.date ?? deps.clock.today();
      const coverage = await coverageOn({ card, personalId, date });
      // A card code embeds the SI number: whether it exists is personal. A participant, who may
      // check only their own, gets the same 403 for someone else's card and for a card that does
      // not exist; roles that may check anyone get 404 for an unknown one.
      if (!coverage) {
        if (p.role === 'participant') throw forbidden();
        throw notFound(card ? 'HI card' : 'participant');
      }
      if (!allowed(p, 'coverage.verify', { personalId: coverage.holder.personalId })) throw forbidden();
      await logRead(req, deps, [coverage.holder.personalId]);
      return coverage;
    },
  );
}

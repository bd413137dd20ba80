/**
 * HI coverage check — the hot read path healthcare facilities call at every visit: is the card
 * (or the person) covered on a date, at what benefit level, which facility, who pays, and when not,
 * why (not yet valid, expired, ended, no card, suspended) and whether the facility asking is the
 * card's registered initial one. No physical card is needed (Circular 09/2026/TT-BTC): the database
 * is the answer. The lookup is services/coverage.ts, shared with the FHIR routes (api/routes/fhir.ts).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { coverageQuerySchema, coverageSchema, problemSchema } from '../../domain/schemas';
import { coverageAnswer, coverageChecker } from '../../services/coverage';
import { logRead, principalOf, type ApiDeps } from '../context';
import { forbidden, notFound } from '../errors';
import { allowed } from '../policy';
import { tightLimit } from '../rate-limit';

export async function coverageRoutes(root: FastifyInstance, deps: ApiDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const coverageOn = coverageChecker(deps.db, deps.coverageIndex);

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
      // A facility asks as itself: its token names it, and it may not ask as another.
      if (p.role === 'facility' && req.query.facility !== undefined && req.query.facility !== p.facilityCode)
        throw forbidden();
      const facilityCode = p.role === 'facility' ? (p.facilityCode ?? null) : (req.query.facility ?? null);
      const date = req.query.date ?? deps.clock.today();
      const found = await coverageOn({ card, personalId, date, facilityCode });
      // A card code embeds the SI number: whether it exists is personal. A participant, who may
      // check only their own, gets the same 403 for someone else's card and for a card that does
      // not exist; roles that may check anyone get 404 for an unknown one.
      if (!found) {
        if (p.role === 'participant') throw forbidden();
        throw notFound(card ? 'HI card' : 'participant');
      }
      if (!allowed(p, 'coverage.verify', { personalId: found.holder.personalId })) throw forbidden();
      await logRead(req, deps, [found.holder.personalId]);
      return coverageAnswer(found);
    },
  );
}

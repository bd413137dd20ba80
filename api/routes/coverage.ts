/**
 * HI coverage check — the hot read path healthcare facilities call at every visit: is the card
 * (or the person) covered on a date, at what benefit level, which facility, who pays. No physical
 * card is needed (Circular 09/2026/TT-BTC): the database is the answer. One indexed query.
 */
import { and, eq, gte, isNull, lte, or, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client';
import { hiCards, participants } from '../../db/schema/index';
import {  } from '../../domain/calendar';
import { coverageQuerySchema, coverageSchema, problemSchema } from '../../domain/schemas';
import { forbidden, notFound } from '../errors';
import { allowed } from '../policy';
import { principalOf, type ApiDeps } from '../server';

/**
 * The two lookups, as named prepared statements: one round trip each. The card in force on the
 * date wins; with several (two employers), the higher benefit level, then the latest.
 */
function prepareLookups(db: Db) {
  const date = sql.placeholder('date');
  const inForce = and(eq(hiCards.personalId, participants.personalId), lte(hiCards.validFrom, date), or(isNull(hiCards.validTo), gte(hiCards.validTo, date)));
  const select = (cardFilter?: ReturnType<typeof eq>) =>
    db
      .select({
        personalId: participants.personalId,
        fullName: participants.fullName,
        dateOfBirth: participants.dateOfBirth,
        gender: participants.gender,
        cardCode: hiCards.cardCode,
        benefitLevel: hiCards.benefitLevel,
        initialFacilityCode: hiCards.initialFacilityCode,
        payerKind: hiCards.payerKind,
        payerTaxCode: hiCards.payerTaxCode,
        validFrom: hiCards.validFrom,
        validTo: hiCards.validTo,
        fiveYearsFrom: hiCards.fiveYearsFrom,
      })
      .from(participants)
      .leftJoin(hiCards, cardFilter ? and(inForce, cardFilter) : inForce);
  const order = [sql`${hiCards.benefitLevel} desc nulls last`, sql`${hiCards.validFrom} desc`];
  return {
    byPerson: select()
      .where(eq(participants.personalId, sql.placeholder('personalId')))
      .orderBy(...order)
      .limit(1)
      .prepare('coverage_by_person'),
    byCard: select(eq(hiCards.cardCode, sql.placeholder('card')))
      .where(eq(participants.personalId, sql`(select personal_id from hi_cards where card_code = ${sql.placeholder('card')} order by valid_from desc limit 1)`))
      .orderBy(...order)
      .limit(1)
      .prepare('coverage_by_card'),
  };
}

export async function coverageRoutes(root: FastifyInstance, deps: ApiDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const lookups = prepareLookups(deps.db);

  app.get(
    '/coverage',
    {
      schema: {
        summary: 'Whether HI is valid on a date (default today, Vietnam time), by card code or personal ID',
        tags: ['coverage'],
        querystring: coverageQuerySchema,
        response: { 200: coverageSchema, 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema },
      },
    },
    async (req) => {
      const p = principalOf(req);
      const { card, personalId } = req.query;
      // Roles that may never verify are refused before any lookup (no existence oracle).
      if (p.role !== 'participant' && !allowed(p, 'coverage.verify')) throw forbidden();
      if (p.role === 'participant' && personalId !== undefined && !allowed(p, 'coverage.verify', { personalId })) throw forbidden();
      const date = req.query.date ?? deps.clock.today();
      const [row] = card ? await lookups.byCard.execute({ card, date }) : await lookups.byPerson.execute({ personalId, date });
      if (!row) throw notFound(card ? 'HI card' : 'participant');
      if (!allowed(p, 'coverage.verify', { personalId: row.personalId })) throw forbidden();
      return {
        date,
        valid: row.cardCode !== null,
        holder: { personalId: row.personalId, fullName: row.fullName, dateOfBirth: row.dateOfBirth, gender: row.gender },
        card:
          row.cardCode === null
            ? null
            : {
                cardCode: row.cardCode,
                benefitLevel: Number(row.benefitLevel),
                initialFacilityCode: row.initialFacilityCode,
                payer: { kind: row.payerKind!, taxCode: row.payerTaxCode },
                validFrom: row.validFrom!,
                validTo: row.validTo,
                fiveYearsFrom: row.fiveYearsFrom,
              },
      };
    },
  );
}

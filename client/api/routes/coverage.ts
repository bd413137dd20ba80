/**
 * HI coverage check — the hot read path healthcare facilities call at every visit: is the card
 * (or the person) covered on a date, at what benefit level, which facility, who pays. No physical
 * card is needed (Circular 09/2026/TT-BTC): the database is the answer. One indexed query.
 */
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { queryRows } from '../../../db/client';
import { localDateOf } from '../../../domain/calendar';
import { coverageQuerySchema, coverageSchema, problemSchema } from '../../../domain/schemas';
import { forbidden, notFound } from '../errors';
import { allowed } from '../policy';
import { principalOf, type ApiDeps } from '../server';

interface Row {
  personal_id: string;
  full_name: string;
  date_of_birth: string;
  gender: string;
  card_code: string | null;
  benefit_level: number | null;
  initial_facility_code: string | null;
  payer_kind: string | null;
  payer_tax_code: string | null;
  valid_from: string | null;
  valid_to: string | null;
  five_years_from: string | null;
}

export async function coverageRoutes(root: FastifyInstance, deps: ApiDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();

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
      const date = req.query.date ?? localDateOf(Date.now());
      const holder = card
        ? sql`(select personal_id from hi_cards where card_code = ${card} order by valid_from desc limit 1)`
        : sql`${personalId}`;
      const [row] = await queryRows<Row>(
        deps.db,
        sql`select p.personal_id, p.full_name, p.date_of_birth::text, p.gender,
                   c.card_code, c.benefit_level, c.initial_facility_code, c.payer_kind, c.payer_tax_code,
                   c.valid_from::text, c.valid_to::text, c.five_years_from::text
              from participants p
              left join hi_cards c
                on c.personal_id = p.personal_id
               and c.valid_from <= ${date}::date
               and (c.valid_to is null or c.valid_to >= ${date}::date)
               ${card ? sql`and c.card_code = ${card}` : sql``}
             where p.personal_id = ${holder}
             order by c.benefit_level desc nulls last, c.valid_from desc
             limit 1`,
      );
      if (!row) throw notFound(card ? 'HI card' : 'participant');
      if (!allowed(p, 'coverage.verify', { personalId: row.personal_id })) throw forbidden();
      return {
        date,
        valid: row.card_code !== null,
        holder: { personalId: row.personal_id, fullName: row.full_name, dateOfBirth: row.date_of_birth, gender: row.gender },
        card:
          row.card_code === null
            ? null
            : {
                cardCode: row.card_code,
                benefitLevel: Number(row.benefit_level),
                initialFacilityCode: row.initial_facility_code,
                payer: { kind: row.payer_kind!, taxCode: row.payer_tax_code },
                validFrom: row.valid_from!,
                validTo: row.valid_to,
                fiveYearsFrom: row.five_years_from,
              },
      };
    },
  );
}

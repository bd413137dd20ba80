/**
 * Participants (issue #12): the officers' search — a 12-digit personal ID, a 10-digit SI number, or
 * the start of a name with accents and case ignored — and a person's payment history across their
 * claims. Both are reads of personal data: each person returned is access-logged, and a refused
 * search (400, 403) reads and logs nothing.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isoDateSchema } from '../../domain/schemas-fields';
import { personalIdParamsSchema, problemSchema } from '../../domain/schemas';
import {
  cursorTextSchema,
  listPageSchema,
  participantPaymentsSchema,
  participantSearchQuerySchema,
  participantSearchSchema,
} from '../../domain/schemas-lists';
import { participantPreferencesSchema, preferencesBodySchema } from '../../domain/schemas-preferences';
import { participantPayments } from '../../services/claim-lists';
import { setParticipantPreferences } from '../../services/preferences';
import { isKnownParticipant, searchParticipants } from '../../services/search';
import { actorOf, authorised, decodeKeyCursor, encodeKeyCursor, logRead, type ApiDeps } from '../context';
import { notFound } from '../errors';
import { tightLimit } from '../rate-limit';

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 429: problemSchema };
/** The name search's keyset: the folded name and personal ID of the last person of the page. */
const nameKey = z.tuple([cursorTextSchema, z.string().regex(/^\d{12}$/)]);
/** The payment history's keyset: the period start, claim and month index of the last month of the page. */
const monthKey = z.tuple([isoDateSchema, z.string().uuid(), z.number().int().min(1).max(12)]);

export async function participantRoutes(root: FastifyInstance, deps: ApiDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/participants',
    {
      // Look-ups of people: the tight bucket, as the look-ups by personal ID (api/rate-limit.ts).
      config: tightLimit(deps),
      schema: {
        summary:
          'Find participants (officers): q = a 12-digit personal ID, a 10-digit SI number, or the start of a name (accents and case ignored, "đ" = "d"); access-logged',
        tags: ['participants'],
        querystring: participantSearchQuerySchema,
        response: { 200: participantSearchSchema, ...problems },
      },
    },
    async (req) => {
      authorised(req, 'participants.search');
      const key = decodeKeyCursor(deps, req.query.cursor, nameKey);
      const page = await searchParticipants(deps.db, req.query.q, {
        after: key ? { name: key[0], id: key[1] } : null,
        limit: req.query.limit,
      });
      await logRead(
        req,
        deps,
        page.items.map((x) => x.personalId),
      );
      return {
        items: page.items,
        nextCursor: page.next ? encodeKeyCursor(deps, [page.next.name, page.next.id]) : null,
      };
    },
  );

  app.get(
    '/participants/:personalId/payments',
    {
      schema: {
        summary:
          "Every benefit month of the person's claims, newest first: period, status, amount and day paid, payment deadline (participant own, officer)",
        tags: ['participants', 'claims'],
        params: personalIdParamsSchema,
        querystring: listPageSchema,
        response: { 200: participantPaymentsSchema, ...problems },
      },
    },
    async (req) => {
      const { personalId } = req.params;
      authorised(req, 'participant.payments', { personalId });
      const key = decodeKeyCursor(deps, req.query.cursor, monthKey);
      if (!(await isKnownParticipant(deps.db, personalId))) throw notFound('participant');
      const page = await participantPayments(deps.db, personalId, {
        after: key ? { from: key[0], claimId: key[1], idx: key[2] } : null,
        limit: req.query.limit,
      });
      await logRead(req, deps, [personalId]);
      return {
        items: page.items,
        nextCursor: page.next ? encodeKeyCursor(deps, [page.next.from, page.next.claimId, page.next.idx]) : null,
      };
    },
  );

  // Issue 13: the language of the person's notices (the e-mail and its PDF), which the relay reads
  // when it sends. Idempotent: the same value again changes nothing and answers the same.
  app.put(
    '/participants/:personalId/preferences',
    {
      schema: {
        summary:
          "Set the participant's preferences: lang (vi | en), the language of their notices — e-mail subject, body and PDF — and the e-book PDF's default (participant own, officer); audited; the same value again is the same answer",
        tags: ['participants'],
        params: personalIdParamsSchema,
        body: preferencesBodySchema,
        response: { 200: participantPreferencesSchema, ...problems },
      },
    },
    async (req) => {
      const { personalId } = req.params;
      const p = authorised(req, 'participant.preferences', { personalId });
      return setParticipantPreferences(deps.db, { personalId, lang: req.body.lang, actor: actorOf(p) });
    },
  );
}

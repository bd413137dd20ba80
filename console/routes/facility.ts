/**
 * The healthcare facility's page (issue #12): one field — an HI card code or a personal ID — and
 * one large answer: covered or not, why not, the benefit level, and whether this facility is the
 * card's registered initial facility. The check is GET /v1/coverage through the API in process
 * (console/api.ts), so it is rate-limited and access-logged as any facility's check. The form is
 * posted (the personal ID stays out of the address bar and the browser's history); with htmx only
 * the answer is replaced.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { coverageSchema } from '../../domain/schemas';
import { callApi, query } from '../api';
import { requireSession, sendFragment, sendPage, type ConsoleDeps } from '../context';
import { pageContext } from '../page';
import { CoverageAnswer, FacilityPage, type FacilityResult } from '../views/facility-check';

type Coverage = z.infer<typeof coverageSchema>;

const CARD_RE = /^[A-Z]{2}[1-5][0-9]{2}[0-9]{10}$/;
const PERSONAL_ID_RE = /^\d{12}$/;

/** The field as typed: spaces and dashes dropped, letters in capitals; which of the two it is. */
export function lookupOf(input: string): { card: string } | { personalId: string } | null {
  const v = input.replace(/[\s-]/g, '').toUpperCase();
  if (CARD_RE.test(v)) return { card: v };
  if (PERSONAL_ID_RE.test(v)) return { personalId: v };
  return null;
}

export async function facilityRoutes(app: FastifyInstance, deps: ConsoleDeps): Promise<void> {
  const show = (
    req: FastifyRequest,
    reply: FastifyReply,
    value: string,
    result: FacilityResult | null,
    status = 200,
  ) => {
    const ctx = pageContext(req, reply);
    // htmx swaps only 2xx answers: a refusal is still the answer the field gets.
    if (req.headers['hx-request'] && result) return sendFragment(reply, CoverageAnswer({ ctx, result }), 200);
    return sendPage(reply, FacilityPage({ ctx, value, result }), status);
  };

  app.get('/facility', async (req, reply) => {
    if (!requireSession(req, reply, ['facility'])) return reply;
    return show(req, reply, '', null);
  });

  app.post('/facility', async (req: FastifyRequest<{ Body: { q?: unknown } }>, reply) => {
    const session = requireSession(req, reply, ['facility']);
    if (!session) return reply;
    const value = typeof req.body?.q === 'string' ? req.body.q.slice(0, 40) : '';
    const lookup = lookupOf(value);
    if (!lookup) return show(req, reply, value, { kind: 'bad-input' }, 400);
    const answer = await callApi<Coverage>(deps, req, 'GET', `/v1/coverage${query(lookup)}`);
    if (answer.ok)
      return show(req, reply, value, {
        kind: 'coverage',
        coverage: answer.body,
        facilityCode: session.principal.facilityCode ?? null,
      });
    if (answer.status === 404) return show(req, reply, value, { kind: 'unknown' }, 404);
    return show(req, reply, value, { kind: 'problem', problem: answer.problem }, answer.status);
  });
}

/**
 * The work queue (issue 12, Part A): GET /v1/tasks for officers and operators, and
 * GET /v1/tasks/stalled, every actor's waits past their deadline. Read-only; ids and dates only.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { problemSchema } from '../../domain/schemas';
import { stalledQuerySchema, taskPageSchema, taskQuerySchema } from '../../domain/schemas-tasks';
import { decodeTaskCursor, listTasks, stalledTasks, type TaskPosition } from '../../services/tasks';
import { authorised, type ApiDeps } from '../context';
import { HttpProblem } from '../errors';

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema };

function positionOf(cursor: string | undefined): TaskPosition | null {
  if (cursor === undefined) return null;
  const p = decodeTaskCursor(cursor);
  if (!p) throw new HttpProblem(400, 'INVALID_CURSOR', 'the cursor is not one this API gave out', 'querystring.cursor');
  return p;
}

export async function taskRoutes(root: FastifyInstance, deps: ApiDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/tasks',
    {
      schema: {
        summary:
          "The work queue: the waits of the agency's processes (a claim's decision, a report window, an onboarding's approval, a bank line in suspense, a new job declared), due date first (none last), then id — so what is overdue comes first. counts: per kind over the whole filter. An officer sees officers' tasks unless `actor` says otherwise; an operator every actor's.",
        tags: ['tasks'],
        querystring: taskQuerySchema,
        response: { 200: taskPageSchema, ...problems },
      },
    },
    async (req) => {
      const p = authorised(req, 'tasks.read');
      const q = req.query;
      const actor = q.actor ?? (p.role === 'officer' ? 'officer' : 'any');
      return listTasks(deps.db, {
        state: q.status,
        ...(q.kind ? { kinds: q.kind } : {}),
        ...(q.province !== undefined ? { province: q.province } : {}),
        ...(q.dueBefore !== undefined ? { dueBefore: q.dueBefore } : {}),
        ...(q.dueAfter !== undefined ? { dueAfter: q.dueAfter } : {}),
        ...(actor !== 'any' ? { actor } : {}),
        limit: q.limit,
        after: positionOf(q.cursor),
        today: deps.clock.today(),
      });
    },
  );

  app.get(
    '/tasks/stalled',
    {
      schema: {
        summary:
          'Every open wait of every actor (officer, participant, employer) past its due date, most overdue first: the same items as GET /v1/tasks.',
        tags: ['tasks'],
        querystring: stalledQuerySchema,
        response: { 200: taskPageSchema, ...problems },
      },
    },
    async (req) => {
      authorised(req, 'tasks.stalled');
      const q = req.query;
      return stalledTasks(deps.db, {
        ...(q.kind ? { kinds: q.kind } : {}),
        ...(q.province !== undefined ? { province: q.province } : {}),
        limit: q.limit,
        after: positionOf(q.cursor),
        today: deps.clock.today(),
      });
    },
  );
}

/** Operators run a period's reconciliation by hand and follow it. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  monthSchema,
  problemSchema,
  reconciliationBodySchema,
  reconciliationProgressSchema,
  reconciliationStartedSchema,
} from '../../domain/schemas';
import { reconciliationProgress, startReconciliation } from '../../client/temporal';
import { authorised, type ApiDeps } from '../context';

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };

export async function reconciliationRoutes(root: FastifyInstance, deps: ApiDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/reconciliations',
    {
      schema: {
        summary: 'Run the reconciliation of one period (operators); a running one is reported, not started twice',
        tags: ['reconciliation'],
        body: reconciliationBodySchema,
        response: { 202: reconciliationStartedSchema, ...problems },
      },
    },
    async (req, reply) => {
      authorised(req, 'reconciliation.run');
      const r = await startReconciliation(deps.client, deps.batchTaskQueue ?? deps.taskQueue, {
        period: req.body.period,
        ...(req.body.asOf ? { asOf: req.body.asOf } : {}),
        offsetDays: deps.clock.offsetDays,
      });
      return reply.code(202).send({ workflowId: r.workflowId, alreadyRunning: r.alreadyRunning });
    },
  );

  app.get(
    '/reconciliations/:period',
    {
      schema: {
        summary: 'Progress and totals of the latest reconciliation of a period',
        tags: ['reconciliation'],
        params: z.object({ period: monthSchema }),
        response: { 200: reconciliationProgressSchema, ...problems },
      },
    },
    async (req) => {
      authorised(req, 'reconciliation.run');
      return reconciliationProgress(deps.client, req.params.period);
    },
  );
}

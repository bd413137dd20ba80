/**
 * The operator's endpoints (issue #12): the recent reconciliation runs with their progress, the
 * monthly schedule (described, applied), the ledger and audit-chain verifications, and the arrears
 * by month. Starting a run and one period's progress are api/routes/reconciliations.ts.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  applyReconciliationScheduleAs,
  describeReconciliationSchedule,
  listReconciliationRuns,
} from '../../client/reconciliation-runs';
import { RECONCILIATION_SCHEDULE_ID } from '../../client/schedules';
import { problemSchema } from '../../domain/schemas';
import {
  arrearsQuerySchema,
  arrearsSchema,
  auditVerificationSchema,
  ledgerVerificationSchema,
  reconciliationRunsQuerySchema,
  reconciliationRunsSchema,
  reconciliationScheduleSchema,
  scheduleAppliedSchema,
} from '../../domain/schemas-operations';
import type { AuditSigningKey } from '../../runtime/audit-keys';
import { arrearsOfMonths, auditVerification, ledgerVerification, withProgress } from '../../services/operations';
import { authorised, decodeCursor, encodeCursor, type ApiDeps } from '../context';
import { HttpProblem, notFound } from '../errors';

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema };

export async function operationsRoutes(root: FastifyInstance, deps: ApiDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const scheduleId = deps.reconciliationScheduleId ?? RECONCILIATION_SCHEDULE_ID;
  let auditKey: Promise<AuditSigningKey> | undefined;

  app.get(
    '/reconciliations',
    {
      schema: {
        summary:
          'The recent reconciliation runs, newest first, each with its progress (batches, employers, participants) and totals (operators)',
        tags: ['reconciliation'],
        querystring: reconciliationRunsQuerySchema,
        response: { 200: reconciliationRunsSchema, ...problems },
      },
    },
    async (req) => {
      authorised(req, 'reconciliation.run');
      const offset = decodeCursor(req.query.cursor);
      const { runs, more } = await listReconciliationRuns(
        deps.client,
        [deps.taskQueue, deps.batchTaskQueue ?? deps.taskQueue],
        {
          offset,
          limit: req.query.limit,
        },
      );
      const items = [];
      for (const r of runs) items.push(await withProgress(deps.db, r));
      return { items, nextCursor: more ? encodeCursor(offset + runs.length) : null };
    },
  );

  app.get(
    '/reconciliations/schedule',
    {
      schema: {
        summary:
          "The monthly reconciliation's schedule: its calendar, next runs, paused or not, recent actions (operators)",
        tags: ['reconciliation'],
        response: { 200: reconciliationScheduleSchema, ...problems, 404: problemSchema },
      },
    },
    async (req) => {
      authorised(req, 'reconciliation.schedule');
      const s = await describeReconciliationSchedule(deps.client, scheduleId);
      if (!s) throw notFound('schedule');
      return s;
    },
  );

  app.post(
    '/reconciliations/schedule',
    {
      schema: {
        summary:
          'Apply the monthly reconciliation schedule: created when missing, updated to the current definition (operators)',
        tags: ['reconciliation'],
        response: { 200: scheduleAppliedSchema, ...problems },
      },
    },
    async (req) => {
      authorised(req, 'reconciliation.schedule');
      const outcome = await applyReconciliationScheduleAs(
        deps.client,
        deps.batchTaskQueue ?? deps.taskQueue,
        scheduleId,
      );
      return { scheduleId, outcome };
    },
  );

  app.post(
    '/ledger/verification',
    {
      schema: {
        summary:
          'Verify the ledger: the stored allocations are the replay of every account, balances hold, credited months are paid (operators)',
        tags: ['operations'],
        response: { 200: ledgerVerificationSchema, 401: problemSchema, 403: problemSchema },
      },
    },
    async (req) => {
      authorised(req, 'ledger.verify');
      return ledgerVerification(deps.db);
    },
  );

  app.post(
    '/audit/verification',
    {
      schema: {
        summary: 'Recompute every audit hash chain and compare the heads with the last signed checkpoint (operators)',
        tags: ['operations'],
        response: { 200: auditVerificationSchema, 401: problemSchema, 403: problemSchema, 503: problemSchema },
      },
    },
    async (req) => {
      authorised(req, 'audit.verify');
      const load = deps.auditKey;
      if (!load) throw new HttpProblem(503, 'AUDIT_KEY_UNAVAILABLE', 'this API has no audit checkpoint key configured');
      // A key that cannot be loaded (production without AUDIT_SIGNING_KEY) is a 503, asked again next time.
      auditKey ??= load().catch((err: unknown) => {
        auditKey = undefined;
        req.log.warn({ err: { type: (err as Error).name } }, 'audit checkpoint key unavailable');
        throw new HttpProblem(503, 'AUDIT_KEY_UNAVAILABLE', 'the audit checkpoint key cannot be loaded on this API');
      });
      return auditVerification(deps.db, await auditKey);
    },
  );

  app.get(
    '/arrears',
    {
      schema: {
        summary:
          'Arrears by month: principal outstanding, late charge and employers in arrears, as each period was last reconciled (operators)',
        tags: ['operations'],
        querystring: arrearsQuerySchema,
        response: { 200: arrearsSchema, ...problems },
      },
    },
    async (req) => {
      authorised(req, 'arrears.read');
      return arrearsOfMonths(deps.db, req.query.from, req.query.to);
    },
  );
}

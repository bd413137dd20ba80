/** Employers as the national insurance database holds them, and their employees (cursor pages). */
import { and, asc, count, desc, eq, gt, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { employers, employments, participants, salaryHistory } from '../../db/schema/index';
import {
  declarationBatchSchema,
  declarationResultSchema,
  employeePageSchema,
  employerViewSchema,
  pageQuerySchema,
  announcementBodySchema,
  announcementResultSchema,
  employerPaymentsSchema,
  periodParamsSchema,
  periodQuerySchema,
  periodStatementSchema,
  problemSchema,
  taxCodeParamsSchema,
} from '../../domain/schemas';
import { declare } from '../../services/declarations';
import { announcePayment, employerPayments } from '../../activities/bank';
import { periodStatement } from '../../db/queries/periods';
import { forbidden, HttpProblem, notFound } from '../errors';
import { allowed } from '../policy';
import { BODY_LIMITS, principalOf, type ApiDeps } from '../server';

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };

/** Opaque keyset cursor: the last employment id of the page, base64url. */
const encodeCursor = (id: number) => Buffer.from(String(id)).toString('base64url');
function decodeCursor(c: string | undefined): number {
  if (!c) return 0;
  const n = Number(Buffer.from(c, 'base64url').toString());
  if (!Number.isSafeInteger(n) || n < 0) throw new HttpProblem(400, 'INVALID_CURSOR', 'the cursor is not one this API gave out', 'querystring.cursor');
  return n;
}

export async function employerRoutes(root: FastifyInstance, deps: ApiDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/employers/:taxCode',
    { schema: { summary: 'An employer', tags: ['employers'], params: taxCodeParamsSchema, response: { 200: employerViewSchema, ...problems } } },
    async (req) => {
      const { taxCode } = req.params;
      if (!allowed(principalOf(req), 'employer.read', { taxCode })) throw forbidden();
      const [row] = await deps.db.select().from(employers).where(eq(employers.taxCode, taxCode));
      if (!row) throw notFound('employer');
      const [n] = await deps.db.select({ n: count() }).from(employments).where(eq(employments.employerTaxCode, taxCode));
      return {
        taxCode: row.taxCode,
        name: row.name,
        address: row.address,
        provinceCode: row.provinceCode,
        wageRegion: row.wageRegion as 'I' | 'II' | 'III' | 'IV',
        category: row.category,
        status: row.status as 'pending' | 'active' | 'rejected',
        unitCode: row.unitCode,
        rejectionReason: row.rejectionReason,
        employees: Number(n?.n ?? 0),
      };
    },
  );

  app.get(
    '/employers/:taxCode/employees',
    {
      schema: {
        summary: "An employer's employees, a page at a time (cursor from the previous page's nextCursor)",
        tags: ['employers'],
        params: taxCodeParamsSchema,
        querystring: pageQuerySchema,
        response: { 200: employeePageSchema, ...problems },
      },
    },
    async (req) => {
      const { taxCode } = req.params;
      if (!allowed(principalOf(req), 'employer.employees', { taxCode })) throw forbidden();
      const after = decodeCursor(req.query.cursor);
      const [exists] = await deps.db.select({ t: employers.taxCode }).from(employers).where(eq(employers.taxCode, taxCode));
      if (!exists) throw notFound('employer');
      const currentSalary = deps.db
        .select({ amount: salaryHistory.amount })
        .from(salaryHistory)
        .where(eq(salaryHistory.employmentId, employments.id))
        .orderBy(desc(salaryHistory.effectiveMonth))
        .limit(1);
      const rows = await deps.db
        .select({
          id: employments.id,
          personalId: employments.personalId,
          siNumber: participants.siNumber,
          fullName: participants.fullName,
          startMonth: employments.startMonth,
          endMonth: employments.endMonth,
          jobTitle: employments.jobTitle,
          contractType: employments.contractType,
          salary: sql<string>`(${currentSalary})`,
        })
        .from(employments)
        .innerJoin(participants, eq(participants.personalId, employments.personalId))
        .where(and(eq(employments.employerTaxCode, taxCode), gt(employments.id, after)))
        .orderBy(asc(employments.id))
        .limit(req.query.limit + 1);
      const page = rows.slice(0, req.query.limit);
      return {
        items: page.map(({ id: _id, salary, ...r }) => ({ ...r, salary: String(salary) })),
        nextCursor: rows.length > req.query.limit ? encodeCursor(Number(page[page.length - 1]!.id)) : null,
      };
    },
  );

  app.post(
    '/employers/:taxCode/declarations',
    {
      bodyLimit: BODY_LIMITS.declarations,
      schema: {
        summary: 'Declare hires, leaves, salary changes and months of unpaid leave (one transaction; each declaration recorded once)',
        tags: ['employers'],
        params: taxCodeParamsSchema,
        body: declarationBatchSchema,
        response: { 201: declarationResultSchema, ...problems, 409: problemSchema, 422: problemSchema },
      },
    },
    async (req, reply) => {
      const { taxCode } = req.params;
      const p = principalOf(req);
      if (!allowed(p, 'employer.declare', { taxCode })) throw forbidden();
      return reply.code(201).send(await declare(deps.db, { taxCode, author: p.subject, batch: req.body, now: deps.clock() }));
    },
  );

  app.get(
    '/employers/:taxCode/periods/:period',
    {
      schema: {
        summary: 'What the employer owes for a month, per side and fund, from the employments and salaries in force',
        tags: ['employers'],
        params: periodParamsSchema,
        querystring: periodQuerySchema,
        response: { 200: periodStatementSchema, ...problems },
      },
    },
    async (req) => {
      const { taxCode, period } = req.params;
      if (!allowed(principalOf(req), 'employer.statement', { taxCode })) throw forbidden();
      const [exists] = await deps.db.select({ t: employers.taxCode }).from(employers).where(eq(employers.taxCode, taxCode));
      if (!exists) throw notFound('employer');
      const s = await periodStatement(deps.db, taxCode, period, req.query.asOf ?? deps.clock.today());
      const { employee, employer, total, ...rest } = s;
      return { ...rest, due: { employee, employer, total } };
    },
  );

  app.post(
    '/employers/:taxCode/payments',
    {
      schema: {
        summary:
          'Announce a transfer: amount, expected value date and the reference its remittance text will carry. Never credited on its own: pending until a bank statement line carrying the reference is booked to the employer. The same announcement again returns the first (200).',
        tags: ['employers', 'bank'],
        params: taxCodeParamsSchema,
        body: announcementBodySchema,
        response: { 201: announcementResultSchema, 200: announcementResultSchema, ...problems, 409: problemSchema, 422: problemSchema },
      },
    },
    async (req, reply) => {
      const { taxCode } = req.params;
      const p = principalOf(req);
      if (!allowed(p, 'employer.announce', { taxCode })) throw forbidden();
      const r = await announcePayment(deps.db, { taxCode, author: p.subject, ...req.body });
      return reply.code(r.alreadyAnnounced ? 200 : 201).send(r);
    },
  );

  app.get(
    '/employers/:taxCode/payments',
    {
      schema: {
        summary: "The employer's announcements (pending until the bank's statement matches them, then matched) and the payments booked from the bank",
        tags: ['employers', 'bank'],
        params: taxCodeParamsSchema,
        response: { 200: employerPaymentsSchema, ...problems },
      },
    },
    async (req) => {
      const { taxCode } = req.params;
      if (!allowed(principalOf(req), 'employer.payments', { taxCode })) throw forbidden();
      const [exists] = await deps.db.select({ t: employers.taxCode }).from(employers).where(eq(employers.taxCode, taxCode));
      if (!exists) throw notFound('employer');
      return employerPayments(deps.db, taxCode);
    },
  );
}

/** Employers as the national insurance database holds them, and their employees (cursor pages). */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
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
import { employerPreferencesSchema, preferencesBodySchema } from '../../domain/schemas-preferences';
import { setEmployerPreferences } from '../../services/preferences';
import { declareAndSignal } from '../../client/case-signals';
import { announcePayment, employerPayments } from '../../services/bank';
import { employeePage, employerPeriodStatement, employerView, isKnownEmployer } from '../../services/employers';
import {
  cursorTextSchema,
  employerSearchQuerySchema,
  employerSearchSchema,
  periodListQuerySchema,
  periodListSchema,
} from '../../domain/schemas-lists';
import { employerPeriods } from '../../services/employer-lists';
import { searchEmployers } from '../../services/search';
import {
  authorised,
  BODY_LIMITS,
  decodeCursor,
  decodeKeyCursor,
  encodeCursor,
  encodeKeyCursor,
  logRead,
  type ApiDeps,
  actorOf,
} from '../context';
import { notFound } from '../errors';
import type { Action } from '../policy';

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };
/** The employer search's keyset: the folded name ('' in tax-code order) and the tax code of the last row. */
const employerKey = z.tuple([cursorTextSchema, z.string().regex(/^\d{10}(-\d{3})?$/)]);
/** The months list's keyset: the last month of the page. */
const monthKey = z.tuple([z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/)]);

/** The tax-code routes' preamble: the caller may do this to this employer (403 before any lookup, so a refusal tells nothing), and it is the tax code. */
function authorisedTaxCode(req: FastifyRequest & { params: { taxCode: string } }, action: Action): string {
  const { taxCode } = req.params;
  authorised(req, action, { taxCode });
  return taxCode;
}

/** 404 NOT_FOUND unless the employer is known. */
async function mustExist(deps: ApiDeps, taxCode: string): Promise<void> {
  if (!(await isKnownEmployer(deps.db, taxCode))) throw notFound('employer');
}

export async function employerRoutes(root: FastifyInstance, deps: ApiDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/employers/:taxCode',
    {
      schema: {
        summary: 'An employer',
        tags: ['employers'],
        params: taxCodeParamsSchema,
        response: { 200: employerViewSchema, ...problems },
      },
    },
    async (req) => {
      const view = await employerView(deps.db, authorisedTaxCode(req, 'employer.read'));
      if (!view) throw notFound('employer');
      return view;
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
      const taxCode = authorisedTaxCode(req, 'employer.employees');
      const after = decodeCursor(req.query.cursor);
      await mustExist(deps, taxCode);
      const page = await employeePage(deps.db, taxCode, { after, limit: req.query.limit });
      await logRead(
        req,
        deps,
        page.items.map((e) => e.personalId),
      );
      return { items: page.items, nextCursor: page.nextAfter === null ? null : encodeCursor(page.nextAfter) };
    },
  );

  app.post(
    '/employers/:taxCode/declarations',
    {
      bodyLimit: BODY_LIMITS.declarations,
      schema: {
        summary:
          'Declare hires, leaves, salary changes and months of unpaid leave (one transaction; each declaration recorded once)',
        tags: ['employers'],
        params: taxCodeParamsSchema,
        body: declarationBatchSchema,
        response: { 201: declarationResultSchema, ...problems, 409: problemSchema, 422: problemSchema },
      },
    },
    async (req, reply) => {
      const { taxCode } = req.params;
      const p = authorised(req, 'employer.declare', { taxCode });
      return reply.code(201).send(
        await declareAndSignal(deps.db, deps.client, {
          taxCode,
          author: actorOf(p),
          batch: req.body,
          now: deps.clock(),
        }),
      );
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
      const taxCode = authorisedTaxCode(req, 'employer.statement');
      await mustExist(deps, taxCode);
      return employerPeriodStatement(deps.db, taxCode, req.params.period, req.query.asOf ?? deps.clock.today());
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
        response: {
          201: announcementResultSchema,
          200: announcementResultSchema,
          ...problems,
          409: problemSchema,
          422: problemSchema,
        },
      },
    },
    async (req, reply) => {
      const { taxCode } = req.params;
      const p = authorised(req, 'employer.announce', { taxCode });
      const r = await announcePayment(deps.db, { taxCode, author: actorOf(p), ...req.body });
      return reply.code(r.alreadyAnnounced ? 200 : 201).send(r);
    },
  );

  app.get(
    '/employers/:taxCode/payments',
    {
      schema: {
        summary:
          "The employer's announcements (pending until the bank's statement matches them, then matched) and the payments booked from the bank",
        tags: ['employers', 'bank'],
        params: taxCodeParamsSchema,
        response: { 200: employerPaymentsSchema, ...problems },
      },
    },
    async (req) => {
      const taxCode = authorisedTaxCode(req, 'employer.payments');
      await mustExist(deps, taxCode);
      return employerPayments(deps.db, taxCode);
    },
  );

  app.get(
    '/employers',
    {
      schema: {
        summary:
          'Find employers (officers): q = the start of a tax code, or of a name with accents and case ignored; without q, every employer by name',
        tags: ['employers'],
        querystring: employerSearchQuerySchema,
        response: { 200: employerSearchSchema, ...problems },
      },
    },
    async (req) => {
      authorised(req, 'employers.search');
      const key = decodeKeyCursor(deps, req.query.cursor, employerKey);
      const page = await searchEmployers(deps.db, req.query.q, {
        after: key ? { name: key[0], id: key[1] } : null,
        limit: req.query.limit,
      });
      return {
        items: page.items,
        nextCursor: page.next ? encodeKeyCursor(deps, [page.next.name, page.next.id]) : null,
      };
    },
  );

  app.get(
    '/employers/:taxCode/periods',
    {
      schema: {
        summary:
          "The employer's months as reconciled, newest first: status, deadline, due, paid, outstanding, late charge, evasion (from, to: months)",
        tags: ['employers'],
        params: taxCodeParamsSchema,
        querystring: periodListQuerySchema,
        response: { 200: periodListSchema, ...problems },
      },
    },
    async (req) => {
      const taxCode = authorisedTaxCode(req, 'employer.periods');
      const key = decodeKeyCursor(deps, req.query.cursor, monthKey);
      await mustExist(deps, taxCode);
      const { from, to, limit } = req.query;
      const page = await employerPeriods(
        deps.db,
        taxCode,
        { ...(from ? { from } : {}), ...(to ? { to } : {}) },
        { before: key ? key[0] : null, limit },
      );
      return { items: page.items, nextCursor: page.next ? encodeKeyCursor(deps, [page.next]) : null };
    },
  );

  // Issue 13: the language of the employer's notices (an arrears notice and its PDF), which the
  // relay reads when it sends. Idempotent: the same value again changes nothing and answers the same.
  app.put(
    '/employers/:taxCode/preferences',
    {
      schema: {
        summary:
          "Set the employer's preferences: lang (vi | en), the language of its notices and their PDF (employer own, officer); audited; the same value again is the same answer",
        tags: ['employers'],
        params: taxCodeParamsSchema,
        body: preferencesBodySchema,
        response: { 200: employerPreferencesSchema, ...problems },
      },
    },
    async (req) => {
      const { taxCode } = req.params;
      const p = authorised(req, 'employer.preferences', { taxCode });
      return setEmployerPreferences(deps.db, { taxCode, lang: req.body.lang, actor: actorOf(p) });
    },
  );
}

/**
 * The employer's pages (issue #12): the unit and its onboarding status, its employees, declarations
 * by form with row-level errors, its months (due, paid, charge, credit) and announced transfers.
 * Every read and every declaration goes through the API in process with the session's token
 * (console/api.ts): the same validation (the zod schemas of domain/), policy, services and access
 * log as any API client, so the page shows the API's own refusal, row by row.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { employeePageSchema, employerPaymentsSchema, employerViewSchema } from '../../domain/schemas';
import type { onboardingListSchema, periodListSchema } from '../../domain/schemas-lists';
import { callApi, query, type Problem } from '../api';
import { requireSession, sendPage, type ConsoleDeps } from '../context';
import { pageContext } from '../page';
import {
  DECLARATION_FIELDS,
  DECLARATION_KINDS,
  EmployerDeclarePage,
  inputName,
  type DeclarationKind,
  type DeclarationOutcome,
  type RowError,
  type RowValues,
} from '../views/employer-declare';
import { EmployerEmployeesPage } from '../views/employer-employees';
import { EmployerHomePage } from '../views/employer-home';
import { EmployerMonthsPage } from '../views/employer-months';
import { EmployerTransfersPage, type AnnounceForm } from '../views/employer-transfers';
import { storeLangPreference } from './preferences';

const DEFAULT_ROWS = 3;
const MAX_ROWS = 50;
/** A cursor the API gave out (base64url); anything else is dropped rather than sent on. */
const CURSOR_RE = /^[A-Za-z0-9_-]{1,600}$/;

type Body = Record<string, unknown>;
const str = (v: unknown, max = 200): string => (typeof v === 'string' ? v.slice(0, max) : '');

const kindOf = (v: unknown): DeclarationKind =>
  DECLARATION_KINDS.includes(v as DeclarationKind) ? (v as DeclarationKind) : 'hire';

/** The rows of a posted form, as typed (trimmed), `rows` of them. */
export function rowsOf(body: Body, kind: DeclarationKind, rows: number): RowValues[] {
  return Array.from({ length: rows }, (_, row) =>
    Object.fromEntries(DECLARATION_FIELDS[kind].map(([name]) => [name, str(body[inputName(row, name)]).trim()])),
  );
}

/** Whether a row is left empty: nothing typed (the selects always hold a value, so they do not count). */
const isEmpty = (kind: DeclarationKind, v: RowValues) =>
  DECLARATION_FIELDS[kind].every(([name, fk]) => fk === 'gender' || fk === 'contract' || !v[name]);

/** "12.000.000" or "12 000 000" as typed → "12000000"; anything else as typed, for the API to refuse. */
const amountOf = (s: string) => (/^[\d .,]+$/.test(s) ? s.replace(/[ .,]/g, '') : s);

/** A row as the API's declaration (domain/schemas.ts declarationSchema); the API validates it. */
export function declarationOf(kind: DeclarationKind, v: RowValues): Record<string, unknown> {
  switch (kind) {
    case 'hire':
      return {
        kind,
        employee: {
          personalId: v['personalId'],
          fullName: v['fullName'],
          dateOfBirth: v['dateOfBirth'],
          gender: v['gender'] || 'male',
          startMonth: v['startMonth'],
          salary: amountOf(v['salary'] ?? ''),
          jobTitle: v['jobTitle'],
          contractType: v['contractType'] || 'indefinite',
        },
      };
    case 'leave':
      return { kind, personalId: v['personalId'], endMonth: v['endMonth'] };
    case 'salary_change':
      return {
        kind,
        personalId: v['personalId'],
        effectiveMonth: v['effectiveMonth'],
        salary: amountOf(v['salary'] ?? ''),
      };
    case 'unpaid_leave':
      return { kind, personalId: v['personalId'], month: v['month'] };
  }
}

/** The month field of each form (the service reports a month too far ahead on `declarations[i].month`). */
const MONTH_FIELD: Record<DeclarationKind, string> = {
  hire: 'startMonth',
  leave: 'endMonth',
  salary_change: 'effectiveMonth',
  unpaid_leave: 'month',
};

/**
 * The API's errors, each on its row and field: `declarations[2].employee.salary` is the salary of
 * the form's row that became declaration 2; an error of the whole declaration (`…employee`) is the
 * row's. Errors that name no declaration are not rows' (the page shows the problem itself).
 */
export function rowErrorsOf(problem: Problem, kind: DeclarationKind, rowOfDeclaration: number[]): RowError[] {
  const entries = problem.errors?.length
    ? problem.errors
    : [{ code: problem.code, field: problem.field, message: problem.detail }];
  const out: RowError[] = [];
  for (const e of entries) {
    const m = /^(?:body\.)?declarations\[(\d+)\](?:\.employee)?(?:\.(\w+))?/.exec(e.field ?? '');
    if (!m) continue;
    const row = rowOfDeclaration[Number(m[1])];
    if (row === undefined) continue;
    let field = m[2] ?? '';
    if (field === 'month') field = MONTH_FIELD[kind];
    if (!DECLARATION_FIELDS[kind].some(([f]) => f === field)) field = '';
    out.push({ row, field, code: e.code ?? problem.code, message: e.message ?? e.code ?? problem.code });
  }
  return out;
}

export async function employerRoutes(app: FastifyInstance, deps: ConsoleDeps): Promise<void> {
  /** The employer's session and tax code, or null (redirected to sign in). */
  const session = (req: FastifyRequest, reply: Parameters<typeof requireSession>[1]) => {
    const s = requireSession(req, reply, ['employer']);
    return s ? { taxCode: s.principal.taxCode! } : null;
  };

  const showHome = async (
    req: FastifyRequest,
    reply: FastifyReply,
    s: { taxCode: string },
    prefs: { saved?: boolean; problem?: Problem } = {},
    status = 200,
  ) => {
    const [employer, onboardings] = await Promise.all([
      callApi<z.infer<typeof employerViewSchema>>(deps, req, 'GET', `/v1/employers/${s.taxCode}`),
      callApi<z.infer<typeof onboardingListSchema>>(deps, req, 'GET', '/v1/onboardings?limit=1'),
    ]);
    const latest = onboardings.ok ? (onboardings.body.items[0] ?? null) : null;
    const problem =
      !employer.ok && employer.status !== 404 ? employer.problem : !onboardings.ok ? onboardings.problem : undefined;
    return sendPage(
      reply,
      EmployerHomePage({
        ctx: pageContext(req, reply),
        taxCode: s.taxCode,
        employer: employer.ok ? employer.body : null,
        onboarding: latest,
        problem,
        prefs,
      }),
      status,
    );
  };

  app.get('/employer', async (req: FastifyRequest<{ Querystring: { prefs?: string } }>, reply) => {
    const s = session(req, reply);
    if (!s) return reply;
    return showHome(req, reply, s, { saved: req.query.prefs === 'saved' });
  });

  // The language preference form (issue 13): stored through PUT /v1/employers/{taxCode}/preferences,
  // and the console switches to it; a refusal is shown on the form.
  app.post('/employer/preferences', async (req, reply) => {
    const s = session(req, reply);
    if (!s) return reply;
    const problem = await storeLangPreference(deps, req, reply, `/v1/employers/${s.taxCode}/preferences`);
    if (!problem) return reply.redirect('/console/employer?prefs=saved', 303);
    return showHome(req, reply, s, { problem }, problem.status < 500 ? problem.status : 503);
  });

  app.get('/employer/employees', async (req: FastifyRequest<{ Querystring: { cursor?: string } }>, reply) => {
    const s = session(req, reply);
    if (!s) return reply;
    const cursor = CURSOR_RE.test(req.query.cursor ?? '') ? req.query.cursor : undefined;
    const page = await callApi<z.infer<typeof employeePageSchema>>(
      deps,
      req,
      'GET',
      `/v1/employers/${s.taxCode}/employees${query({ limit: 50, cursor })}`,
    );
    return sendPage(
      reply,
      EmployerEmployeesPage({
        ctx: pageContext(req, reply),
        items: page.ok ? page.body.items : [],
        nextCursor: page.ok ? page.body.nextCursor : null,
        problem: page.ok ? undefined : page.problem,
      }),
      page.ok ? 200 : page.status,
    );
  });

  app.get('/employer/declare', async (req: FastifyRequest<{ Querystring: { kind?: string } }>, reply) => {
    if (!session(req, reply)) return reply;
    const kind = kindOf(req.query.kind);
    return sendPage(
      reply,
      EmployerDeclarePage({ ctx: pageContext(req, reply), kind, rows: rowsOf({}, kind, DEFAULT_ROWS) }),
    );
  });

  app.post('/employer/declare', async (req: FastifyRequest<{ Body: Body }>, reply) => {
    const s = session(req, reply);
    if (!s) return reply;
    const body = req.body ?? {};
    const kind = kindOf(body['kind']);
    const count = Math.min(MAX_ROWS, Math.max(1, Number.parseInt(str(body['rows'], 3), 10) || DEFAULT_ROWS));
    const rows = rowsOf(body, kind, count);
    const page = (extra: Partial<Parameters<typeof EmployerDeclarePage>[0]>, status = 200) =>
      sendPage(reply, EmployerDeclarePage({ ctx: pageContext(req, reply), kind, rows, ...extra }), status);
    if (body['add']) {
      rows.push(rowsOf({}, kind, 1)[0]!);
      return page({ rows: rows.slice(0, MAX_ROWS) });
    }
    const rowOfDeclaration: number[] = [];
    const declarations = rows.flatMap((v, row) => {
      if (isEmpty(kind, v)) return [];
      rowOfDeclaration.push(row);
      return [declarationOf(kind, v)];
    });
    if (declarations.length === 0) return page({ empty: true }, 400);
    const answer = await callApi<{ results: DeclarationOutcome[] }>(
      deps,
      req,
      'POST',
      `/v1/employers/${s.taxCode}/declarations`,
      { declarations },
    );
    if (answer.ok) return page({ rows: rowsOf({}, kind, DEFAULT_ROWS), done: answer.body.results });
    const errors = rowErrorsOf(answer.problem, kind, rowOfDeclaration);
    return page(errors.length ? { errors } : { problem: answer.problem }, answer.status);
  });

  app.get('/employer/months', async (req: FastifyRequest<{ Querystring: { cursor?: string } }>, reply) => {
    const s = session(req, reply);
    if (!s) return reply;
    const cursor = CURSOR_RE.test(req.query.cursor ?? '') ? req.query.cursor : undefined;
    const months = await callApi<z.infer<typeof periodListSchema>>(
      deps,
      req,
      'GET',
      `/v1/employers/${s.taxCode}/periods${query({ limit: 24, cursor })}`,
    );
    // The credit held today: the statement of the newest month says it (the ledger replayed to today).
    const newest = months.ok ? months.body.items[0]?.period : undefined;
    const statement = newest
      ? await callApi<{ creditHeld: string }>(deps, req, 'GET', `/v1/employers/${s.taxCode}/periods/${newest}`)
      : null;
    return sendPage(
      reply,
      EmployerMonthsPage({
        ctx: pageContext(req, reply),
        items: months.ok ? months.body.items : [],
        nextCursor: months.ok ? months.body.nextCursor : null,
        creditHeld: statement?.ok ? statement.body.creditHeld : null,
        problem: months.ok ? undefined : months.problem,
      }),
      months.ok || months.status === 404 ? 200 : months.status,
    );
  });

  const transfers = async (
    req: FastifyRequest,
    reply: Parameters<typeof requireSession>[1],
    taxCode: string,
    extra: { form?: AnnounceForm; problem?: Problem; announced?: string },
    status = 200,
  ) => {
    const payments = await callApi<z.infer<typeof employerPaymentsSchema>>(
      deps,
      req,
      'GET',
      `/v1/employers/${taxCode}/payments`,
    );
    return sendPage(
      reply,
      EmployerTransfersPage({
        ctx: pageContext(req, reply),
        payments: payments.ok ? payments.body : null,
        ...extra,
        ...(extra.problem || payments.ok || payments.status === 404 ? {} : { problem: payments.problem }),
      }),
      status,
    );
  };

  app.get('/employer/transfers', async (req, reply) => {
    const s = session(req, reply);
    if (!s) return reply;
    return transfers(req, reply, s.taxCode, {});
  });

  app.post('/employer/transfers', async (req: FastifyRequest<{ Body: Body }>, reply) => {
    const s = session(req, reply);
    if (!s) return reply;
    const body = req.body ?? {};
    const form: AnnounceForm = {
      amount: str(body['amount'], 30).trim(),
      expectedValueDate: str(body['expectedValueDate'], 10).trim(),
      reference: str(body['reference'], 64).trim(),
    };
    const answer = await callApi<{ reference: string }>(deps, req, 'POST', `/v1/employers/${s.taxCode}/payments`, {
      amount: amountOf(form.amount ?? ''),
      expectedValueDate: form.expectedValueDate,
      reference: form.reference,
    });
    if (answer.ok) return transfers(req, reply, s.taxCode, { announced: answer.body.reference });
    return transfers(req, reply, s.taxCode, { form, problem: answer.problem }, answer.status);
  });
}

/**
 * The console calls the API, in process (app.inject), with the signed-in person's bearer token:
 * every page goes through the same verifier, policy table, validation, access log and services as
 * any API client, so the console can show nothing the API would refuse. A refusal comes back as
 * its problem+json, which the page shows with its code.
 */
import type { FastifyRequest } from 'fastify';
import { langOf, type ConsoleDeps } from './context';

export interface Problem {
  status: number;
  code: string;
  title?: string;
  detail?: string;
  field?: string;
  errors?: { code?: string; field?: string; path?: string; message?: string; line?: number; index?: number }[];
  [k: string]: unknown;
}

export type ApiAnswer<T> =
  | { ok: true; status: number; body: T; headers: Record<string, unknown> }
  | { ok: false; status: number; problem: Problem };

export async function callApi<T>(
  deps: ConsoleDeps,
  req: FastifyRequest,
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  payload?: unknown,
  extraHeaders: Record<string, string> = {},
): Promise<ApiAnswer<T>> {
  const session = req.consoleSession;
  // A refusal's detail comes back in the page's language (the API writes it from the catalog).
  const headers: Record<string, string> = {
    'x-request-id': req.id,
    accept: 'application/json',
    'accept-language': langOf(req),
    ...extraHeaders,
  };
  if (session) headers['authorization'] = `Bearer ${session.token}`;
  const res = await deps.root.inject({
    method,
    url,
    headers,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
  const text = res.body;
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (res.statusCode >= 200 && res.statusCode < 300) {
    return { ok: true, status: res.statusCode, body: body as T, headers: res.headers };
  }
  const problem = (body && typeof body === 'object' ? body : {}) as Partial<Problem>;
  return {
    ok: false,
    status: res.statusCode,
    problem: { ...problem, status: res.statusCode, code: typeof problem.code === 'string' ? problem.code : 'ERROR' },
  };
}

/** Builds a query string from the defined, non-empty values. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

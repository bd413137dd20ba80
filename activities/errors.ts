/**
 * Activities' error layer: domain errors become non-retryable ApplicationFailures whose `type` is
 * the stable domain code; database errors become retryable ones that carry only their code
 * (DATABASE_UNAVAILABLE when the connection is gone: the activity is retried until the database is
 * back); anything else is left to Temporal's retry policy.
 */
import { ApplicationFailure } from '@temporalio/common';
import { DomainError } from '../domain/errors';

/** postgres.js's and Node's codes for a connection that is gone or cannot be made. */
const CONNECTION_CODES = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
/** SQLSTATEs of a server that is going away or not accepting work (class 08, 57P01–57P03, class 53). */
const UNAVAILABLE_STATE = /^(08...|57P0[123]|53...)$/;
const SQLSTATE = /^[0-9A-Z]{5}$/;

interface DbErrorLike {
  code?: unknown;
  severity?: unknown;
  constraint_name?: unknown;
  query?: unknown;
  cause?: unknown;
}

/**
 * A database error as a retryable failure with its code only. drizzle's message is "Failed query:
 * <SQL> params: <parameters>" (personal IDs, salaries) and the server's may quote a value: neither
 * may reach Temporal's history or a log.
 */
function databaseFailure(err: unknown): ApplicationFailure | undefined {
  let sawQuery = false;
  for (let e = err as DbErrorLike | undefined, i = 0; e && typeof e === 'object' && i < 5; e = e.cause as DbErrorLike | undefined, i++) {
    if (typeof e.query === 'string') sawQuery = true;
    const code = typeof e.code === 'string' ? e.code : '';
    if (CONNECTION_CODES.has(code) || (typeof e.severity === 'string' && UNAVAILABLE_STATE.test(code))) {
      return ApplicationFailure.create({ message: `the database connection was lost (${code})`, type: 'DATABASE_UNAVAILABLE' });
    }
    if (typeof e.severity === 'string' && SQLSTATE.test(code)) {
      const constraint = typeof e.constraint_name === 'string' ? `, constraint ${e.constraint_name}` : '';
      return ApplicationFailure.create({ message: `database error ${code}${constraint}`, type: 'DATABASE_ERROR' });
    }
  }
  return sawQuery ? ApplicationFailure.create({ message: 'a database statement failed', type: 'DATABASE_ERROR' }) : undefined;
}

export function toFailure(err: unknown): unknown {
  if (err instanceof DomainError) {
    return ApplicationFailure.create({
      message: err.message,
      type: err.code,
      nonRetryable: true,
      details: err.details === undefined ? [] : [err.details],
    });
  }
  return databaseFailure(err) ?? err;
}

/** Wraps every activity so that expected failures surface with their code and are not retried. */
export function withFailureMapping<T extends Record<string, (...args: never[]) => Promise<unknown>>>(acts: T): T {
  const out: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(acts)) {
    out[name] = async (...args: never[]) => {
      try {
        return await fn(...args);
      } catch (err) {
        throw toFailure(err);
      }
    };
  }
  return out as T;
}

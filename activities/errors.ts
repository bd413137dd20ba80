/**
 * Activities' error layer: domain errors become non-retryable ApplicationFailures whose `type` is
 * the stable domain code; database errors become retryable ones that carry only their code
 * (DATABASE_UNAVAILABLE when the connection is gone: the activity is retried until the database is
 * back); anything else is left to Temporal's retry policy.
 */
import { ApplicationFailure } from '@temporalio/common';
import { classifyDatabaseError, databaseErrorFacts, isQueryError } from '../db/errors';
import { DomainError } from '../domain/errors';

/** Database refusals that a retry cannot change: non-retryable, with their code as the type. */
const NOT_RETRIED = new Set(['CONTRIBUTION_PERIOD_NOT_HELD']);

/**
 * A database error as a retryable failure carrying its code only (db/errors.ts): drizzle's message
 * is "Failed query: <SQL> params: <parameters>" (personal IDs, salaries) and the server's may quote a
 * value; neither may reach Temporal's history or a log. DATABASE_UNAVAILABLE (the connection is
 * gone, the server is shutting down or full) and DATABASE_BUSY are retried until they pass; so is
 * any other database error, as before (DATABASE_ERROR with its SQLSTATE and constraint), save the
 * refusals of NOT_RETRIED.
 */
function databaseFailure(err: unknown): ApplicationFailure | undefined {
  const facts = databaseErrorFacts(err);
  if (!facts)
    return isQueryError(err)
      ? ApplicationFailure.create({ message: 'a database statement failed', type: 'DATABASE_ERROR' })
      : undefined;
  const meaning = classifyDatabaseError(err);
  const code = facts.driverCode ?? facts.sqlstate ?? 'unknown';
  if (meaning?.kind === 'unavailable')
    return ApplicationFailure.create({ message: `${meaning.message} (${code})`, type: meaning.code });
  // A month no partition of contribution_months holds stays so until an operator creates partitions
  // (`ansinh db partitions --through`): retrying cannot help, so the failure carries its code.
  if (meaning?.kind === 'refusal' && NOT_RETRIED.has(meaning.code))
    return ApplicationFailure.create({ message: meaning.message, type: meaning.code, nonRetryable: true });
  const constraint = facts.constraint ? `, constraint ${facts.constraint}` : '';
  return ApplicationFailure.create({ message: `database error ${code}${constraint}`, type: 'DATABASE_ERROR' });
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

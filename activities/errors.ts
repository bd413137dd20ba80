/**
 * Activities' error layer: domain errors become non-retryable ApplicationFailures whose `type` is
 * the stable domain code; anything else is left to Temporal's retry policy.
 */
import { ApplicationFailure } from '@temporalio/common';
import { DomainError } from '../domain/errors';

export function toFailure(err: unknown): unknown {
  if (err instanceof DomainError) {
    return ApplicationFailure.create({
      message: err.message,
      type: err.code,
      nonRetryable: true,
      details: err.details === undefined ? [] : [err.details],
    });
  }
  return err;
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

import { DomainError, type ProblemParams } from './errors';

/** A validation finding with a stable machine-readable code, the field that failed and its specifics. */
export interface Issue {
  code: string;
  message: string;
  /** Path of the failing field, e.g. `employees[3].personalId` (index from 0). */
  field: string;
  /** Line of an employee list, from 1, when the issue is about one employee. */
  line?: number;
  /** The occurrence's specifics for the catalog's detail template (domain/errors.ts ProblemParams). */
  params?: ProblemParams;
}

/** What a zod issue (or fastify-type-provider-zod's validation entry, flattened) tells us. */
interface ZodLikeIssue {
  path: PropertyKey[];
  message: string;
  code?: string;
  origin?: unknown;
  minimum?: unknown;
  maximum?: unknown;
  inclusive?: unknown;
  expected?: unknown;
  values?: unknown;
  keys?: unknown;
  format?: unknown;
}

const num = (v: unknown): number | string | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'bigint' ? v.toString() : undefined;

/**
 * The specifics zod gives for its own checks, named so that each kind of check selects its own
 * catalog template (messages/problems.ts `problem.INVALID_INPUT.detail.*` and the coded ones):
 * a string's `minLength`/`maxLength`, a list's `minItems`/`maxItems`, a number's `min`/`max`
 * (`above`/`below` when the bound is excluded), the `expected` type, the `allowed` values, the
 * unknown `keys`, the expected `format`.
 */
export function zodIssueParams(i: ZodLikeIssue): ProblemParams {
  const sized = i.origin === 'string' ? 'Length' : i.origin === 'array' || i.origin === 'set' ? 'Items' : null;
  if (i.code === 'too_small') {
    const n = num(i.minimum);
    if (n === undefined) return {};
    if (sized) return { [`min${sized}`]: n };
    return i.inclusive === false ? { above: n } : { min: n };
  }
  if (i.code === 'too_big') {
    const n = num(i.maximum);
    if (n === undefined) return {};
    if (sized) return { [`max${sized}`]: n };
    return i.inclusive === false ? { below: n } : { max: n };
  }
  if (i.code === 'invalid_type' && typeof i.expected === 'string') return { expected: i.expected };
  if (i.code === 'invalid_value' && Array.isArray(i.values) && i.values.length)
    return { allowed: i.values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ') };
  if (i.code === 'unrecognized_keys' && Array.isArray(i.keys) && i.keys.length)
    return { keys: i.keys.map(String).join(', ') };
  if (i.code === 'invalid_format' && typeof i.format === 'string') return { format: i.format };
  return {};
}

/** Our zod messages start with their code (`INVALID_PERSONAL_ID: …`); others become INVALID_INPUT. */
export function issuesFromZod(issues: readonly ZodLikeIssue[]): Issue[] {
  return issues.map((i) => {
    const field = i.path.map((p, n) => (typeof p === 'number' ? `[${p}]` : `${n ? '.' : ''}${String(p)}`)).join('');
    const coded = /^([A-Z][A-Z0-9_]{2,})\b:?\s*(.*)$/.exec(i.message);
    const code = coded?.[1] ?? 'INVALID_INPUT';
    const message = coded ? coded[2] || coded[1]! : i.message;
    const employees = /^employees\[(\d+)\]/.exec(field);
    const params = zodIssueParams(i);
    return {
      code,
      message,
      field,
      ...(employees ? { line: Number(employees[1]) + 1 } : {}),
      ...(Object.keys(params).length ? { params } : {}),
    };
  });
}

interface SafeParser<T> {
  safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: readonly ZodLikeIssue[] } };
}

/** Parses with a zod schema; on failure throws a DomainError with the first issue's code, field and specifics, and every issue in details. */
export function parseOrThrow<T>(schema: SafeParser<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  throw issuesError(issuesFromZod(r.error.issues));
}

/** The refusal of a list of issues: the first one's code, field and specifics, every issue in details. */
export function issuesError(issues: readonly Issue[]): DomainError {
  const first = issues[0]!;
  return new DomainError(first.code, first.message, first.field, { errors: issues }, first.params ?? {});
}

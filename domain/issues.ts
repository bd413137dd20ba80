import { DomainError } from './errors';

/** A validation finding with a stable machine-readable code and the field that failed. */
export interface Issue {
  code: string;
  message: string;
  /** Path of the failing field, e.g. `employees[3].personalId` (index from 0). */
  field: string;
  /** Line of an employee list, from 1, when the issue is about one employee. */
  line?: number;
}

interface ZodLikeIssue {
  path: PropertyKey[];
  message: string;
}

/** Our zod messages start with their code (`INVALID_PERSONAL_ID: …`); others become INVALID_INPUT. */
export function issuesFromZod(issues: readonly ZodLikeIssue[]): Issue[] {
  return issues.map((i) => {
    const field = i.path.map((p, n) => (typeof p === 'number' ? `[${p}]` : `${n ? '.' : ''}${String(p)}`)).join('');
    const coded = /^([A-Z][A-Z0-9_]{2,})\b:?\s*(.*)$/.exec(i.message);
    const code = coded?.[1] ?? 'INVALID_INPUT';
    const message = coded ? coded[2] || coded[1]! : i.message;
    const employees = /^employees\[(\d+)\]/.exec(field);
    return { code, message, field, ...(employees ? { line: Number(employees[1]) + 1 } : {}) };
  });
}

interface SafeParser<T> {
  safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: readonly ZodLikeIssue[] } };
}

/** Parses with a zod schema; on failure throws a DomainError with the first issue's code and field, and every issue in details. */
export function parseOrThrow<T>(schema: SafeParser<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issues = issuesFromZod(r.error.issues);
  throw new DomainError(issues[0]!.code, issues[0]!.message, issues[0]!.field, { errors: issues });
}

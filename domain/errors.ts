/**
 * The specifics of one occurrence of a problem (issue #13), filled into the catalog's detail
 * template of its code (messages/problems.ts `problem.<CODE>.detail…`): strings or numbers only —
 * amounts as decimal strings, dates ISO `YYYY-MM-DD`, months `YYYY-MM`, states as their stable
 * words. The template decides how each is written per language. Never personal data (a personal
 * ID, a name, a birth date, a person's salary): params travel in Temporal failure details and
 * problem bodies, and are written for the one who made the request.
 */
export type ProblemParams = Readonly<Record<string, string | number>>;

/** An expected failure of a rule, with a stable machine-readable code, the field that failed and its specifics. */
export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly details?: unknown,
    readonly params: ProblemParams = {},
  ) {
    super(message);
  }
}

/** The params a failure carried across a process boundary (a Temporal failure's first detail), if it is a params object. */
export function problemParamsOf(value: unknown): ProblemParams {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (/^\w{1,40}$/.test(k) && (typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))))
      out[k] = typeof v === 'string' ? v.slice(0, 200) : v;
  }
  return out;
}

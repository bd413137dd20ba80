/**
 * The API's error layer: every failure becomes application/problem+json (RFC 9457) with a stable
 * `code`, the field that failed, and never a stack trace or personal data.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { classifyDatabaseError, databaseErrorFacts, isQueryError } from '../db/errors';
import { DomainError, type ProblemParams } from '../domain/errors';
import { issuesFromZod } from '../domain/issues';
import { langFromAcceptLanguage, problemDetail, problemMessage, problemTitle } from '../messages/negotiate';
import { AuthError } from './auth';

/** gRPC status codes that mean "the Temporal frontend cannot be reached now" (not a refusal). */
const GRPC_UNAVAILABLE = 14;
const GRPC_DEADLINE_EXCEEDED = 4;
const TEMPORAL_RETRY_AFTER_SEC = 5;

/**
 * The shape @temporalio/client's isGrpcServiceError tests (an Error with string `details` and a
 * `metadata` record), written here so that this module — which every CLI command loads — does not
 * load the Temporal client and gRPC (~0.4 s) to tell a refusal from an outage.
 */
function isGrpcServiceError(e: unknown): e is Error & { code: unknown; details: string } {
  const x = e as { details?: unknown; metadata?: unknown } | null;
  return (
    e instanceof Error && typeof x!.details === 'string' && typeof x!.metadata === 'object' && x!.metadata !== null
  );
}

/** A Temporal client call failed because the server could not be reached (a ServiceError over gRPC UNAVAILABLE or a timeout). */
export function isTemporalUnavailable(err: unknown): boolean {
  for (
    let e = err as { code?: unknown; cause?: unknown } | undefined, depth = 0;
    e && depth < 4;
    e = e.cause as typeof e, depth++
  ) {
    if (isGrpcServiceError(e) && (e.code === GRPC_UNAVAILABLE || e.code === GRPC_DEADLINE_EXCEEDED)) return true;
  }
  return false;
}

/** A refusal the API raises itself: its status, code, English message, field and the occurrence's specifics (domain/errors.ts ProblemParams). */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly params: ProblemParams = {},
  ) {
    super(message);
  }
}

export const forbidden = () => new HttpProblem(403, 'FORBIDDEN', 'this token may not act on this resource');
export const notFound = (what: string) => new HttpProblem(404, 'NOT_FOUND', `${what} not found`);

/** Domain codes that are not plain validation failures (the CLI derives its exit codes from these too). */
export const DOMAIN_STATUS: Record<string, number> = {
  NOT_FOUND: 404,
  WRONG_STATE: 409,
  ONBOARDING_IN_PROGRESS: 409,
  FORBIDDEN: 403,
  NO_EMAIL_ON_FILE: 409,
  PAYMENT_REFERENCE_CONFLICT: 409,
  INVALID_STATEMENT: 400,
  DUPLICATE_BANK_REFERENCE: 400,
  BANK_REFERENCE_CONFLICT: 409,
  ANNOUNCEMENT_REFERENCE_CONFLICT: 409,
  LINE_NOT_ASSIGNABLE: 409,
  LINE_ALREADY_BOOKED: 409,
  CLAIM_ALREADY_OPEN: 409,
  NOT_ELIGIBLE: 409,
  REPORT_WINDOW_CLOSED: 409,
  ALREADY_REPORTED: 409,
  PARTICIPANT_NOT_FOUND: 404,
  EMPLOYER_ALREADY_ACTIVE: 409,
  // Issue 14 part 3, account-access recovery.
  RECOVERY_ALREADY_OPEN: 409,
  RECOVERY_NOT_FOUND: 404,
  RECOVERY_NO_CODE: 409,
  SIGN_IN_NOT_FRESH: 403,
  IDENTITY_LEVEL_TOO_LOW: 403,
  // issue 14's shared parts (services/otp.ts, services/evidence.ts)
  OTP_TOO_MANY: 429,
  OTP_KEY_TAKEN: 409,
  OTP_ALREADY_ISSUED: 409,
  EVIDENCE_TOO_LARGE: 413,
  EVIDENCE_TYPE: 415,
  EVIDENCE_TYPE_MISMATCH: 415,
  EVIDENCE_LIMIT: 409,
  // Declaration cases (issue 14 part 2)
  DECLARATION_CASE_NOT_FOUND: 404,
  DECLARATION_CASE_ALREADY_OPEN: 409,
  MONTHS_REVERSED: 422,
  MONTHS_TOO_MANY: 422,
  MONTH_BEFORE_WORKING_AGE: 422,
  INVALID_ARREARS_CONFIRMATION: 400,
  INVALID_DISMISSAL: 400,
  INVALID_REFERRAL_CLOSURE: 400,
  // benefit payments into bank accounts (issue 14 part 4)
  INVALID_BANK_CODE: 400,
  INVALID_ACCOUNT_NUMBER: 400,
  INVALID_BANK_FILE: 400,
  INVALID_RUN_ID: 400,
  NO_PENDING_ACCOUNT: 409,
  PAYMENT_STATUS_CONFLICT: 409,
  ACCOUNT_UNREADABLE: 409,
  // Data-update requests (issue 14 part 1)
  DATA_UPDATE_NOT_FOUND: 404,
  DATA_UPDATE_ALREADY_OPEN: 409,
  // Contact channels: a phone change needs the SMS gateway its code goes through.
  NO_SMS_GATEWAY: 409,
  // HI card locks (issue 15)
  NO_CARD_IN_FORCE: 409,
  HI_CARD_ALREADY_LOCKED: 409,
  HI_CARD_LOCK_REFERENCE_CONFLICT: 409,
  HI_CARD_LOCK_NOT_FOUND: 404,
  LOCK_NOT_LIFTABLE: 409,
  LOCK_ALREADY_LIFTED: 409,
  // The employer's D02-LT file (issue 15): a file refused as a whole
  D02_FORMAT: 415,
  D02_ENCODING: 415,
  D02_TOO_LARGE: 413,
  D02_XLSX_TOO_LARGE: 413,
  D02_TOO_MANY_ROWS: 413,
  D02_EMPTY: 422,
  D02_CSV_MALFORMED: 422,
  D02_XLSX_UNREADABLE: 422,
  D02_UNKNOWN_LAYOUT: 422,
  D02_FILE_CHANGED: 409,
  D02_NOTHING_DECLARED: 422,
};

interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  field?: string;
  errors?: ProblemEntry[];
  requestId?: string;
}

interface ProblemEntry {
  code: string;
  message: string;
  field: string;
  line?: number;
  /** The entry's specifics, for its message only: never part of the body. */
  params?: ProblemParams;
}

/** Every entry of errors[] carries its code, its message and its field. */
const entry = ({
  code,
  message,
  field,
  line,
  params,
}: {
  code: string;
  message?: string;
  field: string;
  line?: number | undefined;
  params?: ProblemParams | undefined;
}): ProblemEntry => ({
  code,
  message: message || code,
  field,
  ...(line ? { line } : {}),
  ...(params ? { params } : {}),
});

/**
 * Answers a problem. Its `title` (by code: the same for every occurrence; by status for a code
 * without its own) and `detail` (by code, with the occurrence's params and its field), and each
 * entry's `message` (by its code and params), come from the catalog (messages/problems.ts) in the
 * language Accept-Language asks for (Vietnamese by default); the code stays the same in every
 * language. The params are written into the texts for the caller only: they are not in the body
 * as such, and nothing here logs a detail or its params.
 */
export function sendProblem(
  reply: FastifyReply,
  req: FastifyRequest,
  p: Omit<ProblemBody, 'type' | 'title' | 'requestId'> & { params?: ProblemParams | undefined },
): FastifyReply {
  const lang = langFromAcceptLanguage(req.headers['accept-language']);
  const { params, ...rest } = p;
  const body: ProblemBody = {
    type: `https://ansinh.example/problems/${p.code.toLowerCase().replace(/_/g, '-')}`,
    title: problemTitle(lang, p.code, p.status),
    ...rest,
    detail: problemDetail(lang, p.code, p.detail, p.field, params),
    ...(p.errors
      ? {
          errors: p.errors.map(({ params: entryParams, ...e }) => ({
            ...e,
            message: problemMessage(lang, e.code, e.message, entryParams),
          })),
        }
      : {}),
    requestId: String(req.id),
  };
  void reply.header('content-language', lang);
  const vary = reply.getHeader('vary');
  if (
    !String(vary ?? '')
      .toLowerCase()
      .includes('accept-language')
  )
    void reply.header('vary', vary ? `${String(vary)}, Accept-Language` : 'Accept-Language');
  return reply.code(p.status).type('application/problem+json').serializer(JSON.stringify).send(body);
}

/** What a failure answers, however it is written (problem+json here, an OperationOutcome under /fhir): status, code, detail, field. */
export type ProblemSpec = Omit<ProblemBody, 'type' | 'title' | 'requestId'> & { params?: ProblemParams | undefined };

export function errorHandler(err: FastifyError | Error, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  return sendProblem(reply, req, problemFor(err, req, reply));
}

/**
 * The problem a failure is: the refusal's own code, a validation failure's first issue (all of
 * them in `errors`), a constraint's code, or an unavailable dependency; headers that go with it
 * (WWW-Authenticate, Retry-After) are set on the reply, and only codes and SQLSTATEs are logged.
 */
export function problemFor(err: FastifyError | Error, req: FastifyRequest, reply: FastifyReply): ProblemSpec {
  if (err instanceof AuthError) {
    if (err.status === 401) reply.header('www-authenticate', `Bearer error="invalid_token"`);
    return { status: err.status, code: err.code, detail: err.message };
  }
  if (err instanceof HttpProblem) {
    return {
      status: err.status,
      code: err.code,
      detail: err.message,
      ...(err.field ? { field: err.field } : {}),
      params: err.params,
    };
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = (err as FastifyError & { validationContext?: string }).validationContext ?? 'body';
    const issues = issuesFromZod(
      err.validation.map((v) => ({
        path: (v.instancePath ?? '')
          .split('/')
          .filter(Boolean)
          .map((seg) => (/^\d+$/.test(seg) ? Number(seg) : seg)),
        message: v.message ?? 'invalid',
        // zod's issue (its code and bounds) as fastify-type-provider-zod passes it on.
        ...(v.params as Record<string, unknown>),
        code: v.keyword,
      })),
    ).map((i) => ({ ...i, field: i.field ? `${where === 'body' ? '' : `${where}.`}${i.field}` : where }));
    const first = issues[0]!;
    return {
      status: 400,
      code: first.code,
      detail: first.message,
      field: first.field,
      params: first.params,
      errors: issues.map(entry),
    };
  }
  if (err instanceof DomainError) {
    const details = err.details as
      | {
          errors?: { code: string; message?: string; field: string; line?: number; params?: ProblemParams }[];
          retryAfterSeconds?: number;
        }
      | undefined;
    // A limit that lifts with time says when (as the API's rate limits do).
    if (typeof details?.retryAfterSeconds === 'number')
      void reply.header('retry-after', String(details.retryAfterSeconds));
    return {
      status: DOMAIN_STATUS[err.code] ?? 422,
      code: err.code,
      detail: err.message,
      ...(err.field ? { field: err.field } : {}),
      params: err.params,
      ...(details?.errors ? { errors: details.errors.map(entry) } : {}),
    };
  }
  if (isResponseSerializationError(err)) {
    req.log.error({ err: { message: err.message } }, 'response did not match its schema');
    return { status: 500, code: 'INTERNAL', detail: 'internal error' };
  }
  const fe = err as FastifyError;
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    // Fastify's own client errors (malformed JSON, wrong content type, body too large, …).
    const code =
      fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
        ? 'UNSUPPORTED_MEDIA_TYPE'
        : fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
          ? 'PAYLOAD_TOO_LARGE'
          : 'MALFORMED_REQUEST';
    return {
      status: fe.statusCode,
      code,
      detail: fe.statusCode === 415 || fe.statusCode === 413 ? fe.message : 'the request could not be parsed',
    };
  }
  const db = classifyDatabaseError(err);
  if (db) {
    // Only the SQLSTATE, constraint and table are logged: never the SQL, its parameters or the message.
    const facts = databaseErrorFacts(err);
    if (db.kind === 'unavailable') {
      req.log.warn({ db: facts }, 'database unavailable');
      reply.header('retry-after', String(db.retryAfter));
    } else req.log.info({ db: facts }, 'refused by a database constraint');
    return {
      status: db.status,
      code: db.code,
      detail: db.message,
      ...(db.kind === 'refusal' && db.field ? { field: db.field } : {}),
    };
  }
  if (isTemporalUnavailable(err)) {
    req.log.warn({ temporal: 'unavailable' }, 'workflow service unavailable');
    reply.header('retry-after', String(TEMPORAL_RETRY_AFTER_SEC));
    return {
      status: 503,
      code: 'TEMPORAL_UNAVAILABLE',
      detail: 'the workflow service cannot be reached right now; try again shortly',
    };
  }
  // A failed query's message is its SQL and parameters (personal data): log what it is, not what it says.
  const facts = databaseErrorFacts(err);
  req.log.error(
    { err: facts || isQueryError(err) ? { name: err.name, db: facts } : { name: err.name, message: err.message } },
    'unhandled error',
  );
  return { status: 500, code: 'INTERNAL', detail: 'internal error' };
}

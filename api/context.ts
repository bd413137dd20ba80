/**
 * What every route receives and shares: the dependencies the server passes in (as the
 * order-management app's `Router(client, db, logger)` receives them), the authenticated caller, the
 * body limits and the keyset cursors. Routes import this module, never server.ts, so nothing
 * imports the server back.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { PayloadCodec } from '@temporalio/common';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Db } from '../db/client';
import type { Clock } from '../runtime/clock';
import { DEV_CLAIM_SUBJECT_KEY } from '../runtime/config';
import type { DebtorAccount } from '../domain/iso20022';
import type { SigningKeys } from '../runtime/signing-keys';
import { recordRead, type AccessLogWriter } from '../services/access-log';
import type { CoverageIndex } from '../services/coverage-index';
import type { Principal, Verifier } from './auth';
import { forbidden, HttpProblem } from './errors';
import { allowed, mayEver, POLICY, type Action, type Resource } from './policy';
import type { RateLimitSettings } from './rate-limit';
import type { ApiMetrics } from './metrics';
import type { ConsoleOptions } from '../console/options';
import type { AuditSigningKey } from '../runtime/audit-keys';
import type { RevocationList } from '../services/token-revocations';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export interface ApiDeps {
  db: Db;
  client: Client;
  /** The interactive pool's task queue (workflows/definitions.ts TaskQueues). */
  taskQueue: string;
  /** The batch pool's: reconciliations started by hand, an onboarding's employee batches; unset = `taskQueue`. */
  batchTaskQueue?: string;
  verifier: Verifier;
  /** The application clock (runtime/clock.ts): every default date and token check reads it. */
  clock: Clock;
  /** The Ed25519 ring that signs every e-book handed out; its public keys are /.well-known/jwks.json. */
  signingKeys: SigningKeys;
  /** CLAIM_SUBJECT_KEY: names claim workflows without personal data (client/claims.ts). */
  subjectKey?: string;
  logLevel?: string;
  /** Where JSON logs go (default stdout); tests capture them to prove no personal data is logged. */
  logStream?: NodeJS.WritableStream;
  /** Requests counted and timed by route pattern and status (api/metrics.ts); absent = not measured. */
  metrics?: ApiMetrics;
  /** True once the process is shutting down: /health/ready answers 503 so that no new traffic comes (api/run.ts). */
  draining?: () => boolean;
  /** The Web UI's codec server (api/routes/codec.ts): the payload codec and the UI origins allowed by CORS. */
  codec?: { codec: PayloadCodec; origins: string[]; tokenInPath?: boolean };
  /** Adds GET /bench/bare (no auth, no I/O): the floor the coverage benchmark is compared with. */
  benchRoute?: boolean;
  /** Rate limits per token subject (api/rate-limit.ts); default DEFAULT_RATE_LIMITS. */
  rateLimits?: RateLimitSettings;
  /** The web console under /console (console/plugin.ts); absent = no console. */
  console?: ConsoleOptions;
  /** The audit checkpoint key (runtime/audit-keys.ts) POST /v1/audit/verification checks against; absent = 503. */
  auditKey?: () => Promise<AuditSigningKey>;
  /**
   * The token revocation list the verifier checks (services/token-revocations.ts, issue #14 part 3):
   * a recovery completed through this process reloads it at once, so the next request here already
   * refuses the revoked tokens (other processes learn it by NOTIFY).
   */
  revocations?: RevocationList;
  /** The reconciliation schedule's id (default client/schedules.ts RECONCILIATION_SCHEDULE_ID; tests give each API its own). */
  reconciliationScheduleId?: string;
  /** The UI fund's account payment files debit (UI_FUND_*; issue 14 part 4); absent = the default. */
  uiFund?: DebtorAccount;
  /** Whether an SMS gateway is configured (SMS_GATEWAY_URL): a phone change's code goes by SMS; without one it is refused. */
  sms?: boolean;
  /**
   * The access log's group commit (services/access-log.ts accessLogWriter); absent = buildServer
   * makes one with ACCESS_LOG_COMMIT's default, `flush`.
   */
  accessLog?: AccessLogWriter;
  /**
   * The coverage check's in-memory validity index (services/coverage-index.ts, issue 16), shared by
   * /v1/coverage and /fhir; absent = every check reads the database (COVERAGE_INDEX=off).
   */
  coverageIndex?: CoverageIndex;
}

/**
 * Records in the access log (issue #11) that the caller read the data of these people through
 * this route. Called after the read succeeded: a refused read (403, 404) read nothing.
 */
export async function logRead(req: FastifyRequest, deps: ApiDeps, personalIds: readonly string[]): Promise<void> {
  const p = principalOf(req);
  await recordRead(
    deps.db,
    {
      reader: { subject: p.subject, role: p.role, facilityCode: p.facilityCode, taxCode: p.taxCode },
      purpose: `${req.method} ${req.routeOptions.url ?? ''}`,
      personalIds,
      at: deps.clock(),
    },
    deps.accessLog,
  );
}

/**
 * Request body limits (413 PAYLOAD_TOO_LARGE above them). Small by default: a coverage check, a
 * decision, a payment or a claim is a few hundred bytes. The two list routes get room for their
 * largest list: a dossier of MAX_EMPLOYEES_PER_ONBOARDING (50,000) employees, ~220 bytes each and
 * up to ~500 with long Vietnamese names and addresses; a batch of 5,000 declarations.
 */
export const BODY_LIMITS = {
  default: 64 * 1024,
  onboarding: 32 * 1024 * 1024,
  declarations: 4 * 1024 * 1024,
  /** A day's statement of a national collection account: ~10,000 camt.053 transactions are ~15 MiB. */
  bankStatement: 32 * 1024 * 1024,
  /** The Web UI's codec server: a history's payloads, base64 (a dossier's input is the largest). */
  codec: 48 * 1024 * 1024,
} as const;

/** The authenticated caller of a /v1 route (set by the onRequest hook). */
export function principalOf(req: FastifyRequest): Principal {
  if (!req.principal) throw new Error('route without authentication');
  return req.principal;
}

/**
 * Who acted, as the audit trail names it: the role, then the token's subject (`officer:lan`,
 * `participant:<sub>`). An identity provider's subjects carry no role (VNeID's may be anything),
 * so the role is written in front unless the subject already starts with it (the development
 * tokens' `officer:dev`); the timeline reads the role from there, never from the subject's shape.
 */
export function actorOf(p: Principal): string {
  return p.subject.startsWith(`${p.role}:`) ? p.subject : `${p.role}:${p.subject}`;
}

/** The caller, if the policy lets them do this to this resource; else 403 FORBIDDEN. */
export function authorised(req: FastifyRequest, action: Action, resource?: Resource): Principal {
  const p = principalOf(req);
  if (!allowed(p, action, resource)) throw forbidden();
  return p;
}

/** Opaque keyset cursor: the last id of the page, base64url. */
export const encodeCursor = (id: number) => Buffer.from(String(id)).toString('base64url');

/** The id a cursor of encodeCursor names (0 without one); 400 INVALID_CURSOR for any other text. */
export function decodeCursor(c: string | undefined): number {
  if (!c) return 0;
  const n = Number(Buffer.from(c, 'base64url').toString());
  if (!Number.isSafeInteger(n) || n < 0)
    throw new HttpProblem(400, 'INVALID_CURSOR', 'the cursor is not one this API gave out', 'querystring.cursor');
  return n;
}

/**
 * Opaque keyset cursor over a compound key (issue #12's lists): the key's values as JSON, sealed
 * with AES-256-GCM under a key derived (HKDF) from CLAIM_SUBJECT_KEY, which every API process
 * shares. A name search's key is a person's folded name and personal ID: sealed, the next page's
 * URL (browser history, a proxy's log) carries nothing of them, and a forged cursor is refused.
 */
export function encodeKeyCursor(deps: Pick<ApiDeps, 'subjectKey'>, key: readonly (string | number)[]): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', cursorKey(deps), iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(key), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
}

const cursorKeys = new Map<string, Buffer>();
function cursorKey(deps: Pick<ApiDeps, 'subjectKey'>): Buffer {
  const secret = deps.subjectKey ?? DEV_CLAIM_SUBJECT_KEY;
  let key = cursorKeys.get(secret);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', secret, 'ansinh-list-cursor', 'keyset-cursor-v1', 32));
    cursorKeys.set(secret, key);
  }
  return key;
}

function unsealCursor(deps: Pick<ApiDeps, 'subjectKey'>, c: string): unknown {
  const raw = Buffer.from(c, 'base64url');
  if (raw.length < 12 + 16 + 2) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', cursorKey(deps), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(raw.length - 16));
    const text = Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString();
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The key a cursor of encodeKeyCursor names, checked against the list's own key shape (null
 * without a cursor); 400 INVALID_CURSOR for any other text, another list's cursor included.
 */
export function decodeKeyCursor<T>(
  deps: Pick<ApiDeps, 'subjectKey'>,
  c: string | undefined,
  shape: z.ZodType<T>,
): T | null {
  if (!c) return null;
  const parsed = shape.safeParse(unsealCursor(deps, c));
  if (!parsed.success)
    throw new HttpProblem(400, 'INVALID_CURSOR', 'the cursor is not one this API gave out', 'querystring.cursor');
  return parsed.data;
}

/**
 * A list's preamble (issue #12): 403 FORBIDDEN for a role that may never list this, before any
 * read; `own` when the caller sees only what its token is bound to (a participant's personal ID,
 * an employer's tax code), which the route then filters on.
 */
export function listScope(req: FastifyRequest, action: Action): { p: Principal; own: boolean } {
  const p = principalOf(req);
  if (!mayEver(p, action)) throw forbidden();
  const own = POLICY[action][p.role] === 'own';
  if (own && !allowed(p, action, { personalId: p.personalId, taxCode: p.taxCode })) throw forbidden();
  return { p, own };
}

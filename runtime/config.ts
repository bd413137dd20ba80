/**
 * Configuration, parsed once from the environment with zod. Every variable is listed in the README.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { isoDateSchema } from '../domain/schemas-fields';
import { batchQueueOf, type TaskQueues } from '../workflows/definitions';
import { createClock, type Clock } from './clock';

/** Development default of CLAIM_SUBJECT_KEY: public, so refused outside development mode. */
export const DEV_CLAIM_SUBJECT_KEY = 'ansinh-development-subject-key';
/** Keys known to be public (this repository's defaults, past and present): refused outside development mode. */
const PUBLIC_SUBJECT_KEYS: readonly string[] = [DEV_CLAIM_SUBJECT_KEY, 'compose-development-subject-key'];
/** The shortest CLAIM_SUBJECT_KEY accepted outside development mode (the keyed hash's only secret). */
export const MIN_PRODUCTION_KEY_LENGTH = 32;

/**
 * The process's mode. `development` is `npm start` on the embedded default (no DATABASE_URL): it may
 * use the development secrets (the public CLAIM_SUBJECT_KEY default, the signing key Ansinh creates
 * in ANSINH_HOME). `test` is the test suite's (set by vitest.config.mts), with the same allowance.
 * `production` is every other process — any with DATABASE_URL — unless ANSINH_MODE says otherwise:
 * no development secret is accepted there, and the process refuses to start (exit 2).
 */
export type Mode = 'development' | 'test' | 'production';

/** `ansinh api --processes` and API_PROCESSES: how many processes answer the API's port. */
export const apiProcessesSchema = z.coerce.number().int().min(1).max(64);

const envSchema = z.object({
  /** postgres:// URL of the national insurance database; unset = embedded PGlite under ANSINH_HOME. */
  DATABASE_URL: z.string().url().optional(),
  /** host:port of a Temporal frontend; unset = `ansinh start` runs a local dev server itself. */
  TEMPORAL_ADDRESS: z.string().min(3).optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  /** The interactive pool's task queue (workflows/definitions.ts TaskQueues). */
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('ansinh'),
  /** The batch pool's task queue; unset = `<TEMPORAL_TASK_QUEUE>-batch`. */
  TEMPORAL_BATCH_TASK_QUEUE: z.string().min(1).optional(),
  /** Which pool `ansinh worker` serves: `interactive`, `batch`, or `all` (both, in one process; what `ansinh start` runs). */
  WORKER_POOL: z.enum(['interactive', 'batch', 'all']).default('all'),
  /**
   * Activities one worker process runs at once, per pool it serves; unset = the pool's default
   * (worker/main.ts POOL_DEFAULTS: interactive 20, batch 2 — a batch activity keeps a database
   * core busy for minutes, so the batch pool is capped and interactive work keeps its headroom).
   */
  WORKER_ACTIVITY_SLOTS: z.coerce.number().int().min(1).max(1000).optional(),
  /** Workflow tasks one worker process runs at once, per pool; unset = the pool's default. */
  WORKER_WORKFLOW_SLOTS: z.coerce.number().int().min(1).max(1000).optional(),
  /** Workflows one worker process keeps in memory, per pool; unset = the pool's default (150 interactive, 50 batch). */
  WORKER_CACHED_WORKFLOWS: z.coerce.number().int().min(2).max(100_000).optional(),
  /**
   * The CPU priority (nice, 0–19) of a worker process; unset = 10 for a process serving the batch
   * pool alone, 0 otherwise. Where the pools share a host's cores, the interactive pool then gets a
   * core first whenever both want one (in Kubernetes, the pods' CPU requests do this between nodes'
   * pods; deploy/README.md).
   */
  WORKER_NICE: z.coerce.number().int().min(0).max(19).optional(),
  /** Path of a `temporal` CLI binary for the local dev server. */
  TEMPORAL_CLI_PATH: z.string().optional(),
  /** Port of the local dev server's frontend and Web UI (embedded mode only). */
  TEMPORAL_DEV_PORT: z.coerce.number().int().min(1).max(65535).default(7233),
  TEMPORAL_UI_PORT: z.coerce.number().int().min(1).max(65535).default(8233),
  /** HTTP API (run by `ansinh start` beside the worker, or alone by `ansinh api`). */
  API_HOST: z.string().min(1).default('127.0.0.1'),
  API_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Processes answering API_PORT (`ansinh api`; node:cluster, api/cluster.ts): about one a core. */
  API_PROCESSES: apiProcessesSchema.default(1),
  /** Keys that sign bearer tokens: a JWKS file or URL; neither = the local development key in ANSINH_HOME. */
  AUTH_JWKS_FILE: z.string().min(1).optional(),
  AUTH_JWKS_URL: z.string().url().optional(),
  AUTH_ISSUER: z.string().min(1).default('ansinh-dev'),
  AUTH_AUDIENCE: z.string().min(1).default('ansinh-api'),
  /**
   * The Ed25519 keys that sign e-books (runtime/signing-keys.ts): SIGNING_KEYS = a private JWKS's JSON
   * text, or SIGNING_KEYS_FILE = a file holding one (a mounted secret); neither = the development ring
   * in ANSINH_HOME. SIGNING_KEY_ID names the current key (default: the ring's newest).
   */
  SIGNING_KEYS: z.string().min(2).optional(),
  SIGNING_KEYS_FILE: z.string().min(1).optional(),
  SIGNING_KEY_ID: z.string().min(1).optional(),
  /**
   * The longest token lifetime per role, in hours, overriding the defaults of api/auth.ts
   * MAX_TOKEN_HOURS (participant 1, officer 12, employer 12, operator 8, facility 24, bank 24):
   * `role=hours` pairs separated by commas, e.g. `officer=10,facility=12`.
   */
  AUTH_MAX_TOKEN_HOURS: z
    .string()
    .regex(
      /^(officer|employer|participant|facility|operator|bank)=\d{1,3}(,(officer|employer|participant|facility|operator|bank)=\d{1,3})*$/,
      'role=hours pairs separated by commas, e.g. officer=10,facility=12',
    )
    .optional(),
  /** Rate limits per token subject and minute (api/rate-limit.ts): coverage checks and look-ups by personal ID. */
  RATE_LIMIT_TIGHT_PER_MIN: z.coerce.number().int().min(1).default(60),
  /** Every other /v1 route, per token subject and minute. */
  RATE_LIMIT_LOOSE_PER_MIN: z.coerce.number().int().min(1).default(600),
  /** A facility's coverage checks per minute (all its tokens) above which operators get a task. */
  RATE_LIMIT_FACILITY_ALERT_PER_MIN: z.coerce.number().int().min(1).default(2000),
  /** Where embedded data (PGlite, Temporal's SQLite, dev keys) is kept. */
  /**
   * Key of the keyed hash that names a participant's claim workflow (`claim:ui:<hash>`): no
   * personal ID in Temporal. Set a secret in production; the default is for development only.
   */
  CLAIM_SUBJECT_KEY: z.string().min(16).optional(),
  /** development | test | production; unset = development without DATABASE_URL, production with it. */
  ANSINH_MODE: z.enum(['development', 'test', 'production']).optional(),
  /**
   * Keys that encrypt Temporal payloads (runtime/payload-keys.ts): `kid:base64key,…` (32-byte keys), the
   * current one PAYLOAD_KEY_CURRENT (default the last); or a key file PAYLOAD_KEYS_FILE; neither = the
   * development key file in ANSINH_HOME.
   */
  PAYLOAD_KEYS: z.string().min(1).optional(),
  PAYLOAD_KEY_CURRENT: z.string().min(1).optional(),
  PAYLOAD_KEYS_FILE: z.string().min(1).optional(),
  /** Origins allowed to call the API's codec server (/codec, comma-separated); default the local dev UI. */
  CODEC_CORS_ORIGINS: z.string().min(1).optional(),
  ANSINH_HOME: z.string().min(1).default('.ansinh'),
  /** Private Ed25519 JWK (JSON) that signs audit checkpoints, or a file holding it; neither = a development key in ANSINH_HOME. */
  AUDIT_SIGNING_KEY: z.string().min(1).optional(),
  AUDIT_SIGNING_KEY_FILE: z.string().min(1).optional(),
  /** `ansinh db migrate` sets it as the password of the application's role ansinh_app (PostgreSQL). */
  ANSINH_APP_PASSWORD: z.string().min(1).optional(),
  /**
   * Pins the date of the application's clock (runtime/clock.ts) for the API, the CLI, the workers and
   * `npm start`: YYYY-MM-DD, Vietnam time. Unset = the real date. It does not move the Temporal server's time.
   */
  ANSINH_TODAY: isoDateSchema.optional(),
  /**
   * The web console (/console, issue #12): the secret that signs its cookies (≥ 32 characters; the
   * development default is public, so refused in production), and whether they are `Secure` (default:
   * on in production, where TLS ends at the proxy; off for `npm start` on plain http://127.0.0.1).
   */
  CONSOLE_COOKIE_SECRET: z.string().min(32).optional(),
  CONSOLE_SECURE_COOKIES: z.enum(['true', 'false']).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** auto = JSON lines, rendered by pino-pretty on a terminal outside production mode; json or pretty forces one (runtime/logger.ts). */
  LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto'),
  // Operations (issue 15): metrics, readiness, shutdown.
  /**
   * The address the metrics listeners bind: the API's (API_METRICS_PORT) and the worker's
   * (WORKER_METRICS_PORT). Never the public API port: Prometheus scrapes these inside the network.
   */
  METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  /** The API process's Prometheus metrics (requests, latency, the business gauges) at /metrics; 0 = any free port. */
  API_METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
  /** The worker's Prometheus metrics (Temporal SDK Core: task latencies, slots, pollers) at /metrics. */
  WORKER_METRICS_PORT: z.coerce.number().int().min(1).max(65535).default(9465),
  /** How long a computed set of business gauges is served again before the database is asked anew. */
  METRICS_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(15),
  // The coverage check's in-memory validity index (services/coverage-index.ts, issue 16).
  /** on: the API answers coverage checks from memory within COVERAGE_INDEX_STALENESS_MS; off: from the database. */
  COVERAGE_INDEX: z.enum(['on', 'off']).default('on'),
  /** How often the index pings itself through the database's notification path. */
  COVERAGE_INDEX_PING_MS: z.coerce.number().int().min(10).max(10_000).default(200),
  /** The staleness bound: the index answers only while its last ping came back from at most this long ago. */
  COVERAGE_INDEX_STALENESS_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  /**
   * How a batch of access-log rows is committed (db/queries/access-log.ts): flush = durable before the
   * requests are answered; async = synchronous_commit off (a database crash may lose the last ~600 ms of rows).
   */
  ACCESS_LOG_COMMIT: z.enum(['flush', 'async']).default('flush'),
  /**
   * After SIGTERM the API answers /health/ready with 503 for this long before it stops accepting
   * connections (so a load balancer stops sending it requests first); then in-flight requests finish.
   */
  SHUTDOWN_DELAY_SECONDS: z.coerce.number().min(0).max(120).default(0),
  /** How long a stopping worker waits for its running activities before cancelling them. */
  WORKER_SHUTDOWN_GRACE_SECONDS: z.coerce.number().min(0).max(3600).default(20),
  /** A workflow bundle built ahead (bundleWorkflowCode) for the worker to load; unset = bundled at start. */
  WORKFLOW_BUNDLE: z.string().min(1).optional(),
  // The console's OpenID Connect sign-in (console/oidc.ts; VNeID for participants). Unset = no OIDC
  // button. Its access tokens are what the API verifies: point AUTH_JWKS_URL, AUTH_ISSUER and
  // AUTH_AUDIENCE at the same provider.
  /** The provider's issuer URL (https; http only on 127.0.0.1/localhost). */
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  /** Absent = a public client (PKCE only). */
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** The console's callback as registered with the provider: https://<host>/console/login/oidc/callback. */
  OIDC_REDIRECT_URL: z.string().url().optional(),
  OIDC_SCOPE: z.string().min(1).default('openid'),
  /** The resource (RFC 8707) the access token is for; default AUTH_AUDIENCE. */
  OIDC_RESOURCE: z.string().min(1).optional(),
  // The relay (services/relay.ts, runtime/relay.ts; issue 13): delivers the outbox.
  /**
   * smtp://user:pass@host:587 (STARTTLS required) or smtps://user:pass@host:465 (TLS from the
   * start). `?requireTLS=false` allows a plain connection (a local mail catcher such as Mailpit);
   * `?tlsRejectUnauthorized=false` accepts a self-signed certificate. Unset: in development every
   * notice goes to the app's inbox; elsewhere the relay does not start (notices stay queued).
   */
  SMTP_URL: z
    .string()
    .url()
    .refine((u) => /^smtps?:$/.test(new URL(u).protocol), 'an smtp:// or smtps:// URL')
    .optional(),
  /** The From of every e-mail notice. */
  SMTP_FROM: z.string().min(3).default('Ansinh <thong-bao@ansinh.local>'),
  /** Attempts before a notice is dead (an operator may retry it). */
  RELAY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  /** The first retry's delay in seconds; each next one doubles, up to 6 hours. */
  RELAY_BACKOFF_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  /** How long a relay holds a notice it is sending; a relay that dies gives it up after this. */
  RELAY_LEASE_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
  /** The idle relay's poll interval, in milliseconds. */
  RELAY_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(2000),
  /**
   * A notice older than this (days since it was written, or since an operator retried it) when the
   * relay first picks it is not sent: it is dead with last_error EXPIRED (a reminder of a deadline
   * long past, e.g. the rows migration 0015 queued). An operator's retry sends it anyway.
   */
  RELAY_MAX_AGE_DAYS: z.coerce.number().int().min(1).max(3650).default(14),
  /**
   * The relay's SMS channel (services/sms.ts): the HTTP gateway a notice whose channel is `sms` is
   * POSTed to (https; http only on 127.0.0.1/localhost), with SMS_GATEWAY_TOKEN as its bearer token
   * and SMS_SENDER as the brandname. Unset: no SMS is sent — an `sms` notice is dead
   * (NO_SMS_GATEWAY) and the API refuses a phone change (409 NO_SMS_GATEWAY), writing nothing.
   */
  SMS_GATEWAY_URL: z
    .string()
    .url()
    .refine((u) => {
      const url = new URL(u);
      return (
        url.protocol === 'https:' ||
        (url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname))
      );
    }, 'an https:// URL (http:// only on 127.0.0.1 or localhost)')
    .optional(),
  /** The gateway's bearer token (a secret: set it from a secret store). */
  SMS_GATEWAY_TOKEN: z.string().min(16).optional(),
  /** The brandname SMS are sent under (registered with the carriers: up to 11 letters, digits, . - _ or space). */
  SMS_SENDER: z
    .string()
    .regex(/^[A-Za-z0-9 ._-]{1,11}$/, 'a brandname: 1 to 11 letters, digits, space, . - or _')
    .default('BHXH'),
  /** How long one request to the gateway may take before it counts as a timeout (retried), in milliseconds. */
  SMS_GATEWAY_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /** The UI fund's account the benefit transfers are debited from (pain.001 Dbtr, DbtrAcct, DbtrAgt; issue 14 part 4). */
  UI_FUND_NAME: z.string().min(1).max(140).default('BAO HIEM XA HOI VIET NAM - QUY BAO HIEM THAT NGHIEP'),
  UI_FUND_ACCOUNT: z
    .string()
    .regex(/^[0-9A-Z]{1,34}$/)
    .default('1200000000001'),
  UI_FUND_BIC: z
    .string()
    .regex(/^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/)
    .default('BIDVVNVX'),
});

/** The two task queues of this configuration (issue 15): the batch one defaults to `<interactive>-batch`. */
export function taskQueuesOf(cfg: Pick<Config, 'TEMPORAL_TASK_QUEUE' | 'TEMPORAL_BATCH_TASK_QUEUE'>): TaskQueues {
  return {
    interactive: cfg.TEMPORAL_TASK_QUEUE,
    batch: cfg.TEMPORAL_BATCH_TASK_QUEUE ?? batchQueueOf(cfg.TEMPORAL_TASK_QUEUE),
  };
}

/** The UI fund's debtor account from the configuration (UI_FUND_*). */
export function uiFundOf(cfg: Pick<Config, 'UI_FUND_NAME' | 'UI_FUND_ACCOUNT' | 'UI_FUND_BIC'>) {
  return { name: cfg.UI_FUND_NAME, account: cfg.UI_FUND_ACCOUNT, bic: cfg.UI_FUND_BIC };
}

/** The relay's SMS gateway of this configuration (services/sms.ts httpSmsGateway options), or null when SMS_GATEWAY_URL is unset. */
export function smsGatewayOf(
  cfg: Pick<Config, 'SMS_GATEWAY_URL' | 'SMS_GATEWAY_TOKEN' | 'SMS_SENDER' | 'SMS_GATEWAY_TIMEOUT_MS'>,
) {
  if (!cfg.SMS_GATEWAY_URL || !cfg.SMS_GATEWAY_TOKEN) return null;
  return {
    url: cfg.SMS_GATEWAY_URL,
    token: cfg.SMS_GATEWAY_TOKEN,
    sender: cfg.SMS_SENDER,
    timeoutMs: cfg.SMS_GATEWAY_TIMEOUT_MS,
  };
}

/** OIDC_ISSUER needs its client and callback (and they need it). */
const OIDC_REQUIRED = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_REDIRECT_URL'] as const;
const configSchema = envSchema.superRefine((env, ctx) => {
  const given = OIDC_REQUIRED.filter((k) => env[k] !== undefined);
  if (given.length > 0 && given.length < OIDC_REQUIRED.length)
    for (const k of OIDC_REQUIRED.filter((k) => env[k] === undefined))
      ctx.addIssue({ code: 'custom', path: [k], message: `required with ${given.join(', ')}` });
  if (env.SMS_GATEWAY_URL !== undefined && env.SMS_GATEWAY_TOKEN === undefined)
    ctx.addIssue({ code: 'custom', path: ['SMS_GATEWAY_TOKEN'], message: 'required with SMS_GATEWAY_URL' });
  // A bound at or under the ping's period would leave the index untrusted between two pings.
  if (env.COVERAGE_INDEX_STALENESS_MS < 2 * env.COVERAGE_INDEX_PING_MS)
    ctx.addIssue({
      code: 'custom',
      path: ['COVERAGE_INDEX_STALENESS_MS'],
      message: 'at least twice COVERAGE_INDEX_PING_MS',
    });
});

export type Config = Omit<z.infer<typeof envSchema>, 'CLAIM_SUBJECT_KEY'> & {
  CLAIM_SUBJECT_KEY: string;
  mode: Mode;
  /** Development secrets may be used (development or test mode): see Mode. */
  devMode: boolean;
  home: string;
  clock: Clock;
};

/** A development secret asked for outside development mode: the process refuses to start (exit 2). */
export class DevSecretRefused extends Error {
  readonly code = 'DEV_SECRET_REFUSED';
}

/** The mode of a configuration (see Mode). */
export function modeOf(env: { ANSINH_MODE?: Mode | undefined; DATABASE_URL?: string | undefined }): Mode {
  return env.ANSINH_MODE ?? (env.DATABASE_URL ? 'production' : 'development');
}

/** Refuses a development secret (named by `what`) unless the configuration is in development or test mode. */
export function refuseDevSecret(cfg: Pick<Config, 'mode' | 'devMode'>, what: string): void {
  if (!cfg.devMode)
    throw new DevSecretRefused(
      `${what} is a development secret, refused in ${cfg.mode} mode (DATABASE_URL set or ANSINH_MODE=production)`,
    );
}

/** The console's OpenID Connect settings (console/oidc.ts OidcSettings), or null when OIDC_ISSUER is unset. */
export function oidcSettingsOf(
  cfg: Pick<
    Config,
    | 'OIDC_ISSUER'
    | 'OIDC_CLIENT_ID'
    | 'OIDC_CLIENT_SECRET'
    | 'OIDC_REDIRECT_URL'
    | 'OIDC_SCOPE'
    | 'OIDC_RESOURCE'
    | 'AUTH_AUDIENCE'
  >,
) {
  if (!cfg.OIDC_ISSUER || !cfg.OIDC_CLIENT_ID || !cfg.OIDC_REDIRECT_URL) return null;
  return {
    issuer: cfg.OIDC_ISSUER,
    clientId: cfg.OIDC_CLIENT_ID,
    clientSecret: cfg.OIDC_CLIENT_SECRET,
    redirectUrl: cfg.OIDC_REDIRECT_URL,
    scope: cfg.OIDC_SCOPE,
    resource: cfg.OIDC_RESOURCE ?? cfg.AUTH_AUDIENCE,
  };
}

/** AUTH_MAX_TOKEN_HOURS as a map from role to hours (only the roles it names). */
export function maxTokenHoursOf(cfg: Pick<Config, 'AUTH_MAX_TOKEN_HOURS'>): Record<string, number> {
  if (!cfg.AUTH_MAX_TOKEN_HOURS) return {};
  return Object.fromEntries(
    cfg.AUTH_MAX_TOKEN_HOURS.split(',').map((pair) => {
      const [role, hours] = pair.split('=');
      return [role!, Number(hours)];
    }),
  );
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(
    Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')),
  );
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid configuration:\n${lines.join('\n')}`);
  }
  const mode = modeOf(parsed.data);
  const devMode = mode !== 'production';
  const key = parsed.data.CLAIM_SUBJECT_KEY;
  if (!devMode) {
    // The keyed hash of a personal ID names its claim workflow: under a public key it is reversed by brute force.
    const fix = `set CLAIM_SUBJECT_KEY to a secret of at least ${MIN_PRODUCTION_KEY_LENGTH} characters (e.g. \`openssl rand -base64 32\`)`;
    if (key === undefined) throw new DevSecretRefused(`CLAIM_SUBJECT_KEY is not set (${mode} mode): ${fix}`);
    if (PUBLIC_SUBJECT_KEYS.includes(key))
      throw new DevSecretRefused(`CLAIM_SUBJECT_KEY is the public development key, refused in ${mode} mode: ${fix}`);
    if (key.length < MIN_PRODUCTION_KEY_LENGTH)
      throw new DevSecretRefused(`CLAIM_SUBJECT_KEY is too short for ${mode} mode: ${fix}`);
  }
  return {
    ...parsed.data,
    CLAIM_SUBJECT_KEY: key ?? DEV_CLAIM_SUBJECT_KEY,
    mode,
    devMode,
    home: path.resolve(parsed.data.ANSINH_HOME),
    clock: createClock({ pinnedDate: parsed.data.ANSINH_TODAY ?? null }),
  };
}

/** Written by `ansinh start` in embedded mode so that other `ansinh` commands find the running stack. */
export interface RuntimeInfo {
  pid: number;
  temporalAddress: string;
  /** Unix socket through which other `ansinh` commands run inside this process (embedded database only). */
  controlSocket: string | null;
  temporalUiUrl: string | null;
  apiUrl: string | null;
}

export const runtimeFile = (cfg: Config) => path.join(cfg.home, 'runtime.json');

export function readRuntime(cfg: Config): RuntimeInfo | null {
  const file = runtimeFile(cfg);
  if (!existsSync(file)) return null;
  try {
    const info = JSON.parse(readFileSync(file, 'utf8')) as RuntimeInfo;
    process.kill(info.pid, 0); // throws if that process is gone
    return info;
  } catch {
    return null;
  }
}

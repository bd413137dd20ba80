/** Starting the HTTP API from configuration (used by `ansinh start` and `ansinh api`). */
import type { Client } from '@temporalio/client';
import type { Db } from '../db/client';
import {
  maxTokenHoursOf,
  oidcSettingsOf,
  refuseDevSecret,
  taskQueuesOf,
  uiFundOf,
  type Config,
} from '../runtime/config';
import { EncryptionCodec, type KeyRing } from '../runtime/payload-codec';
import { createVerifier, ensureDevKeys, type AuthConfig } from './auth';
import { loadSigningKeys } from '../runtime/signing-keys';
import { loadAuditSigningKey } from '../runtime/audit-keys';
import { buildServer } from './server';
import type { Registry } from 'prom-client';
import { serveClusterMetrics } from './cluster';
import { createApiMetrics, listenMetrics, registerCoverageIndexMetrics } from './metrics';
import { registerBusinessGauges } from '../services/business-metrics';
import { createRevocationList } from '../services/token-revocations';
import { accessLogWriter } from '../services/access-log';
import { createCoverageIndex } from '../services/coverage-index';
import { logger } from '../runtime/logger';
import { mintToken } from './auth';
import type { ConsoleOptions } from '../console/options';

/** The public development secret of the console's cookies: refused outside development mode. */
export const DEV_CONSOLE_COOKIE_SECRET = 'ansinh-development-console-cookie-secret-not-for-production';

/** The console's options from configuration: the development sign-in exists only in development mode. */
export function consoleOptionsFrom(cfg: Config, devKeys: boolean): ConsoleOptions {
  if (!cfg.CONSOLE_COOKIE_SECRET)
    refuseDevSecret(cfg, 'the development console cookie secret (set CONSOLE_COOKIE_SECRET)');
  // Plain-HTTP cookies would carry a session id in clear: production sets them Secure, always.
  if (cfg.CONSOLE_SECURE_COOKIES === 'false')
    refuseDevSecret(cfg, 'CONSOLE_SECURE_COOKIES=false (session cookies over plain HTTP)');
  return {
    cookieSecret: cfg.CONSOLE_COOKIE_SECRET ?? DEV_CONSOLE_COOKIE_SECRET,
    secureCookies: cfg.CONSOLE_SECURE_COOKIES ? cfg.CONSOLE_SECURE_COOKIES === 'true' : !cfg.devMode,
    ...(cfg.devMode && devKeys ? { devSignIn: (req) => mintToken(cfg.home, req, cfg.clock) } : {}),
    ...(oidcSettingsOf(cfg) ? { oidc: oidcSettingsOf(cfg)! } : {}),
  };
}

/** Refuses, before anything starts, an API that would verify tokens with the development key outside development mode. */
export function requireAuthKeys(cfg: Config): void {
  if (!cfg.AUTH_JWKS_URL && !cfg.AUTH_JWKS_FILE)
    refuseDevSecret(cfg, `the development signing key in ANSINH_HOME (set AUTH_JWKS_URL or AUTH_JWKS_FILE)`);
  if (!cfg.CONSOLE_COOKIE_SECRET)
    refuseDevSecret(cfg, 'the development console cookie secret (set CONSOLE_COOKIE_SECRET)');
}

export async function authConfigFrom(cfg: Config): Promise<AuthConfig & { devKeys: boolean }> {
  const base = { issuer: cfg.AUTH_ISSUER, audience: cfg.AUTH_AUDIENCE };
  if (cfg.AUTH_JWKS_URL) return { ...base, jwksUrl: cfg.AUTH_JWKS_URL, devKeys: false };
  if (cfg.AUTH_JWKS_FILE) return { ...base, jwksFile: cfg.AUTH_JWKS_FILE, devKeys: false };
  requireAuthKeys(cfg);
  const dev = await ensureDevKeys(cfg.home);
  return { ...base, jwksFile: dev.jwksPath, devKeys: true };
}

/** Origins the codec server answers (CORS): CODEC_CORS_ORIGINS, default the local dev Web UI. */
export const codecOriginsFrom = (cfg: Config): string[] =>
  cfg.CODEC_CORS_ORIGINS
    ? cfg.CODEC_CORS_ORIGINS.split(',')
        .map((o) => o.trim())
        .filter(Boolean)
    : [`http://localhost:${cfg.TEMPORAL_UI_PORT}`, `http://127.0.0.1:${cfg.TEMPORAL_UI_PORT}`];

export interface RunningApi {
  url: string;
  /**
   * The Prometheus metrics listener's /metrics (METRICS_HOST:API_METRICS_PORT); undefined in a
   * process of `ansinh api --processes n`, whose metrics the primary serves (api/cluster.ts).
   */
  metricsUrl: string | undefined;
  devKeys: boolean;
  /**
   * The graceful stop an orchestrator relies on: /health/ready answers 503 at once, for
   * SHUTDOWN_DELAY_SECONDS the API still serves (the load balancer sees it leave), then it stops
   * accepting connections, lets the requests in flight finish, and closes the metrics listener.
   */
  close(): Promise<void>;
}

/** The metrics asked once for the whole API, whatever its processes: the business gauges. */
export function registerApiWideMetrics(registry: Registry, cfg: Config, db: Db): void {
  registerBusinessGauges(registry, {
    db,
    today: () => cfg.clock.today(),
    cacheMs: cfg.METRICS_CACHE_SECONDS * 1000,
  });
}

/**
 * Starts the API. `clustered`: a process of `ansinh api --processes n` (api/cluster.ts): no metrics
 * listener and no business gauges of its own; its registry answers the primary's scrape.
 */
export async function startApi(
  cfg: Config,
  db: Db,
  client: Client,
  keyRing: KeyRing,
  opts: { clustered?: boolean } = {},
): Promise<RunningApi> {
  const auth = await authConfigFrom(cfg);
  const maxTokenHours = maxTokenHoursOf(cfg);
  // The revocation list (issue #14 part 3): loaded now, kept current by LISTEN/NOTIFY and a 30 s reload.
  const revocations = await createRevocationList({
    db,
    secret: cfg.CLAIM_SUBJECT_KEY,
    clock: cfg.clock,
    horizonHours: Math.max(24, ...Object.values(maxTokenHours)),
  });
  // The coverage check's validity index (issue 16): loading starts now; until it is loaded and its
  // first ping is back, checks read the database.
  const coverageIndex =
    cfg.COVERAGE_INDEX === 'on'
      ? await createCoverageIndex({
          db,
          pingMs: cfg.COVERAGE_INDEX_PING_MS,
          stalenessMs: cfg.COVERAGE_INDEX_STALENESS_MS,
          onError: (err) =>
            logger().warn(
              { component: 'api', err: { name: (err as Error)?.name, code: (err as { code?: string })?.code } },
              'coverage index: a read or ping failed; checks read the database until it is loaded again',
            ),
        })
      : undefined;
  const metrics = createApiMetrics({ processMetrics: true });
  if (coverageIndex) registerCoverageIndexMetrics(metrics.registry, coverageIndex);
  if (opts.clustered) serveClusterMetrics(metrics.registry);
  else registerApiWideMetrics(metrics.registry, cfg, db);
  let draining = false;
  const app = await buildServer({
    db,
    client,
    metrics,
    draining: () => draining,
    taskQueue: cfg.TEMPORAL_TASK_QUEUE,
    batchTaskQueue: taskQueuesOf(cfg).batch,
    verifier: await createVerifier({ ...auth, clock: cfg.clock, maxTokenHours, revocations }),
    revocations,
    clock: cfg.clock,
    signingKeys: await loadSigningKeys(cfg),
    logLevel: cfg.LOG_LEVEL,
    subjectKey: cfg.CLAIM_SUBJECT_KEY,
    uiFund: uiFundOf(cfg),
    sms: cfg.SMS_GATEWAY_URL !== undefined,
    accessLog: accessLogWriter(db, { commit: cfg.ACCESS_LOG_COMMIT }),
    ...(coverageIndex ? { coverageIndex } : {}),
    codec: { codec: new EncryptionCodec(keyRing), origins: codecOriginsFrom(cfg), tokenInPath: cfg.devMode },
    rateLimits: {
      tight: cfg.RATE_LIMIT_TIGHT_PER_MIN,
      loose: cfg.RATE_LIMIT_LOOSE_PER_MIN,
      facilityAlert: cfg.RATE_LIMIT_FACILITY_ALERT_PER_MIN,
      windowMs: 60_000,
    },
    console: consoleOptionsFrom(cfg, auth.devKeys),
    // Verification only: the API never signs a checkpoint (the worker's schedule and `ansinh audit` do).
    auditKey: async () => {
      const { kid, publicJwk, verify } = await loadAuditSigningKey(cfg);
      return { kid, publicJwk, verify, sign: () => Promise.reject(new Error('the API does not sign checkpoints')) };
    },
  });
  const address = await app.listen({ host: cfg.API_HOST, port: cfg.API_PORT });
  const metricsListener = opts.clustered
    ? undefined
    : await listenMetrics(metrics.registry, cfg.METRICS_HOST, cfg.API_METRICS_PORT).catch(async (err: unknown) => {
        await app.close();
        await revocations.close();
        await coverageIndex?.close();
        throw err;
      });
  let closing: Promise<void> | undefined;
  return {
    url: address,
    metricsUrl: metricsListener?.url,
    devKeys: auth.devKeys,
    close: () =>
      (closing ??= (async () => {
        draining = true;
        if (cfg.SHUTDOWN_DELAY_SECONDS > 0) await new Promise((r) => setTimeout(r, cfg.SHUTDOWN_DELAY_SECONDS * 1000));
        await app.close(); // stops accepting; the requests in flight are answered first
        await metricsListener?.close();
        await revocations.close();
        await coverageIndex?.close();
      })()),
  };
}

/** Starting the HTTP API from configuration (used by `ansinh start` and `ansinh api`). */
import type { Client } from '@temporalio/client';
import type { Db } from '../db/client';
import { maxTokenHoursOf, type Config } from '../runtime/config';
import { createVerifier, ensureDevKeys, type AuthConfig } from './auth';
import { buildServer } from './server';

export async function authConfigFrom(cfg: Config): Promise<AuthConfig & { devKeys: boolean }> {
  const base = { issuer: cfg.AUTH_ISSUER, audience: cfg.AUTH_AUDIENCE };
  if (cfg.AUTH_JWKS_URL) return { ...base, jwksUrl: cfg.AUTH_JWKS_URL, devKeys: false };
  if (cfg.AUTH_JWKS_FILE) return { ...base, jwksFile: cfg.AUTH_JWKS_FILE, devKeys: false };
  const dev = await ensureDevKeys(cfg.home);
  return { ...base, jwksFile: dev.jwksPath, devKeys: true };
}

export async function startApi(
  cfg: Config,
  db: Db,
  client: Client,
): Promise<{ url: string; devKeys: boolean; close(): Promise<void> }> {
  const auth = await authConfigFrom(cfg);
  const app = await buildServer({
    db,
    client,
    taskQueue: cfg.TEMPORAL_TASK_QUEUE,
    verifier: await createVerifier({ ...auth, clock: cfg.clock, maxTokenHours: maxTokenHoursOf(cfg) }),
    clock: cfg.clock,
    logLevel: cfg.LOG_LEVEL,
    subjectKey: cfg.CLAIM_SUBJECT_KEY,
    rateLimits: {
      tight: cfg.RATE_LIMIT_TIGHT_PER_MIN,
      loose: cfg.RATE_LIMIT_LOOSE_PER_MIN,
      facilityAlert: cfg.RATE_LIMIT_FACILITY_ALERT_PER_MIN,
      windowMs: 60_000,
    },
  });
  const address = await app.listen({ host: cfg.API_HOST, port: cfg.API_PORT });
  return { url: address, devKeys: auth.devKeys, close: () => app.close() };
}

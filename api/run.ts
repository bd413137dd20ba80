/** Starting the HTTP API from configuration (used by `ansinh start` and `ansinh api`). */
import type { Client } from '@temporalio/client';
import type { Db } from '../db/client';
import { refuseDevSecret, type Config } from '../runtime/config';
import { createVerifier, ensureDevKeys, type AuthConfig } from './auth';
import { loadSigningKeys } from '../runtime/signing-keys';
import { buildServer } from './server';

/** Refuses, before anything starts, an API that would verify tokens with the development key outside development mode. */
export function requireAuthKeys(cfg: Config): void {
  if (!cfg.AUTH_JWKS_URL && !cfg.AUTH_JWKS_FILE)
    refuseDevSecret(cfg, `the development signing key in ANSINH_HOME (set AUTH_JWKS_URL or AUTH_JWKS_FILE)`);
}

export async function authConfigFrom(cfg: Config): Promise<AuthConfig & { devKeys: boolean }> {
  const base = { issuer: cfg.AUTH_ISSUER, audience: cfg.AUTH_AUDIENCE };
  if (cfg.AUTH_JWKS_URL) return { ...base, jwksUrl: cfg.AUTH_JWKS_URL, devKeys: false };
  if (cfg.AUTH_JWKS_FILE) return { ...base, jwksFile: cfg.AUTH_JWKS_FILE, devKeys: false };
  requireAuthKeys(cfg);
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
    verifier: await createVerifier({ ...auth, clock: cfg.clock }),
    clock: cfg.clock,
    signingKeys: await loadSigningKeys(cfg),
    logLevel: cfg.LOG_LEVEL,
    subjectKey: cfg.CLAIM_SUBJECT_KEY,
  });
  const address = await app.listen({ host: cfg.API_HOST, port: cfg.API_PORT });
  return { url: address, devKeys: auth.devKeys, close: () => app.close() };
}

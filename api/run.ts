/** Starting the HTTP API from configuration (used by `ansinh start` and `ansinh api`). */
import type { Client } from '@temporalio/client';
import type { Db } from '../db/client';
import type { Config } from '../runtime/config';
import { EncryptionCodec, type KeyRing } from '../runtime/payload-codec';
import { createVerifier, ensureDevKeys, type AuthConfig } from './auth';
import { buildServer } from './server';

export async function authConfigFrom(cfg: Config): Promise<AuthConfig & { devKeys: boolean }> {
  const base = { issuer: cfg.AUTH_ISSUER, audience: cfg.AUTH_AUDIENCE };
  if (cfg.AUTH_JWKS_URL) return { ...base, jwksUrl: cfg.AUTH_JWKS_URL, devKeys: false };
  if (cfg.AUTH_JWKS_FILE) return { ...base, jwksFile: cfg.AUTH_JWKS_FILE, devKeys: false };
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

export async function startApi(
  cfg: Config,
  db: Db,
  client: Client,
  keyRing: KeyRing,
): Promise<{ url: string; devKeys: boolean; close(): Promise<void> }> {
  const auth = await authConfigFrom(cfg);
  const app = await buildServer({
    db,
    client,
    taskQueue: cfg.TEMPORAL_TASK_QUEUE,
    verifier: await createVerifier({ ...auth, clock: cfg.clock }),
    clock: cfg.clock,
    logLevel: cfg.LOG_LEVEL,
    subjectKey: cfg.CLAIM_SUBJECT_KEY,
    codec: { codec: new EncryptionCodec(keyRing), origins: codecOriginsFrom(cfg) },
  });
  const address = await app.listen({ host: cfg.API_HOST, port: cfg.API_PORT });
  return { url: address, devKeys: auth.devKeys, close: () => app.close() };
}

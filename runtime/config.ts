/**
 * Configuration, parsed once from the environment with zod. Every variable is listed in the README.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { isoDateSchema } from '../domain/calendar';
import { createClock, type Clock } from './clock';

/** Development default of CLAIM_SUBJECT_KEY (set a secret in production). */
export const DEV_CLAIM_SUBJECT_KEY = 'ansinh-development-subject-key';

const envSchema = z.object({
  /** postgres:// URL of the national insurance database; unset = embedded PGlite under ANSINH_HOME. */
  DATABASE_URL: z.string().url().optional(),
  /** host:port of a Temporal frontend; unset = `ansinh start` runs a local dev server itself. */
  TEMPORAL_ADDRESS: z.string().min(3).optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('ansinh'),
  /** Path of a `temporal` CLI binary for the local dev server. */
  TEMPORAL_CLI_PATH: z.string().optional(),
  /** Port of the local dev server's frontend and Web UI (embedded mode only). */
  TEMPORAL_DEV_PORT: z.coerce.number().int().min(1).max(65535).default(7233),
  TEMPORAL_UI_PORT: z.coerce.number().int().min(1).max(65535).default(8233),
  /** HTTP API (run by `ansinh start` beside the worker, or alone by `ansinh api`). */
  API_HOST: z.string().min(1).default('127.0.0.1'),
  API_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Keys that sign bearer tokens: a JWKS file or URL; neither = the local development key in ANSINH_HOME. */
  AUTH_JWKS_FILE: z.string().min(1).optional(),
  AUTH_JWKS_URL: z.string().url().optional(),
  AUTH_ISSUER: z.string().min(1).default('ansinh-dev'),
  AUTH_AUDIENCE: z.string().min(1).default('ansinh-api'),
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
  CLAIM_SUBJECT_KEY: z.string().min(16).default(DEV_CLAIM_SUBJECT_KEY),
  ANSINH_HOME: z.string().min(1).default('.ansinh'),
  /**
   * Pins the date of the application's clock (runtime/clock.ts) for the API, the CLI, the workers and
   * `npm start`: YYYY-MM-DD, Vietnam time. Unset = the real date. It does not move the Temporal server's time.
   */
  ANSINH_TODAY: isoDateSchema.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = z.infer<typeof envSchema> & { home: string; clock: Clock };

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
  const parsed = envSchema.safeParse(
    Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')),
  );
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid configuration:\n${lines.join('\n')}`);
  }
  return {
    ...parsed.data,
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

/**
 * What every `ansinh` command runs against: run locally (own connections, cli/main.ts) or inside
 * the running stack (its embedded database and Temporal client; see runtime/control.ts).
 */
import type { DatabaseHandle } from '../db/client';
import type { Config } from '../runtime/config';
import type { TemporalHandle } from '../runtime/stack';

export interface CliContext {
  cfg: Config;
  /** Directory relative paths are resolved against (the caller's, when forwarded). */
  cwd: string;
  out(text: string): void;
  err(text: string): void;
  /** `create`: this command may create the embedded database (only `db migrate`); others refuse when there is none. */
  withDb<T>(fn: (db: DatabaseHandle) => Promise<T>, opts?: { create?: boolean }): Promise<T>;
  withTemporal<T>(fn: (t: TemporalHandle) => Promise<T>): Promise<T>;
  /** A terminal to draw progress bars on (local runs on a TTY); absent: progress as lines on err. */
  progressStream?: NodeJS.WriteStream;
}

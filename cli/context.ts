/**
 * What every `ansinh` command runs against: run locally (own connections, cli/main.ts) or inside
 * the running stack (its embedded database and Temporal client; see runtime/control.ts).
 */
import type { DatabaseHandle } from '../db/client';
import type { Config } from '../runtime/config';
import type { TemporalHandle } from '../runtime/connect';
import type { Line, Words } from './say';

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

/** The commands that run in the calling process only (they own the stack or the worker; cli/main.ts). */
export interface LocalCommands {
  start(): Promise<void>;
  /** `pool`: which pool's queue to serve (`--pool`; unset = WORKER_POOL). */
  worker(opts?: { pool?: 'interactive' | 'batch' | 'all' }): Promise<void>;
  api(opts?: { processes?: number }): Promise<void>;
  relay(): Promise<void>;
}

/** What each command group (cli/commands/*.ts) registers its commands with. */
export interface CommandKit {
  ctx: CliContext;
  /** Prints the human text (catalog lines in the chosen language, cli/say.ts), or the JSON with --json. */
  print(human: Line, json: unknown): void;
  /** A human line on stderr (progress, what a command waits for), in the chosen language. */
  note(line: Line): void;
  /** The chosen language's words: catalog texts, labels, amounts and dates (cli/say.ts). */
  words: Words;
  /** A JSON file named relative to the caller's directory (INVALID_FILE when it cannot be read as JSON). */
  readJson(file: string): unknown;
  /** Who decides when no --officer (or --by) is given: officer:<login name>. */
  defaultOfficer: string;
}

/** Raised to end a command with a given exit code after its output is written. */
export class ExitCode extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

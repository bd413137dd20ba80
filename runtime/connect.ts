/**
 * How a command reaches the national insurance database and Temporal (runtime/stack.ts's module
 * comment says where it looks). Kept apart from runtime/stack.ts, which starts the whole stack
 * (dev server, worker, API): every CLI command loads this, and only `ansinh start` loads that.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { openDatabase, type DatabaseHandle } from '../db/client';
import { DomainError } from '../domain/errors';
import { readRuntime, runtimeFile, type Config } from './config';
import { dataConverterFor, type KeyRing } from './payload-codec';
import { keyRingFrom } from './payload-keys';

export const pgliteDir = (cfg: Config) => path.join(cfg.home, 'pgdata');

/** What to do when no stack was found: where the commands looked and how to start one. */
export function noStackMessage(cfg: Config, what: 'database' | 'Temporal'): string {
  return [
    `no Ansinh stack found for this command (it needs the ${what}). Looked for:`,
    `  - ${what === 'database' ? 'DATABASE_URL' : 'TEMPORAL_ADDRESS'}: not set`,
    `  - a running \`ansinh start\`: none (no live ${runtimeFile(cfg)})`,
    ...(what === 'database' ? [`  - an embedded database: none in ${pgliteDir(cfg)} (nothing was created)`] : []),
    `Start the stack in the project directory with \`npm start\` (or \`npx ansinh start\`) and run the command there,`,
    `or set ANSINH_HOME to that project's .ansinh directory, or DATABASE_URL and TEMPORAL_ADDRESS to a running deployment.`,
  ].join('\n');
}

/**
 * Opens the database this process should use (see the module comment). Only `ansinh start` and
 * `ansinh db migrate` pass `create`: any other command finding no database says so, and never
 * leaves an empty embedded one behind.
 */
export async function connectDatabase(
  cfg: Config,
  opts: { create?: boolean; settings?: Record<string, string> } = {},
): Promise<DatabaseHandle> {
  if (cfg.DATABASE_URL)
    return openDatabase({ url: cfg.DATABASE_URL, ...(opts.settings ? { settings: opts.settings } : {}) });
  if (readRuntime(cfg))
    throw new Error('the embedded database belongs to the running `ansinh start`; run this command through it');
  if (!opts.create && !existsSync(path.join(pgliteDir(cfg), 'PG_VERSION')))
    throw new DomainError('STACK_NOT_RUNNING', noStackMessage(cfg, 'database'));
  return openDatabase({ dataDir: pgliteDir(cfg) });
}

export interface TemporalHandle {
  client: Client;
  address: string;
  close(): Promise<void>;
}

/** A Temporal client of this configuration: its namespace, payloads encrypted by the configured key ring. */
export const temporalClient = (cfg: Config, connection: Connection, ring: KeyRing = keyRingFrom(cfg)) =>
  new Client({ connection, namespace: cfg.TEMPORAL_NAMESPACE, dataConverter: dataConverterFor(ring) });

export async function connectTemporal(cfg: Config): Promise<TemporalHandle> {
  const address = cfg.TEMPORAL_ADDRESS ?? readRuntime(cfg)?.temporalAddress;
  if (!address) throw new DomainError('STACK_NOT_RUNNING', noStackMessage(cfg, 'Temporal'));
  const ring = keyRingFrom(cfg);
  const connection = await Connection.connect({ address });
  return {
    client: temporalClient(cfg, connection, ring),
    address,
    close: () => connection.close(),
  };
}

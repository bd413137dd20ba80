/**
 * A real stack for the browser tests: a database of its own (cloned from the migrated template),
 * a Temporal worker on its own task queue against the run's dev server, and the API server (the
 * console included) listening on 127.0.0.1 on a free port. Tokens are signed by a development key
 * in a temporary home unless the test brings its own verifier (an OIDC provider's JWKS).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import { inject } from 'vitest';
import {
  createVerifier,
  DEV_AUDIENCE,
  DEV_ISSUER,
  ensureDevKeys,
  mintToken,
  type MintRequest,
  type Verifier,
} from '../../api/auth';
import { buildServer, type ApiDeps } from '../../api/server';
import type { ConsoleOptions } from '../../console/options';
import type { Clock } from '../../runtime/clock';
import { loadSigningKeys } from '../../runtime/signing-keys';
import {
  createTestDatabase,
  devServerClient,
  makeWorker,
  testClock,
  uniqueTaskQueue,
  type TestDatabase,
} from '../setup/harness';
import { TEST_CONSOLE_COOKIE_SECRET } from '../api/fixture';

export interface Stack {
  /** http://127.0.0.1:<port>, no trailing slash. */
  url: string;
  app: FastifyInstance;
  tdb: TestDatabase;
  client: Client;
  taskQueue: string;
  /** The temporary ANSINH_HOME: the development token key and the e-book signing ring. */
  home: string;
  clock: Clock;
  /** A development token (signed by the key the stack's default verifier trusts). */
  token(req: MintRequest): Promise<string>;
  close(): Promise<void>;
}

export interface StackOptions {
  /** The API's clock (business dates); default the tests' clock. */
  clock?: Clock;
  /** Trust another issuer's keys (e.g. a local OIDC provider) instead of the development key. */
  verifier?: (home: string) => Promise<Verifier>;
  /** More of the API's dependencies (rate limits…). */
  deps?: (home: string) => Partial<ApiDeps> | Promise<Partial<ApiDeps>>;
  /** The console's options over the default (development sign-in with the stack's key); false = no console. */
  console?: Partial<ConsoleOptions> | false;
  /** Listen on this port (default: any free one); see freePort. */
  port?: number;
}

/** A port nobody listens on now (for a callback URL that must be known before the stack starts). */
export async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address() as AddressInfo;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

export async function startStack(label: string, opts: StackOptions = {}): Promise<Stack> {
  const tdb = await createTestDatabase(label);
  const { client, connection }: { client: Client; connection: Connection } = await devServerClient();
  const home = mkdtempSync(path.join(tmpdir(), 'ansinh-console-'));
  const clock = opts.clock ?? testClock;
  const dev = await ensureDevKeys(home);
  const taskQueue = uniqueTaskQueue(label);
  const native = await NativeConnection.connect({ address: inject('temporalAddress') });
  const worker: Worker = await makeWorker(native, taskQueue, { db: tdb.db, clock });
  const running = worker.run();
  const verifier = opts.verifier
    ? await opts.verifier(home)
    : await createVerifier({ issuer: DEV_ISSUER, audience: DEV_AUDIENCE, jwksFile: dev.jwksPath, clock: testClock });
  const app = await buildServer({
    db: tdb.db,
    client,
    taskQueue,
    verifier,
    clock,
    signingKeys: await loadSigningKeys({ home, clock: testClock }),
    logLevel: 'silent',
    ...(opts.console === false
      ? {}
      : {
          console: {
            cookieSecret: TEST_CONSOLE_COOKIE_SECRET,
            secureCookies: false,
            devSignIn: (req: MintRequest) => mintToken(home, req, testClock),
            ...opts.console,
          },
        }),
    ...(await opts.deps?.(home)),
  });
  await app.listen({ host: '127.0.0.1', port: opts.port ?? 0 });
  const { port } = app.server.address() as AddressInfo;
  let closed = false;
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    tdb,
    client,
    taskQueue,
    home,
    clock,
    token: (req) => mintToken(home, req, testClock),
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      worker.shutdown();
      await running;
      await native.close();
      await connection.close();
      await tdb.drop();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

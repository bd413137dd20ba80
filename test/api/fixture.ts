/**
 * A running API for tests: its own database (two onboarded employers), the shared dev server with
 * a worker on its own task queue, and tokens signed by a development key in a temporary home.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { inject } from 'vitest';
import { createOnboardingActivities } from '../../activities/onboarding';
import { createVerifier, DEV_AUDIENCE, DEV_ISSUER, ensureDevKeys, mintToken, type MintRequest } from '../../api/auth';
import type { RateLimitSettings } from '../../api/rate-limit';
import type { ConsoleOptions } from '../../console/options';
import { buildServer } from '../../api/server';
import { sampleSubmission } from '../../dev/sample';
import { onboardingRequestEmployees, onboardingRequests, participants } from '../../db/schema';
import type { OnboardingSubmission } from '../../domain/schemas';
import {
  createTestDatabase,
  devServerClient,
  makeWorker,
  uniqueTaskQueue,
  type TestDatabase,
  testClock,
} from '../setup/harness';
import type { Clock } from '../../runtime/clock';
import { loadSigningKeys, type SigningKeys } from '../../runtime/signing-keys';
import { loadAuditSigningKey } from '../../runtime/audit-keys';
import { EncryptionCodec } from '../../runtime/payload-codec';
import { TEST_KEY_RING } from '../setup/keys';
import { DEV_CLAIM_SUBJECT_KEY } from '../../runtime/config';
import { createRevocationList, type RevocationList } from '../../services/token-revocations';
import { createCoverageIndex, type CoverageIndex, type CoverageIndexOptions } from '../../services/coverage-index';

/** Signs the test console's cookies. */
export const TEST_CONSOLE_COOKIE_SECRET = 'test-console-cookie-secret-0123456789abcdef';

/** The Web UI origin the test API's codec server answers (CORS). */
export const TEST_UI_ORIGIN = 'http://localhost:8233';

export interface ApiFixture {
  app: FastifyInstance;
  tdb: TestDatabase;
  client: Client;
  home: string;
  /** The ring that signs the e-books this API hands out (the development ring in `home`). */
  signingKeys: SigningKeys;
  taskQueue: string;
  a: OnboardingSubmission;
  b: OnboardingSubmission;
  token(req: MintRequest): Promise<string>;
  /** The token revocation list the verifier checks, when the fixture was asked for one. */
  revocations?: RevocationList;
  /** The coverage check's validity index, when the fixture was asked for one (loaded and pinged before it returns). */
  coverageIndex?: CoverageIndex;
  close(): Promise<void>;
}

export async function onboardDirectly(tdb: TestDatabase, sub: OnboardingSubmission): Promise<void> {
  const requestId = randomUUID();
  await tdb.db.insert(onboardingRequests).values({
    id: requestId,
    taxCode: sub.employer.taxCode,
    employer: sub.employer,
    employeeCount: sub.employees.length,
    submittedBy: 't',
    workflowId: 'w',
  });
  await tdb.db
    .insert(onboardingRequestEmployees)
    .values(sub.employees.map((e, i) => ({ requestId, line: i + 1, personalId: e.personalId, data: e })));
  const acts = createOnboardingActivities({ db: tdb.db, clock: testClock });
  const ref = { requestId, taxCode: sub.employer.taxCode, workflowId: 'w', runId: 'r' };
  await acts.registerEmployer(ref);
  await acts.activateEmployer({ ...ref, officer: 'officer:fixture' });
  await acts.onboardEmployeeBatch({ ...ref, fromLine: 1, toLine: sub.employees.length });
}

/** `clock`: the API's today (value dates after it are refused); tests that book bank lines pin it. */
export async function apiFixture(
  label: string,
  opts: {
    worker?: boolean;
    clock?: Clock;
    rateLimits?: RateLimitSettings;
    codecTokenInPath?: boolean;
    /** Serve the web console (/console) with the development sign-in, or with these options. */
    console?: boolean | ConsoleOptions;
    /** Check tokens against the revocation list (issue #14 part 3), as `ansinh start` does. */
    revocations?: boolean;
    /** An SMS gateway is configured (SMS_GATEWAY_URL): phone changes are accepted, their code goes by SMS. */
    sms?: boolean;
    /** The coverage check answers from the in-memory validity index (issue 16), with these options. */
    coverageIndex?: Omit<CoverageIndexOptions, 'db'>;
  } = {},
): Promise<ApiFixture> {
  const tdb = await createTestDatabase(label);
  const { client, connection }: { client: Client; connection: Connection } = await devServerClient();
  const home = mkdtempSync(path.join(tmpdir(), 'ansinh-api-'));
  const dev = await ensureDevKeys(home);
  const signingKeys = await loadSigningKeys({ home, clock: testClock });
  const taskQueue = uniqueTaskQueue(label);
  const a = sampleSubmission(9001, 5, { startMonth: '2026-10' });
  const b = sampleSubmission(9002, 2, { startMonth: '2026-10' });
  a.employees[0]!.email = 'an@example.vn';
  await onboardDirectly(tdb, a);
  await onboardDirectly(tdb, b);
  await tdb.db.update(participants).set({ email: null }).where(eq(participants.personalId, b.employees[0]!.personalId));

  let native: NativeConnection | undefined;
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  if (opts.worker) {
    native = await NativeConnection.connect({ address: inject('temporalAddress') });
    worker = await makeWorker(native, taskQueue, { db: tdb.db, clock: testClock });
    running = worker.run();
  }
  const revocations = opts.revocations
    ? await createRevocationList({ db: tdb.db, secret: DEV_CLAIM_SUBJECT_KEY, clock: testClock, refreshMs: 0 })
    : undefined;
  const coverageIndex = opts.coverageIndex
    ? await createCoverageIndex({ ...opts.coverageIndex, db: tdb.db })
    : undefined;
  await coverageIndex?.ready();
  const app = await buildServer({
    db: tdb.db,
    client,
    taskQueue,
    ...(coverageIndex ? { coverageIndex } : {}),
    verifier: await createVerifier({
      issuer: DEV_ISSUER,
      audience: DEV_AUDIENCE,
      jwksFile: dev.jwksPath,
      clock: testClock,
      ...(revocations ? { revocations } : {}),
    }),
    ...(revocations ? { revocations } : {}),
    clock: opts.clock ?? testClock, // the API's business dates (tokens are checked against testClock)
    signingKeys,
    logLevel: 'silent',
    codec: {
      codec: new EncryptionCodec(TEST_KEY_RING),
      origins: [TEST_UI_ORIGIN],
      tokenInPath: opts.codecTokenInPath ?? true,
    },
    ...(opts.rateLimits ? { rateLimits: opts.rateLimits } : {}),
    ...(opts.sms ? { sms: true } : {}),
    auditKey: () => loadAuditSigningKey({ home }),
    reconciliationScheduleId: `monthly-reconciliation:${taskQueue}`, // the dev server is shared between files
    ...(opts.console
      ? {
          console:
            opts.console === true
              ? {
                  cookieSecret: TEST_CONSOLE_COOKIE_SECRET,
                  secureCookies: false,
                  devSignIn: (req: MintRequest) => mintToken(home, req, testClock),
                }
              : opts.console,
        }
      : {}),
  });
  await app.ready();
  return {
    app,
    tdb,
    client,
    home,
    signingKeys,
    taskQueue,
    a,
    b,
    token: (req) => mintToken(home, req, testClock),
    ...(revocations ? { revocations } : {}),
    ...(coverageIndex ? { coverageIndex } : {}),
    async close() {
      await app.close();
      await revocations?.close();
      await coverageIndex?.close();
      worker?.shutdown();
      await running;
      await native?.close();
      await connection.close();
      await tdb.drop();
    },
  };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

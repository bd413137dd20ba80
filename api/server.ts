/**
 * The HTTP API (Fastify). domain/schemas.ts is the single source of request and response shapes;
 * the OpenAPI 3.1 document is generated from them (/openapi.json, docs at /docs). Every /v1 route
 * needs a bearer token; who may do what is api/policy.ts.
 */
import { randomUUID } from 'node:crypto';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { Client } from '@temporalio/client';
import { sql } from 'drizzle-orm';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../db/client';
import type { Principal, Verifier } from './auth';
import { errorHandler, sendProblem } from './errors';
import { coverageRoutes } from './routes/coverage';
import { ebookRoutes } from './routes/ebooks';
import { employerRoutes } from './routes/employers';
import { onboardingRoutes } from './routes/onboardings';
import { claimRoutes } from './routes/claims';
import { reconciliationRoutes } from './routes/reconciliations';
import { bankRoutes } from './routes/bank';
import type { Clock } from '../runtime/clock';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export interface ApiDeps {
  db: Db;
  client: Client;
  taskQueue: string;
  verifier: Verifier;
  /** The application clock (runtime/clock.ts): every default date and token check reads it. */
  clock: Clock;
  /** CLAIM_SUBJECT_KEY: names claim workflows without personal data (client/claims.ts). */
  subjectKey?: string;
  logLevel?: string;
  /** Where JSON logs go (default stdout); tests capture them to prove no personal data is logged. */
  logStream?: NodeJS.WritableStream;
  /** Adds GET /bench/bare (no auth, no I/O): the floor the coverage benchmark is compared with. */
  benchRoute?: boolean;
}

/**
 * Request body limits (413 PAYLOAD_TOO_LARGE above them). Small by default: a coverage check, a
 * decision, a payment or a claim is a few hundred bytes. The two list routes get room for their
 * largest list: a dossier of MAX_EMPLOYEES_PER_ONBOARDING (50,000) employees, ~220 bytes each and
 * up to ~500 with long Vietnamese names and addresses; a batch of 5,000 declarations.
 */
export const BODY_LIMITS = {
  default: 64 * 1024,
  onboarding: 32 * 1024 * 1024,
  declarations: 4 * 1024 * 1024,
  /** A day's statement of a national collection account: ~10,000 camt.053 transactions are ~15 MiB. */
  bankStatement: 32 * 1024 * 1024,
} as const;

export type Api = FastifyInstance;


/** Request logs carry the route pattern, never the URL: a query string can hold a personal ID. */
const reqSerializer = (req: FastifyRequest) => ({ id: req.id, method: req.method, route: req.routeOptions?.url ?? 'unmatched' });

export async function buildServer(deps: ApiDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: deps.logLevel ?? 'info',
      base: { service: 'ansinh-api' },
      redact: { paths: ['req.headers.authorization'], remove: true },
      serializers: { req: reqSerializer as never },
      ...(deps.logStream ? { stream: deps.logStream } : {}),
    },
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[A-Za-z0-9._-]{1,64}$/.test(given) ? given : randomUUID();
    },
    bodyLimit: BODY_LIMITS.default, // raised per route (BODY_LIMITS)
    ajv: undefined,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((req, reply) => sendProblem(reply, req, { status: 404, code: 'NOT_FOUND', detail: 'no such route' }));
  app.decorateRequest('principal', null);
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Ansinh API',
        version: '1',
        description:
          'National insurance database, e-books and HI coverage; employer onboarding. Errors are application/problem+json with a stable `code`.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.get('/healthz', { schema: { security: [], response: { 200: z.object({ status: z.literal('ok') }) } } }, async () => ({ status: 'ok' as const }));

  app.get(
    '/readyz',
    { schema: { security: [], response: { 200: z.object({ status: z.literal('ready'), database: z.literal('ok'), temporal: z.literal('ok') }) } } },
    async (req, reply) => {
      const [database, temporal] = await Promise.all([
        deps.db.execute(sql`select 1`).then(
          () => 'ok',
          () => 'unreachable',
        ),
        deps.client.workflowService.getSystemInfo({}).then(
          () => 'ok',
          () => 'unreachable',
        ),
      ]);
      if (database !== 'ok' || temporal !== 'ok') {
        return sendProblem(reply, req, { status: 503, code: 'NOT_READY', detail: `database ${database}, temporal ${temporal}` });
      }
      return { status: 'ready' as const, database: 'ok' as const, temporal: 'ok' as const };
    },
  );

  if (deps.benchRoute) app.get('/bench/bare', { schema: { hide: true } }, async () => ({ ok: true }));

  await app.register(
    async (v1) => {
      v1.addHook('onRequest', async (req) => {
        req.principal = await deps.verifier(req.headers.authorization);
      });
      await onboardingRoutes(v1, deps);
      await employerRoutes(v1, deps);
      await ebookRoutes(v1, deps);
      await coverageRoutes(v1, deps);
      await reconciliationRoutes(v1, deps);
      await claimRoutes(v1, deps);
      await bankRoutes(v1, deps);
    },
    { prefix: '/v1' },
  );

  return app;
}

/** The authenticated caller of a /v1 route (set by the onRequest hook). */
export function principalOf(req: FastifyRequest): Principal {
  if (!req.principal) throw new Error('route without authentication');
  return req.principal;
}

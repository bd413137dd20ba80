/**
 * The HTTP API (Fastify). domain/schemas.ts is the single source of request and response shapes;
 * the OpenAPI 3.1 document is generated from them (/openapi.json, docs at /docs). Every /v1 route
 * needs a bearer token; who may do what is api/policy.ts.
 */
import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import helmet from 'helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { databaseAnswers } from '../db/queries/health';
import { jwksSchema } from '../domain/schemas';
import { BODY_LIMITS, type ApiDeps } from './context';
import { DEFAULT_LANG } from '../messages';
import { problemDetail, problemTitle } from '../messages/negotiate';
import { errorHandler, sendProblem } from './errors';
import { registerRateLimits } from './rate-limit';
import { registerRequestMetrics } from './metrics';
import { jsonLogger, logger } from '../runtime/logger';
import { accessLogRoutes } from './routes/access-log';
import { coverageRoutes } from './routes/coverage';
import { ebookRoutes } from './routes/ebooks';
import { employerRoutes } from './routes/employers';
import { onboardingRoutes } from './routes/onboardings';
import { claimRoutes } from './routes/claims';
import { timelineRoutes } from './routes/timeline';
import { reconciliationRoutes } from './routes/reconciliations';
import { bankRoutes } from './routes/bank';
import { codecRoutes } from './routes/codec';
import { operationsRoutes } from './routes/operations';
import { participantRoutes } from './routes/participants';
import { taskRoutes } from './routes/tasks';
import { noticeRoutes } from './routes/notices';
import { recoveryRoutes } from './routes/recovery';
import { declarationCaseRoutes } from './routes/declaration-cases';
import { paymentFileRoutes } from './routes/payment-files';
import { dataUpdateRoutes } from './routes/data-updates';
import { hiCardRoutes } from './routes/hi-cards';
import { fhirRoutes } from './routes/fhir';
import { d02Routes } from './routes/d02';
import { registerConsole } from '../console/plugin';
import { accessLogWriter } from '../services/access-log';

export { BODY_LIMITS, type ApiDeps } from './context';

export type Api = FastifyInstance;

/** Request logs carry the route pattern, never the URL: a query string can hold a personal ID. */
/** Node's limit on the request line and headers together (bytes); above it, 431 HEADER_TOO_LARGE. */
export const MAX_HEADER_BYTES = 16 * 1024;

/**
 * A request Node refuses before Fastify sees it (headers too large, a malformed request line) still
 * answers as problem+json: written on the socket, as Fastify's default handler does, but in the
 * house shape and without echoing anything of the request.
 */
function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, reason, code] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large', 'HEADER_TOO_LARGE']
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', 'REQUEST_TIMEOUT']
        : [400, 'Bad Request', 'MALFORMED_REQUEST'];
  // The request was never parsed, so no Accept-Language was read: the texts are the catalog's in
  // the default language (the status line's reason phrase is HTTP's own).
  const lang = DEFAULT_LANG;
  const params: Record<string, number> = code === 'HEADER_TOO_LARGE' ? { limit: MAX_HEADER_BYTES } : {};
  const body = JSON.stringify({
    type: `https://ansinh.example/problems/${code.toLowerCase().replace(/_/g, '-')}`,
    title: problemTitle(lang, code, status),
    status,
    code,
    detail: problemDetail(lang, code, undefined, undefined, params),
  });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/problem+json\r\nContent-Language: ${lang}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

const reqSerializer = (req: FastifyRequest) => ({
  id: req.id,
  method: req.method,
  route: req.routeOptions?.url ?? 'unmatched',
});

export async function buildServer(given: ApiDeps): Promise<FastifyInstance> {
  // Every read's access-log row goes through one group commit per server (services/access-log.ts).
  const deps: ApiDeps = { ...given, accessLog: given.accessLog ?? accessLogWriter(given.db) };
  // The process's one logger (runtime/logger.ts: JSON lines, pretty on a terminal), or the house
  // options on the stream a test captures; requests serialised without their URL or headers.
  const level = deps.logLevel ?? 'info';
  const base = deps.logStream ? jsonLogger(level, deps.logStream) : logger();
  const app = Fastify({
    loggerInstance: base.child(
      { component: 'api' },
      { level, serializers: { req: reqSerializer as never } },
    ) as FastifyBaseLogger,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[A-Za-z0-9._-]{1,64}$/.test(given) ? given : randomUUID();
    },
    bodyLimit: BODY_LIMITS.default, // raised per route (BODY_LIMITS)
    // A path parameter may hold a token (the dev Web UI's codec endpoint, api/routes/codec.ts).
    routerOptions: { maxParamLength: 4096 },
    http: { maxHeaderSize: MAX_HEADER_BYTES },
    clientErrorHandler,
    ajv: undefined,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((req, reply) =>
    sendProblem(reply, req, { status: 404, code: 'NOT_FOUND', detail: 'no such route' }),
  );
  app.decorateRequest('principal', null);
  if (deps.metrics) registerRequestMetrics(app, deps.metrics);
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  // Security headers (HSTS, nosniff, frame-ancestors, a strict CSP, …); the docs page sets its
  // own CSP with the hashes of swagger-ui's inline code (staticCSP below).
  // No upgrade-insecure-requests: `npm start` serves plain HTTP on localhost, where it would send
  // the docs page's own assets to an https:// that is not there (TLS ends at the proxy in production).
  // helmet's middleware built once and run on each request's raw response: @fastify/helmet, which
  // we used before, built it again on every request (its CSP directives parsed and validated each
  // time: 7 % of the bare route's CPU profile, bench:api), for headers that never change here.
  const securityHeaders = helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } });
  app.addHook('onRequest', (req, reply, done) =>
    securityHeaders(req.raw, reply.raw, (err) => done(err as Error | undefined)),
  );

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
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    staticCSP: true,
    transformStaticCSP: (csp) => csp.replace(/\s*upgrade-insecure-requests;?/, ''),
  });

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  // Probes for an orchestrator (issue 15): live = the process answers; ready = the database and
  // Temporal answer and the process is not shutting down. /healthz and /readyz are the older names.
  const live = async () => ({ status: 'ok' as const });
  const liveSchema = { schema: { security: [], response: { 200: z.object({ status: z.literal('ok') }) } } };
  app.get('/health/live', liveSchema, live);
  app.get('/healthz', liveSchema, live);

  const readySchema = {
    schema: {
      security: [],
      response: {
        200: z.object({ status: z.literal('ready'), database: z.literal('ok'), temporal: z.literal('ok') }),
      },
    },
  };
  const ready = async (req: FastifyRequest, reply: FastifyReply) => {
    if (deps.draining?.()) {
      reply.header('connection', 'close');
      return sendProblem(reply, req, { status: 503, code: 'NOT_READY', detail: 'shutting down' });
    }
    const [database, temporal] = await Promise.all([
      databaseAnswers(deps.db).then((up) => (up ? 'ok' : 'unreachable')),
      deps.client.workflowService.getSystemInfo({}).then(
        () => 'ok',
        () => 'unreachable',
      ),
    ]);
    if (database !== 'ok' || temporal !== 'ok') {
      return sendProblem(reply, req, {
        status: 503,
        code: 'NOT_READY',
        detail: `database ${database}, temporal ${temporal}`,
      });
    }
    return { status: 'ready' as const, database: 'ok' as const, temporal: 'ok' as const };
  };
  app.get('/health/ready', readySchema, ready);
  app.get('/readyz', readySchema, ready);

  // The public keys that verify e-book signatures: no token (a verifier may hold nothing but a book),
  // cacheable for 5 minutes, so a new key is added to the ring at least that long before it signs
  // (README, "Signed e-books"); rotated keys stay listed, so every book ever signed still verifies.
  const jwks = JSON.stringify(deps.signingKeys.publicJwks());
  app.get(
    '/.well-known/jwks.json',
    {
      schema: {
        summary: 'The public keys (JWKS) that verify the signature of every e-book, rotated keys included',
        tags: ['e-books'],
        security: [],
        response: { 200: jwksSchema },
      },
    },
    async (_req, reply) => {
      reply
        .header('cache-control', 'public, max-age=300')
        .header('access-control-allow-origin', '*')
        .type('application/jwk-set+json');
      return JSON.parse(jwks) as z.infer<typeof jwksSchema>;
    },
  );

  if (deps.benchRoute) app.get('/bench/bare', { schema: { hide: true } }, async () => ({ ok: true }));

  await app.register(
    async (v1) => {
      v1.addHook('onRequest', async (req, reply) => {
        // Every /v1 answer may carry personal data (and its refusals say whether it exists):
        // no shared or private cache keeps any of them. Set first, so that 401s have it too.
        reply.header('cache-control', 'no-store');
        req.principal = await deps.verifier(req.headers.authorization);
      });
      await registerRateLimits(v1, deps);
      await onboardingRoutes(v1, deps);
      await employerRoutes(v1, deps);
      await ebookRoutes(v1, deps);
      await accessLogRoutes(v1, deps);
      await coverageRoutes(v1, deps);
      await reconciliationRoutes(v1, deps);
      await claimRoutes(v1, deps);
      await timelineRoutes(v1, deps);
      await bankRoutes(v1, deps);
      await participantRoutes(v1, deps);
      await taskRoutes(v1, deps);
      await noticeRoutes(v1, deps);
      await paymentFileRoutes(v1, deps);
      await operationsRoutes(v1, deps);
      await recoveryRoutes(v1, deps);
      await declarationCaseRoutes(v1, deps);
      await dataUpdateRoutes(v1, deps);
      await hiCardRoutes(v1, deps);
      await d02Routes(v1, deps);
    },
    { prefix: '/v1' },
  );

  // FHIR R4 for healthcare facilities (issue 15): its own scope, so that its refusals are
  // OperationOutcomes; the same verifier, rate limits and access log as /v1 (api/routes/fhir.ts).
  await app.register(async (fhir) => fhirRoutes(fhir, deps), { prefix: '/fhir' });

  const codec = deps.codec;
  if (codec) await app.register(async (c) => codecRoutes(c, deps, codec), { prefix: '/codec' });

  if (deps.console) await registerConsole(app, deps, deps.console);

  return app;
}

/**
 * The codec server of Temporal's Web UI (its remote-codec protocol): POST /codec/decode and
 * /codec/encode take and answer `{ payloads: [{ metadata: { key: base64 }, data: base64 }] }`.
 * Decoding shows workflow data in clear, so only operators may call it (api/policy.ts); the UI
 * calls it from its own origin, so these two routes answer CORS for the configured origins only.
 */
import cors from '@fastify/cors';
import type { Payload, PayloadCodec } from '@temporalio/common';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema } from '../../domain/schemas';
import { authorised, BODY_LIMITS, type ApiDeps } from '../context';
import { HttpProblem } from '../errors';

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64');
const payloadSchema = z.object({
  metadata: z.record(z.string(), base64).optional(),
  data: base64.optional(),
});
const payloadsSchema = z.object({ payloads: z.array(payloadSchema).max(10_000) });
type WirePayload = z.infer<typeof payloadSchema>;

const fromWire = (p: WirePayload): Payload => ({
  metadata: Object.fromEntries(
    Object.entries(p.metadata ?? {}).map(([k, v]) => [k, new Uint8Array(Buffer.from(v, 'base64'))]),
  ),
  data: new Uint8Array(Buffer.from(p.data ?? '', 'base64')),
});

const toWire = (p: Payload): WirePayload => ({
  metadata: Object.fromEntries(
    Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? new Uint8Array()).toString('base64')]),
  ),
  data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
});

export interface CodecServer {
  codec: PayloadCodec;
  /** Origins of the Web UI allowed to call it from a browser. */
  origins: string[];
  /**
   * Also answer /codec/t/<token>/… (a token in the path, for the dev Web UI that has no login):
   * development mode only — anywhere else a proxy's access log would keep a working operator token.
   */
  tokenInPath?: boolean;
}

export async function codecRoutes(root: FastifyInstance, deps: ApiDeps, server: CodecServer): Promise<void> {
  await root.register(cors, {
    origin: server.origins,
    methods: ['POST'],
    allowedHeaders: ['Authorization', 'Content-Type', 'X-Namespace'],
    credentials: true,
    maxAge: 600,
  });
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.addHook('onRequest', async (req) => {
    if (req.method === 'OPTIONS') return; // the CORS preflight carries no token
    // The Web UI without a login sends no Authorization header: `ansinh start` gives it an endpoint
    // holding an operator's token instead (/codec/t/<token>, see runtime/stack.ts). The token is
    // checked exactly as a bearer token (role, lifetime); request logs name the route, never the URL.
    const inPath = (req.params as { token?: string }).token;
    req.principal = await deps.verifier(req.headers.authorization ?? (inPath ? `Bearer ${inPath}` : undefined));
  });

  const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema };
  const routes = [
    ['decode', '/decode'],
    ['encode', '/encode'],
    ...(server.tokenInPath
      ? ([
          ['decode', '/t/:token/decode'],
          ['encode', '/t/:token/encode'],
        ] as const)
      : []),
  ] as const;
  for (const [op, url] of routes) {
    app.post(
      url,
      {
        bodyLimit: BODY_LIMITS.codec,
        schema: {
          summary: `${op === 'decode' ? 'Decrypt' : 'Encrypt'} Temporal payloads for the Web UI (operators)`,
          tags: ['codec'],
          ...(url.startsWith('/t/') ? { params: z.object({ token: z.string().min(1).max(8192) }) } : {}),
          body: payloadsSchema,
          response: { 200: payloadsSchema, ...problems },
        },
      },
      async (req) => {
        authorised(req, 'payloads.codec');
        const input = req.body.payloads.map(fromWire);
        let output: Payload[];
        try {
          output = op === 'decode' ? await server.codec.decode(input) : await server.codec.encode(input);
        } catch (e) {
          throw new HttpProblem(400, 'PAYLOAD_UNDECODABLE', (e as Error).message, 'payloads');
        }
        return { payloads: output.map(toWire) };
      },
    );
  }
}

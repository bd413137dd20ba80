/**
 * The API process's Prometheus metrics (issue 15), with prom-client: every request counted and
 * timed by its route *pattern* and status (`/v1/participants/{personalId}/ebook`, never the URL, so
 * no personal ID becomes a label), the Node process's own figures, and the business gauges
 * (services/business-metrics.ts).
 *
 * They are served on a listener of their own (METRICS_HOST:API_METRICS_PORT, GET /metrics), never
 * on the public API port: Prometheus scrapes inside the agency's network without an identity
 * provider's token, and the gauges (arrears, backlogs) are the agency's internal figures, so the
 * port is simply not published through the ingress (docker-compose publishes it on no host port).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { CoverageIndex } from '../services/coverage-index';

/** Request latency buckets, in seconds: 5 ms to 10 s (a coverage check is ~ms, a verification seconds). */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export interface ApiMetrics {
  registry: Registry;
  requests: Counter<'method' | 'route' | 'status'>;
  duration: Histogram<'method' | 'route' | 'status'>;
}

/** A registry of the API's metrics; `processMetrics` adds Node's (CPU, memory, event-loop lag), once per process. */
export function createApiMetrics(opts: { processMetrics?: boolean } = {}): ApiMetrics {
  const registry = new Registry();
  if (opts.processMetrics) collectDefaultMetrics({ register: registry });
  const labelNames = ['method', 'route', 'status'] as const;
  return {
    registry,
    requests: new Counter({
      name: 'ansinh_http_requests_total',
      help: 'HTTP requests answered, by method, route pattern and status',
      labelNames,
      registers: [registry],
    }),
    duration: new Histogram({
      name: 'ansinh_http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by method, route pattern and status',
      labelNames,
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
  };
}

/** The label of a request's route: its pattern, or `unmatched` (a 404, a request refused before routing). */
export const routeLabel = (pattern: string | undefined): string => pattern ?? 'unmatched';

/** Counts and times every answer (the hook is on the root, so every plugin's routes are included). */
export function registerRequestMetrics(app: FastifyInstance, m: ApiMetrics): void {
  app.addHook('onResponse', async (req, reply) => {
    const labels = { method: req.method, route: routeLabel(req.routeOptions?.url), status: String(reply.statusCode) };
    m.requests.inc(labels);
    // Fastify's own measure of the request (from its arrival to the answer), in milliseconds.
    m.duration.observe(labels, reply.elapsedTime / 1000);
  });
}

export interface MetricsListener {
  url: string;
  close(): Promise<void>;
}

/** GET /metrics in the Prometheus text format; anything else 404. */
export async function listenMetrics(
  registry: { metrics(): Promise<string>; contentType: string },
  host: string,
  port: number,
): Promise<MetricsListener> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET' || path !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
      // A gauge's read failed (the database is out of reach): the scrape fails, `up` stays 1, the
      // gauges go stale; the error's class only (a driver's message may quote a statement).
      (err: unknown) =>
        res
          .writeHead(503, { 'content-type': 'text/plain' })
          .end(`metrics unavailable: ${(err as Error)?.constructor?.name ?? 'error'}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const a = server.address() as AddressInfo;
  const shown = a.family === 'IPv6' ? `[${a.address}]` : a.address;
  return {
    url: `http://${shown}:${a.port}/metrics`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * The coverage index's figures (issue 16), read from it when scraped: what it holds and its bytes,
 * whether it answers (1) or the database does (0), the age of its last applied ping against its
 * bound, its full loads and reloads of changed persons, and the checks the database answered.
 */
export function registerCoverageIndexMetrics(registry: Registry, index: CoverageIndex): void {
  const gauge = (name: string, help: string, value: () => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(value());
      },
    });
  const counter = (name: string, help: string, value: () => number) =>
    new Counter({
      name,
      help,
      registers: [registry],
      collect() {
        this.reset();
        this.inc(value());
      },
    });
  gauge('ansinh_coverage_index_persons', 'Persons held by the coverage index', () => index.figures().persons);
  gauge('ansinh_coverage_index_cards', 'HI cards held by the coverage index', () => index.figures().cards);
  gauge(
    'ansinh_coverage_index_bytes',
    'Bytes of the coverage index (typed arrays, names, hash tables)',
    () => index.figures().bytes,
  );
  gauge('ansinh_coverage_index_trusted', '1 while the coverage index answers; 0 while the database does', () =>
    index.figures().trusted ? 1 : 0,
  );
  gauge(
    'ansinh_coverage_index_ping_age_seconds',
    'Age of the last ping the coverage index applied (its staleness); it answers while this is under the bound',
    () => index.figures().pingAgeMs / 1000,
  );
  gauge(
    'ansinh_coverage_index_staleness_bound_seconds',
    'COVERAGE_INDEX_STALENESS_MS, in seconds',
    () => index.figures().stalenessMs / 1000,
  );
  counter(
    'ansinh_coverage_index_full_loads_total',
    'Full loads of the coverage index (start, reconnection, bulk changes)',
    () => index.figures().fullLoads,
  );
  counter(
    'ansinh_coverage_index_reloads_total',
    'Reloads of changed persons applied by the coverage index',
    () => index.figures().personReloads,
  );
  counter(
    'ansinh_coverage_index_fallbacks_total',
    'Coverage checks answered from the database because the index was not trusted',
    () => index.figures().fallbacks,
  );
}

/**
 * The API as several processes on one port (`ansinh api --processes <n>`, API_PROCESSES; issue 16):
 * node:cluster. One event loop answers at most about one core's worth of requests (bench:api: the
 * coverage check's ~140 µs of CPU each), so on a machine of n cores n processes answer the same
 * port, the connections handed out in turn by the primary.
 *
 * The primary serves no request. It forks the processes, starts again one that dies (after a pause
 * that doubles while they keep dying young), serves the metrics of all of them on the one metrics
 * port (prom-client's AggregatorRegistry asks each over the cluster's IPC channel; its own registry
 * adds what is asked once for the whole API: the business gauges), and on SIGTERM stops them all
 * and waits for each to finish its requests in flight (api/run.ts close).
 *
 * What each process holds for itself, and why that is sound: its coverage index (each loads the
 * cards and follows LISTEN/NOTIFY; the staleness bound holds per process, the memory is n times),
 * its access log's group commit (each commits its own batches), its token revocation list. The
 * rate limits are counted in PostgreSQL (api/rate-limit.ts over db/queries/rate-limit.ts), so n
 * processes share one count.
 */
import cluster, { type Worker } from 'node:cluster';
import { performance } from 'node:perf_hooks';
import { AggregatorRegistry, type Registry } from 'prom-client';
import { listenMetrics } from './metrics';

/** Names of the metrics that must not be summed over the processes, and how to combine them instead. */
const AGGREGATE: Record<string, 'min' | 'max' | 'first'> = {
  // Each process holds the whole index: the persons and cards of one, the worst staleness of all.
  ansinh_coverage_index_persons: 'min',
  ansinh_coverage_index_cards: 'min',
  ansinh_coverage_index_trusted: 'min',
  ansinh_coverage_index_ping_age_seconds: 'max',
  ansinh_coverage_index_staleness_bound_seconds: 'first',
};

/** In a process of the cluster: its registry is the one the primary's scrape asks for. */
export function serveClusterMetrics(registry: Registry): void {
  for (const m of registry.getMetricsAsArray()) {
    const how = AGGREGATE[m.name];
    if (how) (m as unknown as { aggregator: string }).aggregator = how;
  }
  // Constructing one is what installs the worker's answer to the primary's scrape (prom-client).
  new AggregatorRegistry();
  AggregatorRegistry.setRegistries([registry]);
}

export interface ApiPrimary {
  /** The API's address, as the first process to listen reported it. */
  url: string;
  metricsUrl: string;
  /** SIGTERM to every process, then waits for each to exit; closes the metrics listener. */
  close(): Promise<void>;
}

export interface PrimaryOptions {
  processes: number;
  metricsHost: string;
  metricsPort: number;
  /** Metrics asked once for the whole API (the business gauges), added to the processes' sum. */
  ownRegistry: Registry;
  /** A process died and is started again after `delayMs`: its exit code or signal, never more. */
  onRestart?: (e: { code: number | null; signal: string | null; delayMs: number }) => void;
  /** Pause before starting a dead process again; doubled while they die within `youngMs` (default 1 s, 30 s at most). */
  restartDelayMs?: number;
  youngMs?: number;
}

/** Forks `processes` API processes (this program again, in cluster worker mode) and supervises them. */
export async function startApiPrimary(opts: PrimaryOptions): Promise<ApiPrimary> {
  if (!cluster.isPrimary) throw new Error('startApiPrimary runs in the primary process');
  const baseDelay = opts.restartDelayMs ?? 1000;
  const young = opts.youngMs ?? 10_000;
  const aggregator = new AggregatorRegistry();
  const workers = new Set<Worker>();
  let stopping = false;
  let delay = baseDelay;
  let url: string | undefined;
  let firstListening: (u: string) => void = () => {};
  let firstFailed: (err: Error) => void = () => {};
  const listening = new Promise<string>((resolve, reject) => {
    firstListening = resolve;
    firstFailed = reject;
  });

  const fork = () => {
    const bornAt = performance.now(); // a process's age, for the restart backoff (elapsed time, not a date)
    const w = cluster.fork();
    workers.add(w);
    w.on('listening', (a) => {
      const host = a.address === null || a.address === '' ? '127.0.0.1' : a.address;
      const shown = host.includes(':') ? `[${host}]` : host;
      url ??= `http://${shown}:${a.port}`;
      firstListening(url);
      delay = baseDelay;
    });
    w.on('exit', (code, signal) => {
      workers.delete(w);
      if (stopping) return;
      // Before the API ever listened, a process that dies is a configuration error: every one would.
      if (url === undefined) {
        firstFailed(new Error(`an API process exited before listening (code ${code}, signal ${signal})`));
        return;
      }
      const wait = delay;
      delay = performance.now() - bornAt < young ? Math.min(30_000, delay * 2) : baseDelay;
      opts.onRestart?.({ code, signal, delayMs: wait });
      setTimeout(() => {
        if (!stopping) fork();
      }, wait).unref();
    });
  };
  for (let i = 0; i < opts.processes; i++) fork();

  const stopAll = async () => {
    stopping = true;
    await Promise.all(
      [...workers].map(
        (w) =>
          new Promise<void>((resolve) => {
            if (w.isDead()) return resolve();
            w.once('exit', () => resolve());
            w.process.kill('SIGTERM');
          }),
      ),
    );
  };
  let apiUrl: string;
  try {
    apiUrl = await listening;
  } catch (err) {
    await stopAll();
    throw err;
  }
  const metrics = await listenMetrics(
    {
      contentType: aggregator.contentType,
      metrics: async () => `${await aggregator.clusterMetrics()}\n${await opts.ownRegistry.metrics()}`,
    },
    opts.metricsHost,
    opts.metricsPort,
  ).catch(async (err: unknown) => {
    await stopAll();
    throw err;
  });
  let closing: Promise<void> | undefined;
  return {
    url: apiUrl,
    metricsUrl: metrics.url,
    close: () =>
      (closing ??= (async () => {
        await stopAll();
        await metrics.close();
      })()),
  };
}

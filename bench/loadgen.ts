/**
 * The load generator of bench:api, run as a child process by default so that the server under
 * test has its own event loop (as it does in production, where facilities are remote clients).
 * `paths` are requested in rotation; the latency of every 2xx response is kept (fractional ms,
 * from autocannon's 'response' events) because autocannon's own percentiles are whole ms.
 */
import autocannon from 'autocannon';

export interface DriveRequest {
  url: string;
  paths: string[];
  headers: Record<string, string>;
  duration: number;
  connections: number;
}

export interface DriveResult {
  result: { rpsMean: number; non2xx: number; errors: number; total: number };
  latencies: number[];
}

export async function drive(r: DriveRequest): Promise<DriveResult> {
  let i = 0;
  const latencies: number[] = [];
  const run = autocannon({
    url: r.url,
    connections: r.connections,
    duration: r.duration,
    headers: r.headers,
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: r.paths[i++ % r.paths.length]! }) }],
  }) as unknown as NodeJS.EventEmitter & PromiseLike<autocannon.Result>;
  run.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    if (status >= 200 && status < 300) latencies.push(ms);
  });
  const res = await run;
  latencies.sort((a, b) => a - b);
  return {
    result: {
      rpsMean: res.requests.mean,
      non2xx: res.non2xx,
      errors: res.errors + res.timeouts,
      total: res.requests.total,
    },
    latencies,
  };
}

if (require.main === module && process.send) {
  process.once('message', (req: DriveRequest) => {
    drive(req).then(
      (out) => process.send!(out, () => process.exit(0)),
      (err) => {
        console.error(err);
        process.exit(1);
      },
    );
  });
}

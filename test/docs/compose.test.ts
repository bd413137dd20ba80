/**
 * docker-compose.yml is for our users; this machine has no Docker Compose to run `docker compose
 * config`, so the file is checked against the Compose Specification's own JSON schema, vendored
 * from github.com/compose-spec/compose-spec (schema/compose-spec.json, Apache-2.0, its LICENSE
 * beside it in test/fixtures/compose-spec/), plus what the schema cannot say: every dependency
 * names a service of the file, every image is pinned to a version, and nothing is published
 * beyond 127.0.0.1.
 */
import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../../runtime/config';

const root = process.cwd();
const text = readFileSync(path.join(root, 'docker-compose.yml'), 'utf8');
// `merge: true`: the file shares the app's settings through a YAML anchor and `<<:` merge keys.
const compose = parse(text, { merge: true }) as {
  services: Record<
    string,
    {
      image?: string;
      build?: unknown;
      ports?: (string | { host_ip?: string })[];
      depends_on?: Record<string, { condition: string }> | string[];
      healthcheck?: unknown;
    }
  >;
};
const schema = JSON.parse(
  readFileSync(path.join(root, 'test/fixtures/compose-spec/compose-spec.json'), 'utf8'),
) as Record<string, unknown>;

function validator() {
  // The schema is draft-07 and names its meta-schema by an https URL that Ajv does not know:
  // validate the document, not the schema; `strict: false` for the schema's own extensions.
  const ajv = new Ajv({ allErrors: true, strict: false, validateSchema: false });
  const { $schema: _meta, ...body } = schema;
  return ajv.compile(body);
}

describe('docker-compose.yml', () => {
  it('is a valid Compose file by the Compose Specification schema', () => {
    const validate = validator();
    const ok = validate(compose);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the schema check can fail: a misspelt key and a bad restart policy are refused', () => {
    const validate = validator();
    const broken = structuredClone(compose) as unknown as {
      services: Record<string, Record<string, unknown>>;
    };
    broken.services.mailpit!.portz = ['8025:8025'];
    expect(validate(broken)).toBe(false);
    const broken2 = structuredClone(compose) as unknown as { services: Record<string, Record<string, unknown>> };
    broken2.services.api!.depends_on = 'postgres';
    expect(validate(broken2)).toBe(false);
  });

  it('every dependency names a service of the file, with a condition its target can meet', () => {
    const names = new Set(Object.keys(compose.services));
    for (const [name, svc] of Object.entries(compose.services)) {
      const deps = svc.depends_on ?? {};
      for (const [dep, spec] of Array.isArray(deps) ? deps.map((d) => [d, null] as const) : Object.entries(deps)) {
        expect(names.has(dep), `${name} depends on ${dep}`).toBe(true);
        // service_healthy needs a healthcheck: in the file, or built into the image (Mailpit's).
        if (spec?.condition === 'service_healthy' && !compose.services[dep]!.healthcheck)
          expect(compose.services[dep]!.image, `${name} waits for ${dep} to be healthy`).toMatch(/^axllent\/mailpit:/);
      }
    }
  });

  it('pins every image to a version and publishes ports on 127.0.0.1 only', () => {
    for (const [name, svc] of Object.entries(compose.services)) {
      if (svc.image && !svc.build) expect(svc.image, name).toMatch(/:(?!latest$)[\w.-]+$/);
      for (const port of svc.ports ?? [])
        expect(typeof port === 'string' ? port : port.host_ip, `${name} publishes ${JSON.stringify(port)}`).toMatch(
          /^127\.0\.0\.1/,
        );
    }
    expect(compose.services.mailpit!.image).toBe('axllent/mailpit:v1.30.5');
  });
});

/** The services that run `ansinh worker` (one per pool). */
const WORKERS = Object.entries(compose.services)
  .filter(([, s]) => commandOf(s).join(' ') === 'worker')
  .map(([name]) => name);

/** An Ansinh service's subcommand: its command after `cli/main.ts` ([] for any other service). */
function commandOf(s: object): string[] {
  const command = (s as { command?: unknown }).command;
  if (!Array.isArray(command)) return [];
  const at = command.indexOf('cli/main.ts');
  return at < 0 ? [] : (command.slice(at + 1) as string[]);
}

describe('docker-compose.yml: the worker pools and the schedules (issue 15)', () => {
  type AppService = { image?: string; environment?: Record<string, string>; deploy?: { replicas?: number } };
  const app = Object.fromEntries(
    Object.entries(compose.services).filter(([, s]) => commandOf(s).length > 0) as [string, AppService][],
  );
  /** The value compose gives a variable once interpolated: `${X:-default}` is its default, `${X:?…}` a stand-in. */
  const interpolated = (value: string) =>
    value.replace(/\$\{([A-Z_]+)(?::([-?])([^}]*))?\}/g, (_m, name: string, op?: string, rest?: string) =>
      op === '-' ? (rest ?? '') : (STAND_INS[name] ?? `stand-in-for-${name.toLowerCase()}`),
    );

  it('runs one service per pool, interactive and batch, two replicas each, with both queue names', () => {
    expect([...WORKERS].sort()).toEqual(['worker-batch', 'worker-interactive']);
    const pools = WORKERS.map((name) => app[name]!.environment!.WORKER_POOL);
    expect(pools.sort()).toEqual(['batch', 'interactive']);
    for (const name of WORKERS) expect(app[name]!.deploy?.replicas, name).toBe(2);
  });

  it('gives every process that starts workflows the same two task queue names, and they differ', () => {
    const starters = ['api', 'schedules', ...WORKERS];
    const queues = starters.map((name) => {
      const env = app[name]!.environment!;
      return [env.TEMPORAL_TASK_QUEUE, env.TEMPORAL_BATCH_TASK_QUEUE];
    });
    for (const [i, q] of queues.entries()) expect(q, starters[i]).toEqual(queues[0]);
    const [interactive, batch] = queues[0]!;
    expect(interactive).toMatch(/^[\w.-]+$/);
    expect(batch).toMatch(/^[\w.-]+$/);
    expect(batch).not.toBe(interactive);
  });

  it('applies the schedules once, after the namespace and the migrations, retrying a namespace not yet known', () => {
    const schedules = compose.services.schedules! as {
      depends_on: Record<string, { condition: string }>;
      restart?: string;
    };
    expect(commandOf(schedules)).toEqual(['schedule', 'apply']);
    expect(schedules.depends_on['temporal-create-namespace']).toEqual({ condition: 'service_completed_successfully' });
    expect(schedules.depends_on.migrate).toEqual({ condition: 'service_completed_successfully' });
    expect(schedules.restart).toMatch(/^on-failure/);
  });

  it('every Ansinh service starts in production mode with what it is given: its configuration loads', () => {
    // A service that replaced the shared environment lost CLAIM_SUBJECT_KEY once (migrate: exit 2).
    expect(Object.keys(app).sort()).toEqual(
      expect.arrayContaining(['api', 'migrate', 'relay', 'schedules', 'worker-batch', 'worker-interactive']),
    );
    for (const [name, s] of Object.entries(app)) {
      const env = Object.fromEntries(Object.entries(s.environment ?? {}).map(([k, v]) => [k, interpolated(String(v))]));
      let cfg: ReturnType<typeof loadConfig> | undefined;
      expect(() => (cfg = loadConfig(env)), name).not.toThrow();
      expect(cfg!.mode, name).toBe('production');
    }
  });
});

/** Stand-ins for the secrets compose requires (`${X:?…}`), shaped as the configuration wants them. */
const STAND_INS: Record<string, string> = {
  CLAIM_SUBJECT_KEY: 'a-stand-in-subject-key-of-at-least-32-characters',
  CONSOLE_COOKIE_SECRET: 'a-stand-in-cookie-secret-of-at-least-32-characters',
  PAYLOAD_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64')}`,
  AUTH_JWKS_URL: 'https://idp.example/.well-known/jwks.json',
};

describe('docker-compose.yml: Prometheus and Grafana (issue 15)', () => {
  type Svc = { image?: string; environment?: Record<string, string>; volumes?: string[]; ports?: string[] };
  const svc = (name: string) => compose.services[name] as unknown as Svc;
  const read = (p: string) => readFileSync(path.join(root, p), 'utf8');
  /** The host file mounted at `target` in a service (`./host:target[:ro]`). */
  const mounted = (name: string, target: string) => {
    const v = (svc(name).volumes ?? []).find((m) => m.split(':')[1] === target);
    expect(v, `${name} mounts ${target}`).toBeDefined();
    return v!.split(':')[0]!.replace(/^\.\//, '');
  };

  it('Prometheus scrapes the API and the workers on the metrics ports they are configured with', () => {
    expect(svc('prometheus').image).toMatch(/^prom\/prometheus:v\d+\.\d+\.\d+$/);
    const config = parse(read(mounted('prometheus', '/etc/prometheus/prometheus.yml'))) as {
      scrape_configs: { job_name: string; dns_sd_configs?: { names: string[]; port: number }[] }[];
    };
    const target = (job: string) => config.scrape_configs.find((j) => j.job_name === job)!.dns_sd_configs![0]!;
    expect(target('ansinh-api')).toMatchObject({
      names: ['api'],
      port: Number(svc('api').environment!.API_METRICS_PORT),
    });
    // Every replica of both worker pools: DNS discovery on each pool's service name.
    expect([...target('ansinh-worker').names].sort()).toEqual([...WORKERS].sort());
    for (const name of WORKERS)
      expect(target('ansinh-worker').port, name).toBe(Number(svc(name).environment!.WORKER_METRICS_PORT));
    // The metrics listeners bind the containers' interfaces, and no host port publishes them.
    for (const name of ['api', ...WORKERS]) expect(svc(name).environment!.METRICS_HOST).toBe('0.0.0.0');
    for (const p of Object.values(compose.services).flatMap((s) => s.ports ?? []))
      expect(String(p)).not.toMatch(/:946[45]$/);
  });

  it('Grafana provisions the Prometheus data source and the dashboard the repository holds', () => {
    expect(svc('grafana').image).toMatch(/^grafana\/grafana:12\.\d+\.\d+$/);
    expect(svc('grafana').environment!.GF_SECURITY_ADMIN_PASSWORD).toMatch(/^\$\{GRAFANA_ADMIN_PASSWORD:\?/);
    const provisioning = mounted('grafana', '/etc/grafana/provisioning');
    const datasources = parse(read(`${provisioning}/datasources/prometheus.yml`)) as {
      datasources: { uid: string; type: string; url: string }[];
    };
    expect(datasources.datasources[0]).toMatchObject({ type: 'prometheus', url: 'http://prometheus:9090' });
    const providers = parse(read(`${provisioning}/dashboards/ansinh.yml`)) as {
      providers: { type: string; options: { path: string } }[];
    };
    const dashboards = mounted('grafana', providers.providers[0]!.options.path);
    const dashboard = JSON.parse(read(`${dashboards}/ansinh.json`)) as {
      uid: string;
      panels: { type: string; datasource?: { uid: string }; targets?: { datasource: { uid: string } }[] }[];
    };
    expect(dashboard.uid).toBe('ansinh-operations');
    const uids = dashboard.panels
      .filter((p) => p.type !== 'row')
      .flatMap((p) => [p.datasource!.uid, ...(p.targets ?? []).map((t) => t.datasource.uid)]);
    expect(new Set(uids)).toEqual(new Set([datasources.datasources[0]!.uid]));
  });
});

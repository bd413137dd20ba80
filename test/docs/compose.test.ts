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
    expect(target('ansinh-worker')).toMatchObject({
      names: ['worker'],
      port: Number(svc('worker').environment!.WORKER_METRICS_PORT),
    });
    // The metrics listeners bind the containers' interfaces, and no host port publishes them.
    for (const name of ['api', 'worker']) expect(svc(name).environment!.METRICS_HOST).toBe('0.0.0.0');
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

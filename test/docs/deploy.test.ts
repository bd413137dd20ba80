/**
 * deploy/ (issue 15): the Kubernetes manifests are checked against the Kubernetes schemas by
 * .ci/run (kubernetes-validate). What a schema cannot say is checked here, on the parsed YAML:
 * each workload runs what its docker-compose service runs, with the same image and queue names;
 * its configuration loads in production mode from the ConfigMap, its own variables and the
 * secrets it names; every secret it names is one deploy/README.md tells the operator to create;
 * the pools, probes, grace periods and security settings are the ones the README describes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { loadConfig } from '../../runtime/config';

const root = process.cwd();
const read = (p: string) => readFileSync(path.join(root, p), 'utf8');

type EnvVar = {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string; optional?: boolean } };
};
type Probe = { httpGet?: { path: string; port: string | number } };
type Container = {
  name: string;
  image: string;
  command: string[];
  envFrom?: { configMapRef?: { name: string } }[];
  env?: EnvVar[];
  ports?: { name: string; containerPort: number }[];
  startupProbe?: Probe;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  resources: { requests: Record<string, string>; limits: Record<string, string> };
  securityContext: {
    allowPrivilegeEscalation: boolean;
    readOnlyRootFilesystem: boolean;
    capabilities: { drop: string[] };
  };
};
type PodSpec = {
  automountServiceAccountToken: boolean;
  terminationGracePeriodSeconds?: number;
  securityContext: { runAsNonRoot: boolean; runAsUser: number; seccompProfile: { type: string } };
  containers: Container[];
};
type Manifest = {
  file: string;
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  data?: Record<string, string>;
  spec?: {
    replicas?: number;
    selector?: { matchLabels: Record<string, string> };
    scaleTargetRef?: { kind: string; name: string };
    template?: {
      metadata: { labels: Record<string, string>; annotations?: Record<string, string> };
      spec: PodSpec;
    };
  };
};

const FILES = readdirSync(path.join(root, 'deploy'))
  .filter((f) => f.endsWith('.yml'))
  .sort();
const MANIFESTS: Manifest[] = FILES.flatMap((file) =>
  parseAllDocuments(read(`deploy/${file}`)).map((d) => ({ ...(d.toJS() as Omit<Manifest, 'file'>), file })),
);
const WORKLOADS = MANIFESTS.filter((m) => m.kind === 'Deployment' || m.kind === 'Job');
const CONFIG = MANIFESTS.find((m) => m.kind === 'ConfigMap' && m.metadata.name === 'ansinh-config')!.data!;
const component = (m: Manifest) => m.spec!.template!.metadata.labels['app.kubernetes.io/component']!;
const containerOf = (m: Manifest) => m.spec!.template!.spec.containers[0]!;
/** What a container runs: its command after `bin/ansinh.cjs`. */
const subcommandOf = (c: Container) => c.command.slice(c.command.indexOf('bin/ansinh.cjs') + 1);
const envValue = (c: Container, name: string) => c.env?.find((e) => e.name === name)?.value;

/** Stand-ins for the secrets, shaped as the configuration wants them. */
const SECRET_STAND_INS: Record<string, string> = {
  DATABASE_URL: 'postgres://ansinh_app:stand-in@db.example.invalid:5432/ansinh',
  ANSINH_APP_PASSWORD: 'stand-in',
  CLAIM_SUBJECT_KEY: 'a-stand-in-subject-key-of-at-least-32-characters',
  PAYLOAD_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64')}`,
  SIGNING_KEYS: '{"keys":[]}',
  AUDIT_SIGNING_KEY: '{"kty":"OKP"}',
  AUTH_JWKS_URL: 'https://idp.example.invalid/.well-known/jwks.json',
  CONSOLE_COOKIE_SECRET: 'a-stand-in-cookie-secret-of-at-least-32-characters',
  SMTP_URL: 'smtp://user:stand-in@smtp.example.invalid:587',
};

/** The environment a container starts with: the ConfigMap, its own values, the secrets it requires. */
function environmentOf(c: Container): Record<string, string> {
  expect(c.envFrom).toEqual([{ configMapRef: { name: 'ansinh-config' } }]);
  const env: Record<string, string> = { ...CONFIG };
  for (const e of c.env ?? []) {
    if (e.value !== undefined) env[e.name] = e.value;
    else if (!e.valueFrom?.secretKeyRef?.optional) {
      expect(SECRET_STAND_INS[e.name], `a stand-in for ${e.name}`).toBeDefined();
      env[e.name] = SECRET_STAND_INS[e.name]!;
    }
  }
  return env;
}

// docker-compose.yml, for the comparison.
const compose = parse(read('docker-compose.yml'), { merge: true }) as {
  services: Record<string, { image?: string; command?: string[]; environment?: Record<string, string> }>;
};
const composeSubcommand = (service: string) => {
  const command = compose.services[service]!.command!;
  return command.slice(command.indexOf('cli/main.ts') + 1);
};

describe('deploy/: the Kubernetes manifests (issue 15)', () => {
  it('has the workloads the README names: the API, both worker pools, the relay, the migrations and the schedules', () => {
    const kinds = Object.fromEntries(WORKLOADS.map((m) => [component(m), m.kind]));
    expect(kinds).toEqual({
      api: 'Deployment',
      'worker-interactive': 'Deployment',
      'worker-batch': 'Deployment',
      relay: 'Deployment',
      migrate: 'Job',
      schedules: 'Job',
    });
    for (const m of MANIFESTS.filter((x) => x.kind !== 'Namespace'))
      expect(m.metadata.namespace, m.file).toBe('ansinh');
  });

  it('holds no Secret: applying deploy/ can never overwrite a real key with a blank', () => {
    expect(MANIFESTS.filter((m) => m.kind === 'Secret').map((m) => m.metadata.name)).toEqual([]);
  });

  it('runs what docker-compose runs: the same subcommand, the image compose builds (pinned), the same pools and queues', () => {
    const images = new Set(WORKLOADS.map((m) => containerOf(m).image));
    expect(images.size).toBe(1);
    const [image] = [...images];
    expect(image!.split(':')[0]).toBe(compose.services.api!.image!.split(':')[0]);
    expect(image).toMatch(/:(?!latest$|local$)[\w.-]+$/);
    for (const m of WORKLOADS) {
      const c = containerOf(m);
      expect(subcommandOf(c), component(m)).toEqual(composeSubcommand(component(m)));
      expect(envValue(c, 'WORKER_POOL'), component(m)).toBe(compose.services[component(m)]!.environment!.WORKER_POOL);
    }
    const pools = WORKLOADS.map((m) => envValue(containerOf(m), 'WORKER_POOL')).filter(Boolean);
    expect(pools.sort()).toEqual(['batch', 'interactive']);
    for (const name of ['TEMPORAL_TASK_QUEUE', 'TEMPORAL_BATCH_TASK_QUEUE'])
      expect(CONFIG[name], name).toBe(compose.services.api!.environment![name]);
  });

  it('every container starts in production mode with both queue names: its configuration loads', () => {
    for (const m of WORKLOADS) {
      const env = environmentOf(containerOf(m));
      let cfg: ReturnType<typeof loadConfig> | undefined;
      expect(() => (cfg = loadConfig(env)), component(m)).not.toThrow();
      expect(cfg!.mode, component(m)).toBe('production');
      expect(env.TEMPORAL_TASK_QUEUE).toBeTruthy();
      expect(env.TEMPORAL_BATCH_TASK_QUEUE).toBeTruthy();
      expect(env.TEMPORAL_BATCH_TASK_QUEUE).not.toBe(env.TEMPORAL_TASK_QUEUE);
    }
  });

  it('names only secrets deploy/README.md creates, each key in the command that creates its secret', () => {
    const readme = read('deploy/README.md');
    const created = new Map<string, string>();
    for (const m of readme.matchAll(/create secret generic ([a-z0-9-]+)((?:[^\n]*\\\n)*[^\n]*)/g))
      created.set(m[1]!, m[2]!);
    const refs = WORKLOADS.flatMap((m) => containerOf(m).env ?? []).flatMap((e) =>
      e.valueFrom?.secretKeyRef ? [e.valueFrom.secretKeyRef] : [],
    );
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) {
      expect(created.has(ref.name), `README creates ${ref.name}`).toBe(true);
      expect(created.get(ref.name), `README's ${ref.name} has ${ref.key}`).toMatch(
        new RegExp(`--from-(literal|file)=${ref.key}=`),
      );
    }
  });

  it('probes: the API on /health/live and /health/ready, the workers on their metrics listener', () => {
    for (const m of WORKLOADS.filter((x) => x.kind === 'Deployment' && component(x) !== 'relay')) {
      const c = containerOf(m);
      const port = (name: string | number) => c.ports!.find((p) => p.name === name)!.containerPort;
      const probes = [c.startupProbe, c.livenessProbe, c.readinessProbe].map((p) => p!.httpGet!);
      if (component(m) === 'api') {
        expect(probes.map((p) => p.path)).toEqual(['/health/live', '/health/live', '/health/ready']);
        for (const p of probes) expect(port(p.port)).toBe(Number(CONFIG.API_PORT));
      } else {
        expect(probes.map((p) => p.path)).toEqual(['/metrics', '/metrics', '/metrics']);
        for (const p of probes) expect(port(p.port)).toBe(Number(CONFIG.WORKER_METRICS_PORT));
      }
    }
  });

  it('Prometheus scrapes each pod on the metrics port its process listens on', () => {
    const expected: Record<string, string | undefined> = {
      api: CONFIG.API_METRICS_PORT,
      'worker-interactive': CONFIG.WORKER_METRICS_PORT,
      'worker-batch': CONFIG.WORKER_METRICS_PORT,
    };
    expect(CONFIG.METRICS_HOST).toBe('0.0.0.0');
    for (const m of WORKLOADS.filter((x) => x.kind === 'Deployment')) {
      const a = m.spec!.template!.metadata.annotations ?? {};
      if (expected[component(m)] === undefined) {
        expect(a['prometheus.io/scrape'], component(m)).toBeUndefined();
        continue;
      }
      expect(a).toMatchObject({ 'prometheus.io/scrape': 'true', 'prometheus.io/path': '/metrics' });
      expect(a['prometheus.io/port'], component(m)).toBe(expected[component(m)]);
      expect(containerOf(m).ports!.map((p) => String(p.containerPort))).toContain(expected[component(m)]);
    }
  });

  it('gives a stopping process more time than it takes: the workers their activities’ grace and 15 s, the API its delay', () => {
    const grace = (c: string) => WORKLOADS.find((m) => component(m) === c)!.spec!.template!.spec;
    for (const pool of ['worker-interactive', 'worker-batch'])
      expect(grace(pool).terminationGracePeriodSeconds).toBeGreaterThan(
        Number(CONFIG.WORKER_SHUTDOWN_GRACE_SECONDS) + 15,
      );
    expect(grace('api').terminationGracePeriodSeconds).toBeGreaterThan(Number(CONFIG.SHUTDOWN_DELAY_SECONDS));
  });

  it('runs every pod as the image’s non-root user, without privileges, within 1 GiB above the heap cap', () => {
    expect(CONFIG.NODE_OPTIONS).toBe('--max-old-space-size=768');
    for (const m of WORKLOADS) {
      const spec = m.spec!.template!.spec;
      expect(spec.automountServiceAccountToken, m.file).toBe(false);
      expect(spec.securityContext).toMatchObject({
        runAsNonRoot: true,
        runAsUser: 1000,
        seccompProfile: { type: 'RuntimeDefault' },
      });
      for (const c of spec.containers) {
        expect(c.securityContext.allowPrivilegeEscalation, m.file).toBe(false);
        expect(c.securityContext.capabilities.drop, m.file).toEqual(['ALL']);
        // Read-only everywhere but the workers, whose bundler unpacks a native addon at start.
        expect(c.securityContext.readOnlyRootFilesystem, m.file).toBe(!component(m).startsWith('worker-'));
        expect(Object.keys(c.resources.requests).sort(), m.file).toEqual(['cpu', 'memory']);
        expect(c.resources.limits.memory, m.file).toBe('1Gi');
      }
    }
    // The batch worker's memory is requested whole: a reconciliation is never over its request.
    const batch = containerOf(WORKLOADS.find((m) => component(m) === 'worker-batch')!);
    expect(batch.resources.requests.memory).toBe(batch.resources.limits.memory);
  });

  it('every disruption budget and autoscaler points at a Deployment of deploy/; the batch pool has no autoscaler', () => {
    const deployments = WORKLOADS.filter((m) => m.kind === 'Deployment');
    const matches = (selector: Record<string, string>) =>
      deployments.filter((d) => Object.entries(selector).every(([k, v]) => d.spec!.template!.metadata.labels[k] === v));
    for (const m of deployments)
      expect(m.spec!.template!.metadata.labels, m.file).toMatchObject(m.spec!.selector!.matchLabels);
    const pdbs = MANIFESTS.filter((m) => m.kind === 'PodDisruptionBudget');
    expect(
      pdbs
        .map((p) => matches(p.spec!.selector!.matchLabels).map(component))
        .flat()
        .sort(),
    ).toEqual(deployments.map(component).sort());
    const hpas = MANIFESTS.filter((m) => m.kind === 'HorizontalPodAutoscaler');
    const targets = hpas.map((h) => h.spec!.scaleTargetRef!);
    for (const t of targets)
      expect(
        deployments.map((d) => d.metadata.name),
        t.name,
      ).toContain(t.kind === 'Deployment' ? t.name : '');
    expect(targets.map((t) => t.name).sort()).toEqual(['ansinh-api', 'ansinh-worker-interactive']);
  });
});

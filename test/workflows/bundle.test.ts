/**
 * What the workflow bundle holds (issue 16, bench:claims). Temporal evaluates every module of the
 * bundle again for each workflow a worker creates (its per-workflow module isolation), so a module
 * there costs CPU at every claim, coverage child and onboarding started or replayed. The API's
 * schemas (domain/schemas.ts, some 340 zod constructions: 8 s of the workflow thread's CPU over the
 * 200 workflows of 100 claims) are needed by no workflow and must stay out; the onboarding
 * workflow's own schemas come from domain/schemas-onboarding.ts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';

const modules = () =>
  [...readFileSync(inject('bundlePath'), 'utf8').matchAll(/^\/\*\*\*\/ "\.\/([^"]+)"/gm)].map((m) => m[1]!);

describe('the workflow bundle', () => {
  it('holds the workflows and the domain rules they run, not the API schemas', () => {
    const ours = modules().filter((m) => !m.startsWith('node_modules/'));
    expect(ours).toContain('workflows/claim-case.ts');
    expect(ours).toContain('domain/schemas-onboarding.ts');
    for (const heavy of ['domain/schemas.ts', 'domain/schemas-officer.ts', 'domain/schemas-coverage.ts'])
      expect(ours).not.toContain(heavy);
    // Nothing of the API, the database or the activities.
    expect(ours.filter((m) => /^(api|db|activities|services|client)\//.test(m))).toEqual([]);
  });
});

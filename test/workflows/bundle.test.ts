/**
 * What the workflow bundle holds (issue 16, bench:claims). Temporal evaluates every module of the
 * bundle again for each workflow a worker creates (its per-workflow module isolation), so a module
 * there costs CPU at every claim, coverage child and onboarding started or replayed. The API's
 * schemas (domain/schemas.ts, some 340 zod constructions: 8 s of the workflow thread's CPU over the
 * 200 workflows of 100 claims) are needed by no workflow and must stay out; the onboarding
 * workflow's own schemas come from domain/schemas-onboarding.ts. Nor may a workflow evaluate zod at
 * all when it is created (with zod and the domain's schemas it took 22–25 ms, without them 5.7–10 ms
 * on the same loaded machine: domain/schemas-fields.ts).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { createOne, workflowCreator } from '../setup/workflow-creator';

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

describe('a workflow created from the bundle', () => {
  it('evaluates no zod: the workflows import the rules, not the schemas (the onboarding requires its own at run)', async () => {
    const creator = await workflowCreator({ code: readFileSync(inject('bundlePath'), 'utf8') });
    const wf = await createOne(creator, 'unemploymentClaim', 1);
    const evaluated = [...wf.activator.moduleCache.keys()].map(String);
    await wf.dispose();
    await creator.destroy();
    // The claim's own code was evaluated for it (the test reads the right cache) …
    expect(evaluated).toContain('./workflows/claim-case.ts');
    expect(evaluated).toContain('./domain/unemployment/termination.ts');
    // … and neither zod nor a module of schemas.
    expect(evaluated.filter((m) => m.includes('node_modules/zod/') || /\/schemas[^/]*\.ts$/.test(m))).toEqual([]);
  });
});

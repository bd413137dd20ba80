/**
 * The guard of issue #13's "every notice the system creates is actually delivered in tests": the
 * notice kinds are derived from the source — every outbox enqueue site (enqueue, enqueueMany,
 * enqueueNotices, the claims' notifyClaimant), the literal kinds and the template kinds expanded
 * from their union type, and every kind the notice catalog has texts for — and each must appear in
 * a `delivered(d, '<kind>'` of the end-to-end delivery tests (test/services/delivery-*.test.ts).
 * Someone who adds a kind adds its delivery test, or this fails.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TASK_KINDS } from '../../domain/tasks';
import { catalog } from '../../messages';

const ROOT = process.cwd();
const ROOMS = ['activities', 'services', 'db/queries', 'client', 'api', 'workflows', 'runtime', 'cli'];
const SITE = /\b(enqueue|enqueueMany|enqueueNotices|notifyClaimant)\(/;
const DOTTED = /'([a-z_]+(?:\.[a-z_]+)+)'/g;

function sources(dir: string): string[] {
  const abs = path.join(ROOT, dir);
  return readdirSync(abs).flatMap((name) => {
    const p = path.join(abs, name);
    if (statSync(p).isDirectory()) return sources(path.join(dir, name));
    return name.endsWith('.ts') ? [path.join(dir, name)] : [];
  });
}

/** The notice kinds one source file enqueues; `unresolved` lists enqueue sites whose kind could not be read. */
function kindsIn(text: string): { kinds: Set<string>; unresolved: string[] } {
  const kinds = new Set<string>();
  const unresolved: string[] = [];
  // `kind: 'a.b'` wherever an outbox row is built (files that enqueue).
  if (SITE.test(text)) for (const m of text.matchAll(/\bkind:\s*'([a-z_]+(?:\.[a-z_]+)+)'/g)) kinds.add(m[1]!);
  // `kind: NOTICE_KIND`, a constant the same file declares (`const NOTICE_KIND = 'a.b'`); task kinds aside.
  for (const m of text.matchAll(/\bkind:\s*([A-Z][A-Z0-9_]*)\b/g)) {
    const def = new RegExp(`\\bconst\\s+${m[1]}\\s*=\\s*'([a-z_]+(?:\\.[a-z_]+)+)'`).exec(text);
    if (!def) {
      if (SITE.test(text)) unresolved.push(m[0]);
    } else if (!(TASK_KINDS as readonly string[]).includes(def[1]!)) kinds.add(def[1]!);
  }
  // `kind: \`claim.${input.kind}\``: expanded by the union `kind: 'x' | 'y'` the same file declares.
  for (const m of text.matchAll(/\bkind:\s*`([a-z_.]+)\$\{[\w.]+\}`/g)) {
    const union = /\bkind:\s*((?:'[a-z_]+'\s*\|\s*)+'[a-z_]+')/.exec(text);
    if (!union) unresolved.push(m[0]);
    else for (const u of union[1]!.matchAll(/'([a-z_]+)'/g)) kinds.add(`${m[1]}${u[1]}`);
  }
  // notifyClaimant(tx, c, key, 'a.b' | cond ? 'a.b' : 'a.c', { … }): the dotted literals before the payload.
  for (const m of text.matchAll(/\bnotifyClaimant\(/g)) {
    if (/function\s*$/.test(text.slice(Math.max(0, m.index - 20), m.index))) continue; // its declaration
    const rest = text.slice(m.index + m[0].length, m.index + 600).replace(/`[^`]*`/g, '``');
    const args = rest.slice(0, rest.indexOf('{'));
    const found = [...args.matchAll(DOTTED)].map((x) => x[1]!);
    if (found.length === 0) unresolved.push(`notifyClaimant(${args.slice(0, 60)}`);
    for (const k of found) kinds.add(k);
  }
  return { kinds, unresolved };
}

function sourceKinds(): { kinds: Set<string>; unresolved: string[]; sites: string[] } {
  const kinds = new Set<string>();
  const unresolved: string[] = [];
  const sites: string[] = [];
  for (const file of ROOMS.flatMap(sources)) {
    const text = readFileSync(path.join(ROOT, file), 'utf8');
    const r = kindsIn(text);
    for (const k of r.kinds) kinds.add(k);
    unresolved.push(...r.unresolved.map((u) => `${file}: ${u}`));
    // A file that calls an enqueue function (not only defines it) must yield at least one kind.
    const calls = [...text.matchAll(/\b(enqueue|enqueueMany|enqueueNotices|notifyClaimant)\(/g)].filter(
      (c) => !/function\s*$/.test(text.slice(Math.max(0, c.index - 20), c.index)),
    );
    if (calls.length > 0) {
      sites.push(file);
      if (r.kinds.size === 0) unresolved.push(`${file}: enqueues, but no kind could be read`);
    }
  }
  // Every kind the catalog has its own texts for.
  for (const key of Object.keys(catalog)) {
    const m = /^notice\.(.+)\.subject$/.exec(key);
    if (m && m[1] !== 'generic') kinds.add(m[1]!);
  }
  return { kinds, unresolved, sites };
}

function deliveredKinds(): Set<string> {
  const dir = path.join(ROOT, 'test', 'services');
  const out = new Set<string>();
  for (const name of readdirSync(dir).filter(
    (n) => /^delivery-.*\.test\.ts$/.test(n) && n !== 'delivery-kinds.test.ts',
  ))
    for (const m of readFileSync(path.join(dir, name), 'utf8').matchAll(/\bdelivered\(\s*d,\s*'([^']+)'/g))
      out.add(m[1]!);
  return out;
}

/**
 * Kinds some code can enqueue but no flow creates yet: each names the function that enqueues it,
 * and the guard fails as soon as any source outside that function's file calls it (then the kind
 * is created for real and needs its delivery test).
 */
const NOT_YET_CREATED: Record<string, { enqueuedBy: string; file: string; alsoBy?: string[] }> = {
  // (otp.code left this list with the data-update requests: the relay opens the sealed code and
  // address, test/services/delivery-data-updates.test.ts delivers it; the recovery issues codes too.)
};

describe('every notice kind has a delivery test', () => {
  it('every kind the source enqueues or the catalog names is delivered by an end-to-end test', () => {
    const { kinds, unresolved, sites } = sourceKinds();
    expect(unresolved).toEqual([]);
    // The enqueue sites of today (a new site is fine; it must yield its kinds).
    for (const f of [
      'activities/claims.ts',
      'activities/onboarding.ts',
      'activities/reconciliation.ts',
      'services/ebooks.ts',
      'db/queries/hires.ts',
    ])
      expect(sites).toContain(f);
    expect(kinds.size).toBeGreaterThanOrEqual(19);
    const covered = deliveredKinds();
    expect([...kinds].filter((k) => !covered.has(k) && !(k in NOT_YET_CREATED)).sort()).toEqual([]);
  });

  it('a kind exempted as not yet created is still created by no flow (else it needs its delivery test)', () => {
    const { kinds } = sourceKinds();
    for (const [kind, { enqueuedBy, file, alsoBy = [] }] of Object.entries(NOT_YET_CREATED)) {
      expect(kinds.has(kind), `${kind} is still enqueued somewhere (else drop it here)`).toBe(true);
      const callers = ROOMS.flatMap(sources).filter(
        (f) =>
          f !== file &&
          !alsoBy.includes(f) &&
          new RegExp(`\\b${enqueuedBy}\\(`).test(readFileSync(path.join(ROOT, f), 'utf8')),
      );
      expect(callers, `${kind} is now created by ${callers.join(', ')}: add its delivery test`).toEqual([]);
    }
  });

  it('the derivation sees a new kind, a template kind and a claimant notice, and refuses a site it cannot read', () => {
    const src = `await enqueue(tx, { dedupeKey: k, kind: 'benefit.new_thing', channel: 'email' });
      async notify(input: { kind: 'alpha' | 'beta' }) { await enqueue(tx, { kind: \`claim.\${input.kind}\` }); }
      await notifyClaimant(tx, c, \`claim:\${c.id}:x\`, ok ? 'claim.one' : 'claim.two', { a: 1 });
      export const SOME_KIND = 'constant.kind'; await enqueue(tx, { kind: SOME_KIND });`;
    const r = kindsIn(src);
    expect([...r.kinds].sort()).toEqual([
      'benefit.new_thing',
      'claim.alpha',
      'claim.beta',
      'claim.one',
      'claim.two',
      'constant.kind',
    ]);
    expect(r.unresolved).toEqual([]);
    expect(deliveredKinds().has('benefit.new_thing')).toBe(false);
    expect(kindsIn('await notifyClaimant(tx, c, key, kindVar, { a: 1 });').unresolved).toHaveLength(1);
  });
});

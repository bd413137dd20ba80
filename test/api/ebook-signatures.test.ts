/**
 * Signed e-books, verifiable offline (issue #11): every book handed out carries a detached JWS
 * (EdDSA / Ed25519) over the RFC 8785 canonical JSON of its content; the public keys are at
 * /.well-known/jwks.json; `ansinh ebook verify-file` checks a saved book with those keys alone.
 */
import { execFile } from 'node:child_process';
import { findEbook } from '../../db/queries/ebooks';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { and, eq } from 'drizzle-orm';
import * as jose from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVerifier, DEV_AUDIENCE, DEV_ISSUER, ensureDevKeys } from '../../api/auth';
import { buildServer } from '../../api/server';
import { ebooks, outbox } from '../../db/schema';
import { loadSigningKeys, verifyDetached } from '../../runtime/signing-keys';
import { canonicalize, EBOOK_SIGNATURE_TYPE, signEbook, verifyDeliveredEbook } from '../../services/ebooks';
import { apiFixture, bearer, type ApiFixture } from './fixture';
import { testClock } from '../setup/harness';

const run = promisify(execFile);
const BIN = path.join(process.cwd(), 'bin', 'ansinh.cjs');

/** The `ansinh` program as a user runs it (its own process), with its own home. */
async function ansinh(args: string[], home: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'silent', ANSINH_HOME: home, ANSINH_LANG: 'en' }; // the English lines
  for (const k of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'SIGNING_KEYS', 'SIGNING_KEYS_FILE', 'SIGNING_KEY_ID'])
    delete env[k];
  try {
    const r = await run(process.execPath, [BIN, ...args], { env, timeout: 60_000 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

let f: ApiFixture;
let dir: string;
const json = (r: { body: string }) => JSON.parse(r.body);
const save = (name: string, text: string) => {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
};
const header = (jws: string) => jose.decodeProtectedHeader(jws.replace('..', '.e30.'));

beforeAll(async () => {
  f = await apiFixture('ebook_sign');
  dir = mkdtempSync(path.join(tmpdir(), 'ansinh-signed-'));
});
afterAll(async () => {
  await f?.close();
});

async function download(pid: string, app = f.app) {
  const me = await f.token({ role: 'participant', personalId: pid, level: 2 });
  return app.inject({ url: `/v1/participants/${pid}/ebook`, headers: bearer(me) });
}

describe('signed e-books', () => {
  it('GET …/ebook keeps its body and adds a detached EdDSA JWS: kid = RFC 7638 thumbprint, ver = the version, iat = the injected clock', async () => {
    const pid = f.a.employees[1]!.personalId;
    const before = Math.floor(testClock().getTime() / 1000);
    const r = await download(pid);
    const after = Math.floor(testClock().getTime() / 1000);
    expect(r.statusCode).toBe(200);
    const body = json(r);
    expect(Object.keys(body).sort()).toEqual(['content', 'personalId', 'sha256', 'signature', 'version']);
    expect(body.signature).toMatch(/^[\w-]+\.\.[\w-]+$/);
    const h = header(body.signature);
    const [published] = f.signingKeys.publicJwks().keys;
    expect(h).toMatchObject({ alg: 'EdDSA', typ: EBOOK_SIGNATURE_TYPE, ver: body.version, kid: published!.kid });
    expect(h.kid).toBe(await jose.calculateJwkThumbprint(published!));
    expect(h.iat).toBeGreaterThanOrEqual(before);
    expect(h.iat).toBeLessThanOrEqual(after);
    // The signed bytes are the stored content, which is its RFC 8785 canonical JSON.
    const row = (await findEbook(f.tdb.db, pid))!;
    expect(await canonicalize(body.content)).toBe(row!.content);
    expect(await verifyDetached(body.signature, row!.content, f.signingKeys.publicJwks())).toMatchObject({ ok: true });
    // The ETag and 304 are unchanged.
    expect(r.headers.etag).toBe(`"${body.sha256}"`);
  });

  it('every stored e-book is RFC 8785 canonical JSON (canonicalize@4 agrees with domain/ebook.ts)', async () => {
    const rows = await f.tdb.db.select({ id: ebooks.personalId }).from(ebooks);
    expect(rows.length).toBeGreaterThan(0);
    for (const { id } of rows) {
      const { content } = (await findEbook(f.tdb.db, id))!;
      expect(await canonicalize(JSON.parse(content))).toBe(content);
    }
  });

  it('a book whose stored content is not canonical JSON is never signed', async () => {
    const content = JSON.stringify({ b: 1, a: 2 });
    await expect(signEbook(f.signingKeys, { content, version: 1 })).rejects.toThrow(/not RFC 8785 canonical/);
  });

  it('GET /.well-known/jwks.json needs no token, is cacheable and carries only public keys', async () => {
    const r = await f.app.inject({ url: '/.well-known/jwks.json' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['cache-control']).toBe('public, max-age=300');
    expect(r.headers['content-type']).toMatch(/^application\/jwk-set\+json/);
    expect(json(r)).toEqual(f.signingKeys.publicJwks());
    expect(r.body).not.toContain('"d"');
    const doc = json(await f.app.inject({ url: '/openapi.json' }));
    expect(Object.keys(doc.paths)).toContain('/.well-known/jwks.json');
    const view = doc.paths['/v1/participants/{personalId}/ebook'].get.responses['200'].content['application/json'];
    expect(view.schema.required).toContain('signature');
  });

  it('the e-mail outbox message carries the signature of the version it queues', async () => {
    const pid = f.a.employees[0]!.personalId;
    const me = await f.token({ role: 'participant', personalId: pid, level: 2 });
    const r = await f.app.inject({
      method: 'POST',
      url: `/v1/participants/${pid}/ebook/email`,
      headers: { ...bearer(me), 'idempotency-key': 'signed-mail-0001' },
    });
    expect(r.statusCode).toBe(202);
    const [msg] = await f.tdb.db
      .select({ payload: outbox.payload })
      .from(outbox)
      .where(and(eq(outbox.recipientId, pid), eq(outbox.kind, 'ebook.email')));
    const payload = msg!.payload as { version: number; signature: string };
    const row = (await findEbook(f.tdb.db, pid))!;
    expect(header(payload.signature)).toMatchObject({ ver: payload.version, typ: EBOOK_SIGNATURE_TYPE });
    const check = await verifyDeliveredEbook(
      { content: JSON.parse(row!.content), version: payload.version, signature: payload.signature },
      f.signingKeys.publicJwks(),
    );
    expect(check).toMatchObject({ valid: true, version: payload.version });
  });
});

describe('ansinh ebook verify-file', () => {
  it('a downloaded book verifies with the public JWKS alone (file or URL); one changed character of the content fails (exit 2)', async () => {
    const pid = f.a.employees[2]!.personalId;
    const r = await download(pid);
    const book = save('book.json', r.body);
    const jwks = save('jwks.json', (await f.app.inject({ url: '/.well-known/jwks.json' })).body);
    const home = mkdtempSync(path.join(tmpdir(), 'ansinh-verifier-')); // the verifier holds no key of its own

    const ok = await ansinh(['ebook', 'verify-file', book, '--jwks', jwks], home);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^valid: version 1, signed \S+ with key /);

    // Pretty-printing the file changes no content: still valid.
    const pretty = save('pretty.json', JSON.stringify(JSON.parse(r.body), null, 2));
    expect((await ansinh(['ebook', 'verify-file', pretty, '--jwks', jwks], home)).code).toBe(0);

    // One character of the participant's name changed.
    const name: string = json(r).content.identity.fullName;
    const changed = name[0] === 'X' ? `Y${name.slice(1)}` : `X${name.slice(1)}`;
    const edited = r.body.replace(JSON.stringify(name), JSON.stringify(changed));
    expect(edited).not.toBe(r.body);
    expect(edited.length).toBe(r.body.length);
    const bad = await ansinh(['--json', 'ebook', 'verify-file', save('edited.json', edited), '--jwks', jwks], home);
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stdout)).toEqual({
      valid: false,
      code: 'BAD_SIGNATURE',
      reason: 'the signature does not match the content',
    });

    // The version outside the signature edited: the signed `ver` says otherwise.
    const bumped = save('bumped.json', JSON.stringify({ ...json(r), version: 2 }));
    const v = await ansinh(['ebook', 'verify-file', bumped, '--jwks', jwks], home);
    expect(v.code).toBe(2);
    expect(v.stdout).toMatch(/^invalid: VERSION_MISMATCH/);

    // The JWKS from the API's URL.
    const url = await f.app.listen({ host: '127.0.0.1', port: 0 });
    const viaUrl = await ansinh(['ebook', 'verify-file', book, '--jwks', `${url}/.well-known/jwks.json`], home);
    expect(viaUrl.code, viaUrl.stderr).toBe(0);
  });

  it('the wrong key fails: another ring (UNKNOWN_KEY), or another key under the same kid (BAD_SIGNATURE)', async () => {
    const book = save('book2.json', (await download(f.a.employees[3]!.personalId)).body);
    const home = mkdtempSync(path.join(tmpdir(), 'ansinh-verifier-'));
    const other = (await loadSigningKeys({ home: mkdtempSync(path.join(tmpdir(), 'ansinh-other-')), clock: testClock }))
      .publicJwks()
      .keys.at(0)!;
    const strange = await ansinh(
      ['ebook', 'verify-file', book, '--jwks', save('other.json', JSON.stringify({ keys: [other] }))],
      home,
    );
    expect(strange.code).toBe(2);
    expect(strange.stdout).toMatch(/^invalid: UNKNOWN_KEY/);

    const kid = f.signingKeys.current.kid;
    const impostor = save('impostor.json', JSON.stringify({ keys: [{ ...other, kid }] }));
    const wrong = await ansinh(['ebook', 'verify-file', book, '--jwks', impostor], home);
    expect(wrong.code).toBe(2);
    expect(wrong.stdout).toMatch(/^invalid: BAD_SIGNATURE/);

    const notJwks = await ansinh(['ebook', 'verify-file', book, '--jwks', save('no.json', '{"x":1}')], home);
    expect(notJwks.code).toBe(2);
    expect(notJwks.stderr).toMatch(/INVALID_JWKS/);
    const notBook = await ansinh(['ebook', 'verify-file', save('nobook.json', '{"x":1}'), '--jwks', impostor], home);
    expect(notBook.code).toBe(2);
    expect(notBook.stdout).toMatch(/^invalid: NOT_A_SIGNED_EBOOK/);
  });

  it('after `ansinh keys rotate-signing` new books are signed with the new key and a book signed before still verifies with the published JWKS', async () => {
    const pid = f.a.employees[4]!.personalId;
    const oldBook = save('old.json', (await download(pid)).body);
    const oldKid = f.signingKeys.current.kid;

    const rotated = await ansinh(['--json', 'keys', 'rotate-signing'], f.home);
    expect(rotated.code, rotated.stderr).toBe(0);
    const { kid: newKid, kids } = JSON.parse(rotated.stdout) as { kid: string; kids: string[] };
    expect(kids).toEqual([oldKid, newKid]);

    // The API restarted on the rotated ring.
    const app = await buildServer({
      db: f.tdb.db,
      client: f.client,
      taskQueue: f.taskQueue,
      verifier: await createVerifier({
        issuer: DEV_ISSUER,
        audience: DEV_AUDIENCE,
        jwksFile: (await ensureDevKeys(f.home)).jwksPath,
        clock: testClock,
      }),
      clock: testClock,
      signingKeys: await loadSigningKeys({ home: f.home, clock: testClock }),
      logLevel: 'silent',
    });
    try {
      const published = json(await app.inject({ url: '/.well-known/jwks.json' })) as { keys: { kid: string }[] };
      expect(published.keys.map((k) => k.kid)).toEqual([oldKid, newKid]);
      const jwks = save('rotated-jwks.json', JSON.stringify(published));
      const fresh = (await download(pid, app)).body;
      expect(header(JSON.parse(fresh).signature).kid).toBe(newKid);
      const home = mkdtempSync(path.join(tmpdir(), 'ansinh-verifier-'));
      const old = await ansinh(['ebook', 'verify-file', oldBook, '--jwks', jwks], home);
      expect(old.code, old.stderr).toBe(0);
      expect(old.stdout).toContain(oldKid);
      const now = await ansinh(['ebook', 'verify-file', save('fresh.json', fresh), '--jwks', jwks], home);
      expect(now.code, now.stderr).toBe(0);
      expect(now.stdout).toContain(newKid);
      expect(JSON.parse(readFileSync(jwks, 'utf8')).keys).toHaveLength(2);
    } finally {
      await app.close();
    }
  });
});

describe('signing costs the reconciliation nothing', () => {
  /** The source files a module reaches through value imports (type-only imports erase). */
  function reached(entry: string): Set<string> {
    const seen = new Set<string>();
    const walk = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const m of readFileSync(file, 'utf8').matchAll(/(?:import|export)\s+(type\s+)?[^'"]*?from\s+'(\.[^']+)'/g)) {
        if (m[1]) continue;
        const base = path.resolve(path.dirname(file), m[2]!);
        const next = [`${base}.ts`, path.join(base, 'index.ts')].find((x) => existsSync(x));
        if (next) walk(next);
      }
    };
    walk(path.resolve(entry));
    return seen;
  }

  it('the worker (workflows and activities, the monthly reconciliation among them) never reaches the signer: 0 signatures per run', () => {
    const files = [...reached('worker/main.ts')].map((x) => path.relative(process.cwd(), x));
    expect(files).toContain('activities/reconciliation.ts');
    expect(files.filter((x) => x === 'runtime/signing-keys.ts' || x === 'services/ebooks.ts')).toEqual([]);
  });
});

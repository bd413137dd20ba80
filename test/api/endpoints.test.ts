/**
 * Every endpoint: success, validation failure, not found — against real PostgreSQL and the real
 * Temporal dev server (with a worker for the onboarding endpoints).
 */
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleSubmission } from '../../dev/sample';
import { outbox } from '../../db/schema';
import { apiFixture, bearer, type ApiFixture } from './fixture';
import { testClock } from '../setup/harness';

let f: ApiFixture;
let officer: string;
beforeAll(async () => {
  f = await apiFixture('endpoints', { worker: true });
  officer = await f.token({ role: 'officer', subject: 'officer:lan' });
});
afterAll(async () => {
  await f?.close();
});

const json = (r: { body: string }) => JSON.parse(r.body);

describe('service endpoints', () => {
  it('/healthz answers without a token; /readyz checks the database and Temporal', async () => {
    expect((await f.app.inject({ url: '/healthz' })).statusCode).toBe(200);
    const ready = await f.app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(json(ready)).toEqual({ status: 'ready', database: 'ok', temporal: 'ok' });
  });

  it('/openapi.json is an OpenAPI 3.1 document listing every /v1 route; /docs serves the interactive docs', async () => {
    const doc = json(await f.app.inject({ url: '/openapi.json' }));
    expect(doc.openapi).toBe('3.1.0');
    for (const route of [
      '/v1/onboardings',
      '/v1/onboardings/{id}',
      '/v1/onboardings/{id}/decision',
      '/v1/employers/{taxCode}',
      '/v1/employers/{taxCode}/employees',
      '/v1/participants/{personalId}/ebook',
      '/v1/participants/{personalId}/ebook/email',
      '/v1/coverage',
      '/v1/ebooks/verification',
    ]) {
      expect(Object.keys(doc.paths), route).toContain(route);
    }
    expect(
      doc.paths['/v1/onboardings'].post.requestBody.content['application/json'].schema.properties.employees,
    ).toBeDefined();
    const docs = await f.app.inject({ url: '/docs' });
    expect([200, 302]).toContain(docs.statusCode);
  });

  it('an unknown route is a problem+json 404', async () => {
    const r = await f.app.inject({ url: '/v1/nothing-here', headers: bearer(officer) });
    expect(r.statusCode).toBe(404);
    expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(json(r)).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });
});

describe('onboardings', () => {
  it('submit (202) → progress → officer approves → completed; a second decision is 409 WRONG_STATE', async () => {
    const sub = sampleSubmission(424242, 3, { startMonth: '2026-11' });
    const employer = await f.token({ role: 'employer', taxCode: sub.employer.taxCode });
    const r = await f.app.inject({ method: 'POST', url: '/v1/onboardings', headers: bearer(employer), payload: sub });
    expect(r.statusCode).toBe(202);
    const { workflowId } = json(r);
    expect(workflowId).toBe(`onboarding:${sub.employer.taxCode}`);

    let progress: { state: string } = { state: '' };
    for (let i = 0; i < 200 && progress.state !== 'awaiting_decision'; i++) {
      const g = await f.app.inject({ url: `/v1/onboardings/${workflowId}`, headers: bearer(employer) });
      if (g.statusCode === 200) progress = json(g);
      await new Promise((res) => setTimeout(res, 25));
    }
    expect(progress.state).toBe('awaiting_decision');

    const d = await f.app.inject({
      method: 'POST',
      url: `/v1/onboardings/${workflowId}/decision`,
      headers: bearer(officer),
      payload: { decision: 'approve' },
    });
    expect(d.statusCode).toBe(200);
    // The answer comes once the approval is written: the employer is active at once.
    expect(json(d)).toEqual({
      accepted: true,
      decision: 'approve',
      state: 'onboarding_employees',
      unitCode: expect.any(String),
    });
    const employerNow = json(
      await f.app.inject({ url: `/v1/employers/${sub.employer.taxCode}`, headers: bearer(officer) }),
    );
    expect(employerNow).toMatchObject({ status: 'active', unitCode: json(d).unitCode });
    await f.client.workflow.getHandle(workflowId).result();
    const done = json(await f.app.inject({ url: `/v1/onboardings/${workflowId}`, headers: bearer(employer) }));
    expect(done).toMatchObject({ state: 'completed', employeesDone: 3, decidedBy: 'officer:lan' });

    const again = await f.app.inject({
      method: 'POST',
      url: `/v1/onboardings/${workflowId}/decision`,
      headers: bearer(officer),
      payload: { decision: 'approve' },
    });
    expect(again.statusCode).toBe(409);
    expect(json(again).code).toBe('WRONG_STATE');
  });

  it('a malformed dossier is 400 with the failing field; a rule violation is 422 with its code; nothing is stored', async () => {
    const sub = sampleSubmission(434343, 2, { startMonth: '2026-11' });
    const bad = { ...sub, employees: [{ ...sub.employees[0]!, personalId: 'abc' }, sub.employees[1]!] };
    const r = await f.app.inject({ method: 'POST', url: '/v1/onboardings', headers: bearer(officer), payload: bad });
    expect(r.statusCode).toBe(400);
    expect(json(r)).toMatchObject({ code: 'INVALID_PERSONAL_ID', field: 'employees[0].personalId' });
    expect(json(r).detail).not.toContain('abc');

    const excluded = { ...sub, employer: { ...sub.employer, category: 'public_security_unit' } };
    const x = await f.app.inject({
      method: 'POST',
      url: '/v1/onboardings',
      headers: bearer(officer),
      payload: excluded,
    });
    expect(x.statusCode).toBe(422);
    expect(json(x)).toMatchObject({ code: 'EMPLOYER_EXCLUDED', field: 'employer.category' });

    const malformed = await f.app.inject({
      method: 'POST',
      url: '/v1/onboardings',
      headers: { ...bearer(officer), 'content-type': 'application/json' },
      payload: '{"employer":',
    });
    expect(malformed.statusCode).toBe(400);
    expect(json(malformed).code).toBe('MALFORMED_REQUEST');
  });

  it('an unknown onboarding is 404; a malformed id is 400', async () => {
    const r = await f.app.inject({ url: '/v1/onboardings/onboarding:0999999999', headers: bearer(officer) });
    expect(r.statusCode).toBe(404);
    const d = await f.app.inject({
      method: 'POST',
      url: '/v1/onboardings/onboarding:0999999999/decision',
      headers: bearer(officer),
      payload: { decision: 'approve' },
    });
    expect(d.statusCode).toBe(404);
    const bad = await f.app.inject({ url: '/v1/onboardings/whatever', headers: bearer(officer) });
    expect(bad.statusCode).toBe(400);
    expect(json(bad).code).toBe('INVALID_ONBOARDING_ID');
    const reason = await f.app.inject({
      method: 'POST',
      url: '/v1/onboardings/onboarding:0999999999/decision',
      headers: bearer(officer),
      payload: { decision: 'reject', reason: '' },
    });
    expect(reason.statusCode).toBe(400);
  });
});

describe('employers', () => {
  it('an employer as the database holds it; 400 for a malformed tax code; 404 for an unknown one', async () => {
    const r = await f.app.inject({ url: `/v1/employers/${f.a.employer.taxCode}`, headers: bearer(officer) });
    expect(r.statusCode).toBe(200);
    expect(json(r)).toMatchObject({ taxCode: f.a.employer.taxCode, status: 'active', employees: 5 });
    expect((await f.app.inject({ url: '/v1/employers/12', headers: bearer(officer) })).statusCode).toBe(400);
    expect((await f.app.inject({ url: '/v1/employers/0999999999', headers: bearer(officer) })).statusCode).toBe(404);
  });

  it('employees come a page at a time with a cursor, every employee exactly once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const r = await f.app.inject({
        url: `/v1/employers/${f.a.employer.taxCode}/employees?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        headers: bearer(officer),
      });
      expect(r.statusCode).toBe(200);
      const page = json(r);
      seen.push(...page.items.map((e: { personalId: string }) => e.personalId));
      expect(page.items.every((e: { salary: string }) => /^\d+$/.test(e.salary))).toBe(true);
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen.sort()).toEqual(f.a.employees.map((e) => e.personalId).sort());
    expect(
      (await f.app.inject({ url: `/v1/employers/${f.a.employer.taxCode}/employees?limit=0`, headers: bearer(officer) }))
        .statusCode,
    ).toBe(400);
    expect(
      (
        await f.app.inject({
          url: `/v1/employers/${f.a.employer.taxCode}/employees?cursor=!!`,
          headers: bearer(officer),
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (await f.app.inject({ url: '/v1/employers/0999999999/employees', headers: bearer(officer) })).statusCode,
    ).toBe(404);
  });
});

describe('e-books', () => {
  it('the e-book with its version and hash; the ETag gives 304 when unchanged', async () => {
    const pid = f.a.employees[1]!.personalId;
    const me = await f.token({ role: 'participant', personalId: pid, level: 2 });
    const r = await f.app.inject({ url: `/v1/participants/${pid}/ebook`, headers: bearer(me) });
    expect(r.statusCode).toBe(200);
    const body = json(r);
    expect(body).toMatchObject({ personalId: pid, version: 1 });
    expect(body.content.identity.personalId).toBe(pid);
    expect(r.headers.etag).toBe(`"${body.sha256}"`);
    const again = await f.app.inject({
      url: `/v1/participants/${pid}/ebook`,
      headers: { ...bearer(me), 'if-none-match': r.headers.etag as string },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const stale = await f.app.inject({
      url: `/v1/participants/${pid}/ebook`,
      headers: { ...bearer(me), 'if-none-match': '"0000"' },
    });
    expect(stale.statusCode).toBe(200);
  });

  it('400 for a malformed personal ID, 404 for an unknown person', async () => {
    expect((await f.app.inject({ url: '/v1/participants/123/ebook', headers: bearer(officer) })).statusCode).toBe(400);
    expect(
      (await f.app.inject({ url: '/v1/participants/001090000001/ebook', headers: bearer(officer) })).statusCode,
    ).toBe(404);
  });

  it('an e-mail delivery is queued in the outbox once per idempotency key; no address on file is 409', async () => {
    const pid = f.a.employees[0]!.personalId;
    const me = await f.token({ role: 'participant', personalId: pid, level: 2 });
    const headers = { ...bearer(me), 'idempotency-key': 'mail-request-0001' };
    const one = await f.app.inject({ method: 'POST', url: `/v1/participants/${pid}/ebook/email`, headers });
    const two = await f.app.inject({ method: 'POST', url: `/v1/participants/${pid}/ebook/email`, headers });
    expect(one.statusCode).toBe(202);
    expect(json(two)).toEqual(json(one));
    // (The participant's other notices, such as employment.declared from the onboarding, are not e-book e-mails.)
    const rows = await f.tdb.db
      .select({ n: count() })
      .from(outbox)
      .where(and(eq(outbox.recipientId, pid), eq(outbox.kind, 'ebook.email')));
    expect(Number(rows[0]!.n)).toBe(1);

    const noMail = f.b.employees[0]!.personalId;
    const r = await f.app.inject({
      method: 'POST',
      url: `/v1/participants/${noMail}/ebook/email`,
      headers: bearer(officer),
    });
    expect(r.statusCode).toBe(409);
    expect(json(r).code).toBe('NO_EMAIL_ON_FILE');
    expect(
      (
        await f.app.inject({
          method: 'POST',
          url: '/v1/participants/001090000001/ebook/email',
          headers: bearer(officer),
        })
      ).statusCode,
    ).toBe(404);
  });

  it('operators verify every e-book against the database', async () => {
    const op = await f.token({ role: 'operator' });
    const r = await f.app.inject({ method: 'POST', url: '/v1/ebooks/verification', headers: bearer(op) });
    expect(r.statusCode).toBe(200);
    expect(json(r).mismatches).toEqual([]);
    expect(json(r).checked).toBeGreaterThanOrEqual(7);
  });
});

describe('HI coverage', () => {
  it('by card code and by personal ID: valid, 80% for an employee (HI Law Art.22), the employer pays', async () => {
    const facility = await f.token({ role: 'facility', facilityCode: '79001' });
    const pid = f.a.employees[2]!.personalId;
    const byId = await f.app.inject({
      url: `/v1/coverage?personalId=${pid}&date=2026-11-24`,
      headers: bearer(facility),
    });
    expect(byId.statusCode).toBe(200);
    const c = json(byId);
    expect(c).toMatchObject({
      date: '2026-11-24',
      valid: true,
      holder: { personalId: pid },
      card: {
        benefitLevel: 80,
        payer: { kind: 'employer', taxCode: f.a.employer.taxCode },
        validFrom: '2026-10-01',
        validTo: null,
      },
    });
    const byCard = await f.app.inject({
      url: `/v1/coverage?card=${c.card.cardCode}&date=2026-11-24`,
      headers: bearer(facility),
    });
    expect(json(byCard)).toEqual(c);
  });

  it('not covered before the card is valid (valid false, no card); 400 for a bad query; 404 for an unknown card', async () => {
    const facility = await f.token({ role: 'facility', facilityCode: '79001' });
    const pid = f.a.employees[2]!.personalId;
    const before = json(
      await f.app.inject({ url: `/v1/coverage?personalId=${pid}&date=2026-09-30`, headers: bearer(facility) }),
    );
    expect(before).toMatchObject({ valid: false, card: null, holder: { personalId: pid } });
    for (const q of [
      '',
      '?date=2026-11-24',
      `?personalId=${pid}&card=DN4790000000001`,
      '?personalId=12',
      '?card=XX',
      `?personalId=${pid}&date=2026-02-30`,
    ]) {
      const r = await f.app.inject({ url: `/v1/coverage${q}`, headers: bearer(facility) });
      expect(r.statusCode, q).toBe(400);
    }
    expect(
      (await f.app.inject({ url: '/v1/coverage?card=DN4790000099999', headers: bearer(facility) })).statusCode,
    ).toBe(404);
    expect(
      (await f.app.inject({ url: '/v1/coverage?personalId=001090000001', headers: bearer(facility) })).statusCode,
    ).toBe(404);
  });
});

describe('logs', () => {
  it('request logs carry the request id and route, never a personal ID, a name or the token', async () => {
    const { Writable } = await import('node:stream');
    const { buildServer } = await import('../../api/server');
    const { createVerifier, DEV_AUDIENCE, DEV_ISSUER, ensureDevKeys } = await import('../../api/auth');
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const dev = await ensureDevKeys(f.home);
    const app = await buildServer({
      db: f.tdb.db,
      client: f.client,
      taskQueue: f.taskQueue,
      verifier: await createVerifier({
        issuer: DEV_ISSUER,
        audience: DEV_AUDIENCE,
        jwksFile: dev.jwksPath,
        clock: testClock,
      }),
      clock: testClock,
      signingKeys: f.signingKeys,
      logLevel: 'info',
      logStream: stream,
    });
    const person = f.a.employees[3]!;
    const token = await f.token({ role: 'participant', personalId: person.personalId, level: 2 });
    await app.inject({
      url: `/v1/coverage?personalId=${person.personalId}`,
      headers: { ...bearer(token), 'x-request-id': 'req-under-test' },
    });
    await app.inject({ url: `/v1/participants/${person.personalId}/ebook`, headers: bearer(token) });
    await app.inject({ url: `/v1/participants/${person.personalId}/ebook`, headers: bearer('not-a-token') });
    await app.close();
    const all = lines.join('');
    expect(all).toContain('req-under-test');
    expect(all).toContain('/v1/coverage');
    expect(all).not.toContain(person.personalId);
    expect(all).not.toContain(person.fullName);
    expect(all).not.toContain(token);
  });
});

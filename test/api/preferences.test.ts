/**
 * The recipient's language through the API (issue 13, migration 0016):
 * PUT /v1/participants/{id}/preferences and PUT /v1/employers/{taxCode}/preferences store it in one
 * transaction with an audit event, the same value again answers the same and writes nothing; the
 * relay then writes the person's notices in it; the e-book PDF's language is `?lang=`, else
 * Accept-Language, else the stored preference.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { classifyDatabaseError } from '../../db/errors';
import { noticeAttachment } from '../../runtime/relay';
import { createRelay, smtpTransport } from '../../services/relay';
import { acceptedLang } from '../../services/preferences';
import { testClock } from '../setup/harness';
import { startSmtpPeer, type SmtpPeer } from '../services/smtp-peer';
import { apiFixture, bearer, type ApiFixture } from './fixture';

const run = promisify(execFile);
const scratch = mkdtempSync(path.join(tmpdir(), 'ansinh-pref-'));
let f: ApiFixture;
let peer: SmtpPeer;
let me: string;
let participant: string;
let officer: string;
let employer: string;

beforeAll(async () => {
  f = await apiFixture('preferences');
  peer = await startSmtpPeer();
  me = f.a.employees[0]!.personalId; // an@example.vn
  participant = await f.token({ role: 'participant', personalId: me });
  officer = await f.token({ role: 'officer' });
  employer = await f.token({ role: 'employer', taxCode: f.a.employer.taxCode });
});
afterAll(async () => {
  await peer?.close();
  await f?.close();
  rmSync(scratch, { recursive: true, force: true });
});

const put = (url: string, token: string, payload: unknown) =>
  f.app.inject({ method: 'PUT', url, headers: bearer(token), payload: payload as object });

async function auditRows(action: string, subjectId: string) {
  return queryRows<{ actor: string; details: { lang: string; previous: string } }>(
    f.tdb.db,
    sql`select actor, details from audit_events where action = ${action} and subject_id = ${subjectId} order by seq`,
  );
}

async function pdfText(pdf: Buffer): Promise<string> {
  const file = path.join(scratch, `e-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  return (await run('pdftotext', ['-enc', 'UTF-8', '-l', '1', file, '-'])).stdout.normalize('NFC');
}

describe("the participant's language", () => {
  it('is stored in one audited write; the same value again is the same answer and writes nothing', async () => {
    const url = `/v1/participants/${me}/preferences`;
    const r = await put(url, participant, { lang: 'en' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({ personalId: me, lang: 'en' });
    const again = await put(url, participant, { lang: 'en' });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(r.json());
    const rows = await auditRows('participant.preferences_set', me);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.details).toEqual({ lang: 'en', previous: 'vi' });
    expect(rows[0]!.actor).toMatch(/^participant:/);
    const [stored] = await queryRows<{ preferred_lang: string }>(
      f.tdb.db,
      sql`select preferred_lang from participants where personal_id = ${me}`,
    );
    expect(stored!.preferred_lang).toBe('en');
  });

  it('the relay then e-mails the e-book in English, subject and PDF', async () => {
    const q = await f.app.inject({
      method: 'POST',
      url: `/v1/participants/${me}/ebook/email`,
      headers: bearer(participant),
    });
    expect(q.statusCode).toBe(202);
    const { outboxId, version } = q.json() as { outboxId: number; version: number };
    const transport = smtpTransport(peer.url());
    const relay = createRelay({
      db: f.tdb.db,
      clock: testClock,
      transport,
      from: 'Ansinh <a@ansinh.local>',
      batch: 200,
      attachment: noticeAttachment,
    });
    while ((await relay.runOnce()).leased > 0);
    await peer.waitFor(1);
    const mail = peer.received.find((m) => m.messageId === `<notice-${outboxId}@ansinh.local>`)!;
    expect(mail.subject).toBe(`Your electronic social insurance book (version ${version})`);
    expect(await pdfText(mail.attachments[0]!.content)).toContain('Date of birth');
    transport.close();
  });

  it('the e-book PDF: ?lang= wins, then Accept-Language, then the stored preference', async () => {
    const pdf = async (query: string, acceptLanguage?: string) => {
      const r = await f.app.inject({
        method: 'GET',
        url: `/v1/participants/${me}/ebook.pdf${query}`,
        headers: { ...bearer(officer), ...(acceptLanguage ? { 'accept-language': acceptLanguage } : {}) },
      });
      expect(r.statusCode).toBe(200);
      const text = await pdfText(r.rawPayload);
      return text.includes('Date of birth') ? 'en' : text.includes('Ngày sinh') ? 'vi' : '?';
    };
    // The stored preference is English (the first test).
    expect(await pdf('')).toBe('en');
    expect(await pdf('', 'vi-VN,vi;q=0.9')).toBe('vi');
    expect(await pdf('', 'fr')).toBe('en');
    expect(await pdf('?lang=vi', 'en')).toBe('vi');
    expect(await pdf('?lang=en', 'vi')).toBe('en');
  });

  it('an officer may set it for the person; another person may not; an unknown person is 404; a bad value is INVALID_LANG and writes nothing', async () => {
    const them = f.b.employees[0]!.personalId;
    const url = `/v1/participants/${them}/preferences`;
    expect((await put(url, participant, { lang: 'en' })).statusCode).toBe(403);
    const byOfficer = await put(url, officer, { lang: 'en' });
    expect(byOfficer.statusCode).toBe(200);
    expect((await auditRows('participant.preferences_set', them)).map((r) => r.actor)).toEqual([
      expect.stringMatching(/^officer:/),
    ]);
    const back = await put(url, officer, { lang: 'vi' });
    expect(back.json()).toEqual({ personalId: them, lang: 'vi' });
    expect(await auditRows('participant.preferences_set', them)).toHaveLength(2);

    const unknown = await put('/v1/participants/079999999998/preferences', officer, { lang: 'en' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('NOT_FOUND');
    for (const body of [{ lang: 'fr' }, { lang: 'EN' }, {}, { lang: 'en', extra: 1 }, { lang: null }]) {
      const r = await put(url, officer, body);
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
    }
    const bad = await put(url, officer, { lang: 'fr' });
    expect(bad.json().code).toBe('INVALID_LANG');
    expect(await auditRows('participant.preferences_set', them)).toHaveLength(2);
  });

  it('a check violation of preferred_lang maps to INVALID_LANG (db/errors.ts)', async () => {
    const err = await f.tdb.db
      .execute(sql`update participants set preferred_lang = 'fr' where personal_id = ${me}`)
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(classifyDatabaseError(err)).toMatchObject({ kind: 'refusal', status: 400, code: 'INVALID_LANG' });
  });
});

describe("the employer's language", () => {
  it('the employer itself or an officer sets it, audited once per change; another employer may not', async () => {
    const tax = f.a.employer.taxCode;
    const url = `/v1/employers/${tax}/preferences`;
    const r = await put(url, employer, { lang: 'en' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({ taxCode: tax, lang: 'en' });
    expect((await put(url, officer, { lang: 'en' })).json()).toEqual(r.json());
    const rows = await auditRows('employer.preferences_set', tax);
    expect(rows.map((x) => [x.actor.split(':')[0], x.details])).toEqual([['employer', { lang: 'en', previous: 'vi' }]]);
    expect((await put(`/v1/employers/${f.b.employer.taxCode}/preferences`, employer, { lang: 'en' })).statusCode).toBe(
      403,
    );
    const unknown = await put('/v1/employers/0399999999/preferences', officer, { lang: 'en' });
    expect(unknown.statusCode).toBe(404);
  });
});

describe('the OpenAPI document', () => {
  it('lists both PUT routes with their body: lang vi | en', async () => {
    const doc = (await f.app.inject({ url: '/openapi.json' })).json() as {
      paths: Record<string, { put?: { requestBody: { content: Record<string, { schema: unknown }> } } }>;
    };
    for (const route of ['/v1/participants/{personalId}/preferences', '/v1/employers/{taxCode}/preferences']) {
      const body = doc.paths[route]?.put?.requestBody.content['application/json']?.schema;
      expect(JSON.stringify(body), route).toContain('"enum":["vi","en"]');
    }
  });
});

describe('Accept-Language', () => {
  it('names vi or en by q-value, or nothing', () => {
    expect(acceptedLang(undefined)).toBeNull();
    expect(acceptedLang('fr-FR, de;q=0.5')).toBeNull();
    expect(acceptedLang('en-US,en;q=0.9')).toBe('en');
    expect(acceptedLang('fr, en;q=0.4, vi;q=0.8')).toBe('vi');
    expect(acceptedLang('vi;q=0, en;q=0.1')).toBe('en');
  });
});

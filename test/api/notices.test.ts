/**
 * Notices through the API (issue 13): the e-book e-mailed by POST …/ebook/email is delivered by the
 * relay to a real SMTP peer; the participant's inbox shows it with its status; a refused login
 * ends in the dead letter, which an operator lists (GET /v1/notices?status=dead) and queues again
 * (POST /v1/notices/{id}/retry), and the resend carries the same Message-ID.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderAttachment } from '../../services/documents';
import { createRelay, smtpTransport } from '../../services/relay';
import { testClock } from '../setup/harness';
import { startSmtpPeer, type SmtpPeer } from '../services/smtp-peer';
import { apiFixture, bearer, type ApiFixture } from './fixture';

let f: ApiFixture;
let peer: SmtpPeer;
let me: string;
let them: string;
let participant: string;
let operator: string;
let officer: string;

beforeAll(async () => {
  f = await apiFixture('notices');
  peer = await startSmtpPeer();
  me = f.a.employees[0]!.personalId; // an@example.vn
  them = f.b.employees[0]!.personalId; // no address
  participant = await f.token({ role: 'participant', personalId: me });
  operator = await f.token({ role: 'operator' });
  officer = await f.token({ role: 'officer' });
});
afterAll(async () => {
  await peer?.close();
  await f?.close();
});

const get = (url: string, token: string, lang?: string) =>
  f.app.inject({ method: 'GET', url, headers: { ...bearer(token), ...(lang ? { 'accept-language': lang } : {}) } });

describe('notices through the API', () => {
  it('an e-mailed e-book arrives with its Vietnamese subject; the inbox shows it sent by e-mail', async () => {
    const q = await f.app.inject({
      method: 'POST',
      url: `/v1/participants/${me}/ebook/email`,
      headers: bearer(participant),
    });
    expect(q.statusCode).toBe(202);
    const { outboxId, version } = q.json() as { outboxId: number; version: number };
    let inbox = (await get(`/v1/participants/${me}/notices`, participant)).json() as {
      items: { id: number; status: string }[];
    };
    expect(inbox.items.find((i) => i.id === outboxId)?.status).toBe('queued');

    const transport = smtpTransport(peer.url());
    const relay = createRelay({
      db: f.tdb.db,
      clock: testClock,
      transport,
      from: 'Ansinh <a@ansinh.local>',
      batch: 200,
      attachment: (db, n) => renderAttachment(db, n),
    });
    while ((await relay.runOnce()).leased > 0);
    await peer.waitFor(1);
    const mail = peer.received.find((m) => m.messageId === `<notice-${outboxId}@ansinh.local>`)!;
    expect(mail.subject).toBe(`Sổ bảo hiểm xã hội điện tử của bạn (phiên bản ${version})`);
    expect(mail.to).toMatchObject({ value: [{ address: 'an@example.vn' }] });
    // Its PDF attachment (services/documents.ts renderAttachment) arrives intact.
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]!.contentType).toBe('application/pdf');
    expect(mail.attachments[0]!.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    transport.close();

    const r = await get(`/v1/participants/${me}/notices`, participant);
    expect(r.statusCode).toBe(200);
    inbox = r.json();
    expect(inbox.items.find((i) => i.id === outboxId)).toMatchObject({
      status: 'sent',
      deliveredVia: 'smtp',
      kind: 'ebook.email',
    });
    const en = (await get(`/v1/participants/${me}/notices`, officer, 'en')).json() as {
      items: { id: number; subject: string }[];
    };
    expect(en.items.find((i) => i.id === outboxId)!.subject).toBe(
      `Your electronic social insurance book (version ${version})`,
    );
    // Another person's inbox is not mine; an unknown person is 404.
    expect((await get(`/v1/participants/${them}/notices`, participant)).statusCode).toBe(403);
    expect((await get(`/v1/participants/079999999999/notices`, officer)).statusCode).toBe(404);
    expect((await get(`/v1/notices?status=lost`, operator)).statusCode).toBe(400);
  });

  it('a refused login ends in the dead letter; the operator sees it and retries it, and it goes with the same Message-ID', async () => {
    const q = await f.app.inject({
      method: 'POST',
      url: `/v1/participants/${me}/ebook/email`,
      headers: { ...bearer(participant), 'idempotency-key': 'dead-letter-1' },
    });
    const { outboxId } = q.json() as { outboxId: number };
    const bad = smtpTransport(peer.url('relay', 'sai-mat-khau'));
    const relay = createRelay({
      db: f.tdb.db,
      clock: testClock,
      transport: bad,
      from: 'a@ansinh.local',
      maxAttempts: 1,
    });
    expect(await relay.runOnce()).toMatchObject({ leased: 1, dead: 1 });
    bad.close();

    const dead = await get('/v1/notices?status=dead', operator);
    expect(dead.statusCode).toBe(200);
    const items = (dead.json() as { items: { id: number; lastError: string; messageId: string }[] }).items;
    expect(items.map((i) => [i.id, i.lastError])).toEqual([[outboxId, 'SMTP_AUTH']]);
    expect(JSON.stringify(items)).not.toContain('an@example.vn');
    const mine = (await get(`/v1/participants/${me}/notices`, participant)).json() as {
      items: { id: number; status: string }[];
    };
    expect(mine.items.find((i) => i.id === outboxId)?.status).toBe('dead');

    expect(
      (await f.app.inject({ method: 'POST', url: `/v1/notices/${outboxId}/retry`, headers: bearer(officer) }))
        .statusCode,
    ).toBe(403);
    const retry = await f.app.inject({
      method: 'POST',
      url: `/v1/notices/${outboxId}/retry`,
      headers: bearer(operator),
    });
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toMatchObject({ id: outboxId, status: 'queued', attempts: 0 });
    const again = await f.app.inject({
      method: 'POST',
      url: `/v1/notices/${outboxId}/retry`,
      headers: bearer(operator),
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'WRONG_STATE' });
    expect(
      (await f.app.inject({ method: 'POST', url: '/v1/notices/999999/retry', headers: bearer(operator) })).statusCode,
    ).toBe(404);
    expect(
      (await f.app.inject({ method: 'POST', url: '/v1/notices/x/retry', headers: bearer(operator) })).statusCode,
    ).toBe(400);

    const good = smtpTransport(peer.url());
    const before = peer.count;
    expect(
      await createRelay({ db: f.tdb.db, clock: testClock, transport: good, from: 'a@ansinh.local' }).runOnce(),
    ).toMatchObject({ sent: 1 });
    await peer.waitFor(before + 1);
    expect(peer.received.at(-1)!.messageId).toBe(items[0]!.messageId);
    good.close();
  });
});

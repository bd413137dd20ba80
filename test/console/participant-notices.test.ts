/**
 * My notices in the console (issue 13): a participant with no e-mail address on file signs in and
 * reads, at /console/me/notices, the notice the relay delivered to the app's inbox — its Vietnamese
 * subject, its status and how it went — through GET /v1/participants/{id}/notices. A card an
 * officer locked (issue 15) shows there as its notice, and under the card on my book and on the
 * officer's page of the participant.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueue } from '../../db/queries/audit';
import { createRelay } from '../../services/relay';
import { lockHiCard } from '../../services/hi-card-locks';
import { apiFixture, type ApiFixture } from '../api/fixture';
import { testClock } from '../setup/harness';
import { csrfOf, getWith, postForm, type Jar } from './jar';

let f: ApiFixture;
beforeAll(async () => {
  f = await apiFixture('console_notices', { console: true });
});
afterAll(async () => {
  await f?.close();
});

describe('the participant console: my notices', () => {
  it('shows the inbox notice of a person without an e-mail address, in Vietnamese, with its status', async () => {
    const person = f.b.employees[0]!.personalId; // no address on file
    await enqueue(f.tdb.db, {
      dedupeKey: 'console-notice-1',
      kind: 'claim.approved',
      channel: 'email',
      recipientType: 'participant',
      recipientId: person,
      payload: { claimId: 'c-1', decision: 'approve', decidedOn: '2026-11-20' },
    });
    // A relay with no SMTP transport at all still delivers it: the address is missing anyway.
    const relay = createRelay({ db: f.tdb.db, clock: testClock, transport: null, from: 'a@ansinh.local', batch: 500 });
    while ((await relay.runOnce()).leased > 0);

    const jar: Jar = new Map();
    const csrf = csrfOf((await getWith(f.app, jar, '/console/signin')).body);
    const res = await postForm(f.app, jar, '/console/signin', { role: 'participant', personalId: person, _csrf: csrf });
    expect(res.statusCode, res.body).toBe(303);

    const page = await getWith(f.app, jar, '/console/me/notices');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<html lang="vi">');
    expect(page.body).toContain('Thông báo của tôi');
    expect(page.body).toContain('Quyết định hưởng trợ cấp thất nghiệp: chấp thuận');
    expect(page.body).toContain('20/11/2026');
    expect(page.body).toContain('Đã gửi');
    expect(page.body).toContain('Hộp thư trong ứng dụng');
    expect(page.body).toContain('href="/console/me/notices" aria-current="page"');
    // A visitor without a session goes to sign in.
    const anon = await f.app.inject({ method: 'GET', url: '/console/me/notices' });
    expect(anon.statusCode).toBe(303);
  });

  it('a locked card: its notice in my inbox, the lock under the card on my book and on the officer’s page (HI Law Art.20(2))', async () => {
    const person = f.b.employees[1]!.personalId;
    const lock = await lockHiCard(f.tdb.db, {
      personalId: person,
      reference: 'QD-12/2026',
      kind: 'locked',
      ground: 'used_by_another',
      effectiveFrom: '2026-11-05',
      actor: 'officer:console-test',
      now: testClock(),
    });
    const relay = createRelay({ db: f.tdb.db, clock: testClock, transport: null, from: 'a@ansinh.local', batch: 500 });
    while ((await relay.runOnce()).leased > 0);
    const line = 'Tạm khóa từ ngày 05/11/2026 (lý do: thẻ bị người khác sử dụng); đang có hiệu lực.';

    const jar: Jar = new Map();
    const csrf = csrfOf((await getWith(f.app, jar, '/console/signin')).body);
    expect(
      (await postForm(f.app, jar, '/console/signin', { role: 'participant', personalId: person, _csrf: csrf }))
        .statusCode,
    ).toBe(303);
    const notices = await getWith(f.app, jar, '/console/me/notices');
    expect(notices.body).toContain('Thẻ bảo hiểm y tế của Ông/Bà bị tạm khóa');
    const book = await getWith(f.app, jar, '/console/me');
    expect(book.statusCode).toBe(200);
    const cards = book.body.slice(book.body.indexOf('id="cards"'));
    expect(cards).toContain(lock.cards[0]!);
    expect(cards).toContain(`<dt>Khóa thẻ</dt><dd>${line}</dd>`);

    const officer: Jar = new Map();
    const csrf2 = csrfOf((await getWith(f.app, officer, '/console/signin')).body);
    expect((await postForm(f.app, officer, '/console/signin', { role: 'officer', _csrf: csrf2 })).statusCode).toBe(303);
    const page = await getWith(f.app, officer, `/console/officer/participants/${person}`);
    expect(page.statusCode).toBe(200);
    expect(page.body.slice(page.body.indexOf('id="cards"'))).toContain(`<li>${line}</li>`);
    // A participant without a lock shows none.
    const other = await getWith(f.app, officer, `/console/officer/participants/${f.a.employees[1]!.personalId}`);
    expect(other.body).not.toContain('Tạm khóa từ ngày');
  });
});

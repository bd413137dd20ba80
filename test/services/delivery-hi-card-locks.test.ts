/**
 * The participant is told of an officer's decision about their HI card (issue 15 leftovers; HI Law
 * Art.20, Decree 188/2025 Art.12: the agency tells the participant): the lock, the withdrawal and
 * the lifting, each written to the outbox by the decision's own transaction (services/hi-card-locks.ts
 * through POST /v1/participants/{id}/hi-card/locks…), delivered by the real relay — by e-mail to a
 * participant with an address, to the inbox without one — in words: which card, the kind, the
 * ground, from which day, the provisions, what to do and the right to complain. The same decision
 * again queues nothing new.
 */
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox } from '../../db/schema';
import { appealDeadline } from '../../domain/appeal';
import { formatDate } from '../../messages/format';
import { renderNotice } from '../../services/notices';
import { apiFixture, bearer, type ApiFixture } from '../api/fixture';
import { testClock } from '../setup/harness';
import { delivered, startDelivery, type Delivery } from './delivery-helpers';

let f: ApiFixture;
let d: Delivery & { db: ApiFixture['tdb']['db'] };
let officer: string;

beforeAll(async () => {
  f = await apiFixture('delivery_hicard');
  d = { ...(await startDelivery(f.tdb.db)), db: f.tdb.db };
  officer = await f.token({ role: 'officer', subject: 'officer-hicard' });
  await d.drain(); // the onboarding's own notices
});
afterAll(async () => {
  await d?.close();
  await f?.close();
});

const post = (url: string, payload: object) => f.app.inject({ method: 'POST', url, headers: bearer(officer), payload });
const locks = (pid: string) => `/v1/participants/${pid}/hi-card/locks`;

/** The card notices queued for a person. */
const cardNotices = (pid: string) =>
  f.tdb.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.recipientId, pid), like(outbox.kind, 'hi_card.%')));

const words = (s: string | undefined) => (s ?? '').normalize('NFC').replace(/\s+/g, ' ');

describe("the notices of an officer's decision about an HI card are delivered", () => {
  it('a lock: e-mailed with the card, the kind and ground in words, the day, the provisions, what to do and the complaint deadline', async () => {
    const pid = f.a.employees[0]!.personalId; // an@example.vn
    const body = { reference: 'QD-45/2026', kind: 'locked', ground: 'lent', effectiveFrom: '2026-11-03' };
    const r = await post(locks(pid), body);
    expect(r.statusCode, r.body).toBe(201);
    const [card] = r.json().cards as string[];
    await d.drain();
    const { mail, row } = await delivered(d, 'hi_card.locked', { recipientId: pid, via: 'smtp' });
    expect((mail!.to as { text: string }).text).toBe('an@example.vn');
    expect(row.dedupeKey).toBe(`hi-card:${pid}:locked:QD-45/2026`);
    const text = words(mail!.text);
    for (const s of [
      `Theo quyết định số QD-45/2026, thẻ bảo hiểm y tế ${card} của Ông/Bà bị tạm khóa từ ngày 03/11/2026.`,
      'Lý do: cho người khác mượn thẻ.',
      'Căn cứ: khoản 2 Điều 20 Luật Bảo hiểm y tế; Điều 12 Nghị định số 188/2025/NĐ-CP.',
      'Thẻ được mở khóa sau khi Ông/Bà nộp xong tiền phạt',
      'cơ quan bảo hiểm xã hội nơi tham gia bảo hiểm y tế',
      `có quyền khiếu nại trong 90 ngày kể từ ngày nhận thông báo này, tức là đến ngày ${formatDate('vi', appealDeadline(testClock.today()))} (Điều 9 Luật Khiếu nại số 02/2011/QH13)`,
    ])
      expect(text).toContain(s);
    expect(text).not.toMatch(/\b(lent|locked|used_by_another)\b/);
    // The same text in English for a reader who prefers it.
    const en = renderNotice('hi_card.locked', row.payload, 'en');
    expect(en.subject).toBe('Your health insurance card is temporarily locked');
    expect(words(en.text)).toContain(
      `By decision QD-45/2026, your health insurance card ${card} is temporarily locked from 2026-11-03. Ground: the card was lent to someone else. Legal basis: HI Law Art.20(2); Decree 188/2025 Art.12.`,
    );
    // The same decision again: the same answer, no second notice.
    expect((await post(locks(pid), body)).statusCode).toBe(200);
    expect(await cardNotices(pid)).toHaveLength(1);
    expect(await d.drain()).toBe(0);
  });

  it('its lifting: e-mailed with the day the card is usable again; lifted again the same day, nothing new', async () => {
    const pid = f.a.employees[0]!.personalId;
    const url = `${locks(pid)}/QD-45%2F2026/lifting`;
    const r = await post(url, { liftedOn: '2026-11-20' });
    expect(r.statusCode, r.body).toBe(200);
    const [card] = r.json().cards as string[];
    await d.drain();
    const { mail } = await delivered(d, 'hi_card.lock_lifted', { recipientId: pid, via: 'smtp' });
    const text = words(mail!.text);
    expect(text).toContain(
      `Thẻ bảo hiểm y tế ${card} của Ông/Bà, bị tạm khóa từ ngày 03/11/2026 theo quyết định số QD-45/2026, được mở khóa từ ngày 20/11/2026`,
    );
    expect(text).toContain('Căn cứ: Điều 12 Nghị định số 188/2025/NĐ-CP.');
    expect((await post(url, { liftedOn: '2026-11-20' })).json()).toMatchObject({ alreadyRecorded: true });
    expect((await cardNotices(pid)).map((n) => n.kind).sort()).toEqual(['hi_card.lock_lifted', 'hi_card.locked']);
    expect(await d.drain()).toBe(0);
  });

  it('a withdrawal, to a participant without an e-mail address: in the inbox, saying a new card is issued instead', async () => {
    const pid = f.b.employees[0]!.personalId; // no e-mail address on file
    const r = await post(locks(pid), {
      reference: 'QD-9/2026',
      kind: 'withdrawn',
      ground: 'fraud',
      effectiveFrom: '2026-11-04',
    });
    expect(r.statusCode, r.body).toBe(201);
    await d.drain();
    await delivered(d, 'hi_card.withdrawn', { recipientId: pid, via: 'inbox' });
    const me = await f.token({ role: 'participant', personalId: pid, level: 2 });
    const inbox = await f.app.inject({ url: `/v1/participants/${pid}/notices`, headers: bearer(me) });
    const item = (inbox.json() as { items: { kind: string; subject: string; body: string }[] }).items.find(
      (i) => i.kind === 'hi_card.withdrawn',
    );
    expect(item?.subject).toBe('Thẻ bảo hiểm y tế của Ông/Bà bị thu hồi');
    const text = words(item?.body);
    expect(text).toContain(`bị thu hồi từ ngày 04/11/2026. Lý do: gian lận trong việc cấp thẻ.`);
    expect(text).toContain('Căn cứ: điểm a khoản 1 Điều 20 Luật Bảo hiểm y tế; Điều 12 Nghị định số 188/2025/NĐ-CP.');
    expect(text).toContain('để được cấp thẻ mới');
    expect(text).toContain('có quyền khiếu nại trong 90 ngày');
  });
});

/**
 * The notices a participant asks for or is given through the API are delivered (issue #13): the
 * e-book e-mailed by POST /v1/participants/{id}/ebook/email arrives over SMTP with its PDF, whose
 * codes print as words; the new employments the fixture's onboarding announced (the real
 * onboarding activities) reach the participants' inboxes, which GET /v1/participants/{id}/notices
 * shows as sent, delivered via inbox, with the Vietnamese subject.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiFixture, bearer, type ApiFixture } from '../api/fixture';
import { attachedPdfText, delivered, startDelivery, type Delivery } from './delivery-helpers';

let f: ApiFixture;
let d: Delivery & { db: ApiFixture['tdb']['db'] };

beforeAll(async () => {
  f = await apiFixture('delivery_api');
  d = { ...(await startDelivery(f.tdb.db)), db: f.tdb.db };
});
afterAll(async () => {
  await d?.close();
  await f?.close();
});

describe('notices through the API are delivered', () => {
  it('the e-book e-mailed on request arrives with its PDF, which prints words, not codes', async () => {
    const pid = f.a.employees[0]!.personalId; // an@example.vn
    const me = await f.token({ role: 'participant', personalId: pid, level: 2 });
    const q = await f.app.inject({ method: 'POST', url: `/v1/participants/${pid}/ebook/email`, headers: bearer(me) });
    expect(q.statusCode, q.body).toBe(202);
    await d.drain();
    const { mail } = await delivered(d, 'ebook.email', { recipientId: pid, via: 'smtp' });
    const text = await attachedPdfText(mail!, /^so-bhxh-v\d+\.pdf$/);
    expect(text).toContain('SỔ BẢO HIỂM XÃ HỘI ĐIỆN TỬ');
    expect(text).toContain(f.a.employees[0]!.fullName.normalize('NFC'));
    expect(text).toMatch(/hợp đồng (không xác định thời hạn|xác định thời hạn)/);
    expect(text).toContain(`đối tượng Người sử dụng lao động (${f.a.employer.taxCode})`);
    for (const code of ['indefinite', 'fixed_term', 'employer,', 'female', 'male']) expect(text).not.toContain(code);
  });

  it('a new employment is announced to each employee’s inbox, with or without an e-mail address', async () => {
    await d.drain();
    const noMail = f.b.employees[0]!.personalId;
    for (const pid of [f.a.employees[0]!.personalId, noMail])
      await delivered(d, 'employment.declared', { recipientId: pid, via: 'inbox' });
    const me = await f.token({ role: 'participant', personalId: noMail, level: 2 });
    const r = await f.app.inject({ url: `/v1/participants/${noMail}/notices`, headers: bearer(me) });
    expect(r.statusCode).toBe(200);
    const items = (r.json() as { items: { kind: string; status: string; deliveredVia: string; subject: string }[] })
      .items;
    expect(items.find((i) => i.kind === 'employment.declared')).toMatchObject({
      status: 'sent',
      deliveredVia: 'inbox',
      subject: expect.stringMatching(/[^\x00-\x7f]/),
    });
  });
});

/**
 * The notices a participant asks for or is given through the API are delivered (issue #13): the
 * e-book e-mailed by POST /v1/participants/{id}/ebook/email arrives over SMTP with its PDF, whose
 * codes print as words; the new employments the fixture's onboarding announced (the real
 * onboarding activities) reach the participants' inboxes, which GET /v1/participants/{id}/notices
 * shows as sent, delivered via inbox, with the Vietnamese subject.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox } from '../../db/schema';
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
      subject: expect.stringMatching(/[^ -~]/),
    });
  });
});

describe("an employer's inbox (GET /v1/employers/{taxCode}/notices)", () => {
  it('the unit reads its own notices, not another’s; a notice that is not the unit’s has no document to fetch', async () => {
    const tax = f.a.employer.taxCode;
    const employer = await f.token({ role: 'employer', taxCode: tax });
    const own = await f.app.inject({ url: `/v1/employers/${tax}/notices`, headers: bearer(employer) });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json()).toMatchObject({ items: expect.any(Array), nextCursor: null });
    const other = await f.app.inject({
      url: `/v1/employers/${f.b.employer.taxCode}/notices`,
      headers: bearer(employer),
    });
    expect(other.statusCode).toBe(403);
    const officer = await f.token({ role: 'officer' });
    const unknown = await f.app.inject({ url: '/v1/employers/0100000000/notices', headers: bearer(officer) });
    expect([400, 404]).toContain(unknown.statusCode);
    // A participant's notice (an employment announced) is not the employer's to fetch.
    const [mine] = (await f.tdb.db.select().from(outbox).where(eq(outbox.kind, 'employment.declared'))).slice(0, 1);
    const pdf = await f.app.inject({
      url: `/v1/employers/${tax}/notices/${mine!.id}/document.pdf`,
      headers: bearer(employer),
    });
    expect(pdf.statusCode).toBe(404);
    expect(pdf.json()).toMatchObject({ code: 'NOT_FOUND' });
  });
});

/**
 * Data-update requests in the console (issue #14 part 1): the participant files a correction from
 * the form, follows it and uploads a document (a multipart form, as htmx sends it with the CSRF
 * header); the officer opens the review page from the work queue, sees what is asked beside what
 * is on record and the evidence, and approves; the participant's page then says approved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyEbooks } from '../../db/queries/ebooks';
import { apiFixture, type ApiFixture } from '../api/fixture';
import { cookieHeader, csrfOf, getWith, keep, postForm, type Jar } from './jar';

let f: ApiFixture;
beforeAll(async () => {
  f = await apiFixture('console_du', { console: true, worker: true });
});
afterAll(async () => {
  await f?.close();
});

async function signIn(form: Record<string, string>): Promise<Jar> {
  const jar: Jar = new Map();
  const csrf = csrfOf((await getWith(f.app, jar, '/console/signin')).body);
  const res = await postForm(f.app, jar, '/console/signin', { ...form, _csrf: csrf });
  expect(res.statusCode, res.body).toBe(303);
  return jar;
}

function multipart(csrf: string, name: string, type: string, body: Buffer) {
  const boundary = '----ansinh-console-du';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    body,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return {
    payload,
    headers: {
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'x-csrf-token': csrf,
      'hx-request': 'true',
    },
  };
}

describe('data-update requests in the console', () => {
  it('the participant files a name correction and adds a document; the officer reviews it from the queue and approves', async () => {
    const person = f.a.employees[4]!.personalId;
    const me = await signIn({ role: 'participant', personalId: person });
    const form = await getWith(f.app, me, '/console/me/data-updates');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Thay đổi thông tin');
    expect(form.body).toContain('href="/console/me/data-updates" aria-current="page"');
    // A birth date in another year than the personal ID says: the refusal's text on the form, nothing filed.
    const refused = await postForm(f.app, me, '/console/me/data-updates', {
      _csrf: csrfOf(form.body),
      kind: 'identity',
      dateOfBirth: '1850-01-01',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('DATE_OUT_OF_RANGE');
    const filed = await postForm(f.app, me, '/console/me/data-updates', {
      _csrf: csrfOf(form.body),
      kind: 'identity',
      fullName: 'Phạm Thị Đính Chính',
      email: 'ignored@example.vn',
    });
    expect(filed.statusCode, filed.body).toBe(303);
    const page = String(filed.headers.location);
    expect(page).toMatch(/^\/console\/me\/data-updates\/\d+$/);
    const id = Number(page.split('/').pop());
    const mine = await getWith(f.app, me, page);
    expect(mine.body).toContain('Đang xem xét');
    expect(mine.body).toContain('Phạm Thị Đính Chính');

    const up = multipart(
      csrfOf(mine.body),
      'giay-khai-sinh.pdf',
      'application/pdf',
      Buffer.from('%PDF-1.7\nkhai sinh\n%%EOF\n'),
    );
    const sent = await f.app.inject({
      method: 'POST',
      url: `${page}/evidence`,
      payload: up.payload,
      headers: { ...up.headers, cookie: cookieHeader(me) },
    });
    keep(me, sent);
    expect(sent.statusCode, sent.body).toBe(204);
    expect(sent.headers['hx-redirect']).toBe(page);
    expect((await getWith(f.app, me, page)).body).toContain('giay-khai-sinh.pdf');

    // The officer's queue links the review task to its page.
    const officer = await signIn({ role: 'officer' });
    let queue = '';
    for (let i = 0; i < 100 && !queue.includes(`/console/officer/data-updates/${id}`); i++) {
      queue = (await getWith(f.app, officer, '/console/officer?kind=data_update.review')).body;
      if (!queue.includes(`/console/officer/data-updates/${id}`)) await new Promise((r) => setTimeout(r, 100));
    }
    expect(queue).toContain(`href="/console/officer/data-updates/${id}"`);
    const review = await getWith(f.app, officer, `/console/officer/data-updates/${id}`);
    expect(review.statusCode).toBe(200);
    expect(review.body).toContain('Phạm Thị Đính Chính');
    expect(review.body).toContain(`/console/officer/data-updates/${id}/evidence/`);
    const doc = /\/console\/officer\/data-updates\/\d+\/evidence\/(\d+)/.exec(review.body)![0];
    const file = await getWith(f.app, officer, doc);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('application/pdf');
    // A rejection without a reason is refused on the form.
    const noReason = await postForm(f.app, officer, `/console/officer/data-updates/${id}/decision`, {
      _csrf: csrfOf(review.body),
      decision: 'reject',
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('REASON_REQUIRED');
    const approved = await postForm(f.app, officer, `/console/officer/data-updates/${id}/decision`, {
      _csrf: csrfOf(review.body),
      decision: 'approve',
    });
    expect(approved.statusCode, approved.body).toBe(303);
    expect((await getWith(f.app, me, page)).body).toContain('Đã chấp thuận');
    // Another participant cannot open it.
    const other = await signIn({ role: 'participant', personalId: f.b.employees[0]!.personalId });
    expect((await getWith(f.app, other, page)).statusCode).toBe(404);
    expect((await verifyEbooks(f.tdb.db)).mismatches).toEqual([]);
  });
});

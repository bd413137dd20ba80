/**
 * Declaration cases in the console (issue #14 part 2): a participant opens a case against an
 * employer from the form and reads its timeline; a refusal is shown on the form with its code; an
 * officer reads the case, confirms arrears and dismisses it — all through the API in process.
 *
 * @date-sensitive The refused months are next month's; the opened ones (2026-10..11) are past on any date it runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths, monthOf } from '../../domain/calendar';
import { testClock } from '../setup/harness';
import { apiFixture, type ApiFixture } from '../api/fixture';
import { csrfOf, getWith, postForm, type Jar } from './jar';

let f: ApiFixture;
beforeAll(async () => {
  f = await apiFixture('console_declcases', { console: true, worker: true });
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

describe('the console: a case against an employer', () => {
  it('a participant opens a case from the form and sees its steps; an officer confirms arrears on the case page', async () => {
    const person = f.a.employees[2]!.personalId;
    const jar = await signIn({ role: 'participant', personalId: person });
    const list = await getWith(f.app, jar, '/console/me/cases');
    expect(list.statusCode, String(list.headers['location'])).toBe(200);
    expect(list.body).toContain('Đơn vị chưa khai báo hoặc chưa đóng bảo hiểm');
    const csrf = csrfOf(list.body);

    // A refusal is shown on the form, with its code, and opens nothing.
    const bad = await postForm(f.app, jar, '/console/me/cases', {
      employerTaxCode: f.b.employer.taxCode,
      fromMonth: monthOf(testClock.today()),
      toMonth: addMonths(monthOf(testClock.today()), 1),
      _csrf: csrf,
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('MONTH_IN_FUTURE');

    const opened = await postForm(f.app, jar, '/console/me/cases', {
      employerTaxCode: f.b.employer.taxCode,
      fromMonth: '2026-10',
      toMonth: '2026-11',
      anonymous: '1',
      _csrf: csrf,
    });
    expect(opened.statusCode, opened.body).toBe(303);
    const at = String(opened.headers['location']);
    expect(at).toMatch(/^\/console\/me\/cases\/\d+$/);
    const page = await getWith(f.app, jar, at);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Mở vụ việc');
    expect(page.body).toContain('10/2026');

    const id = at.split('/').pop()!;
    const officer = await signIn({ role: 'officer', subject: 'officer-console-dc' });
    // Wait for the workflow to have notified the employer (its step on the page), bounded at 60 s
    // (the shared dev server is slow on a loaded machine; a bound, not a timing assertion).
    let casePage = await getWith(f.app, officer, `/console/officer/cases/${id}`);
    for (let i = 0; i < 600 && !casePage.body.includes('Đã thông báo đơn vị'); i++) {
      await new Promise((r) => setTimeout(r, 100));
      casePage = await getWith(f.app, officer, `/console/officer/cases/${id}`);
    }
    expect(casePage.body).toContain('Đã thông báo đơn vị');
    const confirmed = await postForm(f.app, officer, `/console/officer/cases/${id}/arrears`, {
      _csrf: csrfOf(casePage.body),
    });
    expect(confirmed.statusCode, confirmed.body).toBe(303);
    const after = await getWith(f.app, officer, `/console/officer/cases/${id}`);
    expect(after.body).toContain('Xác nhận nợ đóng');
    expect(after.body).toContain('chờ đóng nợ');
    // The officer dismisses it with a reason from the form: the case closes and says why, in words.
    const dismissed = await postForm(f.app, officer, `/console/officer/cases/${id}/dismissal`, {
      reason: 'unfounded',
      _csrf: csrfOf(after.body),
    });
    expect(dismissed.statusCode, dismissed.body).toBe(303);
    const ended = await getWith(f.app, officer, `/console/officer/cases/${id}`);
    expect(ended.body).toContain('cán bộ đình chỉ vụ việc — không có căn cứ sau khi thanh tra');
    expect(ended.body).not.toContain('action="/console/officer/cases/' + id + '/dismissal"');
    // A reason the form does not offer is refused on the page with its code.
    const again = await postForm(f.app, officer, `/console/officer/cases/${id}/dismissal`, {
      reason: 'bored',
      _csrf: csrfOf(ended.body),
    });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('INVALID_DISMISSAL');
    expect(await f.client.workflow.getHandle(`declaration-case:${id}`).result()).toEqual({
      caseId: Number(id),
      outcome: 'dismissed',
    });
  });
});

/**
 * problem+json in the language the caller asks for (issue #13): the title and the detail come from
 * the catalog by code, Vietnamese by default, English by Accept-Language (with q-values); the code
 * and the field stay the same; Content-Language and Vary: Accept-Language name what was chosen.
 * Against the real API on a real PostgreSQL database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiFixture, bearer, type ApiFixture } from './fixture';

let f: ApiFixture;
let officer: string;
const json = (r: { body: string }) => JSON.parse(r.body) as Record<string, unknown>;

beforeAll(async () => {
  f = await apiFixture('language');
  officer = await f.token({ role: 'officer', subject: 'officer:lan' });
});
afterAll(async () => f?.close());

describe('problem+json by Accept-Language', () => {
  const unknownParticipant = (headers: Record<string, string> = {}) =>
    f.app.inject({
      method: 'GET',
      url: '/v1/participants/000000000001/ebook',
      headers: { ...bearer(officer), ...headers },
    });

  it('answers in Vietnamese by default, in English when asked, with the same code', async () => {
    const vi = await unknownParticipant();
    const en = await unknownParticipant({ 'accept-language': 'en-GB,en;q=0.9' });
    expect(vi.statusCode).toBe(en.statusCode);
    expect(json(vi).code).toBe(json(en).code);
    expect(vi.headers['content-language']).toBe('vi');
    expect(en.headers['content-language']).toBe('en');
    expect(String(vi.headers['vary'])).toMatch(/accept-language/i);
    expect(String(en.headers['vary'])).toMatch(/accept-language/i);
    expect(json(vi).title).toBe('Không tìm thấy');
    expect(json(en).title).toBe('Not Found');
    expect(json(vi).detail).not.toBe(json(en).detail);
    expect(json(vi).detail).toMatch(/[ạảãáàâấầẩẫậăắằẳẵặđêếềểễệôốồổỗộơớờởỡợưứừửữựíìỉĩịúùủũụóòỏõọéèẻẽẹýỳỷỹỵ]/i);
  });

  it('weighs q-values: a higher q for Vietnamese wins over English listed first; an unknown language falls back to Vietnamese', async () => {
    const r = await unknownParticipant({ 'accept-language': 'en;q=0.3, vi;q=0.9' });
    expect(r.headers['content-language']).toBe('vi');
    const fr = await unknownParticipant({ 'accept-language': 'fr-FR, de;q=0.8' });
    expect(fr.headers['content-language']).toBe('vi');
  });

  it('keeps the failing field in the detail and writes each errors[] message in the chosen language', async () => {
    const bad = (lang: string) =>
      f.app.inject({
        method: 'POST',
        url: `/v1/participants/${f.a.employees[0]!.personalId}/ebook/email`,
        headers: { ...bearer(officer), 'idempotency-key': 'short', 'accept-language': lang },
      });
    const vi = await bad('vi');
    const en = await bad('en');
    expect(vi.statusCode).toBe(400);
    expect(json(vi).code).toBe('INVALID_IDEMPOTENCY_KEY');
    expect(json(en).code).toBe('INVALID_IDEMPOTENCY_KEY');
    expect(json(vi).field).toBe(json(en).field);
    expect(json(vi).detail).toContain('Khóa idempotency gồm 8 đến 100');
    expect(json(en).detail).toContain('8 to 100 letters, digits');
    expect(json(vi).detail).toContain(String(json(vi).field));
    const viErrors = json(vi).errors as { code: string; message: string }[];
    const enErrors = json(en).errors as { code: string; message: string }[];
    expect(viErrors[0]!.code).toBe(enErrors[0]!.code);
    expect(viErrors[0]!.message).toMatch(/8 đến 100/);
    expect(enErrors[0]!.message).toMatch(/8 to 100/);
  });

  it('answers authentication refusals from the catalog too', async () => {
    const vi = await f.app.inject({ method: 'GET', url: '/v1/tasks' });
    const en = await f.app.inject({ method: 'GET', url: '/v1/tasks', headers: { 'accept-language': 'en' } });
    expect(vi.statusCode).toBe(401);
    expect(json(vi).code).toBe('UNAUTHENTICATED');
    expect(json(vi).title).toBe('Chưa xác thực');
    expect(json(vi).detail).toBe('Cần đăng nhập (mã truy cập Bearer).');
    expect(json(en).detail).toBe('Authentication is required (a Bearer token).');
  });

  it('answers a route that does not exist in the chosen language', async () => {
    const r = await f.app.inject({ method: 'GET', url: '/v1/nowhere', headers: { 'accept-language': 'en' } });
    expect(r.statusCode).toBe(404);
    expect(json(r)).toMatchObject({ code: 'NOT_FOUND', title: 'Not Found', detail: 'Not found.' });
  });
});

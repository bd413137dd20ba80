/**
 * problem+json in the language the caller asks for (issue #13): the title and the detail come from
 * the catalog by code, Vietnamese by default, English by Accept-Language (with q-values); the code
 * and the field stay the same; Content-Language and Vary: Accept-Language name what was chosen.
 * The title is the code's (RFC 9457: the same for every occurrence); the detail carries the
 * occurrence's specifics — amounts, dates, months, bounds — written as each language writes them,
 * and the CLI's error line says the same. Against the real API on a real PostgreSQL database, and
 * the real `ansinh` binary.
 *
 * @date-sensitive One claim is filed for today (the injected clock), to be refused an Update.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleSubmission } from '../../dev/sample';
import { addDays, monthOf } from '../../domain/calendar';
import type { OnboardingSubmission } from '../../domain/schemas';
import { createClaimant } from '../setup/claimants';
import { testClock } from '../setup/harness';
import { TEST_PAYLOAD_KEYS_ENV } from '../setup/keys';
import { apiFixture, bearer, onboardDirectly, type ApiFixture } from './fixture';

let f: ApiFixture;
let officer: string;
const json = (r: { body: string }) => JSON.parse(r.body) as Record<string, unknown>;

beforeAll(async () => {
  f = await apiFixture('language', { worker: true });
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

describe('problem+json titles by code and details with their specifics', () => {
  type Problem = { status: number; code: string; title: string; detail: string; field?: string };
  const send = async (url: string, body: unknown, lang: 'vi' | 'en'): Promise<Problem> => {
    const r = await f.app.inject({
      method: 'POST',
      url,
      headers: { ...bearer(officer), 'content-type': 'application/json', 'accept-language': lang },
      payload: JSON.stringify(body),
    });
    expect(String(r.headers['content-type'])).toMatch(/^application\/problem\+json/);
    return { ...(json(r) as unknown as Problem), status: r.statusCode };
  };
  const both = async (url: string, body: unknown) => ({
    vi: await send(url, body, 'vi'),
    en: await send(url, body, 'en'),
  });

  /** A dossier whose one employee earns less than region I's minimum wage in the start month. */
  const underpaid = (seed: number, startMonth: string): OnboardingSubmission => {
    const sub = sampleSubmission(seed, 1, { startMonth, employer: { wageRegion: 'I' } });
    sub.employees[0]!.salary = 1_000_000 as never;
    return sub;
  };

  it('titles a rule refusal by its code, the same for two occurrences, and writes its amount and month per language', async () => {
    // Region I's minimum wage: 4,960,000 from July 2024 (Decree 74/2024), 5,310,000 from January 2026 (Decree 293/2025).
    const june = await both('/v1/onboardings', underpaid(9711, '2025-06'));
    const march = await both('/v1/onboardings', underpaid(9712, '2026-03'));
    for (const r of [june.vi, june.en, march.vi, march.en]) {
      expect(r.status).toBe(422);
      expect(r.code).toBe('SALARY_BELOW_FLOOR');
      expect(r.field).toBe('employees[0].salary');
    }
    expect(june.vi.title).toBe('Lương dưới mức tối thiểu vùng');
    expect(june.en.title).toBe('Salary below the regional minimum');
    expect(march.vi.title).toBe(june.vi.title);
    expect(march.en.title).toBe(june.en.title);
    expect(june.vi.detail).toBe(
      'Tiền lương thấp hơn mức lương tối thiểu vùng I là 4.960.000 ₫ áp dụng trong tháng 06/2025. Trường: employees[0].salary.',
    );
    expect(june.en.detail).toBe(
      'The salary is below the region I minimum wage of 4,960,000 ₫ in force in 2025-06. Field: employees[0].salary.',
    );
    expect(march.vi.detail).toContain('5.310.000 ₫ áp dụng trong tháng 03/2026');
    expect(march.en.detail).toContain('5,310,000 ₫ in force in 2026-03');
    // The person's own salary is not repeated back.
    for (const r of [june.vi, june.en]) expect(r.detail).not.toMatch(/1[.,]000[.,]000/);
  });

  it('writes the bounds of a validation error (a minimum, a maximum) in the words and digits of each language', async () => {
    const url = `/v1/onboardings/onboarding:${f.a.employer.taxCode}/decision`;
    const short = await both(url, { decision: 'reject', reason: 'ab' });
    expect(short.vi).toMatchObject({ status: 400, code: 'INVALID_TEXT', title: 'Nội dung không hợp lệ' });
    expect(short.en).toMatchObject({ status: 400, code: 'INVALID_TEXT', title: 'Invalid text' });
    expect(short.vi.detail).toBe('Nội dung cần ít nhất 3 ký tự (không kể khoảng trắng ở hai đầu). Trường: reason.');
    expect(short.en.detail).toBe(
      'The text needs at least 3 characters (not counting spaces at either end). Field: reason.',
    );
    const long = await both(url, { decision: 'reject', reason: 'x'.repeat(1001) });
    expect(long.vi).toMatchObject({ status: 400, code: 'TEXT_TOO_LONG', title: 'Nội dung quá dài' });
    expect(long.vi.detail).toBe('Nội dung quá dài: tối đa 1.000 ký tự. Trường: reason.');
    expect(long.en.detail).toBe('The text is too long: at most 1,000 characters. Field: reason.');
    // zod's own checks too: an empty list, with its errors[] entry in the same words.
    const empty = await f.app.inject({
      method: 'POST',
      url: `/v1/employers/${f.a.employer.taxCode}/declarations`,
      headers: { ...bearer(officer), 'content-type': 'application/json', 'accept-language': 'vi' },
      payload: JSON.stringify({ declarations: [] }),
    });
    expect(json(empty)).toMatchObject({ code: 'INVALID_INPUT', title: 'Dữ liệu không hợp lệ', field: 'declarations' });
    expect(json(empty).detail).toBe('Cần ít nhất 1 mục. Trường: declarations.');
    expect((json(empty).errors as { message: string }[])[0]!.message).toBe('Cần ít nhất 1 mục.');
    // The specifics are written into the texts, not answered as such.
    expect((json(empty).errors as object[])[0]).not.toHaveProperty('params');
    expect(json(empty)).not.toHaveProperty('params');
  });

  it('writes the dates of a refused claim day first in Vietnamese, ISO in English', async () => {
    const sub = sampleSubmission(9713, 1, { startMonth: '2026-10' });
    await onboardDirectly(f.tdb, sub);
    const filing = {
      personalId: sub.employees[0]!.personalId,
      terminationDate: '2026-09-15',
      filingDate: '2026-09-20',
      region: 'I',
      contractMonths: 12,
      terminationReason: 'contract_expired',
    };
    const r = await both('/v1/claims', filing);
    expect(r.vi).toMatchObject({
      status: 422,
      code: 'TERMINATION_BEFORE_EMPLOYMENT',
      title: 'Chấm dứt trước khi làm việc',
    });
    expect(r.en.title).toBe('Termination before employment');
    expect(r.vi.detail).toBe(
      'Ngày chấm dứt 15/09/2026 trước khi quá trình làm việc đầu tiên bắt đầu (tháng 10/2026). Trường: terminationDate.',
    );
    expect(r.en.detail).toBe(
      'The termination date 2026-09-15 is before the first employment on record began (2026-10). Field: terminationDate.',
    );
  });

  it('titles a conflict by its code and names what it conflicts with', async () => {
    const a = await both('/v1/onboardings', f.a);
    const b = await both('/v1/onboardings', f.b);
    for (const r of [a.vi, a.en, b.vi, b.en]) expect(r).toMatchObject({ status: 409, code: 'EMPLOYER_ALREADY_ACTIVE' });
    expect(a.vi.title).toBe('Đơn vị đã hoạt động');
    expect(b.vi.title).toBe(a.vi.title);
    expect(a.en.title).toBe('Employer already active');
    expect(b.en.title).toBe(a.en.title);
    expect(a.vi.detail).toBe(
      `Đơn vị ${f.a.employer.taxCode} đã đăng ký và đang hoạt động: hãy khai báo tăng lao động. Trường: employer.taxCode.`,
    );
    expect(b.en.detail).toBe(
      `The employer ${f.b.employer.taxCode} is already registered and active: declare hires instead. Field: employer.taxCode.`,
    );
  });

  it("keeps a workflow's refusal of an Update with its code and its specifics (the claim's state, in words)", async () => {
    const today = testClock.today();
    const terminationDate = addDays(today, -7);
    const c = await createClaimant(f.tdb.db, {
      lastMonth: monthOf(terminationDate),
      months: 24,
      salary: 12_000_000,
      seed: 97_161,
    });
    const filed = await f.app.inject({
      method: 'POST',
      url: '/v1/claims',
      headers: bearer(officer),
      payload: {
        personalId: c.personalId,
        terminationDate,
        filingDate: today,
        region: 'I',
        contractMonths: 36,
        terminationReason: 'contract_expired',
      },
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const claimId = String(json(filed).claimId);
    // No report is expected before a decision: the claim is in intake or awaiting the decision.
    const vi = await send(`/v1/claims/${claimId}/reports`, {}, 'vi');
    const en = await send(`/v1/claims/${claimId}/reports`, {}, 'en');
    expect(vi).toMatchObject({ status: 409, code: 'WRONG_STATE', title: 'Sai trạng thái' });
    expect(en).toMatchObject({ status: 409, code: 'WRONG_STATE', title: 'Wrong state' });
    expect(vi.detail).toMatch(
      /^Hồ sơ đang ở trạng thái (đang tiếp nhận|chờ quyết định): không cho phép thao tác này\.$/,
    );
    expect(en.detail).toMatch(/^The case is (in intake|awaiting the decision): that does not allow this\.$/);
  });

  it('gives the same detail on the command line, in either language', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ansinh-lang-'));
    const file = path.join(dir, 'dossier.json');
    writeFileSync(file, JSON.stringify(underpaid(9714, '2025-06')));
    const api = await both('/v1/onboardings', underpaid(9714, '2025-06'));
    const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'silent', ...TEST_PAYLOAD_KEYS_ENV };
    for (const k of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'ANSINH_LANG']) delete env[k];
    const cli = async (lang: string) => {
      const bin = path.join(process.cwd(), 'bin', 'ansinh.cjs');
      try {
        await promisify(execFile)(process.execPath, [bin, '--lang', lang, 'employer', 'onboard', file], {
          env: { ...env, ANSINH_HOME: dir },
          timeout: 60_000,
        });
        return { code: 0, stderr: '' };
      } catch (err) {
        return err as { code: number; stderr: string };
      }
    };
    const vi = await cli('vi');
    const en = await cli('en');
    expect(vi.code).toBe(2);
    expect(vi.stderr).toBe(`error: SALARY_BELOW_FLOOR: ${api.vi.detail}\n`);
    expect(en.stderr).toBe(`error: SALARY_BELOW_FLOOR: ${api.en.detail}\n`);
    expect(vi.stderr).toContain('4.960.000 ₫');
  });
});

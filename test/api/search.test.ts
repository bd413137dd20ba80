/**
 * Participant and employer search through the API, against real PostgreSQL: by personal ID, SI
 * number, and the start of a name with accents and case ignored ("nguyen van" finds "Nguyễn Văn
 * An", "dang" finds "Đặng"); pages by cursor; every person returned access-logged, nothing logged
 * for a refused search. And the folding itself: migration 0012's SQL is domain/search.ts's, and
 * the database folds every Vietnamese letter as TypeScript does.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER, openDatabase, queryRows } from '../../db/client';
import { searchEmployers, searchParticipants } from '../../services/search';
import { accessLog, participants } from '../../db/schema';
import {
  FOLD_FROM,
  foldName,
  foldNameSql,
  parseEmployerQuery,
  parseParticipantQuery,
  type ParticipantQuery,
} from '../../domain/search';
import { formatSiNumber } from '../../domain/onboarding';
import { apiFixture, bearer, type ApiFixture } from './fixture';

let f: ApiFixture;
let officer: string;
beforeAll(async () => {
  // Limits out of reach: many searches in a row (the tight bucket is test/api/rate-limit.test.ts's).
  f = await apiFixture('search', { rateLimits: { tight: 1e9, loose: 1e9, windowMs: 60_000, facilityAlert: 1e9 } });
  officer = await f.token({ role: 'officer', subject: 'officer:search' });
});
afterAll(async () => {
  await f?.close();
});

const json = (r: { body: string }) => JSON.parse(r.body);
const get = (url: string, token = officer) => f.app.inject({ url, headers: bearer(token) });
let serial = 0;
/** A participant with this name (a personal ID of 1990, female, and an SI number of its own). */
async function person(fullName: string): Promise<{ personalId: string; siNumber: string; fullName: string }> {
  serial++;
  const personalId = `0481900${String(10_000 + serial).padStart(5, '0')}`;
  const siNumber = formatSiNumber('48', 70_000_000 + serial);
  await f.tdb.db.execute(sql`insert into participants (personal_id, si_number, full_name, date_of_birth, gender)
    values (${personalId}, ${siNumber}, ${fullName}, '1990-03-04', 'female')`);
  return { personalId, siNumber, fullName };
}
const logged = async (personalId: string) =>
  (await f.tdb.db.select().from(accessLog).where(eq(accessLog.personalId, personalId))).length;
const totalLogged = async () =>
  Number((await queryRows<{ n: number }>(f.tdb.db, sql`select count(*)::int as n from access_log`))[0]!.n);

describe('the folding (migration 0012 and domain/search.ts)', () => {
  it("the migration's generated columns are foldName written in SQL, with the same strings", () => {
    const migration = readFileSync(path.join(MIGRATIONS_FOLDER, '0012_lists_search.sql'), 'utf8');
    expect(migration).toContain(`GENERATED ALWAYS AS (${foldNameSql('"full_name"')}) STORED`);
    expect(migration).toContain(`GENERATED ALWAYS AS (${foldNameSql('"name"')}) STORED`);
  });

  it('the database folds every letter the table knows (all 134 Vietnamese letters with a mark, both cases) as TypeScript does', async () => {
    const p = await person([...FOLD_FROM].join(' '));
    const [row] = await f.tdb.db
      .select({ searchName: participants.searchName })
      .from(participants)
      .where(eq(participants.personalId, p.personalId));
    expect(row!.searchName).toBe(foldName(p.fullName));
    expect(row!.searchName).toMatch(/^[a-z ]+$/);
  });

  it('and any name made of them, spaces, other letters and decomposed input alike (property)', async () => {
    const p = await person('x');
    const alphabet = fc.constantFrom(...FOLD_FROM, ' ', '  ', 'a', 'z', 'ß', 'Ω', 'ç', "'", '-', 'e\u0301', 'Ê\u0300');
    await fc.assert(
      fc.asyncProperty(fc.array(alphabet, { minLength: 1, maxLength: 30 }), async (chars) => {
        const name = `N${chars.join('')}`; // never blank (participants_name_not_blank)
        await f.tdb.db.update(participants).set({ fullName: name }).where(eq(participants.personalId, p.personalId));
        const [row] = await f.tdb.db
          .select({ searchName: participants.searchName })
          .from(participants)
          .where(eq(participants.personalId, p.personalId));
        expect(row!.searchName, JSON.stringify(name)).toBe(foldName(name));
      }),
      { numRuns: 60 },
    );
    await f.tdb.db.delete(participants).where(eq(participants.personalId, p.personalId));
  });
});

describe('embedded PGlite (the default database) runs migration 0012 and the same searches', () => {
  it('folds, finds by name prefix with and without accents, pages, and finds employers', async () => {
    const h = await openDatabase({});
    try {
      await h.migrate();
      const names = ['Nguyễn Văn An', 'NGUYỄN VĂN BÌNH', 'Đặng Thị Lan', 'Nguyen Van Cuong', 'Trần Văn An'];
      for (const [i, name] of names.entries())
        await h.db.execute(sql`insert into participants (personal_id, si_number, full_name, date_of_birth, gender)
          values (${`00119000000${i}`}, ${`790000000${i}`}, ${name}, '1990-01-01', 'female')`);
      await h.db
        .execute(sql`insert into employers (tax_code, name, address, province_code, wage_region, category, status)
        values ('0312345670', 'Công ty Đông Á', 'Huế', '46', 'II', 'enterprise', 'pending')`);
      const q = (s: string) => parseParticipantQuery(s) as ParticipantQuery;
      const first = await searchParticipants(h.db, q('nguyen van'), { after: null, limit: 2 });
      expect(first.items.map((p) => p.fullName)).toEqual(['Nguyễn Văn An', 'NGUYỄN VĂN BÌNH']);
      const second = await searchParticipants(h.db, q('nguyen van'), { after: first.next, limit: 2 });
      expect(second).toEqual({ items: [expect.objectContaining({ fullName: 'Nguyen Van Cuong' })], next: null });
      expect(
        (await searchParticipants(h.db, q('dang'), { after: null, limit: 50 })).items.map((p) => p.fullName),
      ).toEqual(['Đặng Thị Lan']);
      const [row] = await queryRows<{ search_name: string }>(
        h.db,
        sql`select search_name from participants where full_name = 'Đặng Thị Lan'`,
      );
      expect(row!.search_name).toBe(foldName('Đặng Thị Lan'));
      const dong = parseEmployerQuery('cong ty dong') as Exclude<
        ReturnType<typeof parseEmployerQuery>,
        { code: string }
      >;
      expect((await searchEmployers(h.db, dong, { after: null, limit: 50 })).items.map((e) => e.taxCode)).toEqual([
        '0312345670',
      ]);
    } finally {
      await h.close();
    }
  });
});

describe('GET /v1/participants?q=', () => {
  let an: Awaited<ReturnType<typeof person>>;
  let binh: Awaited<ReturnType<typeof person>>;
  let caps: Awaited<ReturnType<typeof person>>;
  let dang: Awaited<ReturnType<typeof person>>;
  let plain: Awaited<ReturnType<typeof person>>;
  let nfd: Awaited<ReturnType<typeof person>>;
  beforeAll(async () => {
    an = await person('Nguyễn Văn An');
    binh = await person('Nguyễn Văn Bình');
    caps = await person('NGUYỄN VĂN CƯỜNG');
    dang = await person('Đặng Thị Lan');
    plain = await person('Nguyen Van Dung');
    nfd = await person('Nguyễn Vân Em'.normalize('NFD'));
  });

  /** Everyone whose name folds to a start of `prefix`, as the API must list them: folded name, then personal ID, byte order. */
  async function expected(prefix: string): Promise<string[]> {
    const all = await f.tdb.db.select({ id: participants.personalId, name: participants.fullName }).from(participants);
    const cmp = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));
    return all
      .map((p) => ({ id: p.id, key: foldName(p.name) }))
      .filter((p) => p.key.startsWith(prefix))
      .sort((a, b) => cmp(a.key, b.key) || cmp(a.id, b.id))
      .map((p) => p.id);
  }
  const ids = (r: { body: string }) => (json(r).items as { personalId: string }[]).map((x) => x.personalId);

  it('by personal ID and by SI number: that one person, with their SI number, name, birth date and gender', async () => {
    const byId = await get(`/v1/participants?q=${an.personalId}`);
    expect(byId.statusCode, byId.body).toBe(200);
    expect(json(byId)).toEqual({
      items: [
        {
          personalId: an.personalId,
          siNumber: an.siNumber,
          fullName: 'Nguyễn Văn An',
          dateOfBirth: '1990-03-04',
          gender: 'female',
        },
      ],
      nextCursor: null,
    });
    const bySi = await get(`/v1/participants?q=${binh.siNumber}`);
    expect(ids(bySi)).toEqual([binh.personalId]);
    expect(json(await get('/v1/participants?q=000000000000')).items).toEqual([]);
  });

  it('"nguyen van" finds every Nguyễn Văn whatever their accents and case — decomposed names too — and "nguyen van a" finds Nguyễn Văn An', async () => {
    const r = await get(`/v1/participants?q=${encodeURIComponent('nguyen van')}`);
    expect(r.statusCode, r.body).toBe(200);
    expect(ids(r)).toEqual(expect.arrayContaining([an.personalId, binh.personalId, caps.personalId, plain.personalId]));
    expect(ids(r)).not.toContain(dang.personalId);
    expect(ids(r)).toContain(nfd.personalId); // Vân folds to "van" as Văn does, and a decomposed name is folded from NFC
    expect(ids(r)).toEqual(await expected('nguyen van'));
    expect(ids(await get(`/v1/participants?q=${encodeURIComponent('Nguyễn Văn A')}`))).toEqual(
      await expected('nguyen van a'),
    );
    expect(ids(await get(`/v1/participants?q=${encodeURIComponent('nguyen van a')}`))).toContain(an.personalId);
    expect(ids(await get(`/v1/participants?q=${encodeURIComponent('nguyen van e')}`))).toContain(nfd.personalId);
    expect(ids(await get(`/v1/participants?q=${encodeURIComponent('NGUYỄN VĂN C')}`))).toContain(caps.personalId);
  });

  it('"dang" and "Đặng" find Đặng (đ = d); "đa" too', async () => {
    for (const q of ['dang', 'Đặng', 'DANG THI', 'đa']) {
      const r = await get(`/v1/participants?q=${encodeURIComponent(q)}`);
      expect(r.statusCode, r.body).toBe(200);
      expect(ids(r), q).toContain(dang.personalId);
      expect(ids(r), q).toEqual(await expected(foldName(q)));
    }
  });

  it('pages by cursor: every match once, in order, the last page with nextCursor null', async () => {
    for (let i = 0; i < 23; i++)
      await person(`Trịnh Công ${String.fromCharCode(65 + (i % 26))}${'a'.repeat(i % 3)} Sơn`);
    const want = await expected('trinh cong');
    expect(want.length).toBeGreaterThanOrEqual(23);
    const got: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const r = await get(
        `/v1/participants?q=trinh%20cong&limit=10${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(r.statusCode, r.body).toBe(200);
      const page = json(r);
      expect(page.items.length).toBeLessThanOrEqual(10);
      got.push(...ids(r));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(got).toEqual(want);
    expect(pages).toBe(Math.ceil(want.length / 10));
  });

  it('writes one access-log row per person returned (the officer, the route), none for anyone else', async () => {
    const before = {
      an: await logged(an.personalId),
      binh: await logged(binh.personalId),
      dang: await logged(dang.personalId),
    };
    const r = await get(`/v1/participants?q=${encodeURIComponent('Nguyễn Văn A')}`);
    expect(ids(r)).toContain(an.personalId);
    expect(ids(r)).not.toContain(binh.personalId);
    expect(await logged(an.personalId)).toBe(before.an + 1);
    expect(await logged(binh.personalId)).toBe(before.binh);
    expect(await logged(dang.personalId)).toBe(before.dang);
    const [row] = await f.tdb.db
      .select()
      .from(accessLog)
      .where(eq(accessLog.personalId, an.personalId))
      .orderBy(sql`${accessLog.id} desc`)
      .limit(1);
    expect(row).toMatchObject({ principalRef: 'officer:search', role: 'officer', purpose: 'GET /v1/participants' });
  });

  it('a q that is no personal ID, no SI number and not two letters of a name is 400 with its code, and logs nothing', async () => {
    const before = await totalLogged();
    const cases: [string, string][] = [
      ['N', 'SEARCH_TOO_SHORT'],
      ['%C4%90', 'SEARCH_TOO_SHORT'], // Đ
      ['12345', 'INVALID_SEARCH'],
      ['0483900100011', 'INVALID_SEARCH'], // 13 digits
      ['ng%25', 'INVALID_SEARCH'], // a LIKE wildcard is no letter
      ['a_b', 'INVALID_SEARCH'],
      ['', 'INVALID_TEXT'],
    ];
    for (const [q, code] of cases) {
      const r = await get(`/v1/participants?q=${q}`);
      expect(r.statusCode, `${q}: ${r.body}`).toBe(400);
      expect(json(r), q).toMatchObject({ code, field: 'querystring.q' });
    }
    const none = await get('/v1/participants');
    expect(none.statusCode).toBe(400);
    // Refused callers read nothing either (the matrix in authz.test.ts has every role).
    const employer = await f.token({ role: 'employer', taxCode: f.a.employer.taxCode });
    expect((await get('/v1/participants?q=nguyen', employer)).statusCode).toBe(403);
    expect(await totalLogged()).toBe(before);
  });

  it('a cursor this API did not give out, or another list’s, is 400 INVALID_CURSOR; a limit outside 1–200 is 400', async () => {
    const other = Buffer.from(JSON.stringify(['2026-01-01', '00000000-0000-4000-8000-000000000000'])).toString(
      'base64url',
    );
    for (const cursor of ['abc', other, Buffer.from('[1,2]').toString('base64url')]) {
      const r = await get(`/v1/participants?q=nguyen&cursor=${cursor}`);
      expect(r.statusCode, r.body).toBe(400);
      expect(json(r).code).toBe('INVALID_CURSOR');
    }
    for (const limit of ['0', '201', 'x', '1.5']) {
      const r = await get(`/v1/participants?q=nguyen&limit=${limit}`);
      expect(r.statusCode, r.body).toBe(400);
      expect(json(r).code).toBe('INVALID_LIMIT');
    }
  });
});

describe('GET /v1/employers?q=', () => {
  const taxCodes = ['0312345670', '0312345671', '0312345672', '0312399990-001'];
  beforeAll(async () => {
    const names = [
      'Công ty TNHH Đông Á',
      'CÔNG TY CỔ PHẦN ĐÔNG Á',
      'Hợp tác xã Đồng Tâm',
      'Công ty Đông Á chi nhánh Huế',
    ];
    for (const [i, taxCode] of taxCodes.entries()) {
      await f.tdb.db
        .execute(sql`insert into employers (tax_code, name, address, province_code, wage_region, category, status)
        values (${taxCode}, ${names[i]!}, 'Huế', '46', 'II', 'enterprise', 'pending')`);
    }
  });
  const codes = (r: { body: string }) => (json(r).items as { taxCode: string }[]).map((x) => x.taxCode);

  it('by the start of a tax code, in tax-code order; by the start of a name, accents and case ignored', async () => {
    const r = await get('/v1/employers?q=03123');
    expect(r.statusCode, r.body).toBe(200);
    expect(codes(r)).toEqual(taxCodes);
    expect(json(r).items[0]).toEqual({
      taxCode: '0312345670',
      name: 'Công ty TNHH Đông Á',
      status: 'pending',
      provinceCode: '46',
      unitCode: null,
    });
    expect(codes(await get('/v1/employers?q=0312399990-0'))).toEqual(['0312399990-001']);
    expect(codes(await get(`/v1/employers?q=${encodeURIComponent('cong ty co phan dong')}`))).toEqual(['0312345671']);
    expect(codes(await get(`/v1/employers?q=${encodeURIComponent('hop tac xa dong')}`))).toEqual(['0312345672']);
    const dong = codes(await get(`/v1/employers?q=${encodeURIComponent('công ty')}`));
    expect(dong).toEqual(expect.arrayContaining(['0312345670', '0312345671', '0312399990-001']));
    expect(dong).not.toContain('0312345672');
  });

  it('pages by cursor (by name without q), every employer once; too short a query is 400 SEARCH_TOO_SHORT', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const r = await get(`/v1/employers?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(r.statusCode, r.body).toBe(200);
      seen.push(...codes(r));
      cursor = json(r).nextCursor;
    } while (cursor);
    const all = await queryRows<{ tax_code: string }>(f.tdb.db, sql`select tax_code from employers`);
    expect([...seen].sort()).toEqual(all.map((e) => e.tax_code).sort());
    expect(new Set(seen).size).toBe(seen.length);
    const tax = codes(await get('/v1/employers?q=031&limit=3'));
    expect(tax).toEqual(taxCodes.slice(0, 3));
    for (const q of ['0', 'C']) {
      const r = await get(`/v1/employers?q=${q}`);
      expect(r.statusCode).toBe(400);
      expect(json(r).code).toBe('SEARCH_TOO_SHORT');
    }
  });
});

/**
 * Red-team review of the shared parts of issue #14 (commit 25ca487): services/otp.ts,
 * services/seal.ts, services/evidence.ts against real PostgreSQL. Each test here is a problem
 * found by attacking them as a hostile participant or a careless caller would; each fails on the
 * code as it landed and passes once the problem is fixed. (What held up is in the review report.)
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { evidenceDocuments, oneTimeCodes, outbox } from '../../db/schema';
import { createClock } from '../../runtime/clock';
import { attachEvidence, cleanFilename, MAX_EVIDENCE_PER_PROCESS, type Upload } from '../../services/evidence';
import { checkOneTimeCode, issueOneTimeCode, openOtpNotice, type OtpDeps } from '../../services/otp';
import { createTestDatabase, testClock, type TestDatabase } from '../setup/harness';

let tdb: TestDatabase;
const SECRET = 'otp-redteam-secret-0123456789abcdefghij';
const deps: OtpDeps = { secret: SECRET, clock: () => testClock() };
const PERSON_A = '079209140101';
const PERSON_B = '079209140102';

beforeAll(async () => {
  tdb = await createTestDatabase('otp_redteam');
});
afterAll(async () => tdb.drop());
beforeEach(async () => {
  await tdb.db.execute(sql`delete from one_time_codes; delete from outbox; delete from evidence_documents`);
});

const issueWith = (d: OtpDeps, key: string, over: { recipientId?: string; email?: string } = {}) =>
  tdb.db.transaction((tx) =>
    issueOneTimeCode(tx, d, {
      processKey: key,
      purpose: 'contact.email',
      recipientType: 'participant',
      recipientId: over.recipientId ?? PERSON_A,
      email: over.email ?? 'moi@example.vn',
    }),
  );

async function sentCode(codeId: number): Promise<string> {
  const rows = await tdb.db.select().from(outbox);
  const n = rows.find((r) => r.dedupeKey === `otp:${codeId}`);
  return openOtpNotice(SECRET, n!.payload)!.code;
}

const rowCount = async (table: typeof oneTimeCodes | typeof outbox | typeof evidenceDocuments) =>
  (await tdb.db.select().from(table)).length;

describe('one-time codes (red team)', () => {
  it('a code issued on a pinned date just before local midnight does not stay valid for a day', async () => {
    // ANSINH_TODAY pins the date while the time of day runs: at local midnight the clock jumps
    // back 24 hours. A code issued at 23:55 must not be accepted 35 real minutes later.
    let realMs = Date.parse('2026-06-15T16:55:00Z'); // 23:55 in Asia/Ho_Chi_Minh
    const pinned: OtpDeps = {
      secret: SECRET,
      clock: createClock({ pinnedDate: '2026-06-15', source: () => realMs }),
    };
    const { codeId } = await issueWith(pinned, 'recovery:9140');
    const code = await sentCode(codeId);
    realMs += 35 * 60_000; // 00:30 the next day in Vietnam; the pinned clock reads 00:30 on the 15th
    const outcome = await tdb.db.transaction((tx) =>
      checkOneTimeCode(tx, pinned, { processKey: 'recovery:9140', code }),
    );
    expect(outcome).toMatchObject({ ok: false });
  });

  it("a step's code is not re-issued to another person (which would also kill the owner's code)", async () => {
    const { codeId } = await issueWith(deps, 'data-update:9141:email', { recipientId: PERSON_A });
    const ownersCode = await sentCode(codeId);
    // Another person (a caller that forgot to check whose request 9141 is) asks for the same step.
    await expect(
      issueWith(deps, 'data-update:9141:email', { recipientId: PERSON_B, email: 'ke-khac@example.vn' }),
    ).rejects.toMatchObject({ code: expect.any(String) });
    expect(
      await tdb.db.transaction((tx) =>
        checkOneTimeCode(tx, deps, { processKey: 'data-update:9141:email', code: ownersCode }),
      ),
    ).toMatchObject({ ok: true });
  });

  it('an address that names several recipients, carries a header or cannot be opened again is refused, writing nothing', async () => {
    const bad = [
      'moi@example.vn, ke-gian@example.vn', // the code would go to two mailboxes
      'moi@example.vn\r\nBcc: ke-gian@example.vn',
      `${'a'.repeat(7000)}@example.vn`, // sealed, it is longer than openOtpNotice accepts: never deliverable
    ];
    for (const [i, email] of bad.entries()) {
      await expect(issueWith(deps, `recovery:914${i + 2}`, { email })).rejects.toMatchObject({
        code: expect.any(String),
      });
    }
    expect(await rowCount(oneTimeCodes)).toBe(0);
    expect(await rowCount(outbox)).toBe(0);
  });
});

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n%%EOF\n');

describe('evidence documents (red team)', () => {
  const attach = (bytes: Buffer, extra: Partial<Upload> & { ownerKey?: string } = {}) =>
    tdb.db.transaction((tx) =>
      attachEvidence(tx, {
        ownerKey: 'data-update:9150',
        uploadedBy: `participant:${PERSON_A}`,
        at: deps.clock(),
        bytes,
        ...extra,
      }),
    );
  const variant = (i: number | string) => Buffer.concat([PDF, Buffer.from(`% ${i}\n`)]);

  /** Resolves when `p` has settled or some session of this database waits for a lock. */
  async function settledOrBlocked(p: Promise<unknown>): Promise<void> {
    let done = false;
    void p.then(
      () => (done = true),
      () => (done = true),
    );
    for (;;) {
      if (done) return;
      const [row] = (await tdb.db.execute(
        sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
      )) as unknown as [{ n: number }];
      if (row.n > 0) return;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  it('at most 10 documents for one process, even when two uploads commit at the same time', async () => {
    for (let i = 0; i < MAX_EVIDENCE_PER_PROCESS - 1; i++) await attach(variant(i));
    // Upload A is counted and inserted, but its transaction has not committed yet …
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let inserted!: () => void;
    const aInserted = new Promise<void>((r) => (inserted = r));
    const a = tdb.db.transaction(async (tx) => {
      const r = await attachEvidence(tx, {
        ownerKey: 'data-update:9150',
        uploadedBy: `participant:${PERSON_A}`,
        at: deps.clock(),
        bytes: variant('a'),
      });
      inserted();
      await gate;
      return r;
    });
    await aInserted;
    // … when upload B, other bytes for the same process, comes in.
    const b = attach(variant('b'));
    await settledOrBlocked(b);
    release();
    const results = await Promise.allSettled([a, b]);
    expect(await rowCount(evidenceDocuments)).toBeLessThanOrEqual(MAX_EVIDENCE_PER_PROCESS);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('a PDF that runs JavaScript or launches a program when opened is refused', async () => {
    const active = [
      '%PDF-1.7\n1 0 obj << /Type /Catalog /OpenAction 2 0 R >> endobj\n2 0 obj << /S /JavaScript /JS (app.alert\\(1\\)) >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
      // The same with the name written with a #xx escape, as PDF allows.
      '%PDF-1.7\n1 0 obj << /Type /Catalog /OpenAction 2 0 R >> endobj\n2 0 obj << /S /J#61vaScript /JS (app.alert\\(1\\)) >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
      '%PDF-1.7\n1 0 obj << /Type /Catalog /OpenAction 2 0 R >> endobj\n2 0 obj << /S /Launch /F (cmd.exe) >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
    ];
    for (const [i, text] of active.entries()) {
      await expect(
        attach(Buffer.from(text, 'latin1'), { declaredType: 'application/pdf', filename: `hop-dong-${i}.pdf` }),
      ).rejects.toMatchObject({ code: expect.stringMatching(/^EVIDENCE_/) });
    }
    expect(await rowCount(evidenceDocuments)).toBe(0);
  });

  it('a JPEG or PNG signature followed by SVG or HTML is not an image', async () => {
    const svgAsJpeg = Buffer.concat([
      Buffer.from([0xff, 0xd8, 0xff]),
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.domain)"/>'),
    ]);
    const htmlAsPng = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.from('<html><script>alert(document.domain)</script></html>'),
    ]);
    await expect(attach(svgAsJpeg, { declaredType: 'image/jpeg', filename: 'anh.jpg' })).rejects.toMatchObject({
      code: expect.stringMatching(/^EVIDENCE_/),
    });
    await expect(attach(htmlAsPng, { declaredType: 'image/png', filename: 'anh.png' })).rejects.toMatchObject({
      code: expect.stringMatching(/^EVIDENCE_/),
    });
    expect(await rowCount(evidenceDocuments)).toBe(0);
  });

  it('the stored name ends with the extension of the type the bytes are (no .html, .svg or .exe for a PDF or JPEG)', async () => {
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0xff, 0xd9]);
    const cases: [string, Buffer, RegExp][] = [
      ['bang-luong.html', variant('html'), /\.pdf$/],
      ['\u202Efdp.exe', variant('rlo'), /\.pdf$/], // shown as "exe.pdf" before the RLO was removed; stored as fdp.exe
      ['hop-dong.pdf.exe', variant('exe'), /\.pdf$/],
      ['anh.svg', jpeg, /\.jpe?g$/],
    ];
    for (const [filename, bytes, ext] of cases) {
      const { document } = await attach(bytes, { filename });
      expect(document.filename).toMatch(ext);
    }
  });

  it('the stored name is whole characters on one line, and keeps its extension when cut to 120', async () => {
    // 121 UTF-16 units: slice(0, 120) cuts the last emoji in half; PostgreSQL then stores U+FFFD.
    const emoji = `a${'😀'.repeat(61)}`;
    const { document } = await attach(PDF, { filename: emoji });
    expect(document.filename).not.toMatch(/[\uFFFD\p{Cs}]/u);
    expect(cleanFilename(emoji, 'application/pdf')).not.toMatch(/\p{Cs}/u);
    // U+2028 / U+2029 break a line wherever the name is shown or logged, like CR/LF.
    expect(cleanFilename('bang\u2028luong\u2029.pdf', 'application/pdf')).not.toMatch(/[\u2028\u2029]/);
    expect(cleanFilename(`${'x'.repeat(200)}.pdf`, 'application/pdf')).toMatch(/\.pdf$/);
  });
});

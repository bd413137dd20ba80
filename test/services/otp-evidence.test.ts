/**
 * The one-time codes and the evidence store every self-started process uses (issue #14;
 * services/otp.ts, services/evidence.ts), against real PostgreSQL: only an HMAC of a code is kept;
 * the code and its address travel sealed in the outbox notice; a code expires, allows 5 attempts,
 * and a new code supersedes the old; a wrong attempt is counted even though the answer is a
 * refusal. Evidence: the type by its first bytes, the size limit, the same bytes stored once.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { evidenceDocuments, oneTimeCodes, outbox } from '../../db/schema';
import { DomainError } from '../../domain/errors';
import {
  attachEvidence,
  checkUpload,
  cleanFilename,
  detectEvidenceType,
  evidenceDocument,
  MAX_EVIDENCE_BYTES,
} from '../../services/evidence';
import {
  checkOneTimeCode,
  issueOneTimeCode,
  openOtpNotice,
  OTP_MAX_ATTEMPTS,
  OTP_MAX_PER_HOUR,
  otpRefusal,
  type OtpDeps,
} from '../../services/otp';
import { sealer } from '../../services/seal';
import { createTestDatabase, testClock, type TestDatabase } from '../setup/harness';

let tdb: TestDatabase;
let shift = 0;
const SECRET = 'otp-test-secret-0123456789abcdefghij';
const deps: OtpDeps = { secret: SECRET, clock: () => new Date(testClock().getTime() + shift) };
const KEY = 'data-update:1:email';

beforeAll(async () => {
  tdb = await createTestDatabase('otp_evidence');
});
afterAll(async () => tdb.drop());
beforeEach(async () => {
  shift = 0;
  await tdb.db.execute(sql`delete from one_time_codes; delete from outbox; delete from evidence_documents`);
});

async function issue(key = KEY) {
  return tdb.db.transaction((tx) =>
    issueOneTimeCode(tx, deps, {
      processKey: key,
      purpose: 'contact.email',
      recipientType: 'participant',
      recipientId: '079200000101',
      email: 'moi@example.vn',
    }),
  );
}

async function sentCode(codeId: number): Promise<string> {
  const [n] = await tdb.db
    .select()
    .from(outbox)
    .where(eq(outbox.dedupeKey, `otp:${codeId}`));
  const opened = openOtpNotice(SECRET, n!.payload);
  expect(opened?.to).toBe('moi@example.vn');
  return opened!.code;
}

const check = (code: string, key = KEY) =>
  tdb.db.transaction((tx) => checkOneTimeCode(tx, deps, { processKey: key, code }));

describe('one-time codes', () => {
  it('keep only an HMAC at rest; the code and the address travel sealed in the notice', async () => {
    const { codeId, expiresAt } = await issue();
    const code = await sentCode(codeId);
    expect(code).toMatch(/^\d{6}$/);
    const [row] = await tdb.db.select().from(oneTimeCodes).where(eq(oneTimeCodes.id, codeId));
    expect(expiresAt.getTime() - row!.createdAt.getTime()).toBe(10 * 60_000);
    expect(row!.codeHash).toMatch(/^[0-9a-f]{64}$/);
    const dump = JSON.stringify(await tdb.db.execute(sql`select * from one_time_codes, outbox`));
    expect(dump).not.toContain(code);
    expect(dump).not.toContain('moi@example.vn');
    // Another key cannot open it.
    expect(
      openOtpNotice('another-secret-0123456789abcdefghijkl', (await tdb.db.select().from(outbox))[0]!.payload),
    ).toBeNull();
  });

  it('the right code is consumed once', async () => {
    const code = await sentCode((await issue()).codeId);
    expect(await check(code)).toMatchObject({ ok: true });
    expect(await check(code)).toEqual({ ok: false, code: 'OTP_NOT_FOUND', attemptsLeft: 0 });
  });

  it('a wrong code is counted (the refusal records the attempt) and the fifth locks the code', async () => {
    const code = await sentCode((await issue()).codeId);
    const wrong = code === '000000' ? '000001' : '000000';
    for (let i = 1; i < OTP_MAX_ATTEMPTS; i++)
      expect(await check(wrong)).toEqual({ ok: false, code: 'OTP_WRONG', attemptsLeft: OTP_MAX_ATTEMPTS - i });
    expect(await check(wrong)).toEqual({ ok: false, code: 'OTP_LOCKED', attemptsLeft: 0 });
    // Locked: even the right code no longer works.
    expect(await check(code)).toMatchObject({ ok: false, code: 'OTP_LOCKED' });
    const refusal = otpRefusal({ ok: false, code: 'OTP_WRONG', attemptsLeft: 2 });
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal.code).toBe('OTP_WRONG');
    expect(await check('12ab')).toMatchObject({ ok: false, code: 'OTP_LOCKED' });
  });

  it('expires after 10 minutes', async () => {
    const code = await sentCode((await issue()).codeId);
    shift = 10 * 60_000;
    expect(await check(code)).toEqual({ ok: false, code: 'OTP_EXPIRED', attemptsLeft: 0 });
  });

  it('a new code supersedes the old one, and at most 5 are issued an hour', async () => {
    const first = await sentCode((await issue()).codeId);
    const second = await sentCode((await issue()).codeId);
    if (first !== second) expect(await check(first)).toMatchObject({ ok: false, code: 'OTP_WRONG' });
    expect(await check(second)).toMatchObject({ ok: true });
    for (let i = 2; i < OTP_MAX_PER_HOUR; i++) await issue();
    const before = await tdb.db.select().from(oneTimeCodes);
    await expect(issue()).rejects.toMatchObject({ code: 'OTP_TOO_MANY' });
    expect(await tdb.db.select().from(oneTimeCodes)).toHaveLength(before.length); // the refusal wrote nothing
    shift = 3600_000;
    await expect(issue()).resolves.toMatchObject({ codeId: expect.any(Number) });
  });

  it('codes of one key never serve another', async () => {
    const code = await sentCode((await issue('recovery:1')).codeId);
    await issue('recovery:2');
    expect(await check(code, 'recovery:2')).toMatchObject({ ok: false });
    expect(await check(code, 'recovery:1')).toMatchObject({ ok: true });
  });

  it('a sealed value does not open under another purpose, nor when altered', () => {
    const a = sealer(SECRET, 'one');
    const sealed = a.seal({ x: 1 });
    expect(a.open(sealed)).toEqual({ x: 1 });
    expect(sealer(SECRET, 'two').open(sealed)).toBeNull();
    const flipped = Buffer.from(sealed, 'base64url');
    flipped[flipped.length - 1]! ^= 1;
    expect(a.open(flipped.toString('base64url'))).toBeNull();
    expect(a.open(42)).toBeNull();
  });
});

const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');
/** A real 1×1 PNG (header chunk first, end chunk last) and a minimal JPEG (SOI, APP0, EOI). */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0xff, 0xd9]);

describe('evidence documents', () => {
  const attach = (bytes: Buffer, extra: { declaredType?: string; filename?: string; ownerKey?: string } = {}) =>
    tdb.db.transaction((tx) =>
      attachEvidence(tx, { ownerKey: 'data-update:7', uploadedBy: 'participant:x', at: deps.clock(), bytes, ...extra }),
    );

  it('recognises PDF, PNG and JPEG by their first bytes, and nothing else', () => {
    expect(detectEvidenceType(PDF)).toBe('application/pdf');
    expect(detectEvidenceType(PNG)).toBe('image/png');
    expect(detectEvidenceType(JPEG)).toBe('image/jpeg');
    expect(detectEvidenceType(Buffer.from('<html><script>'))).toBeNull();
    expect(detectEvidenceType(Buffer.from('MZ\x90\x00'))).toBeNull();
  });

  it('stores a document once per process, with its hash and a safe name', async () => {
    const first = await attach(PDF, { filename: '../../etc/Hợp đồng lao động.pdf', declaredType: 'application/pdf' });
    expect(first.alreadyStored).toBe(false);
    expect(first.document).toMatchObject({
      contentType: 'application/pdf',
      size: PDF.length,
      filename: 'Hợp đồng lao động.pdf',
    });
    const again = await attach(PDF);
    expect(again).toMatchObject({ alreadyStored: true, document: { id: first.document.id } });
    const other = await attach(PDF, { ownerKey: 'data-update:8' });
    expect(other.alreadyStored).toBe(false);
    const read = await evidenceDocument(tdb.db, 'data-update:7', first.document.id);
    expect(Buffer.compare(read!.content, PDF)).toBe(0);
    expect(await evidenceDocument(tdb.db, 'data-update:8', first.document.id)).toBeUndefined();
    expect(cleanFilename(undefined, 'image/png')).toBe('tai-lieu.png');
  });

  it('refuses, writing nothing: empty, too large, not a PDF/JPEG/PNG, or not what it says it is', async () => {
    await expect(attach(Buffer.alloc(0))).rejects.toMatchObject({ code: 'EVIDENCE_EMPTY' });
    const big = Buffer.concat([PDF, Buffer.alloc(MAX_EVIDENCE_BYTES)]);
    await expect(attach(big)).rejects.toMatchObject({ code: 'EVIDENCE_TOO_LARGE' });
    await expect(attach(Buffer.from('GIF89a...'))).rejects.toMatchObject({ code: 'EVIDENCE_TYPE' });
    await expect(attach(PNG, { declaredType: 'application/pdf' })).rejects.toMatchObject({
      code: 'EVIDENCE_TYPE_MISMATCH',
    });
    expect(checkUpload({ bytes: JPEG, declaredType: 'image/jpg' })).toBe('image/jpeg');
    expect(await tdb.db.select().from(evidenceDocuments)).toHaveLength(0);
  });

  it('at most 10 documents for one process', async () => {
    for (let i = 0; i < 10; i++) await attach(Buffer.concat([PDF, Buffer.from(String(i))]));
    await expect(attach(Buffer.concat([PDF, Buffer.from('x')]))).rejects.toMatchObject({ code: 'EVIDENCE_LIMIT' });
  });

  it('the database refuses a row whose size does not match its bytes, or a type outside the list', async () => {
    await expect(
      tdb.db
        .execute(sql`insert into evidence_documents (owner_key, uploaded_by, filename, content_type, size, sha256, content, created_at)
        values ('data-update:9', 'x', 'a.pdf', 'application/pdf', 3, repeat('a', 64), '\\x00'::bytea, now())`),
    ).rejects.toMatchObject({ cause: { constraint_name: 'evidence_documents_size' } });
    await expect(
      tdb.db
        .execute(sql`insert into evidence_documents (owner_key, uploaded_by, filename, content_type, size, sha256, content, created_at)
        values ('data-update:9', 'x', 'a.exe', 'application/x-msdownload', 1, repeat('a', 64), '\\x00'::bytea, now())`),
    ).rejects.toMatchObject({ cause: { constraint_name: 'evidence_documents_type' } });
  });
});

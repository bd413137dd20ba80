/**
 * A participant's e-book for the front ends: read it, sign it for delivery, queue it for e-mail (one
 * transaction), and the operators' full verification.
 *
 * Every e-book handed out carries a detached JWS (Ed25519, runtime/signing-keys.ts) over the RFC 8785
 * canonical JSON of its content, so whoever holds a downloaded book can check it offline against the
 * public keys at /.well-known/jwks.json. Books are signed when they are delivered, never when they are
 * written: the monthly reconciliation, which rewrites many books, signs none.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/client';
import { enqueue } from '../db/queries/audit';
import {
  emailOnFile,
  findEbook,
  participantExists,
  verifyEbookOf,
  verifyEbooks,
  type StoredEbook,
  type VerifyReport,
} from '../db/queries/ebooks';
import { outboxEntry } from '../db/queries/outbox';
import { DomainError } from '../domain/errors';
import { sha256Hex } from '../domain/ebook';
import { verifyDetached, type SigningKeys } from '../runtime/signing-keys';

/** The `typ` of an e-book's signature header. */
export const EBOOK_SIGNATURE_TYPE = 'ansinh.ebook+jws';

/** RFC 8785 (JSON Canonicalization Scheme), canonicalize@4: an ES module, loaded once. */
const rfc8785 = import('canonicalize').then((m) => m.default);

/** The RFC 8785 canonical JSON of a value. */
export async function canonicalize(value: unknown): Promise<string> {
  const text = (await rfc8785)(value);
  if (text === undefined) throw new Error('the value has no canonical JSON');
  return text;
}

/** A delivered e-book: the stored document and its detached JWS. */
export interface SignedEbookContent {
  content: Record<string, unknown>;
  /** Detached compact JWS (`header..signature`), EdDSA, over the RFC 8785 canonical JSON of `content`. */
  signature: string;
}

/**
 * Signs a stored e-book for delivery: the protected header carries `alg: EdDSA`, the key's `kid`,
 * `typ`, the book's version (`ver`) and the time of signing (`iat`, the injected clock). The stored
 * content is already canonical JSON (domain/ebook.ts); this checks that RFC 8785 agrees before
 * signing those very bytes, so a book that is not canonical is never signed.
 */
export async function signEbook(
  keys: SigningKeys,
  book: Pick<StoredEbook, 'content' | 'version'>,
): Promise<SignedEbookContent> {
  const content = JSON.parse(book.content) as Record<string, unknown>;
  if ((await canonicalize(content)) !== book.content)
    throw new Error('the stored e-book is not RFC 8785 canonical JSON; it was not signed');
  const signature = await keys.sign(book.content, { typ: EBOOK_SIGNATURE_TYPE, ver: book.version });
  return { content, signature };
}

/** The participant's stored e-book, or undefined. */
export async function storedEbook(db: Db, personalId: string): Promise<StoredEbook | undefined> {
  return findEbook(db, personalId);
}

export interface EbookEmailQueued {
  queued: true;
  outboxId: number;
  /** The version queued: the first request's, when the same idempotency key comes again. */
  version: number;
}

/**
 * Queues the participant's current e-book for e-mail to the address on file, in one transaction.
 * The same idempotency key again returns the message the first request queued; without a key every
 * request queues its own. The message carries the book's signature (signEbook), made in the same
 * transaction as the version it names. NOT_FOUND without participant or e-book, NO_EMAIL_ON_FILE without an address.
 */
export async function emailEbook(
  db: Db,
  keys: SigningKeys,
  req: { personalId: string; idempotencyKey?: string | undefined; requestedBy: string },
): Promise<EbookEmailQueued> {
  const { personalId } = req;
  return db.transaction(async (tx) => {
    const email = await emailOnFile(tx, personalId);
    const book = await findEbook(tx, personalId);
    if (email === undefined || !book) throw new DomainError('NOT_FOUND', 'e-book not found');
    if (!email) throw new DomainError('NO_EMAIL_ON_FILE', 'the participant has no e-mail address on file');
    const dedupeKey = `ebook-email:${personalId}:${req.idempotencyKey ?? randomUUID()}`;
    const { signature } = await signEbook(keys, book);
    await enqueue(tx, {
      dedupeKey,
      kind: 'ebook.email',
      channel: 'email',
      recipientType: 'participant',
      recipientId: personalId,
      payload: { version: book.version, sha256: book.sha256, signature, requestedBy: req.requestedBy },
    });
    const row = await outboxEntry(tx, dedupeKey);
    return { queued: true as const, outboxId: row!.id, version: (row!.payload as { version: number }).version };
  });
}

export type DeliveredEbookCheck =
  | { valid: true; kid: string; version: number; signedAt: number }
  | {
      valid: false;
      code:
        | 'NOT_A_SIGNED_EBOOK'
        | 'MALFORMED'
        | 'ALGORITHM_NOT_ALLOWED'
        | 'UNKNOWN_KEY'
        | 'BAD_SIGNATURE'
        | 'WRONG_TYPE'
        | 'VERSION_MISMATCH'
        | 'SHA256_MISMATCH';
      reason: string;
    };

/**
 * Checks a delivered e-book (the API's response, or `ansinh ebook show --json`, as saved) with
 * nothing but public keys: the signature over the RFC 8785 canonical JSON of `content`, its `typ`,
 * that the signed version is the book's `version`, and that `sha256` (when present) is the content's.
 */
export async function verifyDeliveredEbook(saved: unknown, jwks: { keys: unknown[] }): Promise<DeliveredEbookCheck> {
  const book = saved as { content?: unknown; signature?: unknown; version?: unknown; sha256?: unknown } | null;
  if (
    typeof book !== 'object' ||
    book === null ||
    typeof book.content !== 'object' ||
    book.content === null ||
    Array.isArray(book.content) ||
    typeof book.signature !== 'string' ||
    !Number.isSafeInteger(book.version)
  )
    return {
      valid: false,
      code: 'NOT_A_SIGNED_EBOOK',
      reason: 'the file is not a signed e-book (an object with content, version and signature)',
    };
  const canonical = await canonicalize(book.content);
  const result = await verifyDetached(book.signature, canonical, jwks as { keys: [] });
  if (!result.ok) return { valid: false, code: result.code, reason: result.reason };
  const { typ, ver, iat } = result.header as { typ?: unknown; ver?: unknown; iat?: unknown };
  if (typ !== EBOOK_SIGNATURE_TYPE)
    return {
      valid: false,
      code: 'WRONG_TYPE',
      reason: `the signature is not an e-book signature (typ ${String(typ)})`,
    };
  if (ver !== book.version)
    return {
      valid: false,
      code: 'VERSION_MISMATCH',
      reason: `the signature is for version ${String(ver)}, the file says version ${String(book.version)}`,
    };
  if (book.sha256 !== undefined && book.sha256 !== sha256Hex(canonical))
    return { valid: false, code: 'SHA256_MISMATCH', reason: 'the sha256 in the file is not the content’s' };
  return { valid: true, kid: result.kid, version: book.version as number, signedAt: typeof iat === 'number' ? iat : 0 };
}

/** Re-renders every e-book from the database and reports each mismatch. */
export async function verifyAllEbooks(db: Db): Promise<VerifyReport> {
  return verifyEbooks(db);
}

/**
 * One participant's e-book re-rendered from the database, section by section, and compared with
 * what is stored, its root and its version history (`ansinh ebook verify --participant`).
 * NOT_FOUND for someone not on record.
 */
export async function verifyParticipantEbook(db: Db, personalId: string): Promise<VerifyReport> {
  if (!(await participantExists(db, personalId))) throw new DomainError('NOT_FOUND', 'no such participant');
  return verifyEbookOf(db, personalId);
}

/**
 * A participant's e-book for the front ends: read it, queue it for e-mail (one transaction), and
 * the operators' full verification.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/client';
import { enqueue } from '../db/queries/audit';
import { emailOnFile, findEbook, verifyEbooks, type StoredEbook, type VerifyReport } from '../db/queries/ebooks';
import { outboxEntry } from '../db/queries/outbox';
import { DomainError } from '../domain/errors';

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
 * request queues its own. NOT_FOUND without participant or e-book, NO_EMAIL_ON_FILE without an address.
 */
export async function emailEbook(
  db: Db,
  req: { personalId: string; idempotencyKey?: string | undefined; requestedBy: string },
): Promise<EbookEmailQueued> {
  const { personalId } = req;
  return db.transaction(async (tx) => {
    const email = await emailOnFile(tx, personalId);
    const book = await findEbook(tx, personalId);
    if (email === undefined || !book) throw new DomainError('NOT_FOUND', 'e-book not found');
    if (!email) throw new DomainError('NO_EMAIL_ON_FILE', 'the participant has no e-mail address on file');
    const dedupeKey = `ebook-email:${personalId}:${req.idempotencyKey ?? randomUUID()}`;
    await enqueue(tx, {
      dedupeKey,
      kind: 'ebook.email',
      channel: 'email',
      recipientType: 'participant',
      recipientId: personalId,
      payload: { version: book.version, sha256: book.sha256, requestedBy: req.requestedBy },
    });
    const row = await outboxEntry(tx, dedupeKey);
    return { queued: true as const, outboxId: row!.id, version: (row!.payload as { version: number }).version };
  });
}

/** Re-renders every e-book from the database and reports each mismatch. */
export async function verifyAllEbooks(db: Db): Promise<VerifyReport> {
  return verifyEbooks(db);
}

/**
 * One-time codes and evidence documents (migration 0019; services/otp.ts, services/evidence.ts).
 * Every statement here runs inside the caller's transaction.
 */
import { and, asc, count, eq, gte, isNull, ne, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../client';
import { evidenceDocuments, oneTimeCodes, type EvidenceType } from '../schema';

export { EVIDENCE_TYPES, MAX_EVIDENCE_BYTES, type EvidenceType } from '../schema';

export type OneTimeCodeRow = typeof oneTimeCodes.$inferSelect;

/** How many codes were issued for this key since `since` (the issuing limit). */
export async function codesIssuedSince(exec: Executor, processKey: string, since: Date): Promise<number> {
  const [row] = await exec
    .select({ n: count() })
    .from(oneTimeCodes)
    .where(and(eq(oneTimeCodes.processKey, processKey), gte(oneTimeCodes.createdAt, since)));
  return Number(row?.n ?? 0);
}

/** Whether any code of this key went to someone else (a key's codes go to one person only). */
export async function keyHeldByOther(exec: Executor, processKey: string, recipientRef: string): Promise<boolean> {
  const [row] = await exec
    .select({ id: oneTimeCodes.id })
    .from(oneTimeCodes)
    .where(and(eq(oneTimeCodes.processKey, processKey), ne(oneTimeCodes.recipientRef, recipientRef)))
    .limit(1);
  return row !== undefined;
}

/** Supersedes the key's live code, if any, then inserts the new one (hash filled by the caller after the id is known). */
export async function insertCode(
  tx: Tx,
  c: {
    processKey: string;
    purpose: string;
    recipientRef: string;
    createdAt: Date;
    expiresAt: Date;
    maxAttempts: number;
    hashOf: (id: number) => string;
  },
): Promise<OneTimeCodeRow> {
  await tx
    .update(oneTimeCodes)
    .set({ supersededAt: c.createdAt })
    .where(
      and(
        eq(oneTimeCodes.processKey, c.processKey),
        isNull(oneTimeCodes.consumedAt),
        isNull(oneTimeCodes.supersededAt),
      ),
    );
  // The id is part of what is hashed (two codes of one key never share a hash input): take it first.
  const [{ id }] = (await tx.execute(
    sql`select nextval(pg_get_serial_sequence('one_time_codes', 'id'))::bigint as id`,
  )) as unknown as [{ id: string | number }];
  const [row] = await tx
    .insert(oneTimeCodes)
    .values({
      id: Number(id),
      processKey: c.processKey,
      purpose: c.purpose,
      recipientRef: c.recipientRef,
      codeHash: c.hashOf(Number(id)),
      createdAt: c.createdAt,
      expiresAt: c.expiresAt,
      maxAttempts: c.maxAttempts,
    })
    .returning();
  return row!;
}

/** The key's live code, locked for the check. */
export async function lockLiveCode(tx: Tx, processKey: string): Promise<OneTimeCodeRow | undefined> {
  const [row] = await tx
    .select()
    .from(oneTimeCodes)
    .where(
      and(eq(oneTimeCodes.processKey, processKey), isNull(oneTimeCodes.consumedAt), isNull(oneTimeCodes.supersededAt)),
    )
    .for('update');
  return row;
}

export async function countAttempt(tx: Tx, id: number): Promise<number> {
  const [row] = await tx
    .update(oneTimeCodes)
    .set({ attempts: sql`${oneTimeCodes.attempts} + 1` })
    .where(eq(oneTimeCodes.id, id))
    .returning({ attempts: oneTimeCodes.attempts });
  return row!.attempts;
}

export async function consumeCode(tx: Tx, id: number, at: Date): Promise<void> {
  await tx.update(oneTimeCodes).set({ consumedAt: at }).where(eq(oneTimeCodes.id, id));
}

export interface EvidenceMeta {
  id: number;
  ownerKey: string;
  uploadedBy: string;
  filename: string;
  contentType: EvidenceType;
  size: number;
  sha256: string;
  createdAt: Date;
}

const META = {
  id: evidenceDocuments.id,
  ownerKey: evidenceDocuments.ownerKey,
  uploadedBy: evidenceDocuments.uploadedBy,
  filename: evidenceDocuments.filename,
  contentType: evidenceDocuments.contentType,
  size: evidenceDocuments.size,
  sha256: evidenceDocuments.sha256,
  createdAt: evidenceDocuments.createdAt,
};

/** Inserts a document; the same bytes already attached to the owner → undefined (the unique (owner, sha256)). */
export async function insertEvidence(
  tx: Tx,
  d: Omit<EvidenceMeta, 'id'> & { content: Buffer },
): Promise<EvidenceMeta | undefined> {
  const [row] = await tx
    .insert(evidenceDocuments)
    .values(d)
    .onConflictDoNothing({ target: [evidenceDocuments.ownerKey, evidenceDocuments.sha256] })
    .returning(META);
  return row as EvidenceMeta | undefined;
}

export async function evidenceBySha(
  exec: Executor,
  ownerKey: string,
  sha256: string,
): Promise<EvidenceMeta | undefined> {
  const [row] = await exec
    .select(META)
    .from(evidenceDocuments)
    .where(and(eq(evidenceDocuments.ownerKey, ownerKey), eq(evidenceDocuments.sha256, sha256)));
  return row as EvidenceMeta | undefined;
}

export async function countEvidence(exec: Executor, ownerKey: string): Promise<number> {
  const [row] = await exec
    .select({ n: count() })
    .from(evidenceDocuments)
    .where(eq(evidenceDocuments.ownerKey, ownerKey));
  return Number(row?.n ?? 0);
}

export async function listEvidence(exec: Executor, ownerKey: string): Promise<EvidenceMeta[]> {
  return (await exec
    .select(META)
    .from(evidenceDocuments)
    .where(eq(evidenceDocuments.ownerKey, ownerKey))
    .orderBy(asc(evidenceDocuments.id))) as EvidenceMeta[];
}

export async function readEvidence(
  exec: Executor,
  ownerKey: string,
  id: number,
): Promise<(EvidenceMeta & { content: Buffer }) | undefined> {
  const [row] = await exec
    .select({ ...META, content: evidenceDocuments.content })
    .from(evidenceDocuments)
    .where(and(eq(evidenceDocuments.ownerKey, ownerKey), eq(evidenceDocuments.id, id)));
  return row as (EvidenceMeta & { content: Buffer }) | undefined;
}

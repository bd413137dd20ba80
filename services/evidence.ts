/**
 * Evidence a person attaches to a process they started (issue #14): PDF, JPEG or PNG, recognised by
 * their first bytes (the declared type must agree), at most MAX_EVIDENCE_BYTES, at most
 * MAX_EVIDENCE_PER_PROCESS per process. The same bytes attached twice to one process are stored
 * once (the unique (owner, SHA-256)): a retried upload answers the stored document. One insert in
 * the caller's transaction, so the document and the process step that records it commit together.
 * Not done here: malware scanning (an agency deployment would put a scanner in front of this).
 */
import { createHash } from 'node:crypto';
import type { Executor, Tx } from '../db/client';
import {
  countEvidence,
  evidenceBySha,
  insertEvidence,
  listEvidence,
  readEvidence,
  EVIDENCE_TYPES,
  MAX_EVIDENCE_BYTES,
  type EvidenceMeta,
  type EvidenceType,
} from '../db/queries/self-service';
import { DomainError } from '../domain/errors';

export { EVIDENCE_TYPES, MAX_EVIDENCE_BYTES, type EvidenceMeta, type EvidenceType };
export const MAX_EVIDENCE_PER_PROCESS = 10;

const SIGNATURES: [EvidenceType, number[]][] = [
  ['application/pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]], // %PDF-
  ['image/png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['image/jpeg', [0xff, 0xd8, 0xff]],
];

/** The type the bytes are, by their signature; null for anything else. */
export function detectEvidenceType(bytes: Uint8Array): EvidenceType | null {
  for (const [type, sig] of SIGNATURES) if (sig.every((b, i) => bytes[i] === b)) return type;
  return null;
}

const EXTENSION: Record<EvidenceType, string> = { 'application/pdf': 'pdf', 'image/png': 'png', 'image/jpeg': 'jpg' };

/** A file name safe to store and to offer back: its last path part, NFC, no control characters, ≤ 120 characters. */
export function cleanFilename(name: string | undefined, type: EvidenceType): string {
  const base = (name ?? '')
    .split(/[\\/]/)
    .pop()!
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}"<>|*?:]/gu, '')
    .trim()
    .slice(0, 120);
  return base || `tai-lieu.${EXTENSION[type]}`;
}

export interface Upload {
  bytes: Buffer;
  /** The type the client declared (Content-Type), if any. */
  declaredType?: string | undefined;
  filename?: string | undefined;
}

/** Checks an upload's size and type (nothing written): the type it is. */
export function checkUpload(u: Upload): EvidenceType {
  if (u.bytes.length === 0) throw new DomainError('EVIDENCE_EMPTY', 'the document is empty', 'file');
  if (u.bytes.length > MAX_EVIDENCE_BYTES)
    throw new DomainError('EVIDENCE_TOO_LARGE', `a document may be at most ${MAX_EVIDENCE_BYTES} bytes`, 'file', {
      limit: MAX_EVIDENCE_BYTES,
    });
  const type = detectEvidenceType(u.bytes);
  if (!type) throw new DomainError('EVIDENCE_TYPE', 'a document must be a PDF, JPEG or PNG file', 'file');
  const declared = u.declaredType?.split(';')[0]?.trim().toLowerCase();
  if (
    declared &&
    declared !== 'application/octet-stream' &&
    declared !== type &&
    !(declared === 'image/jpg' && type === 'image/jpeg')
  )
    throw new DomainError('EVIDENCE_TYPE_MISMATCH', `the file is ${type}, not ${declared}`, 'file');
  return type;
}

/** Attaches a document to a process (`ownerKey`); the same bytes again → the stored one. */
export async function attachEvidence(
  tx: Tx,
  input: Upload & { ownerKey: string; uploadedBy: string; at: Date },
): Promise<{ document: EvidenceMeta; alreadyStored: boolean }> {
  const contentType = checkUpload(input);
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  const existing = await evidenceBySha(tx, input.ownerKey, sha256);
  if (existing) return { document: existing, alreadyStored: true };
  if ((await countEvidence(tx, input.ownerKey)) >= MAX_EVIDENCE_PER_PROCESS)
    throw new DomainError('EVIDENCE_LIMIT', `at most ${MAX_EVIDENCE_PER_PROCESS} documents for one request`, 'file', {
      limit: MAX_EVIDENCE_PER_PROCESS,
    });
  const document = await insertEvidence(tx, {
    ownerKey: input.ownerKey,
    uploadedBy: input.uploadedBy,
    filename: cleanFilename(input.filename, contentType),
    contentType,
    size: input.bytes.length,
    sha256,
    content: input.bytes,
    createdAt: input.at,
  });
  // A concurrent upload of the same bytes won the unique key: answer its row.
  if (!document) return { document: (await evidenceBySha(tx, input.ownerKey, sha256))!, alreadyStored: true };
  return { document, alreadyStored: false };
}

export const evidenceOf = (exec: Executor, ownerKey: string) => listEvidence(exec, ownerKey);
export const evidenceDocument = (exec: Executor, ownerKey: string, id: number) => readEvidence(exec, ownerKey, id);

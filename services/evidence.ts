/**
 * Evidence a person attaches to a process they started (issue #14): PDF, JPEG or PNG, recognised by
 * their first bytes (the declared type must agree), at most MAX_EVIDENCE_BYTES, at most
 * MAX_EVIDENCE_PER_PROCESS per process. The same bytes attached twice to one process are stored
 * once (the unique (owner, SHA-256)): a retried upload answers the stored document. One insert in
 * the caller's transaction, so the document and the process step that records it commit together.
 * Not done here: malware scanning (an agency deployment would put a scanner in front of this).
 */
import { createHash } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import type { Executor, Tx } from '../db/client';
import { lockKey } from '../db/queries/audit';
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

const EXTENSIONS: Record<EvidenceType, string[]> = {
  'application/pdf': ['pdf'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
};
const NAME_MAX = 120;

/**
 * A file name safe to store and to offer back: its last path part, NFC, no control, format or
 * line-separator characters, at most 120 characters (whole characters), and ending with the
 * extension of the type the bytes are — `bang-luong.html` holding a PDF is stored as
 * `bang-luong.pdf`, so whoever downloads it opens what it is.
 */
export function cleanFilename(name: string | undefined, type: EvidenceType): string {
  const base = (name ?? '')
    .split(/[\\/]/)
    .pop()!
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}"<>|*?:]/gu, '')
    .trim()
    .replace(/^\.+/, '');
  const dot = base.lastIndexOf('.');
  const ext = dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
  const allowed = EXTENSIONS[type];
  const keep = allowed.includes(ext) ? ext : allowed[0]!;
  const stem = (dot > 0 ? base.slice(0, dot) : base).replace(/[. ]+$/, '');
  const chars = Array.from(stem).slice(0, NAME_MAX - keep.length - 1);
  return `${chars.join('') || 'tai-lieu'}.${keep}`;
}

/** PDF names that run something when the document is opened, or carry other files. */
const ACTIVE_PDF_NAMES =
  /\/(JavaScript|JS|Launch|EmbeddedFiles?|RichMedia|XFA|SubmitForm|ImportData|GoToE)(?![A-Za-z0-9])/;
/** A PDF's names with their #xx escapes decoded (`/J#61vaScript` is `/JavaScript`). */
const decodeNames = (text: string) =>
  text.replace(/\/[^\s/[\]()<>{}%]*/g, (name) =>
    name.replace(/#([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
  );
/** The most a PDF's compressed streams may inflate to, all together, while they are scanned. */
const MAX_INFLATED_BYTES = 64 * 1024 * 1024;

/** Whether a PDF carries active content, in its text or inside its compressed (object) streams. */
function pdfIsActive(bytes: Buffer): boolean {
  const text = bytes.toString('latin1');
  if (ACTIVE_PDF_NAMES.test(decodeNames(text))) return true;
  let inflated = 0;
  for (const m of text.matchAll(/stream\r?\n/g)) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) break;
    let out: Buffer;
    try {
      out = inflateSync(bytes.subarray(start, end), { maxOutputLength: Math.max(1, MAX_INFLATED_BYTES - inflated) });
    } catch (err) {
      // Not deflated (an image, a plain stream) is fine; one that inflates past the cap is refused.
      if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return true;
      continue;
    }
    inflated += out.length;
    if (ACTIVE_PDF_NAMES.test(decodeNames(out.toString('latin1')))) return true;
  }
  return false;
}

const PNG_IHDR = Buffer.from([0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const PNG_IEND = Buffer.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);

/** Whether the bytes are built as their type is, not just signed like it (no HTML or SVG behind a signature). */
function wellFormed(type: EvidenceType, bytes: Buffer): boolean {
  switch (type) {
    case 'image/png':
      // The header chunk first, the end chunk last, nothing after it.
      return bytes.subarray(8, 16).equals(PNG_IHDR) && bytes.subarray(bytes.length - 12).equals(PNG_IEND);
    case 'image/jpeg': {
      // The start of image, then a marker (FFC0–FFFE), and the end of image last.
      const marker = bytes[3] ?? 0;
      return (
        bytes.length >= 6 &&
        marker >= 0xc0 &&
        marker <= 0xfe &&
        bytes[bytes.length - 2] === 0xff &&
        bytes[bytes.length - 1] === 0xd9
      );
    }
    case 'application/pdf':
      return bytes.subarray(Math.max(0, bytes.length - 1024)).includes('%%EOF');
  }
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
  if (!wellFormed(type, u.bytes))
    throw new DomainError(
      'EVIDENCE_MALFORMED',
      `the file is not a well-formed ${EXTENSIONS[type][0]!.toUpperCase()} file`,
      'file',
    );
  if (type === 'application/pdf' && pdfIsActive(u.bytes))
    throw new DomainError(
      'EVIDENCE_ACTIVE_CONTENT',
      'a PDF that runs scripts, launches programs or carries files is not accepted',
      'file',
    );
  return type;
}

/** Attaches a document to a process (`ownerKey`); the same bytes again → the stored one. */
export async function attachEvidence(
  tx: Tx,
  input: Upload & { ownerKey: string; uploadedBy: string; at: Date },
): Promise<{ document: EvidenceMeta; alreadyStored: boolean }> {
  const contentType = checkUpload(input);
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  // Serialise the process's uploads, so that the count below holds when two arrive at once.
  await lockKey(tx, `evidence:${input.ownerKey}`);
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

/**
 * Reading an evidence upload (issue #14) in a route's own scope: the raw file as the body
 * (`Content-Type: application/pdf | image/jpeg | image/png`, the name in `Content-Disposition`),
 * which the API and the CLI send, or one file in `multipart/form-data`, which a browser form (the
 * console) sends — through @fastify/multipart, which streams the part and stops at the size limit.
 * Only these types are read in the scope: anything else is 415 before the handler. The type and
 * size are checked again by services/evidence.ts from the bytes themselves.
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../domain/errors';
import { MAX_EVIDENCE_BYTES, type Upload } from '../services/evidence';

/** The raw types a body may have (besides multipart/form-data). */
export const UPLOAD_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'application/octet-stream'] as const;
/** The body limit of an upload route: the document and a multipart envelope. */
export const UPLOAD_BODY_LIMIT = MAX_EVIDENCE_BYTES + 64 * 1024;

/** Registers, in `scope` only, the parsers an upload route needs. */
export async function registerUploadParsers(scope: FastifyInstance): Promise<void> {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser(
    [...UPLOAD_TYPES],
    { parseAs: 'buffer', bodyLimit: UPLOAD_BODY_LIMIT },
    (_req, body, done) => done(null, body),
  );
  await scope.register(multipart, {
    limits: { fileSize: MAX_EVIDENCE_BYTES, files: 1, fields: 8, fieldSize: 1024, parts: 9, headerPairs: 200 },
    throwFileSizeLimit: true,
  });
}

/** `attachment; filename="…"` or `filename*=UTF-8''…` (RFC 6266), if given. */
export function filenameOf(disposition: string | undefined): string | undefined {
  if (!disposition) return undefined;
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1]!.trim());
    } catch {
      return undefined;
    }
  }
  return /filename\s*=\s*"([^"]*)"/i.exec(disposition)?.[1] ?? /filename\s*=\s*([^;\s]+)/i.exec(disposition)?.[1];
}

/** The uploaded document of a request (raw body or the form's one file); refusals as codes. */
export async function readUpload(req: FastifyRequest): Promise<Upload> {
  if (req.isMultipart()) {
    let part;
    try {
      part = await req.file();
    } catch (err) {
      throw uploadRefusal(err);
    }
    if (!part) throw new DomainError('EVIDENCE_EMPTY', 'the form carries no file', 'file');
    let bytes: Buffer;
    try {
      bytes = await part.toBuffer();
    } catch (err) {
      throw uploadRefusal(err);
    }
    // A part sent without its own Content-Type is labelled text/plain by the parser: that is no
    // claim by the client (and text/plain is never accepted anyway), so the bytes decide.
    return { bytes, declaredType: part.mimetype === 'text/plain' ? undefined : part.mimetype, filename: part.filename };
  }
  const body = req.body;
  if (!Buffer.isBuffer(body)) throw new DomainError('EVIDENCE_EMPTY', 'the request carries no document', 'file');
  return {
    bytes: body,
    declaredType: req.headers['content-type'],
    filename: filenameOf(req.headers['content-disposition']),
  };
}

/** @fastify/multipart's limit errors as our codes (never a 500). */
function uploadRefusal(err: unknown): DomainError {
  const code = (err as { code?: string }).code ?? '';
  if (code === 'FST_REQ_FILE_TOO_LARGE')
    return new DomainError('EVIDENCE_TOO_LARGE', 'a document may be at most 5 MiB', 'file', {
      limit: MAX_EVIDENCE_BYTES,
    });
  if (code === 'FST_PARTS_LIMIT' || code === 'FST_FILES_LIMIT' || code === 'FST_FIELDS_LIMIT')
    return new DomainError('UPLOAD_TOO_MANY_PARTS', 'a form carries one file and a few fields', 'file');
  return new DomainError('INVALID_UPLOAD', 'the form could not be read', 'file');
}

/**
 * Answers a stored evidence document as it was uploaded: its own type, offered as a download under
 * its cleaned name (RFC 6266, UTF-8), never sniffed into something else.
 */
export function sendDocument(
  reply: FastifyReply,
  doc: { contentType: string; filename: string; content: Buffer },
): FastifyReply {
  return reply
    .type(doc.contentType)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(doc.filename)}`)
    .header('x-content-type-options', 'nosniff')
    .send(doc.content);
}

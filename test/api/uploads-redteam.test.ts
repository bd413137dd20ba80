/**
 * Red-team review of api/uploads.ts (commit 25ca487): multipart edge cases a browser, a script or
 * a hostile client sends, read the way the routes of issue 14 read them (readUpload, then
 * services/evidence.ts checkUpload). Each test fails on the code as it landed.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorHandler } from '../../api/errors';
import { readUpload, registerUploadParsers, UPLOAD_BODY_LIMIT } from '../../api/uploads';
import { checkUpload } from '../../services/evidence';

let app: FastifyInstance;
const PDF = Buffer.from('%PDF-1.7\n%%EOF\n');
const B = '----ansinh-redteam-boundary';

beforeAll(async () => {
  app = Fastify();
  app.setErrorHandler(errorHandler);
  await app.register(async (scope) => {
    await registerUploadParsers(scope);
    scope.post('/upload', { bodyLimit: UPLOAD_BODY_LIMIT }, async (req) => {
      const u = await readUpload(req);
      return { type: checkUpload(u), size: u.bytes.length };
    });
  });
  await app.ready();
});
afterAll(async () => app.close());

const post = (payload: Buffer) =>
  app.inject({
    method: 'POST',
    url: '/upload',
    payload,
    headers: { 'content-type': `multipart/form-data; boundary=${B}` },
  });
const end = Buffer.from(`--${B}--\r\n`);

describe('evidence uploads (red team)', () => {
  it('a form file without its own Content-Type (Python requests sends none) is read by its bytes', async () => {
    const r = await post(
      Buffer.concat([
        Buffer.from(`--${B}\r\nContent-Disposition: form-data; name="file"; filename="hop-dong.pdf"\r\n\r\n`),
        PDF,
        Buffer.from('\r\n'),
        end,
      ]),
    );
    // Today: 422 EVIDENCE_TYPE_MISMATCH, "the file is application/pdf, not text/plain" (busboy's
    // default for an unlabelled part) — a refusal for a lie the client never told.
    expect([r.statusCode, r.json()]).toEqual([200, { type: 'application/pdf', size: PDF.length }]);
  });

  it('a form with too many parts is not answered "the document is larger than 5 MiB"', async () => {
    // Parts without a Content-Disposition are neither fields nor files: only the parts limit counts them.
    const empty = Buffer.from(`--${B}\r\n\r\n\r\n`);
    const file = Buffer.concat([
      Buffer.from(
        `--${B}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      PDF,
      Buffer.from('\r\n'),
    ]);
    const r = await post(Buffer.concat([...Array.from({ length: 50 }, () => empty), file, end]));
    expect(r.statusCode).toBeGreaterThanOrEqual(400);
    expect(r.statusCode).toBeLessThan(500);
    // A 15-byte PDF behind 50 empty parts: today 422 EVIDENCE_TOO_LARGE ("at most 5 MiB").
    expect(r.json().code).not.toBe('EVIDENCE_TOO_LARGE');
  });
});

/**
 * Reading an evidence upload (api/uploads.ts): the raw file or one file of a multipart form, both
 * checked by their bytes; too large, the wrong type, two files or a broken form are 4xx codes,
 * never a 500. (The routes of issue 14 that store evidence use this; their own tests cover the
 * database side.)
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorHandler } from '../../api/errors';
import { filenameOf, readUpload, registerUploadParsers, UPLOAD_BODY_LIMIT } from '../../api/uploads';
import { checkUpload, MAX_EVIDENCE_BYTES } from '../../services/evidence';

let app: FastifyInstance;
const PDF = Buffer.from('%PDF-1.7\n%%EOF\n');

beforeAll(async () => {
  app = Fastify();
  app.setErrorHandler(errorHandler);
  await app.register(async (scope) => {
    await registerUploadParsers(scope);
    scope.post('/upload', { bodyLimit: UPLOAD_BODY_LIMIT }, async (req) => {
      const u = await readUpload(req);
      return { type: checkUpload(u), size: u.bytes.length, filename: u.filename ?? null };
    });
  });
  await app.ready();
});
afterAll(async () => app.close());

function form(parts: { name: string; filename?: string; type?: string; body: Buffer | string }[]) {
  const boundary = '----ansinh-test-boundary';
  const chunks: Buffer[] = [];
  for (const p of parts) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"${p.filename ? `; filename="${p.filename}"` : ''}\r\n` +
          (p.type ? `Content-Type: ${p.type}\r\n` : '') +
          '\r\n',
      ),
      Buffer.isBuffer(p.body) ? p.body : Buffer.from(p.body),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('evidence uploads', () => {
  it('a raw PDF body, its name from Content-Disposition (RFC 6266, UTF-8 too)', async () => {
    const r = await app.inject({
      method: 'POST',
      url: '/upload',
      payload: PDF,
      headers: {
        'content-type': 'application/pdf',
        'content-disposition': `attachment; filename*=UTF-8''H%E1%BB%A3p%20%C4%91%E1%BB%93ng.pdf`,
      },
    });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ type: 'application/pdf', size: PDF.length, filename: 'Hợp đồng.pdf' });
    expect(filenameOf('attachment; filename="a b.pdf"')).toBe('a b.pdf');
    expect(filenameOf('attachment; filename=c.png')).toBe('c.png');
    expect(filenameOf(`attachment; filename*=UTF-8''%E0%A4%A`)).toBeUndefined();
  });

  it('one file of a multipart form (what the console sends)', async () => {
    const r = await app.inject({
      method: 'POST',
      url: '/upload',
      ...form([{ name: 'file', filename: 'bang-luong.pdf', type: 'application/pdf', body: PDF }]),
    });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ type: 'application/pdf', size: PDF.length, filename: 'bang-luong.pdf' });
  });

  it('refuses with codes: another type, a lie about the type, too large, two files, an empty form, a broken form', async () => {
    const html = await app.inject({
      method: 'POST',
      url: '/upload',
      payload: '<html>',
      headers: { 'content-type': 'text/html' },
    });
    expect(html.statusCode).toBe(415);
    const lie = await app.inject({
      method: 'POST',
      url: '/upload',
      payload: Buffer.from('GIF89a'),
      headers: { 'content-type': 'image/png' },
    });
    expect([lie.statusCode, lie.json().code]).toEqual([415, 'EVIDENCE_TYPE']);
    const big = Buffer.concat([PDF, Buffer.alloc(MAX_EVIDENCE_BYTES)]);
    const bigForm = await app.inject({
      method: 'POST',
      url: '/upload',
      ...form([{ name: 'file', filename: 'x.pdf', type: 'application/pdf', body: big }]),
    });
    expect([bigForm.statusCode, bigForm.json().code]).toEqual([413, 'EVIDENCE_TOO_LARGE']);
    const bigRaw = await app.inject({
      method: 'POST',
      url: '/upload',
      payload: Buffer.concat([big, Buffer.alloc(70 * 1024)]),
      headers: { 'content-type': 'application/pdf' },
    });
    expect(bigRaw.statusCode).toBe(413);
    const two = await app.inject({
      method: 'POST',
      url: '/upload',
      ...form([
        { name: 'file', filename: 'a.pdf', type: 'application/pdf', body: PDF },
        { name: 'file2', filename: 'b.pdf', type: 'application/pdf', body: PDF },
      ]),
    });
    expect(two.statusCode).toBe(200); // the first file is read; a second part is never stored
    const none = await app.inject({ method: 'POST', url: '/upload', ...form([{ name: 'note', body: 'hello' }]) });
    expect([none.statusCode, none.json().code]).toEqual([422, 'EVIDENCE_EMPTY']);
    const broken = await app.inject({
      method: 'POST',
      url: '/upload',
      payload: 'garbage',
      headers: { 'content-type': 'multipart/form-data; boundary=zzz' },
    });
    expect([broken.statusCode, broken.json().code]).toEqual([422, 'INVALID_UPLOAD']);
  });
});

/**
 * A real SMTP peer for the relay's tests and bench: smtp-server in process on a free port, with
 * STARTTLS (smtp-server's own self-signed certificate) and AUTH PLAIN/LOGIN required; every message
 * it accepts is parsed with mailparser.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SmtpPeer {
  port: number;
  /** SMTP_URL for these credentials (the self-signed certificate is accepted). */
  url(user?: string, pass?: string): string;
  received: ParsedMail[];
  /** Raw message count (also counted when parsing is skipped). */
  count: number;
  /** Logins refused so far. */
  refusedLogins: number;
  waitFor(n: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export const PEER_USER = 'relay';
export const PEER_PASS = 'hộp-thư-bí-mật';

export async function startSmtpPeer(opts: { parse?: boolean } = {}): Promise<SmtpPeer> {
  const parse = opts.parse ?? true;
  const peer: SmtpPeer = {
    port: 0,
    url: (user = PEER_USER, pass = PEER_PASS) =>
      `smtp://${encodeURIComponent(user)}:${encodeURIComponent(pass)}@127.0.0.1:${peer.port}?tlsRejectUnauthorized=false`,
    received: [],
    count: 0,
    refusedLogins: 0,
    async waitFor(n, timeoutMs = 10_000) {
      const start = process.hrtime.bigint();
      while (peer.count < n) {
        if (Number(process.hrtime.bigint() - start) / 1e6 > timeoutMs)
          throw new Error(`only ${peer.count} of ${n} messages arrived`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    close: async () => {},
  };
  const pending: Promise<void>[] = [];
  const server = new SMTPServer({
    secure: false,
    authMethods: ['PLAIN', 'LOGIN'],
    allowInsecureAuth: false,
    disableReverseLookup: true,
    logger: false,
    size: 20 * 1024 * 1024,
    onAuth(auth, _session, cb) {
      if (auth.username === PEER_USER && auth.password === PEER_PASS) return cb(null, { user: auth.username });
      peer.refusedLogins++;
      const err = new Error('Invalid username or password') as Error & { responseCode: number };
      err.responseCode = 535;
      return cb(err);
    },
    onData(stream, _session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        if (!parse) {
          peer.count++;
          return cb();
        }
        const p = simpleParser(raw).then((m) => {
          peer.received.push(m);
          peer.count++;
        });
        pending.push(p);
        p.then(() => cb(), cb);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  peer.port = (server.server.address() as AddressInfo).port;
  peer.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
    });
  return peer;
}

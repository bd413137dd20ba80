/**
 * An HTTP SMS gateway for the relay's tests (the SMS twin of smtp-peer.ts): node:http in process on
 * a free port, recording every request it is sent (method, path, headers, the JSON body) and
 * answering each with the next status the test queued (`answer(503, 400, …)`), else 202. A request
 * may be held (`delayMs`) to make the relay's timeout fire.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { httpSmsGateway, type SmsGateway } from '../../services/sms';

export interface SmsRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: { to?: unknown; text?: unknown; reference?: unknown; sender?: unknown };
  /** The status it was answered with. */
  status: number;
}

export interface SmsPeer {
  url: string;
  token: string;
  received: SmsRequest[];
  /** The statuses of the next requests, in order (then 202 again). */
  answer(...statuses: number[]): void;
  /** Holds every request this long before answering (0: at once). */
  delayMs: number;
  /** The relay's gateway for this peer (services/sms.ts, exactly as runtime/relay.ts builds it). */
  gateway(opts?: { timeoutMs?: number; token?: string }): SmsGateway;
  close(): Promise<void>;
}

export const SMS_PEER_TOKEN = 'sms-peer-token-0123456789abcdef';
export const SMS_PEER_SENDER = 'BHXH';

export async function startSmsPeer(): Promise<SmsPeer> {
  const queue: number[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const status = queue.shift() ?? 202;
      let body: SmsRequest['body'] = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as SmsRequest['body'];
      } catch {
        body = {};
      }
      peer.received.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body, status });
      const reply = () => {
        res.statusCode = status;
        res.setHeader('content-type', 'application/json');
        // A gateway's error text may quote the number: the relay must keep none of it.
        res.end(JSON.stringify({ status, message: `number ${String(body.to)} refused or accepted` }));
      };
      if (peer.delayMs > 0) setTimeout(reply, peer.delayMs);
      else reply();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/sms`;
  const peer: SmsPeer = {
    url,
    token: SMS_PEER_TOKEN,
    received: [],
    delayMs: 0,
    answer: (...statuses) => void queue.push(...statuses),
    gateway: (opts = {}) =>
      httpSmsGateway({
        url,
        token: opts.token ?? SMS_PEER_TOKEN,
        sender: SMS_PEER_SENDER,
        ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}),
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return peer;
}

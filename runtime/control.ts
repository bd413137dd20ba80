/**
 * Embedded PGlite has exactly one owner: the `ansinh start` process. Other `ansinh` commands on
 * the same machine (and `npm run demo`) are forwarded to it over a local control socket
 * (.ansinh/control.sock, owner-only permissions) and run there, inside the owner, against its
 * database and Temporal client; their output and exit code come back over the same socket.
 */
import { chmodSync, rmSync } from 'node:fs';
import net from 'node:net';
import readline from 'node:readline';

export interface ControlRequest {
  args: string[];
  cwd: string;
}

type ControlMessage = { stream: 'stdout' | 'stderr'; data: string } | { exit: number };

export type CommandRunner = (
  req: ControlRequest,
  out: (s: string) => void,
  err: (s: string) => void,
) => Promise<number>;

export async function serveControl(socketPath: string, run: CommandRunner): Promise<{ close(): Promise<void> }> {
  rmSync(socketPath, { force: true });
  const server = net.createServer((socket) => {
    const send = (m: ControlMessage) => {
      if (socket.writable) socket.write(`${JSON.stringify(m)}\n`);
    };
    const lines = readline.createInterface({ input: socket });
    lines.once('line', (line) => {
      let req: ControlRequest;
      try {
        req = JSON.parse(line) as ControlRequest;
        if (!Array.isArray(req.args) || typeof req.cwd !== 'string') throw new Error('bad request');
      } catch {
        send({ stream: 'stderr', data: 'error: malformed control request\n' });
        send({ exit: 1 });
        socket.end();
        return;
      }
      void run(
        req,
        (data) => send({ stream: 'stdout', data }),
        (data) => send({ stream: 'stderr', data }),
      ).then(
        (exit) => {
          send({ exit });
          socket.end();
        },
        (e: unknown) => {
          send({ stream: 'stderr', data: `error: ${(e as Error)?.message ?? String(e)}\n` });
          send({ exit: 1 });
          socket.end();
        },
      );
    });
    socket.on('error', () => socket.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve());
  });
  chmodSync(socketPath, 0o600);
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        rmSync(socketPath, { force: true });
      }),
  };
}

/** Sends a command to the running stack; resolves with its exit code. */
export function forwardCommand(
  socketPath: string,
  req: ControlRequest,
  out: (s: string) => void,
  err: (s: string) => void,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = net.createConnection(socketPath);
    let exit: number | undefined;
    socket.once('connect', () => socket.write(`${JSON.stringify(req)}\n`));
    readline.createInterface({ input: socket }).on('line', (line) => {
      const m = JSON.parse(line) as ControlMessage;
      if ('exit' in m) exit = m.exit;
      else (m.stream === 'stdout' ? out : err)(m.data);
    });
    socket.once('error', reject);
    socket.once('close', () =>
      exit === undefined ? reject(new Error('the running stack closed the control connection')) : resolve(exit),
    );
  });
}

/**
 * One log format (issue 15): JSON lines, pretty only on a terminal outside production, personal
 * fields redacted, and the Temporal dev server's own output passed through the same logger.
 */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { devServerArgs, forwardServerLine } from '../../runtime/dev-server';
import { jsonLogger, wantsPretty } from '../../runtime/logger';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l) as Record<string, unknown>);
      done();
    },
  });
  return { lines, log: jsonLogger('debug', stream) };
}

describe('the log format', () => {
  it('is pretty only on a terminal and never in production, unless LOG_FORMAT forces it', () => {
    expect(wantsPretty('auto', true, 'development')).toBe(true);
    expect(wantsPretty('auto', true, 'test')).toBe(true);
    expect(wantsPretty('auto', true, 'production')).toBe(false);
    expect(wantsPretty('auto', false, 'development')).toBe(false);
    expect(wantsPretty('json', true, 'development')).toBe(false);
    expect(wantsPretty('pretty', false, 'production')).toBe(true);
  });

  it('lines are JSON objects of the service; personal fields in a logged object are redacted', () => {
    const { lines, log } = capture();
    log.child({ component: 'api' }).info({ who: { personalId: '001090000001', fullName: 'Nguyễn Văn An' } }, 'hello');
    expect(lines[0]).toMatchObject({ service: 'ansinh', component: 'api', msg: 'hello', level: 30 });
    expect(JSON.stringify(lines[0])).not.toContain('001090000001');
    expect(JSON.stringify(lines[0])).not.toContain('Nguyễn');
  });
});

describe('the dev server’s output', () => {
  it('starts with JSON logs in a format the stack parses, the Web UI on its port, the data in the given file', () => {
    const args = devServerArgs({
      ip: '127.0.0.1',
      port: 7233,
      uiPort: 8233,
      namespace: 'default',
      dbFilename: '/tmp/t.sqlite',
      extraArgs: ['--ui-codec-endpoint', 'http://x'],
    });
    expect(args.slice(0, 2)).toEqual(['server', 'start-dev']);
    expect(args.join(' ')).toContain('--log-format json');
    expect(args.join(' ')).toContain('--ui-port 8233');
    expect(args.join(' ')).toContain('--db-filename /tmp/t.sqlite');
    expect(args).not.toContain('--headless');
    expect(args.slice(-2)).toEqual(['--ui-codec-endpoint', 'http://x']);
  });

  it('each JSON line keeps its level and message, its fields under `temporal` (its own `service` does not clash)', () => {
    const { lines, log } = capture();
    forwardServerLine(
      log,
      JSON.stringify({ level: 'warn', ts: 'x', msg: 'Failed to poll', service: 'worker', TaskQueue: 'q' }),
    );
    forwardServerLine(log, JSON.stringify({ level: 'error', msg: 'boom' }));
    forwardServerLine(log, 'Temporal Server:      localhost:7233');
    forwardServerLine(log, '   ');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({
      level: 40,
      msg: 'Failed to poll',
      service: 'ansinh',
      temporal: { service: 'worker', TaskQueue: 'q' },
    });
    expect(lines[1]).toMatchObject({ level: 50, msg: 'boom' });
    expect(lines[2]).toMatchObject({ level: 30, msg: 'Temporal Server:      localhost:7233' });
  });

  it('once it is stopping, its warnings about its own frontend going away are debug; errors stay errors', () => {
    const { lines, log } = capture();
    forwardServerLine(log, JSON.stringify({ level: 'warn', msg: 'connection refused' }), true);
    forwardServerLine(log, JSON.stringify({ level: 'error', msg: 'disk full' }), true);
    expect(lines.map((l) => l.level)).toEqual([20, 50]);
  });
});

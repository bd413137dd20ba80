/**
 * `ansinh --help` in the chosen language (issue #13): every command's, argument's and option's
 * description has its catalog text (a new command without one fails here), and the help a person
 * reads is Vietnamese by default, English with --lang en or ANSINH_LANG=en.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { buildProgram, type CliContext } from '../../cli/program';
import { helpKeys } from '../../cli/help';

const run = promisify(execFile);
const BIN = path.join(process.cwd(), 'bin', 'ansinh.cjs');

async function ansinh(args: string[], env: Record<string, string> = {}) {
  const base: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'silent' };
  for (const k of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'ANSINH_HOME', 'ANSINH_LANG']) delete base[k];
  const r = await run(process.execPath, [BIN, ...args], { env: { ...base, ...env }, timeout: 60_000 });
  return r.stdout;
}

describe('ansinh --help', () => {
  it('every command, argument and option described in the program has its text in the catalog', () => {
    const noop = async () => {};
    const program = buildProgram({ out: () => {}, err: () => {} } as unknown as CliContext, {
      start: noop,
      worker: noop,
      api: noop,
      relay: noop,
    });
    const keys = helpKeys(program);
    expect(keys.length).toBeGreaterThan(100);
    expect(keys.filter((k) => !k.present).map((k) => k.key)).toEqual([]);
  });

  // Several runs of the real binary: on a loaded machine a start takes seconds (a limit, not an assertion).
  it('is Vietnamese by default and English with --lang en or ANSINH_LANG=en', { timeout: 300_000 }, async () => {
    const vi = await ansinh(['--help']);
    expect(vi).toMatch(/^Cách dùng: ansinh /);
    expect(vi).toContain('Tùy chọn:');
    expect(vi).toContain('Lệnh:');
    expect(vi).toContain('hiện trợ giúp của lệnh');
    expect(vi).toContain('quản trị cơ sở dữ liệu');
    expect(vi).not.toMatch(/Usage:|Options:|display help/);
    const en = await ansinh(['--lang', 'en', '--help']);
    expect(en).toMatch(/^Usage: ansinh /);
    expect(en).toContain('database administration');
    expect(await ansinh(['--help'], { ANSINH_LANG: 'en' })).toBe(en);

    const sub = await ansinh(['employer', 'pay', '--help']);
    expect(await ansinh(['bank', 'assign', '--help'])).toMatch(/Đối số:\n\s+id\s+dòng chờ xử lý \(#id/);
    expect(sub).toContain('báo trước một khoản chuyển khoản');
    expect(sub).toContain('người báo chuyển khoản (mặc định: "employer:cli")');
    const subEn = await ansinh(['employer', 'pay', '--help', '--lang=en']);
    expect(subEn).toContain('who announces it (default: "employer:cli")');
  });
});

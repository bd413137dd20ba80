/**
 * The CLI speaks Vietnamese by default and English with `--lang en` or ANSINH_LANG=en (issue #13):
 * `error: CODE: <message>`, the code and the exit code the same in every language. The real
 * binary, as a person runs it.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { cliLang, commandOf } from '../../cli/program';
import { TEST_PAYLOAD_KEYS_ENV } from '../setup/keys';

const run = promisify(execFile);
const BIN = path.join(process.cwd(), 'bin', 'ansinh.cjs');

async function ansinh(args: string[], env: Record<string, string> = {}) {
  const base: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'silent', ...TEST_PAYLOAD_KEYS_ENV };
  for (const k of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'ANSINH_HOME', 'ANSINH_LANG']) delete base[k];
  try {
    const r = await run(process.execPath, [BIN, ...args], { env: { ...base, ...env }, timeout: 60_000 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const badRegion = ['calc', 'contribution', '--salary', '10000000', '--period', '2026-07', '--region', 'V'];

describe('the CLI in two languages', () => {
  it('writes a refusal in Vietnamese by default and in English with --lang en or ANSINH_LANG, same code and exit', async () => {
    const vi = await ansinh(badRegion);
    const en = await ansinh(['--lang', 'en', ...badRegion]);
    const env = await ansinh(badRegion, { ANSINH_LANG: 'en' });
    const eq = await ansinh([...badRegion, '--lang=en'], { ANSINH_LANG: 'vi' });
    for (const r of [vi, en, env, eq]) {
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^error: INVALID_REGION: /);
    }
    expect(vi.stderr).toContain('Vùng lương tối thiểu là I, II, III hoặc IV.');
    expect(en.stderr).toContain('A wage region is I, II, III or IV.');
    expect(env.stderr).toBe(en.stderr);
    expect(eq.stderr).toBe(en.stderr);
  });

  it('writes --json errors with the same code and the message in the chosen language', async () => {
    const r = await ansinh(['--json', '--lang', 'en', ...badRegion]);
    expect(r.code).toBe(2);
    const body = JSON.parse(r.stderr) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('INVALID_REGION');
    expect(body.error.message).toBe('A wage region is I, II, III or IV.');
  });

  it('reads --lang and ANSINH_LANG, and never takes the value of --lang for the command', () => {
    expect(cliLang([], undefined)).toBe('vi');
    expect(cliLang(['--lang', 'en', 'calc'], undefined)).toBe('en');
    expect(cliLang(['calc', '--lang=en'], 'vi')).toBe('en');
    expect(cliLang(['calc'], 'en')).toBe('en');
    expect(cliLang(['calc', '--lang', 'xx'], 'en')).toBe('vi');
    expect(commandOf(['--lang', 'en', 'claim', 'show'])).toBe('claim');
    expect(commandOf(['--json', 'calc'])).toBe('calc');
  });
});

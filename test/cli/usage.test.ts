/**
 * commander's refusals of a command line are written in the chosen language as the CLI's error
 * line (`error: USAGE: …`, exit 2): a missing argument, an unknown option, an unknown command.
 * In process (runProgram), since nothing here reaches a command.
 */
import { describe, expect, it } from 'vitest';
import type { CliContext } from '../../cli/context';
import { runProgram } from '../../cli/program';

async function run(args: string[]) {
  const errs: string[] = [];
  const ctx = { cfg: {}, cwd: process.cwd(), out: () => {}, err: (s: string) => errs.push(s) } as unknown as CliContext;
  const never = async () => {
    throw new Error('no command runs on a refused command line');
  };
  const code = await runProgram(ctx, { start: never, worker: never, api: never, relay: never }, args);
  return { code, err: errs.join('') };
}

describe("commander's refusals in the chosen language", () => {
  it('a missing argument: Vietnamese by default, English with --lang en; exit 2', async () => {
    const vi = await run(['claim', 'show']);
    expect(vi.code).toBe(2);
    expect(vi.err).toMatch(/^error: USAGE: thiếu đối số bắt buộc '\w+'\n/);
    const en = await run(['--lang', 'en', 'claim', 'show']);
    expect(en.err).toMatch(/^error: USAGE: missing required argument '\w+'\n/);
    expect(vi.err).not.toContain('missing required');
  });

  it('an unknown option and an unknown command name what was given', async () => {
    const opt = await run(['ebook', 'show', '--bogus-flag', '079200000001']);
    expect(opt.code).toBe(2);
    expect(opt.err).toContain("error: USAGE: không có tùy chọn '--bogus-flag'");
    const cmd = await run(['--lang', 'en', 'nosuchcommand']);
    expect(cmd.code).toBe(2);
    expect(cmd.err).toContain("error: USAGE: unknown command 'nosuchcommand'");
    const viCmd = await run(['nosuchcommand']);
    expect(viCmd.err).toContain("error: USAGE: không có lệnh 'nosuchcommand'");
  });
});

/**
 * The `ansinh` program: its skeleton (name, version, --json, output), the exit codes, and
 * `runProgram`, which maps every failure to a message and an exit code. The commands themselves
 * live in cli/commands/, one file per group, each registering on the program given here.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { userInfo } from 'node:os';
import { Command, CommanderError } from 'commander';
import { usageLine } from './usage';
import { DomainError, type ProblemParams } from '../domain/errors';
import { classifyDatabaseError, databaseErrorFacts, isQueryError } from '../db/errors';
import { AuthError } from '../api/auth';
import { DevSecretRefused } from '../runtime/config';
import { DOMAIN_STATUS } from '../api/errors';
import type { Lang } from '../messages';
import { langFromSetting, problemDetail, problemMessage } from '../messages/negotiate';
import { ExitCode, type CliContext, type CommandKit, type LocalCommands } from './context';
import { words } from './say';
import { localizeHelp } from './help';
import { registerAdminCommands } from './commands/admin';
import { registerEmployerCommands } from './commands/employer';
import { registerBankCommands } from './commands/bank';
import { registerReconcileCommands } from './commands/reconcile';
import { registerSeedCommand } from './commands/seed';
import { registerLedgerCommands } from './commands/ledger';
import { registerEbookCommands } from './commands/ebook';
import { registerClaimCommands } from './commands/claim';
import { registerRecoveryCommands } from './commands/recovery';
import { registerCaseCommands } from './commands/case';
import { registerDataUpdateCommands } from './commands/data-update';
import { registerCalcCommands } from './commands/calc';
import { registerSigningCommands } from './commands/signing';
import { registerAuditCommands } from './commands/audit';

export { ExitCode, type CliContext, type LocalCommands } from './context';

/** The version in package.json (what `ansinh --version` prints). */
export const PACKAGE_VERSION: string = (
  JSON.parse(readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as { version: string }
).version;

/**
 * Exit codes: 2 for invalid input (the API's 400, 413, 415 and 422), 3 for not found (404), 1 for anything
 * else (a conflict with the case's state, a refusal, no stack, a failure).
 */
export const EXIT_INVALID_INPUT = 2;
export const EXIT_NOT_FOUND = 3;
export const EXIT_OTHER = 1;
/** Codes of the command line's own that are not about the input. */
const CLI_OTHER_CODES = new Set(['STACK_NOT_RUNNING', 'CONFIG', 'LOCAL_ONLY', 'POSTGRES_ONLY']);

export function exitCodeOf(code: string): number {
  if (CLI_OTHER_CODES.has(code)) return EXIT_OTHER;
  if (code === 'NOT_FOUND' || code.endsWith('_NOT_FOUND')) return EXIT_NOT_FOUND;
  const status = DOMAIN_STATUS[code] ?? 422;
  // A file refused for its size or its type (413, 415) is bad input too.
  return status === 404
    ? EXIT_NOT_FOUND
    : status === 400 || status === 413 || status === 415 || status === 422
      ? EXIT_INVALID_INPUT
      : EXIT_OTHER;
}

/** Commands that must run in the calling process (they own the stack or the worker). */
export const LOCAL_ONLY_COMMANDS = new Set(['start', 'worker', 'api', 'relay', 'token', 'keys']);

export function buildProgram(ctx: CliContext, local: LocalCommands, lang: Lang = cliLang([])): Command {
  const program = new Command()
    .name('ansinh')
    .description('Ansinh — workflow-orchestrated social-insurance benefit processing')
    .version(PACKAGE_VERSION, '-V, --version', 'print the version of Ansinh')
    .option('--json', 'machine-readable JSON output')
    .option('--lang <lang>', 'language of messages: vi (default) or en; ANSINH_LANG sets the default')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => ctx.out(s),
      writeErr: (s) => ctx.err(s),
      // commander's refusals in the chosen language, as the CLI's `error: CODE: …` line.
      outputError: (s, write) => write(usageLine(lang, s)),
    })
    .showHelpAfterError();

  const jsonMode = () => Boolean(program.opts<{ json?: boolean }>().json);
  const kit: CommandKit = {
    ctx,
    print: (human, json) => ctx.out(jsonMode() ? `${JSON.stringify(json, null, 2)}\n` : `${human}\n`),
    note: (line) => ctx.err(`${line}\n`),
    words: words(lang),
    readJson: (file) => {
      try {
        return JSON.parse(readFileSync(path.resolve(ctx.cwd, file), 'utf8'));
      } catch (err) {
        throw new DomainError('INVALID_FILE', `cannot read ${file} as JSON: ${(err as Error).message}`);
      }
    },
    defaultOfficer: `officer:${userInfo().username}`,
  };

  // In this order: it is the order `ansinh --help` lists them in.
  registerAdminCommands(program, kit, local);
  registerEmployerCommands(program, kit);
  registerBankCommands(program, kit);
  registerReconcileCommands(program, kit);
  registerSeedCommand(program, kit);
  registerLedgerCommands(program, kit);
  registerEbookCommands(program, kit);
  registerClaimCommands(program, kit);
  registerRecoveryCommands(program, kit);
  registerCaseCommands(program, kit);
  registerDataUpdateCommands(program, kit);
  registerCalcCommands(program, kit);
  registerSigningCommands(program, kit);
  registerAuditCommands(program, kit);
  localizeHelp(program, kit.words);
  return program;
}

/** Runs argv (user arguments only) and returns the exit code; never throws. */
/**
 * The language of the CLI's messages: `--lang vi|en` (or `--lang=en`), else ANSINH_LANG (the
 * forwarding client passes it on as `--lang`), else Vietnamese.
 */
export function cliLang(args: readonly string[], env: string | undefined = process.env['ANSINH_LANG']): Lang {
  let value: string | undefined;
  args.forEach((a, i) => {
    if (a === '--lang') value = args[i + 1];
    else if (a.startsWith('--lang=')) value = a.slice('--lang='.length);
  });
  return langFromSetting(value ?? env);
}

/** The first argument that is the command (not an option, nor the value of --lang). */
export function commandOf(args: readonly string[]): string | undefined {
  return args.find((a, i) => !a.startsWith('-') && args[i - 1] !== '--lang');
}

export async function runProgram(ctx: CliContext, local: LocalCommands, args: string[]): Promise<number> {
  const lang = cliLang(args);
  const program = buildProgram(ctx, local, lang);
  const json = args.includes('--json');
  /** An error's message from the catalog by its code, in the chosen language. */
  const say = (code: string, message: string) => problemMessage(lang, code, message);
  try {
    await program.parseAsync(args, { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof ExitCode) return err.code;
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : EXIT_INVALID_INPUT;
    if (err instanceof DevSecretRefused) {
      ctx.err(
        json
          ? `${JSON.stringify({ error: { code: err.code, message: say(err.code, err.message) } }, null, 2)}\n`
          : `error: ${err.code}: ${say(err.code, err.message)}\n`,
      );
      return EXIT_INVALID_INPUT;
    }
    if (err instanceof AuthError) {
      ctx.err(
        json
          ? `${JSON.stringify({ error: { code: err.code, message: say(err.code, err.message) } }, null, 2)}\n`
          : `error: ${err.code}: ${say(err.code, err.message)}\n`,
      );
      return 2;
    }
    if (err instanceof DomainError) {
      const body = {
        error: {
          code: err.code,
          message: problemMessage(lang, err.code, err.message, err.params),
          field: err.field ?? null,
          details: err.details ?? null,
        },
      };
      ctx.err(
        json
          ? `${JSON.stringify(body, null, 2)}\n`
          : `error: ${err.code}: ${problemDetail(lang, err.code, err.message, err.field, err.params)}\n${formatDetails(err.details, lang)}`,
      );
      return exitCodeOf(err.code);
    }
    const db = classifyDatabaseError(err);
    if (db) {
      // A constraint refused the input (exit 2), or the database cannot be reached (exit 1); never its SQL.
      ctx.err(
        json
          ? `${JSON.stringify({ error: { code: db.code, message: say(db.code, db.message), field: (db.kind === 'refusal' && db.field) || null } }, null, 2)}\n`
          : `error: ${db.code}: ${say(db.code, db.message)}\n`,
      );
      return db.kind === 'refusal' ? (db.status === 404 ? EXIT_NOT_FOUND : EXIT_INVALID_INPUT) : EXIT_OTHER;
    }
    const facts = databaseErrorFacts(err);
    if (facts || isQueryError(err)) {
      // Class 42 (an undefined table or column) names schema objects, never values: say it, since it
      // means a database without Ansinh's schema. Other messages may quote values: only the SQLSTATE.
      const cause = (err as { cause?: { message?: unknown } }).cause?.message;
      if (facts?.sqlstate?.startsWith('42') && typeof cause === 'string') {
        ctx.err(
          `error: DATABASE: ${cause} (SQLSTATE ${facts.sqlstate}) — is this database migrated? \`ansinh db migrate\` applies the schema\n`,
        );
        return EXIT_OTHER;
      }
      ctx.err(`error: the database refused the command${facts?.sqlstate ? ` (SQLSTATE ${facts.sqlstate})` : ''}\n`);
      return EXIT_OTHER;
    }
    ctx.err(`error: ${(err as Error)?.message ?? String(err)}\n`);
    return EXIT_OTHER;
  }
}

function formatDetails(details: unknown, lang: Lang): string {
  const errors = (
    details as { errors?: { code: string; field: string; message?: string; params?: ProblemParams }[] } | undefined
  )?.errors;
  if (!errors || errors.length <= 1) return '';
  return (
    errors.map((e) => `  ${e.code} ${e.field}: ${problemMessage(lang, e.code, e.message, e.params)}`).join('\n') + '\n'
  );
}

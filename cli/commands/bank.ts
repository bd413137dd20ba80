/**
 * `ansinh bank …`: the collection account's statements — import, suspense, assignment; and benefit
 * payments into bank accounts (issue 14 part 4) — a participant's account, the payment runs'
 * pain.001 files, the paying bank's pain.002/camt.054.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { DomainError } from '../../domain/errors';
import { parseOrThrow } from '../../domain/issues';
import { assignmentBodySchema } from '../../domain/schemas';
import { statementFormatSchema } from '../../domain/bank';
import { formatVnd } from '../../domain/money';
import { assignSuspenseLine, importStatement, listSuspense } from '../../services/bank';
import { detectFormat, parseStatement } from '../../services/bank-parse';
import { t, type Lang } from '../../messages';
import { formatDate, formatMoney } from '../../messages/format';
import { langFromSetting } from '../../messages/negotiate';
import { validatePersonalId } from '../../domain/identifiers';
import { runIdSchema } from '../../domain/schemas-payments';
import { bankAccountsOf, proposeAccount, verifyAccount, type BankAccountView } from '../../services/bank-accounts';
import { importBankReturns, parseCamt054, parsePain002 } from '../../services/bank-returns';
import { createPaymentRun, paymentFile } from '../../services/payment-files';
import { uiFundOf } from '../../runtime/config';
import type { CommandKit } from '../context';

/** The language of the command's output (the global --lang). */
const langOf = (cmd: Command): Lang => langFromSetting(cmd.optsWithGlobals<{ lang?: string }>().lang);

function accountLine(lang: Lang, a: BankAccountView): string {
  const status =
    a.status === 'verified'
      ? t(lang, 'payments.account.status.verified', { date: formatDate(lang, a.verifiedOn) })
      : a.status === 'closed'
        ? t(lang, 'payments.account.status.closed', {
            date: formatDate(lang, a.closedOn),
            reason: a.closedReason ?? '',
          })
        : t(lang, `payments.account.status.${a.status}`);
  return t(lang, 'payments.account.line', {
    bank: a.bankName ?? a.bankCode,
    bankCode: a.bankCode,
    masked: a.accountNumberMasked,
    holder: a.holderName,
    status,
  });
}

function personalIdArg(v: string): string {
  const r = validatePersonalId(v);
  if (!r.ok) throw new DomainError(r.code, r.message, 'personalId');
  return v;
}

function readFileArg(cwd: string, file: string): string {
  try {
    return readFileSync(path.resolve(cwd, file), 'utf8');
  } catch (err) {
    throw new DomainError('INVALID_FILE', `cannot read ${file}: ${(err as Error).message}`);
  }
}

export function registerBankCommands(program: Command, { ctx, print, defaultOfficer }: CommandKit): void {
  const bank = program
    .command('bank')
    .description("the collection account's bank statements: import, suspense, assignment");
  const todayInVietnam = () => ctx.cfg.clock.today();

  bank
    .command('import')
    .argument('<file>', 'the bank statement: CSV export (columns in the README) or ISO 20022 camt.053 XML')
    .addOption(
      new Option('--format <format>', 'the file format (default: by extension, else by content)').choices([
        'csv',
        'camt053',
      ]),
    )
    .option('--author <who>', 'who imports it', 'operator:cli')
    .description(
      'import a statement: each transaction once by its bank reference; credits in VND naming one employer are booked, the others go to suspense',
    )
    .action(async (file: string, opts: { format?: string; author: string }) => {
      let content: string;
      try {
        content = readFileSync(path.resolve(ctx.cwd, file), 'utf8');
      } catch (err) {
        throw new DomainError('INVALID_FILE', `cannot read ${file}: ${(err as Error).message}`);
      }
      const format = opts.format ? parseOrThrow(statementFormatSchema, opts.format) : detectFormat(content, file);
      const parsed = parseStatement(content, format); // a bad file is refused before anything is connected or written
      await ctx.withDb(async (h) => {
        const r = await importStatement(h.db, { ...parsed, author: opts.author, today: todayInVietnam() });
        print(
          [
            `${r.lines} lines (${r.format}${r.statementRef ? ` ${r.statementRef}` : ''}): ${r.booked} booked, ${r.suspense} to suspense, ${r.ignored} ignored, ${r.alreadyImported} already imported${r.notBooked ? `, ${r.notBooked} not booked by the bank yet (skipped)` : ''}`,
            ...r.results.map(
              (x) =>
                `  line ${x.line} ${x.bankReference}: ${x.status}${x.reason ? ` ${x.reason}` : ''}${x.taxCode ? ` ${x.taxCode}` : ''}${x.paymentId ? ` payment #${x.paymentId}` : ''}${x.alreadyImported ? ' (already imported)' : ''}`,
            ),
          ].join('\n'),
          r,
        );
      });
    });

  bank
    .command('suspense')
    .addOption(new Option('--limit <n>', 'at most this many lines').argParser(Number).default(100))
    .description('statement lines waiting for an officer, oldest first, with their reason')
    .action((opts: { limit: number }) =>
      ctx.withDb(async (h) => {
        if (!Number.isSafeInteger(opts.limit) || opts.limit < 1 || opts.limit > 10_000)
          throw new DomainError('INVALID_INPUT', '--limit must be a whole number from 1 to 10000', 'limit');
        const page = await listSuspense(h.db, { limit: opts.limit, after: 0 });
        print(
          page.items.length === 0
            ? 'no lines in suspense'
            : page.items
                .map(
                  (l) =>
                    `#${l.id} ${l.bankReference} ${l.amount} ${l.currency} on ${l.valueDate}: ${l.reason}${l.taxCode ? ` (${l.taxCode})` : ''} — ${l.remittance}`,
                )
                .join('\n'),
          page,
        );
      }),
    );

  bank
    .command('assign')
    .argument('<id>', 'the suspense line (#id from ansinh bank suspense)')
    .argument('<taxCode>', 'the employer it pays')
    .option('--officer <who>', 'the assigning officer', defaultOfficer)
    .description("book a suspense line as the employer's payment; it leaves suspense")
    .action(async (id: string, taxCode: string, opts: { officer: string }) => {
      const lineId = Number(id.replace(/^#/, ''));
      if (!Number.isSafeInteger(lineId) || lineId < 1)
        throw new DomainError('INVALID_ID', 'a bank line id is a whole number ≥ 1', 'id');
      const body = parseOrThrow(assignmentBodySchema, { taxCode });
      await ctx.withDb(async (h) => {
        const r = await assignSuspenseLine(h.db, {
          id: lineId,
          taxCode: body.taxCode,
          author: opts.officer,
          today: todayInVietnam(),
        });
        print(
          [
            `line #${r.line.id} ${r.line.bankReference} booked to ${body.taxCode} as payment #${r.payment.paymentId}${r.alreadyAssigned ? ' (already assigned)' : ''}`,
            ...r.payment.allocations.map(
              (a) =>
                `  ${a.period}: principal ${formatVnd(a.principal)}, charge ${formatVnd(a.interest)}${a.fromCredit ? ` (from credit, ${a.settledOn})` : ''}`,
            ),
            `  credit ${formatVnd(r.payment.credit)}`,
          ].join('\n'),
          r,
        );
      });
    });

  // ——— Benefit payments into bank accounts (issue 14 part 4) ———

  const account = bank.command('account').description("a participant's bank account for benefit payments");
  account
    .command('show')
    .argument('<personalId>', 'the participant')
    .description("the participant's accounts, newest first, the numbers masked")
    .action((personalId: string, _opts: unknown, cmd: Command) =>
      ctx.withDb(async (h) => {
        const lang = langOf(cmd);
        const items = await bankAccountsOf(h.db, personalIdArg(personalId));
        print(
          items.length
            ? items.map((a) => `#${a.id} ${accountLine(lang, a)}`).join('\n')
            : t(lang, 'payments.account.none'),
          {
            items,
          },
        );
      }),
    );
  account
    .command('propose')
    .argument('<personalId>', 'the participant')
    .requiredOption('--bank <bic>', 'the bank’s BIC, e.g. BFTVVNVX (Vietcombank)')
    .requiredOption('--number <digits>', 'the account number (6–19 digits)')
    .requiredOption('--holder <name>', 'the account holder: the participant')
    .option('--by <who>', 'who proposes it', 'officer:cli')
    .description('propose the account benefits are paid into: pending until an officer verifies it')
    .action((personalId: string, opts: { bank: string; number: string; holder: string; by: string }, cmd: Command) =>
      ctx.withDb(async (h) => {
        const lang = langOf(cmd);
        const r = await proposeAccount(h.db, {
          personalId: personalIdArg(personalId),
          account: { bankCode: opts.bank, accountNumber: opts.number, holderName: opts.holder },
          by: opts.by,
          today: todayInVietnam(),
        });
        print(
          t(lang, 'payments.cli.proposed', {
            id: r.account.id,
            masked: r.account.accountNumberMasked,
            status: t(lang, `payments.account.status.${r.account.status as 'pending'}`),
            again: r.created ? '' : t(lang, 'payments.cli.again'),
          }),
          r,
        );
      }),
    );
  account
    .command('verify')
    .argument('<personalId>', 'the participant')
    .option('--account <id>', 'the account (default: the pending one)')
    .option('--officer <who>', 'the verifying officer', defaultOfficer)
    .description('an officer verifies the pending account: it becomes the one benefits are paid into')
    .action((personalId: string, opts: { account?: string; officer: string }, cmd: Command) =>
      ctx.withDb(async (h) => {
        const lang = langOf(cmd);
        const id = opts.account === undefined ? undefined : Number(opts.account.replace(/^#/, ''));
        if (id !== undefined && (!Number.isSafeInteger(id) || id < 1))
          throw new DomainError('INVALID_ID', 'an account id is a whole number ≥ 1', 'account');
        const r = await verifyAccount(h.db, {
          personalId: personalIdArg(personalId),
          ...(id !== undefined ? { accountId: id } : {}),
          officer: opts.officer,
          today: todayInVietnam(),
        });
        print(`#${r.account.id} ${accountLine(lang, r.account)}`, r);
      }),
    );

  bank
    .command('payment-run')
    .argument('<run>', 'the run id: its payment date YYYY-MM-DD (optionally -suffix)')
    .option('--by <who>', 'who makes it', 'operator:cli')
    .description(
      'make the payment run: every benefit month owed whose participant has a verified account, in one pain.001 file; the same run again returns the same file',
    )
    .action((run: string, opts: { by: string }, cmd: Command) =>
      ctx.withDb(async (h) => {
        const lang = langOf(cmd);
        const runId = parseOrThrow(runIdSchema, run);
        const r = await createPaymentRun(h.db, {
          runId,
          now: ctx.cfg.clock(),
          today: todayInVietnam(),
          by: opts.by,
          debtor: uiFundOf(ctx.cfg),
        });
        print(
          r.fileId === null
            ? t(lang, 'payments.cli.runEmpty', { runId, waiting: r.waitingForAccount })
            : t(lang, 'payments.cli.run', {
                runId,
                n: r.nbOfTxs,
                sum: formatMoney(lang, r.ctrlSum),
                fileId: r.fileId,
                sha256: r.sha256 ?? '',
                again: r.created ? '' : t(lang, 'payments.cli.runAgain'),
                waiting: r.waitingForAccount,
              }),
          r,
        );
      }),
    );

  bank
    .command('payment-file')
    .argument('<run>', 'the run id (or the file id)')
    .option('--out <file>', 'write the XML to this file instead of printing it')
    .description("print a payment run's pain.001.001.09 file as stored")
    .action((run: string, opts: { out?: string }) =>
      ctx.withDb(async (h) => {
        const { file, transfers } = await paymentFile(
          h.db,
          /^\d+$/.test(run) ? { id: Number(run) } : { runId: parseOrThrow(runIdSchema, run) },
        );
        if (opts.out) {
          writeFileSync(path.resolve(ctx.cwd, opts.out), file.xml, 'utf8');
          print(`${opts.out} sha256 ${file.sha256}`, {
            runId: file.runId,
            sha256: file.sha256,
            out: opts.out,
            transfers,
          });
        } else print(file.xml.trimEnd(), { runId: file.runId, sha256: file.sha256, xml: file.xml, transfers });
      }),
    );

  bank
    .command('returns')
    .argument('<file>', "the paying bank's ISO 20022 pain.002 status report or camt.054 debit notification")
    .addOption(
      new Option('--format <format>', 'the file format (default: by its root element)').choices(['pain002', 'camt054']),
    )
    .option('--author <who>', 'who imports it', 'operator:cli')
    .description(
      'import the bank’s answers to a payment file: executed months are paid on the bank’s date, rejected ones returned',
    )
    .action(async (file: string, opts: { format?: string; author: string }, cmd: Command) => {
      const lang = langOf(cmd);
      const content = readFileArg(ctx.cwd, file);
      const format = opts.format ?? (/BkToCstmrDbtCdtNtfctn/.test(content) ? 'camt054' : 'pain002');
      const parsed = format === 'camt054' ? parseCamt054(content) : parsePain002(content); // refused before connecting
      await ctx.withDb(async (h) => {
        const r = await importBankReturns(h.db, parsed, { author: opts.author, today: todayInVietnam() });
        print(
          [
            t(lang, 'payments.cli.returns', {
              kind: r.kind,
              paid: r.paid,
              returned: r.returned,
              unchanged: r.unchanged,
              unknown: r.unknown,
            }),
            ...r.results.map((x) =>
              t(lang, 'payments.cli.returnLine', { line: x.line, endToEndId: x.endToEndId, result: x.result }),
            ),
          ].join('\n'),
          r,
        );
      });
    });
}

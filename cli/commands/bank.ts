/**
 * `ansinh bank …`: the collection account's statements — import, suspense, assignment; and benefit
 * payments into bank accounts (issue 14 part 4) — a participant's account, the payment runs'
 * pain.001 files, the paying bank's pain.002/camt.054.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { DomainError } from '../../domain/errors';
import { parseOrThrow } from '../../domain/issues';
import { assignmentBodySchema } from '../../domain/schemas';
import { statementFormatSchema } from '../../domain/bank';
import { assignAndSignal, importStatementAndSignal, type CaseSignalReach } from '../../client/case-signals';
import { listSuspense } from '../../services/bank';
import { detectFormat, parseStatement } from '../../services/bank-parse';
import { writeFileSync } from 'node:fs';
import { validatePersonalId } from '../../domain/identifiers';
import { runIdSchema } from '../../domain/schemas-payments';
import { uiFundOf } from '../../runtime/config';
import { bankAccountsOf, proposeAccount, verifyAccount, type BankAccountView } from '../../services/bank-accounts';
import { importBankReturns, parseCamt054, parsePain002 } from '../../services/bank-returns';
import { createPaymentRun, paymentFile } from '../../services/payment-files';
import type { Line, Words } from '../say';
import type { CommandKit } from '../context';

/** An account in words: the bank, the number masked, the holder, the status. */
function accountLine(w: Words, a: BankAccountView): string {
  const status =
    a.status === 'verified'
      ? w.say('payments.account.status.verified', { date: w.date(a.verifiedOn) })
      : a.status === 'closed'
        ? w.say('payments.account.status.closed', { date: w.date(a.closedOn), reason: a.closedReason ?? '' })
        : w.label('payments.account.status.', a.status);
  return w.say('payments.account.line', {
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

export function registerBankCommands(program: Command, { ctx, print, defaultOfficer, words: w }: CommandKit): void {
  // Temporal is reached only when a booking credited an open declaration case's months (its signal).
  const reachTemporal: CaseSignalReach = (signal) => ctx.withTemporal((t) => signal(t.client));
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
        const r = await importStatementAndSignal(h.db, reachTemporal, {
          ...parsed,
          author: opts.author,
          today: todayInVietnam(),
        });
        print(
          w.lines([
            w.say('cli.bank.imported', {
              lines: r.lines,
              format: r.format,
              statement: r.statementRef ? w.say('cli.fragment', { text: r.statementRef }) : '',
              booked: r.booked,
              suspense: r.suspense,
              ignored: r.ignored,
              already: r.alreadyImported,
              notBooked: r.notBooked ? w.say('cli.bank.notBooked', { n: r.notBooked }) : '',
            }),
            ...r.results.map((x) =>
              w.say('cli.bank.line', {
                line: x.line,
                reference: x.bankReference,
                status: w.label('cli.bank.status.', x.status),
                reason: x.reason ? w.say('cli.bank.reasonOf', { reason: w.label('cli.bank.reason.', x.reason) }) : '',
                taxCode: x.taxCode ? w.say('cli.fragment', { text: x.taxCode }) : '',
                payment: x.paymentId ? w.say('cli.bank.payment', { id: x.paymentId }) : '',
                already: x.alreadyImported ? w.say('cli.bank.alreadyImported') : '',
              }),
            ),
          ]),
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
            ? w.say('cli.bank.noSuspense')
            : w.lines(
                page.items.map((l) =>
                  w.say('cli.bank.suspenseLine', {
                    id: l.id,
                    reference: l.bankReference,
                    amount: l.currency === 'VND' ? w.money(l.amount).replace(/ ₫$/, '') : l.amount,
                    currency: l.currency,
                    date: w.date(l.valueDate),
                    reason: w.label('cli.bank.reason.', l.reason),
                    taxCode: l.taxCode ? w.say('cli.taxCode', { taxCode: l.taxCode }) : '',
                    remittance: l.remittance,
                  }),
                ),
              ),
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
        const r = await assignAndSignal(h.db, reachTemporal, {
          id: lineId,
          taxCode: body.taxCode,
          author: opts.officer,
          today: todayInVietnam(),
        });
        print(
          w.lines([
            w.say('cli.bank.assigned', {
              id: r.line.id,
              reference: r.line.bankReference,
              taxCode: body.taxCode,
              payment: r.payment.paymentId,
              already: r.alreadyAssigned ? w.say('cli.bank.alreadyAssigned') : '',
            }),
            ...r.payment.allocations.map((a) =>
              w.say('cli.bank.allocation', {
                period: w.month(a.period),
                principal: w.money(a.principal),
                charge: w.money(a.interest),
                fromCredit: a.fromCredit ? w.say('cli.bank.fromCredit', { date: w.date(a.settledOn) }) : '',
              }),
            ),
            w.say('cli.bank.credit', { amount: w.money(r.payment.credit) }),
          ]),
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
    .action((personalId: string) =>
      ctx.withDb(async (h) => {
        const items = await bankAccountsOf(h.db, personalIdArg(personalId));
        print(
          items.length
            ? w.lines(items.map((a) => w.say('payments.cli.account', { id: a.id, line: accountLine(w, a) })))
            : w.say('payments.account.none'),
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
    .action((personalId: string, opts: { bank: string; number: string; holder: string; by: string }) =>
      ctx.withDb(async (h) => {
        const r = await proposeAccount(h.db, {
          personalId: personalIdArg(personalId),
          account: { bankCode: opts.bank, accountNumber: opts.number, holderName: opts.holder },
          by: opts.by,
          today: todayInVietnam(),
          secret: ctx.cfg.CLAIM_SUBJECT_KEY,
        });
        print(
          w.say('payments.cli.proposed', {
            id: r.account.id,
            masked: r.account.accountNumberMasked,
            status: w.label('payments.account.status.', r.account.status),
            again: r.created ? '' : w.say('payments.cli.again'),
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
    .action((personalId: string, opts: { account?: string; officer: string }) =>
      ctx.withDb(async (h) => {
        const id = opts.account === undefined ? undefined : Number(opts.account.replace(/^#/, ''));
        if (id !== undefined && (!Number.isSafeInteger(id) || id < 1))
          throw new DomainError('INVALID_ID', 'an account id is a whole number ≥ 1', 'account');
        const r = await verifyAccount(h.db, {
          personalId: personalIdArg(personalId),
          ...(id !== undefined ? { accountId: id } : {}),
          officer: opts.officer,
          today: todayInVietnam(),
        });
        print(w.say('payments.cli.account', { id: r.account.id, line: accountLine(w, r.account) }), r);
      }),
    );

  bank
    .command('payment-run')
    .argument('<run>', 'the run id: its payment date YYYY-MM-DD (optionally -suffix)')
    .option('--by <who>', 'who makes it', 'operator:cli')
    .description(
      'make the payment run: every benefit month owed whose participant has a verified account, in one pain.001 file; the same run again returns the same file',
    )
    .action((run: string, opts: { by: string }) =>
      ctx.withDb(async (h) => {
        const runId = parseOrThrow(runIdSchema, run);
        const r = await createPaymentRun(h.db, {
          runId,
          now: ctx.cfg.clock(),
          today: todayInVietnam(),
          by: opts.by,
          debtor: uiFundOf(ctx.cfg),
          secret: ctx.cfg.CLAIM_SUBJECT_KEY,
        });
        print(
          r.fileId === null
            ? w.say('payments.cli.runEmpty', { runId, waiting: r.waitingForAccount })
            : w.say('payments.cli.run', {
                runId,
                n: r.nbOfTxs,
                sum: w.money(r.ctrlSum),
                fileId: r.fileId,
                sha256: r.sha256 ?? '',
                again: r.created ? '' : w.say('payments.cli.runAgain'),
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
          ctx.cfg.CLAIM_SUBJECT_KEY,
        );
        if (opts.out) {
          writeFileSync(path.resolve(ctx.cwd, opts.out), file.xml, 'utf8');
          print(w.say('payments.cli.fileWritten', { out: opts.out, sha256: file.sha256 }), {
            runId: file.runId,
            sha256: file.sha256,
            out: opts.out,
            transfers,
          });
        } else
          print(file.xml.trimEnd() as Line /* the file itself: data, no words */, {
            runId: file.runId,
            sha256: file.sha256,
            xml: file.xml,
            transfers,
          });
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
    .action(async (file: string, opts: { format?: string; author: string }) => {
      const content = readFileArg(ctx.cwd, file);
      const format = opts.format ?? (/BkToCstmrDbtCdtNtfctn/.test(content) ? 'camt054' : 'pain002');
      const parsed = format === 'camt054' ? parseCamt054(content) : parsePain002(content); // refused before connecting
      await ctx.withDb(async (h) => {
        const r = await importBankReturns(h.db, parsed, { author: opts.author, today: todayInVietnam() });
        print(
          w.lines([
            w.say('payments.cli.returns', {
              kind: r.kind,
              paid: r.paid,
              returned: r.returned,
              reversed: r.reversed,
              unchanged: r.unchanged,
              unknown: r.unknown,
            }),
            ...r.results.map((x) =>
              w.say('payments.cli.returnLine', { line: x.line, endToEndId: x.endToEndId, result: x.result }),
            ),
          ]),
          r,
        );
      });
    });
}

/**
 * `ansinh bank …`: the collection account's statements — import, suspense, assignment.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { DomainError } from '../../domain/errors';
import { parseOrThrow } from '../../domain/issues';
import { assignmentBodySchema } from '../../domain/schemas';
import { statementFormatSchema } from '../../domain/bank';
import { assignSuspenseLine, importStatement, listSuspense } from '../../services/bank';
import { detectFormat, parseStatement } from '../../services/bank-parse';
import type { CommandKit } from '../context';

export function registerBankCommands(program: Command, { ctx, print, defaultOfficer, words: w }: CommandKit): void {
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
        const r = await assignSuspenseLine(h.db, {
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
}

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
import { formatVnd } from '../../domain/money';
import { assignSuspenseLine, importStatement, listSuspense } from '../../services/bank';
import { detectFormat, parseStatement } from '../../services/bank-parse';
import type { CommandKit } from '../context';

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
}

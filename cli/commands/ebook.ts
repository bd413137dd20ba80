/**
 * `ansinh ebook show|verify`: the electronic social-insurance books.
 */
import type { Command } from 'commander';
import { DomainError } from '../../domain/errors';
import { parseOrThrow } from '../../domain/issues';
import { personalIdSchema } from '../../domain/identifiers';
import { storedEbook, verifyAllEbooks } from '../../services/ebooks';
import { formatEbook } from '../format';
import { ExitCode, type CommandKit } from '../context';

export function registerEbookCommands(program: Command, { ctx, print }: CommandKit): void {
  const ebook = program.command('ebook').description('electronic social-insurance books');

  ebook
    .command('show')
    .argument('<personalId>')
    .description("a participant's e-book")
    .action((raw: string) => {
      const personalId = parseOrThrow(personalIdSchema, raw);
      return ctx.withDb(async (h) => {
        const book = await storedEbook(h.db, personalId);
        if (!book) throw new DomainError('NOT_FOUND', `no e-book for ${personalId}`);
        const content = JSON.parse(book.content);
        print(formatEbook(content, book.version, book.sha256), { version: book.version, sha256: book.sha256, content });
      });
    });

  ebook
    .command('verify')
    .description('recompute every e-book from the database and report each mismatch (exit 1 if any)')
    .action(() =>
      ctx.withDb(async (h) => {
        const report = await verifyAllEbooks(h.db);
        print(
          report.mismatches.length === 0
            ? `ok: ${report.checked} e-books match the database`
            : [
                `${report.mismatches.length} of ${report.checked} e-books do not match the database:`,
                ...report.mismatches.map(
                  (m) => `  ${m.personalId}: ${m.kind} (stored version ${m.storedVersion ?? '-'})`,
                ),
              ].join('\n'),
          report,
        );
        if (report.mismatches.length > 0) throw new ExitCode(1);
      }),
    );
}

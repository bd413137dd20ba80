/**
 * `ansinh ebook show|verify|verify-file`: the electronic social-insurance books. `show` signs what it
 * hands out (services/ebooks.ts signEbook); `verify-file` checks a saved book with public keys only.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { DomainError } from '../../domain/errors';
import type { EbookDocument } from '../../domain/ebook';
import { parseOrThrow } from '../../domain/issues';
import { personalIdSchema } from '../../domain/schemas-fields';
import { loadSigningKeys } from '../../runtime/signing-keys';
import { isLang } from '../../messages/index';
import { ebookPdf } from '../../services/documents';
import {
  signEbook,
  storedEbook,
  verifyAllEbooks,
  verifyDeliveredEbook,
  verifyParticipantEbook,
} from '../../services/ebooks';
import { formatEbook } from '../format';
import { problemMessage } from '../../messages/negotiate';
import { ExitCode, type CommandKit } from '../context';

export function registerEbookCommands(program: Command, { ctx, print, readJson, words: w }: CommandKit): void {
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
        const { content, signature } = await signEbook(await loadSigningKeys(ctx.cfg), book);
        print(formatEbook(w, content as unknown as EbookDocument, book.version, book.sha256), {
          version: book.version,
          sha256: book.sha256,
          content,
          signature,
        });
      });
    });

  ebook
    .command('pdf')
    .argument('<personalId>')
    .option('--out <file>', 'where to write the PDF (default: ebook-<version>.pdf in the current directory)')
    .description("a participant's e-book as a signed, printable PDF, in the language of --lang (vi default, or en)")
    .action((raw: string, opts: { out?: string }, command: Command) => {
      const personalId = parseOrThrow(personalIdSchema, raw);
      // The program's --lang (cli/program.ts) chooses the language of the book as of every message.
      const chosen = (command.optsWithGlobals() as { lang?: string }).lang ?? process.env['ANSINH_LANG'] ?? 'vi';
      if (!isLang(chosen)) throw new DomainError('INVALID_LANG', 'the language is vi or en');
      const lang = chosen;
      return ctx.withDb(async (h) => {
        const pdf = await ebookPdf(h.db, await loadSigningKeys(ctx.cfg), personalId, { lang, now: ctx.cfg.clock() });
        if (!pdf) throw new DomainError('NOT_FOUND', 'no e-book for this participant');
        const file = path.resolve(ctx.cwd, opts.out ?? pdf.filename);
        writeFileSync(file, pdf.content);
        print(w.say('cli.ebook.pdf', { file, bytes: w.count(pdf.content.length) }), {
          file,
          bytes: pdf.content.length,
        });
      });
    });

  ebook
    .command('verify')
    .option('--participant <personalId>', 'check this one participant only')
    .description('recompute every e-book from the database and report each mismatch (exit 1 if any)')
    .action((opts: { participant?: string }) =>
      ctx.withDb(async (h) => {
        const report =
          opts.participant === undefined
            ? await verifyAllEbooks(h.db)
            : await verifyParticipantEbook(h.db, parseOrThrow(personalIdSchema, opts.participant));
        print(
          report.mismatches.length === 0
            ? w.say('cli.ebook.verifyOk', { checked: report.checked })
            : w.lines([
                w.say('cli.ebook.verifyBad', { count: report.mismatches.length, checked: report.checked }),
                ...report.mismatches.map((m) =>
                  w.say(m.section ? 'cli.ebook.mismatchSection' : 'cli.ebook.mismatch', {
                    personalId: m.personalId,
                    kind: m.kind,
                    what: w.label('cli.ebook.kind.', m.kind),
                    version: m.storedVersion ?? '-',
                    section: m.section ?? '',
                  }),
                ),
              ]),
          report,
        );
        if (report.mismatches.length > 0) throw new ExitCode(1);
      }),
    );

  ebook
    .command('verify-file')
    .argument('<book.json>', 'a downloaded e-book: the API response, or `ansinh ebook show --json`, saved')
    .requiredOption('--jwks <file|url>', 'the public keys: a JWKS file, or a URL such as <api>/.well-known/jwks.json')
    .description("check a downloaded e-book's signature with the public keys alone (exit 0 valid, 2 invalid)")
    .action(async (file: string, opts: { jwks: string }) => {
      const saved = readJson(file);
      const jwks = await readJwks(opts.jwks, readJson);
      const check = await verifyDeliveredEbook(saved, jwks);
      if (check.valid) {
        const at = w.instant(new Date(check.signedAt * 1000).toISOString());
        print(w.say('cli.ebook.valid', { version: check.version, at, kid: check.kid }), check);
        return;
      }
      print(
        w.say('cli.ebook.invalid', { code: check.code, reason: problemMessage(w.lang, check.code, check.reason) }),
        check,
      );
      throw new ExitCode(2);
    });
}

/** A JWKS from a file or an http(s) URL; INVALID_JWKS when it is neither readable nor a key set. */
async function readJwks(source: string, readJson: CommandKit['readJson']): Promise<{ keys: unknown[] }> {
  let parsed: unknown;
  if (/^https?:\/\//i.test(source)) {
    try {
      const res = await fetch(source, { headers: { accept: 'application/jwk-set+json, application/json' } });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      parsed = await res.json();
    } catch (err) {
      throw new DomainError('INVALID_JWKS', `cannot fetch the JWKS at ${source}: ${(err as Error).message}`);
    }
  } else parsed = readJson(source);
  const keys = (parsed as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys))
    throw new DomainError('INVALID_JWKS', `${source} is not a JSON Web Key Set (no "keys" array)`);
  return { keys };
}

/**
 * `ansinh ledger verify`: proves the contribution ledger balances.
 */
import type { Command } from 'commander';
import { verifyLedger } from '../../services/ledger';
import { ExitCode, type CommandKit } from '../context';
import { problemMessage } from '../../messages/negotiate';

export function registerLedgerCommands(program: Command, { ctx, print, words: w }: CommandKit): void {
  program
    .command('ledger')
    .description('the contribution ledger')
    .command('verify')
    .description('prove the ledger balances (exit 1 if it does not)')
    .action(() =>
      ctx.withDb(async (h) => {
        const r = await verifyLedger(h.db);
        print(
          r.problems.length === 0
            ? w.say('cli.ledger.ok', { periods: w.count(r.periods), employers: w.count(r.employers) })
            : w.lines([
                w.say('cli.ledger.problems', { n: r.problems.length }),
                ...r.problems.map((p) =>
                  w.say('cli.ledger.problem', {
                    taxCode: p.taxCode ?? '',
                    period: p.period ? w.month(p.period) : '',
                    problem: problemMessage(w.lang, p.code, p.problem, p.params),
                  }),
                ),
              ]),
          r,
        );
        if (r.problems.length) throw new ExitCode(1);
      }),
    );
}

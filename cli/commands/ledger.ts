/**
 * `ansinh ledger verify`: proves the contribution ledger balances.
 */
import type { Command } from 'commander';
import { verifyLedger } from '../../services/ledger';
import { ExitCode, type CommandKit } from '../context';

export function registerLedgerCommands(program: Command, { ctx, print }: CommandKit): void {
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
            ? `ok: ${r.periods} paid periods of ${r.employers} employers balance`
            : [
                `${r.problems.length} problems:`,
                ...r.problems.map((p) => `  ${p.taxCode} ${p.period ?? ''}: ${p.problem}`),
              ].join('\n'),
          r,
        );
        if (r.problems.length) throw new ExitCode(1);
      }),
    );
}

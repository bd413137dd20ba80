/**
 * `ansinh audit checkpoint|verify`: the audit trail's hash chains, signed checkpoints of their heads.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { DomainError } from '../../domain/errors';
import { loadAuditSigningKey } from '../../runtime/audit-keys';
import { CHECKPOINT_FORMAT, createCheckpoint, verifyAudit, type CheckpointFile } from '../../services/audit';
import { ExitCode, type CommandKit } from '../context';

export function registerAuditCommands(program: Command, { ctx, print, readJson }: CommandKit): void {
  const audit = program.command('audit').description('the audit trail: hash chains and signed checkpoints');

  audit
    .command('checkpoint')
    .description(
      'sign every audit chain head and store the checkpoint (--out: also write it as JSON, to keep off the machine)',
    )
    .option('--out <file>', 'write the checkpoint to this file')
    .action((opts: { out?: string }) =>
      ctx.withDb(async (h) => {
        const key = await loadAuditSigningKey(ctx.cfg);
        const cp = await createCheckpoint(h.db, key);
        if (opts.out) {
          try {
            writeFileSync(path.resolve(ctx.cwd, opts.out), JSON.stringify(cp, null, 2) + '\n');
          } catch (err) {
            throw new DomainError('INVALID_FILE', `cannot write ${opts.out}: ${(err as Error).message}`);
          }
        }
        const chains = Object.keys((JSON.parse(cp.payload) as { chains: object }).chains).length;
        print(
          `checkpoint ${cp.id}: ${chains} chain heads signed with key ${cp.kid}${opts.out ? ` (${opts.out})` : ''}`,
          cp,
        );
      }),
    );

  audit
    .command('verify')
    .description('recompute every audit chain and compare the heads with the last checkpoint (exit 1 on any finding)')
    .option('--checkpoint <file>', 'compare with this exported checkpoint instead of the last stored one')
    .action((opts: { checkpoint?: string }) => {
      let checkpoint: CheckpointFile | undefined;
      if (opts.checkpoint) {
        const raw = readJson(opts.checkpoint) as Partial<CheckpointFile> | null;
        if (!raw || raw.format !== CHECKPOINT_FORMAT || typeof raw.jws !== 'string')
          throw new DomainError('INVALID_FILE', `${opts.checkpoint} is not an audit checkpoint (${CHECKPOINT_FORMAT})`);
        checkpoint = raw as CheckpointFile;
      }
      return ctx.withDb(async (h) => {
        const key = await loadAuditSigningKey(ctx.cfg);
        const r = await verifyAudit(h.db, key, checkpoint ? { checkpoint } : {});
        const against = r.checkpoint ? `checkpoint ${r.checkpoint.id} of ${r.checkpoint.at}` : 'no checkpoint';
        print(
          r.findings.length === 0
            ? `ok: ${r.events} events in ${r.chains} chains, heads consistent with ${against}`
            : [
                `${r.findings.length} findings (${r.events} events in ${r.chains} chains, ${against}):`,
                ...r.findings.map(
                  (f) =>
                    `  ${f.kind} ${f.chain ?? ''}${f.seq !== null ? `#${f.seq}` : ''}${f.eventId !== null ? ` (event ${f.eventId})` : ''}: ${f.detail}`,
                ),
              ].join('\n'),
          r,
        );
        if (r.findings.length > 0) throw new ExitCode(1);
      });
    });
}

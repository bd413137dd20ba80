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

export function registerAuditCommands(program: Command, { ctx, print, readJson, words: w }: CommandKit): void {
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
          w.say('cli.audit.checkpoint', {
            id: cp.id,
            chains,
            kid: cp.kid,
            file: opts.out ? w.say('cli.audit.file', { file: opts.out }) : '',
          }),
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
        const against = r.checkpoint
          ? w.say('cli.audit.against', { id: r.checkpoint.id, at: w.instant(r.checkpoint.at) })
          : w.say('cli.audit.noCheckpoint');
        print(
          r.findings.length === 0
            ? w.say('cli.audit.ok', { events: w.count(r.events), chains: w.count(r.chains), against })
            : w.lines([
                w.say('cli.audit.findings', {
                  n: r.findings.length,
                  events: w.count(r.events),
                  chains: w.count(r.chains),
                  against,
                }),
                ...r.findings.map((f) =>
                  w.say('cli.audit.finding', {
                    kind: f.kind,
                    chain: f.chain ?? '',
                    seq: f.seq !== null ? `#${f.seq}` : '',
                    event: f.eventId !== null ? w.say('cli.audit.event', { id: f.eventId }) : '',
                    // The finding in words (its English diagnostic stays in the JSON).
                    detail: w.label('cli.audit.kind.', f.kind),
                  }),
                ),
              ]),
          r,
        );
        if (r.findings.length > 0) throw new ExitCode(1);
      });
    });
}

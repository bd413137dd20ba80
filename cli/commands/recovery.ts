/**
 * `ansinh recovery …`: account-access recovery at the desk (issue #14 part 3) — an officer starts one
 * for a person, records the in-person verification, enters the new e-mail address and the code the
 * person read out, and shows a recovery. (A participant recovers their own account through the API
 * or the console, with a fresh VNeID sign-in.)
 */
import type { Command } from 'commander';
import {
  confirmRecoveryCode,
  findRecoveryRow,
  recoveryStatus,
  startRecovery,
  submitRecoveryContact,
  verifyRecovery,
  type RecoveryCaller,
  type RecoveryContext,
} from '../../client/recovery';
import type { RecoveryView } from '../../domain/schemas-recovery';
import type { CommandKit } from '../context';
import type { Line, Words } from '../say';

const formatRecovery = (w: Words, v: RecoveryView): Line =>
  w.lines([
    w.say('cli.recovery.head', {
      id: v.recoveryId,
      method: w.label('cli.recovery.method.', v.method),
      status: w.label('recovery.status.', v.status),
    }),
    w.say('cli.recovery.expires', { at: v.expiresAt ? w.instant(v.expiresAt) : '—' }),
    ...(v.codeExpiresAt ? [w.say('cli.recovery.codeUntil', { at: w.instant(v.codeExpiresAt) })] : []),
    w.say(v.verified ? 'cli.recovery.verified' : 'cli.recovery.notVerified', {
      document: v.documentKind ? w.label('recovery.doc.', v.documentKind) : '—',
    }),
  ]);

export function registerRecoveryCommands(program: Command, { ctx, print, defaultOfficer, words: w }: CommandKit): void {
  const withRecovery = <T>(fn: (c: RecoveryContext) => Promise<T>) =>
    ctx.withDb((h) =>
      ctx.withTemporal((t) =>
        fn({
          db: h.db,
          client: t.client,
          taskQueue: ctx.cfg.TEMPORAL_TASK_QUEUE,
          clock: ctx.cfg.clock,
          secret: ctx.cfg.CLAIM_SUBJECT_KEY,
        }),
      ),
    );
  const officer = (who: string): RecoveryCaller => ({ role: 'officer', actor: who, level: 0 });
  const show = async (c: RecoveryContext, id: string) => {
    const v = await recoveryStatus(c, await findRecoveryRow(c, id));
    print(formatRecovery(w, v), v);
  };

  const recovery = program
    .command('recovery')
    .description('account-access recovery at the desk: start, verify in person, new address, code, show');
  recovery
    .command('start')
    .requiredOption('--personal-id <id>', 'the participant (12 digits)')
    .option('--officer <who>', 'the officer at the desk', defaultOfficer)
    .description('start a recovery for a person at the desk (identified next by the in-person verification)')
    .action(async (opts: { personalId: string; officer: string }) =>
      withRecovery(async (c) => {
        const v = await startRecovery(c, officer(opts.officer), { personalId: opts.personalId });
        for (let i = 0; i < 100; i++) {
          const now = await recoveryStatus(c, await findRecoveryRow(c, v.recoveryId));
          if (now.status !== 'intake') return print(formatRecovery(w, now), now);
          await new Promise((r) => setTimeout(r, 100));
        }
        await show(c, v.recoveryId);
      }),
    );
  recovery
    .command('verify')
    .argument('<recoveryId>')
    .requiredOption('--document <kind>', 'cccd, passport or vneid_app')
    .requiredOption('--last4 <chars>', 'the last 4 characters of the document (never the whole number)')
    .option('--officer <who>', 'the verifying officer', defaultOfficer)
    .description('the person was verified in person')
    .action(async (id: string, opts: { document: string; last4: string; officer: string }) =>
      withRecovery(async (c) => {
        await verifyRecovery(
          c,
          await findRecoveryRow(c, id),
          { documentKind: opts.document, documentLast4: opts.last4 },
          opts.officer,
        );
        await show(c, id);
      }),
    );
  recovery
    .command('contact')
    .argument('<recoveryId>')
    .requiredOption('--email <address>', 'the new e-mail address: a code is sent to it')
    .option('--officer <who>', 'the officer entering it', defaultOfficer)
    .description('the new e-mail address; a one-time code (10 minutes) goes to it')
    .action(async (id: string, opts: { email: string; officer: string }) =>
      withRecovery(async (c) => {
        await submitRecoveryContact(c, await findRecoveryRow(c, id), { email: opts.email }, officer(opts.officer));
        await show(c, id);
      }),
    );
  recovery
    .command('confirm')
    .argument('<recoveryId>')
    .requiredOption('--code <digits>', 'the code the person received')
    .option('--officer <who>', 'the officer entering it', defaultOfficer)
    .description('confirm the code: the recovery completes and every older token and session of the person is revoked')
    .action(async (id: string, opts: { code: string; officer: string }) =>
      withRecovery(async (c) => {
        await confirmRecoveryCode(c, await findRecoveryRow(c, id), { code: opts.code }, officer(opts.officer));
        await show(c, id);
      }),
    );
  recovery
    .command('show')
    .argument('<recoveryId>')
    .description('a recovery: status, deadline, whether a code is waiting')
    .action(async (id: string) => withRecovery((c) => show(c, id)));
}

/**
 * `ansinh data-update …`: a participant's data-update requests (issue #14 part 1) — file, confirm
 * a contact change's code, attach evidence, show, and the officer's decision.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import {
  addDataUpdateEvidence,
  decideDataUpdate,
  fileAndStartDataUpdate,
  type DataUpdatesContext,
} from '../../client/data-updates';
import { dataUpdateFilingSchema, type DataUpdateView } from '../../domain/data-updates';
import { DomainError } from '../../domain/errors';
import { parseOrThrow } from '../../domain/issues';
import { confirmDataUpdateCode, dataUpdateView, findDataUpdateOrThrow } from '../../services/data-updates';
import type { CommandKit } from '../context';
import type { Line, Words } from '../say';

const idOf = (raw: string): number => {
  if (!/^[1-9]\d{0,15}$/.test(raw)) throw new DomainError('INVALID_REQUEST_ID', 'a request id is a whole number');
  return Number(raw);
};

function formatView(w: Words, v: DataUpdateView): Line {
  const flags = `${v.applied ? w.say('cli.dataUpdate.applied') : ''}${v.escalated ? w.say('cli.dataUpdate.escalated') : ''}`;
  return w.lines([
    w.say('cli.dataUpdate.summary', { id: v.requestId, kind: v.kind, status: v.status, flags }),
    w.say('cli.dataUpdate.asks', {
      values: Object.entries(v.requested)
        .map(([k, x]) => `${k}=${x}`)
        .join(', '),
    }),
    w.say('cli.dataUpdate.filed', { date: w.date(v.filedOn) }),
    ...(v.dueDate ? [w.say('cli.dataUpdate.due', { date: w.date(v.dueDate), n: v.reviewDaysLeft ?? 0 })] : []),
    ...(v.decidedOn ? [w.say('cli.dataUpdate.decided', { date: w.date(v.decidedOn) })] : []),
    ...(v.reason ? [w.say('cli.dataUpdate.reason', { reason: v.reason })] : []),
    ...v.evidence.map((e) =>
      w.say('cli.dataUpdate.evidence', { id: e.id, filename: e.filename, type: e.contentType, size: w.count(e.size) }),
    ),
  ]);
}

export function registerDataUpdateCommands(
  program: Command,
  { ctx, print, readJson, defaultOfficer, words: w }: CommandKit,
): void {
  const withDataUpdates = <T>(fn: (c: DataUpdatesContext) => Promise<T>) =>
    ctx.withDb((h) =>
      ctx.withTemporal((t) =>
        fn({
          db: h.db,
          client: t.client,
          taskQueue: ctx.cfg.TEMPORAL_TASK_QUEUE,
          secret: ctx.cfg.CLAIM_SUBJECT_KEY,
          clock: ctx.cfg.clock,
          sms: ctx.cfg.SMS_GATEWAY_URL !== undefined,
        }),
      ),
    );
  const show = async (c: DataUpdatesContext, id: number) => {
    const v = await dataUpdateView(c.db, await findDataUpdateOrThrow(c.db, id), c.clock.today());
    print(formatView(w, v), v);
  };

  const du = program
    .command('data-update')
    .description("a participant's data-update requests: file, confirm a code, add evidence, show, decide");
  du.command('file')
    .argument('<file.json>', '{ kind: email|phone|identity|nationality|bank_account, personalId, …the new values }')
    .option('--by <who>', 'who files', defaultOfficer)
    .description('file a request: a contact change sends a one-time code; the other kinds start the review')
    .action(async (file: string, opts: { by: string }) => {
      const raw = readJson(file);
      parseOrThrow(dataUpdateFilingSchema, raw); // bad input is refused before anything is connected or written
      await withDataUpdates(async (c) => {
        const filed = await fileAndStartDataUpdate(c, raw, opts.by);
        await show(c, filed.request.id);
      });
    });
  du.command('confirm')
    .argument('<requestId>')
    .argument('<code>', 'the six digits e-mailed')
    .option('--by <who>', 'who confirms', defaultOfficer)
    .description('confirm a contact change with its code: the new address or number applies at once')
    .action(async (id: string, code: string, opts: { by: string }) => {
      const requestId = idOf(id);
      await ctx.withDb(async (h) => {
        await confirmDataUpdateCode(
          { db: h.db, secret: ctx.cfg.CLAIM_SUBJECT_KEY, clock: ctx.cfg.clock },
          requestId,
          code,
          opts.by,
        );
        const v = await dataUpdateView(h.db, await findDataUpdateOrThrow(h.db, requestId), ctx.cfg.clock.today());
        print(formatView(w, v), v);
      });
    });
  du.command('evidence')
    .argument('<requestId>')
    .argument('<file>', 'a PDF, JPEG or PNG of at most 5 MiB')
    .option('--by <who>', 'who uploads', defaultOfficer)
    .description('attach a document to a request under review (a review paused for more evidence resumes)')
    .action(async (id: string, file: string, opts: { by: string }) => {
      const requestId = idOf(id);
      let bytes: Buffer;
      try {
        bytes = readFileSync(path.resolve(ctx.cwd, file));
      } catch (err) {
        throw new DomainError('INVALID_FILE', `cannot read ${file}: ${(err as Error).message}`);
      }
      await withDataUpdates(async (c) => {
        await addDataUpdateEvidence(c, requestId, { bytes, filename: path.basename(file) }, opts.by);
        await show(c, requestId);
      });
    });
  du.command('show')
    .argument('<requestId>')
    .description('a request: what it asks, where it stands, its deadline and its evidence')
    .action(async (id: string) => {
      const requestId = idOf(id);
      await ctx.withDb(async (h) => {
        const v = await dataUpdateView(h.db, await findDataUpdateOrThrow(h.db, requestId), ctx.cfg.clock.today());
        print(formatView(w, v), v);
      });
    });
  du.command('decide')
    .argument('<requestId>')
    .addOption(
      new Option('--approve', 'approve: the database and the e-book change').conflicts(['reject', 'moreEvidence']),
    )
    .addOption(new Option('--reject', 'reject (with --reason)').conflicts(['approve', 'moreEvidence']))
    .addOption(
      new Option('--more-evidence', 'ask for more evidence (with --reason): the deadline pauses').conflicts([
        'approve',
        'reject',
      ]),
    )
    .option('--reason <text>', 'the reason, or the evidence still missing')
    .option('--officer <who>', 'deciding officer', defaultOfficer)
    .description("the officer's decision: approve, reject with a reason, or ask for more evidence")
    .action(
      async (
        id: string,
        opts: { approve?: boolean; reject?: boolean; moreEvidence?: boolean; reason?: string; officer: string },
      ) => {
        const requestId = idOf(id);
        const decision = opts.approve ? 'approve' : opts.reject ? 'reject' : opts.moreEvidence ? 'more_evidence' : null;
        if (!decision) throw new DomainError('INVALID_DECISION', 'give --approve, --reject or --more-evidence');
        await withDataUpdates(async (c) => {
          await decideDataUpdate(
            c,
            requestId,
            { decision, ...(opts.reason ? { reason: opts.reason } : {}) },
            opts.officer,
          );
          await show(c, requestId);
        });
      },
    );
}

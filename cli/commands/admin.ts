/**
 * `ansinh start|worker|api` (run by cli/main.ts, in the calling process), `token mint`, `keys rotate`,
 * `db migrate`, `db partitions`, `demo`.
 */
import { setAppRolePassword } from '../../db/queries/roles';
import { contributionPartitions, ensureContributionPartitions, partitionHorizon } from '../../db/queries/partitions';
import { parseOrThrow } from '../../domain/issues';
import { inputMonthSchema } from '../../domain/schemas';
import { Option, type Command } from 'commander';
import { mintToken, ROLES, type Role } from '../../api/auth';
import { z } from 'zod';
import { apiProcessesSchema, maxTokenHoursOf, taskQueuesOf } from '../../runtime/config';
import { upgradeEbooks } from '../../db/queries/ebooks';
import { addMonths } from '../../domain/calendar';
import { runDemo } from '../../dev/demo';
import { refuseDevSecret } from '../../runtime/config';
import { DomainError } from '../../domain/errors';
import { keyFileOf, rotateKeyFile } from '../../runtime/payload-keys';
import type { CommandKit, LocalCommands } from '../context';
import type { Line } from '../say';

export function registerAdminCommands(
  program: Command,
  { ctx, print, words: w }: CommandKit,
  local: LocalCommands,
): void {
  program
    .command('start')
    .description(
      'run the whole stack: database (embedded unless DATABASE_URL), Temporal (local dev server unless TEMPORAL_ADDRESS), worker',
    )
    .action(local.start);
  program
    .command('worker')
    .addOption(
      new Option('--pool <pool>', 'which pool to serve: its task queue and slots (default WORKER_POOL, all)').choices([
        'interactive',
        'batch',
        'all',
      ]),
    )
    .description(
      'run only the worker, against DATABASE_URL and TEMPORAL_ADDRESS: the interactive pool, the batch pool, or both',
    )
    .action((opts: { pool?: 'interactive' | 'batch' | 'all' }) => local.worker(opts));
  program
    .command('relay')
    .description('run only the relay that delivers the outbox (e-mail over SMTP_URL), against DATABASE_URL')
    .action(local.relay);
  program
    .command('api')
    .option('--processes <n>', 'processes answering the one port (node:cluster; default API_PROCESSES, 1)')
    .description('run only the HTTP API, against DATABASE_URL and TEMPORAL_ADDRESS')
    .action((opts: { processes?: string }) =>
      local.api(
        opts.processes === undefined
          ? {}
          : parseOrThrow(z.object({ processes: apiProcessesSchema }), { processes: opts.processes }),
      ),
    );

  program
    .command('token')
    .description('bearer tokens for the HTTP API')
    .command('mint')
    .description('mint a token signed with the local development key (kept in ANSINH_HOME)')
    .addOption(new Option('--role <role>', 'who the token is for').choices([...ROLES]).makeOptionMandatory())
    .option('--tax-code <taxCode>', 'employer: the tax code it acts for')
    .option('--personal-id <id>', 'participant: the personal ID it acts for')
    .option('--facility <code>', 'facility: the healthcare-facility code')
    .addOption(
      new Option('--level <n>', 'identity assurance level (VNeID level; participants need 2)').argParser(Number),
    )
    .option('--ttl <span>', 'lifetime, e.g. 15m, 1h (at most the role maximum, AUTH_MAX_TOKEN_HOURS)', '1h')
    .option('--subject <sub>', 'the token subject (default: role and binding)')
    .action(
      async (o: {
        role: Role;
        taxCode?: string;
        personalId?: string;
        facility?: string;
        level?: number;
        ttl: string;
        subject?: string;
      }) => {
        refuseDevSecret(
          ctx.cfg,
          'the development signing key in ANSINH_HOME (mint tokens with your identity provider)',
        );
        const token = await mintToken(
          ctx.cfg.home,
          {
            role: o.role,
            ttl: o.ttl,
            issuer: ctx.cfg.AUTH_ISSUER,
            audience: ctx.cfg.AUTH_AUDIENCE,
            maxTokenHours: maxTokenHoursOf(ctx.cfg),
            ...(o.taxCode ? { taxCode: o.taxCode } : {}),
            ...(o.personalId ? { personalId: o.personalId } : {}),
            ...(o.facility ? { facilityCode: o.facility } : {}),
            ...(o.level !== undefined ? { level: o.level } : {}),
            ...(o.subject ? { subject: o.subject } : {}),
          },
          ctx.cfg.clock,
        );
        print(token as Line, { token }); // the token itself: data, no words
      },
    );

  program
    .command('keys')
    .description('the keys that encrypt Temporal payloads')
    .command('rotate')
    .description(
      'add a new payload key to the key file (PAYLOAD_KEYS_FILE, or the development file in ANSINH_HOME) and make it current; old keys are kept to decode old payloads',
    )
    .action(() => {
      const file = keyFileOf(ctx.cfg);
      if (!file)
        throw new DomainError(
          'CONFIG',
          'the payload keys come from PAYLOAD_KEYS: add the new key there (kid:base64key) and set PAYLOAD_KEY_CURRENT to it',
        );
      const r = rotateKeyFile(file);
      print(w.say('cli.keys.rotated', { current: r.current, file, keys: r.keys.join(', ') }), {
        current: r.current,
        keys: r.keys,
        file,
      });
    });

  const db = program.command('db').description('database administration');
  db.command('migrate')
    .description('apply pending migrations')
    .action(() =>
      ctx.withDb(
        async (h) => {
          await h.migrate();
          // The application's role gets its password from the owner (PostgreSQL only; PGlite has one user).
          if (ctx.cfg.ANSINH_APP_PASSWORD && h.kind === 'postgres')
            await setAppRolePassword(h.db, ctx.cfg.ANSINH_APP_PASSWORD);
          // A release's migration job also leaves the contribution months' partitions ahead of the clock.
          const partitions = await ensureContributionPartitions(h.db, partitionHorizon(ctx.cfg.clock.today()));
          const upgraded = await upgradeEbooks(h.db);
          print(
            w.say('cli.db.migrated', { kind: h.kind, ebooks: upgraded ? w.say('cli.db.ebooks', { n: upgraded }) : '' }),
            {
              ok: true,
              database: h.kind,
              ebooksUpgraded: upgraded,
              partitionsCreated: partitions,
            },
          );
        },
        { create: true },
      ),
    );
  db.command('partitions')
    .description(
      "create the yearly partitions of contribution_months that are missing, from 1995 through --through (default: 24 months after today's month), and list them",
    )
    .option('--through <YYYY-MM>', 'the last month a partition must hold')
    .action((o: { through?: string }) =>
      ctx.withDb(async (h) => {
        const through =
          o.through === undefined ? partitionHorizon(ctx.cfg.clock.today()) : parseOrThrow(inputMonthSchema, o.through);
        const created = await ensureContributionPartitions(h.db, through);
        const list = await contributionPartitions(h.db);
        const first = list[0];
        const last = list[list.length - 1];
        print(
          w.say('cli.db.partitions', {
            created,
            count: list.length,
            from: first ? w.month(first.from) : '-',
            through: last ? w.month(addMonths(last.to, -1)) : '-',
          }),
          { created, through, partitions: list },
        );
      }),
    );

  program
    .command('demo')
    .description('onboard a sample employer with three employees end to end, approve it, print the e-books')
    .action(() =>
      ctx.withDb((db) =>
        ctx.withTemporal((t) =>
          runDemo(
            {
              db: db.db,
              client: t.client,
              taskQueue: ctx.cfg.TEMPORAL_TASK_QUEUE,
              batchTaskQueue: taskQueuesOf(ctx.cfg).batch,
              clock: ctx.cfg.clock,
            },
            (s) => ctx.out(`${s}\n`),
          ),
        ),
      ),
    );
}

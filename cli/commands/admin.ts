/**
 * `ansinh start|worker|api` (run by cli/main.ts, in the calling process), `token mint`, `db migrate`, `demo`.
 */
import { Option, type Command } from 'commander';
import { mintToken, ROLES, type Role } from '../../api/auth';
import { maxTokenHoursOf } from '../../runtime/config';
import { upgradeEbooks } from '../../db/queries/ebooks';
import { runDemo } from '../../dev/demo';
import type { CommandKit, LocalCommands } from '../context';

export function registerAdminCommands(program: Command, { ctx, print }: CommandKit, local: LocalCommands): void {
  program
    .command('start')
    .description(
      'run the whole stack: database (embedded unless DATABASE_URL), Temporal (local dev server unless TEMPORAL_ADDRESS), worker',
    )
    .action(local.start);
  program
    .command('worker')
    .description('run only the worker, against DATABASE_URL and TEMPORAL_ADDRESS')
    .action(local.worker);
  program
    .command('api')
    .description('run only the HTTP API, against DATABASE_URL and TEMPORAL_ADDRESS')
    .action(local.api);

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
        print(token, { token });
      },
    );

  program
    .command('db')
    .description('database administration')
    .command('migrate')
    .description('apply pending migrations')
    .action(() =>
      ctx.withDb(
        async (h) => {
          await h.migrate();
          const upgraded = await upgradeEbooks(h.db);
          print(`migrations applied (${h.kind})${upgraded ? `; ${upgraded} e-books re-rendered` : ''}`, {
            ok: true,
            database: h.kind,
            ebooksUpgraded: upgraded,
          });
        },
        { create: true },
      ),
    );

  program
    .command('demo')
    .description('onboard a sample employer with three employees end to end, approve it, print the e-books')
    .action(() =>
      ctx.withDb((db) =>
        ctx.withTemporal((t) =>
          runDemo({ db: db.db, client: t.client, taskQueue: ctx.cfg.TEMPORAL_TASK_QUEUE, clock: ctx.cfg.clock }, (s) =>
            ctx.out(`${s}\n`),
          ),
        ),
      ),
    );
}

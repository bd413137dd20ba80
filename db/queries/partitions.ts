/**
 * contribution_months is range-partitioned by period, one partition per calendar year (migration
 * 0030; ARCHITECTURE.md "Partitioned contribution months"). This file holds the maintenance step that
 * creates partitions ahead, the list of partitions, and the period bounds that let a query over a
 * person's or an employer's whole history skip the years before it could hold a month.
 */
import { sql, type SQL } from 'drizzle-orm';
import { addMonths, monthOf, type IsoDate, type Month } from '../../domain/calendar';
import { queryRows, type Executor } from '../client';

/** The first month a partition holds: social insurance began in Vietnam in 1995. */
export const FIRST_PARTITION_MONTH: Month = '1995-01';

/** How far ahead of the clock's month partitions are kept (the maintenance step's horizon). */
export const PARTITION_MONTHS_AHEAD = 24;

/** The month through which partitions must exist on `today` (the injected clock's date). */
export const partitionHorizon = (today: IsoDate): Month => addMonths(monthOf(today), PARTITION_MONTHS_AHEAD);

/**
 * Creates every missing yearly partition from 1995 through the year of `through` (at most 2099);
 * returns how many it created. Idempotent: once they exist it only looks them up in the catalog.
 * The work is the database function of migration 0030 (SECURITY DEFINER: the application's role may
 * run it without owning the table), so a worker connected as ansinh_app keeps the partitions ahead.
 */
export async function ensureContributionPartitions(exec: Executor, through: Month): Promise<number> {
  const [r] = await queryRows<{ made: number }>(
    exec,
    sql`select ansinh_ensure_contribution_partitions(${through}) as made`,
  );
  return Number(r?.made ?? 0);
}

/**
 * The maintenance step of a process that starts (`ansinh worker`, `ansinh start`): partitions through
 * the horizon of `today`. A failure (the step gives up after its lock timeout rather than hold up the
 * writers of participants and employers) is returned, not thrown: the process serves all the same,
 * and the next reconciliation batch runs the step again.
 */
export async function keepPartitionsAhead(
  exec: Executor,
  today: IsoDate,
): Promise<{ created: number; through: Month } | { failed: unknown; through: Month }> {
  const through = partitionHorizon(today);
  try {
    return { created: await ensureContributionPartitions(exec, through), through };
  } catch (failed) {
    return { failed, through };
  }
}

export interface ContributionPartition {
  name: string;
  /** First month held. */
  from: Month;
  /** First month no longer held (the next partition's first). */
  to: Month;
}

/** The partitions of contribution_months with their bounds, in order. */
export async function contributionPartitions(exec: Executor): Promise<ContributionPartition[]> {
  const rows = await queryRows<{ name: string; bound: string }>(
    exec,
    sql`select c.relname as name, pg_get_expr(c.relpartbound, c.oid) as bound
          from pg_inherits i join pg_class c on c.oid = i.inhrelid
         where i.inhparent = 'contribution_months'::regclass
         order by c.relname`,
  );
  return rows.map((r) => {
    const [from, to] = [...r.bound.matchAll(/'([^']*)'/g)].map((m) => m[1]!);
    return { name: r.name, from: from!, to: to! };
  });
}

/**
 * The first month a person can hold a contribution month: their first employment's start. Every
 * month is written from an employment in force that month (the reconciliation and the ledger's
 * rewrite both join `employments`), start months never change and employments are never removed, so
 * no month lies before it; a person without an employment has none (null: the comparison is false).
 * `personalId` is a value or a column of the outer query (`sql\`p.personal_id\``).
 */
export const firstMonthOfPerson = (personalId: string | SQL): SQL =>
  sql`(select min(e.start_month) from employments e where e.personal_id = ${personalId})`;

/** The first month an employer can hold a contribution month: its first employment's start (same reasons). */
export const firstMonthOfEmployer = (taxCode: string | SQL): SQL =>
  sql`(select min(e.start_month) from employments e where e.employer_tax_code = ${taxCode})`;

/** The first month any contribution month can hold: the earliest employment's start. */
export const firstMonthOfAll = (): SQL => sql`(select min(e.start_month) from employments e)`;

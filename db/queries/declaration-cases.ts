/**
 * Declaration cases (issue #14 part 2): every statement on `declaration_cases` and
 * `declaration_case_steps`, and the facts of a case's months, inside the caller's transaction.
 */
import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { IsoDate, Month } from '../../domain/calendar';
import type { CaseMonthsFacts, DeclarationCaseStep } from '../../domain/declaration-cases';
import { queryRows, type Executor, type Tx } from '../client';
import { declarationCases, declarationCaseSteps, participants } from '../schema';

export type DeclarationCaseRow = typeof declarationCases.$inferSelect;
export type DeclarationCaseInsert = typeof declarationCases.$inferInsert;
export type DeclarationCaseStepRow = typeof declarationCaseSteps.$inferSelect;

export async function insertDeclarationCase(tx: Tx, row: DeclarationCaseInsert): Promise<DeclarationCaseRow> {
  const [r] = await tx.insert(declarationCases).values(row).returning();
  return r!;
}

export async function findDeclarationCase(exec: Executor, id: number): Promise<DeclarationCaseRow | undefined> {
  const [r] = await exec.select().from(declarationCases).where(eq(declarationCases.id, id));
  return r;
}

export async function lockDeclarationCase(tx: Tx, id: number): Promise<DeclarationCaseRow | undefined> {
  const [r] = await tx.select().from(declarationCases).where(eq(declarationCases.id, id)).for('update');
  return r;
}

/** The open case of a participant against an employer, locked (one at a time: declaration_cases_one_open). */
export async function lockOpenDeclarationCase(
  tx: Tx,
  personalId: string,
  taxCode: string,
): Promise<DeclarationCaseRow | undefined> {
  const [r] = await tx
    .select()
    .from(declarationCases)
    .where(
      and(
        eq(declarationCases.personalId, personalId),
        eq(declarationCases.employerTaxCode, taxCode),
        sql`${declarationCases.status} <> 'closed'`,
      ),
    )
    .for('update');
  return r;
}

export async function setDeclarationCase(
  tx: Tx,
  id: number,
  values: Partial<DeclarationCaseInsert>,
): Promise<DeclarationCaseRow> {
  const [r] = await tx.update(declarationCases).set(values).where(eq(declarationCases.id, id)).returning();
  return r!;
}

/** A participant's cases, newest first (at most `limit`). */
export async function declarationCasesOf(
  exec: Executor,
  personalId: string,
  limit: number,
  before?: number,
): Promise<DeclarationCaseRow[]> {
  return exec
    .select()
    .from(declarationCases)
    .where(
      and(
        eq(declarationCases.personalId, personalId),
        ...(before !== undefined ? [lt(declarationCases.id, before)] : []),
      ),
    )
    .orderBy(desc(declarationCases.id))
    .limit(limit);
}

/** The workflows of the open cases against this employer by any of these participants (the declaration's signal). */
export async function openCaseWorkflows(exec: Executor, taxCode: string, personalIds: string[]): Promise<string[]> {
  if (personalIds.length === 0) return [];
  const rows = await exec
    .select({ w: declarationCases.workflowId })
    .from(declarationCases)
    .where(
      and(
        eq(declarationCases.employerTaxCode, taxCode),
        inArray(declarationCases.personalId, [...new Set(personalIds)]),
        inArray(declarationCases.status, ['awaiting_employer', 'escalated', 'arrears']),
      ),
    );
  return rows.flatMap((r) => (r.w ? [r.w] : []));
}

/** A step of the case, once (a retried activity adds none): true when it is new. */
export async function recordCaseStep(
  tx: Tx,
  s: { caseId: number; step: DeclarationCaseStep; onDate: IsoDate; at: Date; details?: Record<string, unknown> },
): Promise<boolean> {
  const rows = await tx
    .insert(declarationCaseSteps)
    .values({ caseId: s.caseId, step: s.step, onDate: s.onDate, at: s.at, details: s.details ?? {} })
    .onConflictDoNothing()
    .returning({ id: declarationCaseSteps.id });
  return rows.length > 0;
}

export async function caseSteps(exec: Executor, caseId: number): Promise<DeclarationCaseStepRow[]> {
  return exec
    .select()
    .from(declarationCaseSteps)
    .where(eq(declarationCaseSteps.caseId, caseId))
    .orderBy(declarationCaseSteps.id);
}

/** The participant's birth date and name (the months' lower bound; a named employer notice). */
export async function caseParticipant(
  exec: Executor,
  personalId: string,
): Promise<{ dateOfBirth: IsoDate; fullName: string } | undefined> {
  const [r] = await exec
    .select({ dateOfBirth: participants.dateOfBirth, fullName: participants.fullName })
    .from(participants)
    .where(eq(participants.personalId, personalId));
  return r ? { dateOfBirth: String(r.dateOfBirth), fullName: r.fullName } : undefined;
}

/**
 * What the database holds for the case's months, in one statement: the months an employment of the
 * person at the employer covers (declared), and the months the reconciliation wrote as credited or
 * declared but unpaid.
 */
export async function caseMonthsFacts(
  exec: Executor,
  c: { personalId: string; employerTaxCode: string; fromMonth: Month; toMonth: Month },
): Promise<CaseMonthsFacts> {
  const rows = await queryRows<{ m: string; declared: boolean; status: string | null }>(
    exec,
    sql`select to_char(g.d, 'YYYY-MM') as m,
               exists (select 1 from employments e
                        where e.personal_id = ${c.personalId} and e.employer_tax_code = ${c.employerTaxCode}
                          and e.start_month <= to_char(g.d, 'YYYY-MM')
                          and (e.end_month is null or e.end_month >= to_char(g.d, 'YYYY-MM'))) as declared,
               (select cm.status from contribution_months cm
                 where cm.personal_id = ${c.personalId} and cm.employer_tax_code = ${c.employerTaxCode}
                   and cm.period = to_char(g.d, 'YYYY-MM')) as status
          from generate_series(to_date(${c.fromMonth}, 'YYYY-MM'), to_date(${c.toMonth}, 'YYYY-MM'), interval '1 month') g(d)
         order by 1`,
  );
  return {
    months: rows.map((r) => r.m),
    declared: rows.filter((r) => r.declared).map((r) => r.m),
    unpaid: rows.filter((r) => r.status === 'declared_unpaid').map((r) => r.m),
    credited: rows.filter((r) => r.status === 'credited').map((r) => r.m),
  };
}

/** Removes a case whose workflow never started: its tasks, its notices, its steps and itself. */
export async function deleteDeclarationCase(tx: Tx, id: number): Promise<void> {
  await tx.execute(sql`delete from tasks where declaration_case_id = ${id}`);
  await tx.execute(sql`delete from outbox where dedupe_key like ${`declaration-case:${id}:%`}`);
  await tx.execute(sql`delete from declaration_case_steps where case_id = ${id}`);
  await tx.execute(sql`delete from declaration_cases where id = ${id}`);
}

/**
 * A referral's closure undone (its successor's workflow could not start): referred again, its task
 * open again, its closure's step and notice gone. The successor is removed by the caller.
 */
export async function reopenReferral(tx: Tx, id: number): Promise<void> {
  await tx.execute(sql`update declaration_cases
     set status = 'referred', closed_on = null, outcome = null, outcome_reason = null, successor_case_id = null, updated_at = now()
   where id = ${id}`);
  await tx.execute(sql`delete from declaration_case_steps where case_id = ${id} and step = 'referral_closed'`);
  await tx.execute(
    sql`delete from outbox where dedupe_key = ${`declaration-case:${id}:participant:declaration_case.referral_closed`}`,
  );
  await tx.execute(sql`update tasks set status = 'open', closed_at = null, closed_by = null, updated_at = now()
   where declaration_case_id = ${id} and kind = 'declaration_case.referral' and status = 'done'`);
}

/** The open cases with a workflow whose every month is credited (the months counted from the case's two ends). */
const ALL_CREDITED = sql`d.status in ('awaiting_employer','escalated','arrears') and d.workflow_id is not null
  and (select count(*) from contribution_months cm
        where cm.personal_id = d.personal_id and cm.employer_tax_code = d.employer_tax_code
          and cm.period between d.from_month and d.to_month and cm.status = 'credited')
      = (substr(d.to_month, 1, 4)::int * 12 + substr(d.to_month, 6, 2)::int)
        - (substr(d.from_month, 1, 4)::int * 12 + substr(d.from_month, 6, 2)::int) + 1`;

/**
 * The workflows of the open cases against these employers whose every month is now credited (a
 * payment credited them: the signal closes the case at once). One statement, on the open cases'
 * employer index.
 */
export async function creditedCaseWorkflows(exec: Executor, taxCodes: readonly string[]): Promise<string[]> {
  if (taxCodes.length === 0) return [];
  const rows = await queryRows<{ w: string }>(
    exec,
    sql`select d.workflow_id as w from declaration_cases d
         where d.employer_tax_code in (select json_array_elements_text(${JSON.stringify([...new Set(taxCodes)])}::json))
           and ${ALL_CREDITED}`,
  );
  return rows.map((r) => r.w);
}

/** The same for the employers of a reconciliation's batch, its keyset range (after, last]. */
export async function creditedCaseWorkflowsBetween(exec: Executor, after: string, last: string): Promise<string[]> {
  const rows = await queryRows<{ w: string }>(
    exec,
    sql`select d.workflow_id as w from declaration_cases d
         where d.employer_tax_code > ${after} and d.employer_tax_code <= ${last} and ${ALL_CREDITED}`,
  );
  return rows.map((r) => r.w);
}

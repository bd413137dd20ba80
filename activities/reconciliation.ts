/**
 * Monthly reconciliation, one batch of employers per activity and per transaction: the lines of
 * the period are materialised, each employer's period is settled (due, paid, outstanding, late
 * charge, evasion), every employee's month is credited (paid in full) or shown as declared but
 * unpaid, and the e-books it touches are rewritten — all in the same transaction. Re-running a
 * batch gives the same rows (upserts; e-books unchanged keep their version; notices are deduped).
 */
import { Context } from '@temporalio/activity';
import { and, asc, eq, gt, inArray, notInArray, sql } from 'drizzle-orm';
import type { IsoDate, Month } from '../domain/calendar';
import { Dec } from '../domain/money';
import type { Db } from '../db/client';
import { audit, enqueue, storedResult, storeResult } from '../db/queries/audit';
import { rewriteEbooks } from '../db/queries/ebooks';
import { periodLines, periodStatement } from '../db/queries/periods';
import { contributionLines, contributionMonths, employerPeriods, employers } from '../db/schema';

export interface ReconcileBatchInput {
  period: Month;
  asOf: IsoDate;
  /** Keyset cursor: the last tax code done ('' to start). */
  after: string;
  limit: number;
  workflowId: string;
  runId: string;
}

export interface ReconcileBatchResult {
  employers: number;
  lastTaxCode: string | null;
  lines: number;
  due: string;
  paid: string;
  outstanding: string;
  lateCharge: string;
  unpaidEmployers: number;
  evasionEmployers: number;
  ebooksWritten: number;
}

function heartbeat(details: unknown): void {
  try {
    Context.current().heartbeat(details);
  } catch {
    /* called outside an activity (tests) */
  }
}

export function createReconciliationActivities(deps: { db: Db; faults?: (point: string) => void | Promise<void> }) {
  const { db } = deps;
  return {
    async reconcileEmployers(input: ReconcileBatchInput): Promise<ReconcileBatchResult> {
      const key = `reconcile:${input.workflowId}:${input.runId}:${input.period}:${input.after}:${input.limit}`;
      const done = await storedResult<ReconcileBatchResult>(db, key);
      if (done) return done;
      return db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${key}))`);
        const again = await storedResult<ReconcileBatchResult>(tx, key);
        if (again) return again;

        const batch = await tx
          .select({ taxCode: employers.taxCode })
          .from(employers)
          .where(and(eq(employers.status, 'active'), gt(employers.taxCode, input.after)))
          .orderBy(asc(employers.taxCode))
          .limit(input.limit);
        const codes = batch.map((b) => b.taxCode);
        const out: ReconcileBatchResult = {
          employers: codes.length,
          lastTaxCode: codes[codes.length - 1] ?? null,
          lines: 0,
          due: '0',
          paid: '0',
          outstanding: '0',
          lateCharge: '0',
          unpaidEmployers: 0,
          evasionEmployers: 0,
          ebooksWritten: 0,
        };
        if (codes.length === 0) return out;

        // 1. The lines of the period, materialised (replacing any earlier run's).
        const lines = await periodLines(tx, codes, input.period);
        await tx.delete(contributionLines).where(and(inArray(contributionLines.employerTaxCode, codes), eq(contributionLines.period, input.period)));
        for (let i = 0; i < lines.length; i += 2000) {
          await tx.insert(contributionLines).values(
            lines.slice(i, i + 2000).map((l) => ({ employerTaxCode: l.employerTaxCode, period: l.period, personalId: l.personalId, fund: l.fund, side: l.side, base: l.base, rate: l.rate, amount: l.amount })),
          );
        }
        out.lines = lines.length;
        heartbeat({ after: input.after, step: 'lines' });

        // 2. Each employer's period, and what each employee's e-book shows for the month.
        const peopleOf = new Map<string, Set<string>>();
        for (const l of lines) {
          if (!peopleOf.has(l.employerTaxCode)) peopleOf.set(l.employerTaxCode, new Set());
          peopleOf.get(l.employerTaxCode)!.add(l.personalId);
        }
        const touched: string[] = [];
        let due = new Dec(0);
        let paid = new Dec(0);
        let outstanding = new Dec(0);
        let charge = new Dec(0);
        for (const code of codes) {
          const st = await periodStatement(tx, code, input.period, input.asOf);
          const row = {
            due: st.total,
            paid: st.paid,
            outstanding: st.outstanding,
            lateCharge: st.lateCharge,
            chargePaid: st.chargePaid,
            maxDaysLate: st.maxDaysLate,
            evasion: st.evasion,
            status: st.status,
            asOf: input.asOf,
          };
          await tx
            .insert(employerPeriods)
            .values({ employerTaxCode: code, period: input.period, ...row })
            .onConflictDoUpdate({ target: [employerPeriods.employerTaxCode, employerPeriods.period], set: { ...row, reconciledAt: sql`now()` } });
          due = due.plus(st.total);
          paid = paid.plus(st.paid);
          outstanding = outstanding.plus(st.outstanding);
          charge = charge.plus(st.lateCharge);
          if (st.evasion) out.evasionEmployers++;

          const people = [...(peopleOf.get(code) ?? [])];
          const status = new Dec(st.outstanding).isZero() ? 'credited' : 'declared_unpaid';
          const stale = await tx
            .delete(contributionMonths)
            .where(
              and(
                eq(contributionMonths.employerTaxCode, code),
                eq(contributionMonths.period, input.period),
                people.length ? notInArray(contributionMonths.personalId, people) : sql`true`,
              ),
            )
            .returning({ id: contributionMonths.personalId });
          touched.push(...stale.map((s) => s.id));
          if (people.length) {
            await tx
              .insert(contributionMonths)
              .values(people.map((personalId) => ({ personalId, employerTaxCode: code, period: input.period, status })))
              .onConflictDoUpdate({ target: [contributionMonths.personalId, contributionMonths.employerTaxCode, contributionMonths.period], set: { status } });
            touched.push(...people);
          }
          if (status === 'declared_unpaid') {
            out.unpaidEmployers++;
            await enqueue(tx, {
              dedupeKey: `reconcile:${input.period}:${input.asOf}:${code}`,
              kind: 'contributions.arrears',
              channel: 'portal',
              recipientType: 'employer',
              recipientId: code,
              payload: { period: input.period, asOf: input.asOf, outstanding: st.outstanding, lateCharge: st.lateCharge, deadline: st.deadline, evasion: st.evasion },
            });
            for (const personalId of people) {
              await enqueue(tx, {
                dedupeKey: `reconcile:${input.period}:${input.asOf}:${code}:${personalId}`,
                kind: 'contributions.month_unpaid',
                channel: 'email',
                recipientType: 'participant',
                recipientId: personalId,
                payload: { period: input.period, employerTaxCode: code },
              });
            }
          }
        }
        heartbeat({ after: input.after, step: 'periods' });
        out.ebooksWritten = await rewriteEbooks(tx, touched);
        out.due = due.toFixed(0);
        out.paid = paid.toFixed(0);
        out.outstanding = outstanding.toFixed(0);
        out.lateCharge = charge.toFixed(0);
        await audit(tx, {
          actor: `workflow:${input.workflowId}`,
          action: 'reconciliation.batch',
          subjectType: 'period',
          subjectId: input.period,
          workflowId: input.workflowId,
          runId: input.runId,
          details: { after: input.after, employers: out.employers, lines: out.lines, unpaid: out.unpaidEmployers },
        });
        if (deps.faults) await deps.faults('reconcile:before-commit');
        await storeResult(tx, key, out);
        return out;
      });
    },
  };
}

/**
 * The one way a front end declares for an employer or books money the bank confirmed (issue #14
 * part 2): the service's transaction, then — after it committed — a signal to every open
 * declaration case it may answer, so the case re-reads the database at once: a declaration of the
 * case's person at the case's employer (the months may now be declared), a payment that left every
 * month of a case credited (the case is over). The API, the CLI and the console (through the API)
 * call only these; `test/services/case-signal-paths.test.ts` keeps every other caller of the
 * services away. A signal that is lost (Temporal unreachable, the process gone) only delays the
 * closure until the workflow's next timer (a day before the employer's deadline, a week after).
 */
import type { Client } from '@temporalio/client';
import type { Db } from '../db/client';
import { creditedCaseWorkflows, openCaseWorkflows } from '../db/queries/declaration-cases';
import {
  assignSuspenseLine,
  importStatement,
  type AssignmentResult,
  type ImportInput,
  type ImportResult,
} from '../services/bank';
import { declare, type DeclareInput } from '../services/declarations';
import { declarationCaseDeclaredSignal } from '../workflows/definitions';
import type { DeclarationResult } from '../domain/schemas';

/**
 * How the caller reaches Temporal: its client (the API, the stack), or a way to connect only when
 * there is a case to tell (the CLI, which otherwise declares with the database alone).
 */
export type CaseSignalReach = Client | ((signal: (client: Client) => Promise<void>) => Promise<void>);

/** Signals each workflow to re-read the database; a failure is not the caller's (the timers are the safety net). */
export async function signalCases(reach: CaseSignalReach, workflowIds: readonly string[]): Promise<number> {
  if (workflowIds.length === 0) return 0;
  let sent = 0;
  const send = async (client: Client) => {
    for (const id of new Set(workflowIds)) {
      await client.workflow
        .getHandle(id)
        .signal(declarationCaseDeclaredSignal)
        .then(() => sent++)
        .catch(() => undefined);
    }
  };
  await (typeof reach === 'function' ? reach(send) : send(reach)).catch(() => undefined);
  return sent;
}

/** A declaration (services/declarations.ts), then the open cases of the people it newly declared. */
export async function declareAndSignal(
  db: Db,
  reach: CaseSignalReach,
  input: DeclareInput,
): Promise<DeclarationResult> {
  const result = await declare(db, input);
  const fresh = result.results.filter((r) => !r.alreadyRecorded).map((r) => r.personalId);
  if (fresh.length) await signalCases(reach, await openCaseWorkflows(db, input.taxCode, fresh));
  return result;
}

/** The open cases against the employers a booking credited, once every month of theirs is credited. */
async function signalCredited(db: Db, reach: CaseSignalReach, taxCodes: (string | null)[]): Promise<void> {
  const booked = taxCodes.filter((t): t is string => t !== null);
  if (booked.length) await signalCases(reach, await creditedCaseWorkflows(db, booked));
}

/** A bank statement imported (services/bank.ts; each line its own transaction), then the cases its bookings credited. */
export async function importStatementAndSignal(
  db: Db,
  reach: CaseSignalReach,
  input: ImportInput,
): Promise<ImportResult> {
  const result = await importStatement(db, input);
  await signalCredited(
    db,
    reach,
    result.results.filter((r) => r.status === 'booked' && !r.alreadyImported).map((r) => r.taxCode),
  );
  return result;
}

/** A suspense line assigned to an employer and booked (services/bank.ts), then the cases it credited. */
export async function assignAndSignal(
  db: Db,
  reach: CaseSignalReach,
  a: Parameters<typeof assignSuspenseLine>[1],
): Promise<AssignmentResult> {
  const result = await assignSuspenseLine(db, a);
  if (!result.alreadyAssigned) await signalCredited(db, reach, [a.taxCode]);
  return result;
}

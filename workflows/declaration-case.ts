/**
 * A participant's case against an employer that has not declared or paid their months (issue #14
 * part 2; rules §8.36). The employer is notified with a deadline of 10 working days; the workflow
 * re-reads the database when a declaration signals it and on its own timers (every day until the
 * deadline, every 7 days after), so a lost signal only delays the closure. The months all declared:
 * the case closes. No answer by the deadline: an inspection task. Arrears confirmed (the officer's
 * Update, or the reconciliation's arrears for those months): the case waits until every month is
 * credited. Carries the case id only.
 */
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import { addDays, msUntilShiftedDay, shiftedToday, type IsoDate } from '../domain/calendar';
import { RECHECK_DAYS_AFTER_DEADLINE, RECHECK_DAYS_BEFORE_DEADLINE } from '../domain/declaration-cases';
import { SHORT_ACTIVITY } from './activity-options';
import {
  declarationCaseArrearsUpdate,
  declarationCaseDeclaredSignal,
  declarationCaseStateQuery,
  type DeclarationCaseArrearsMessage,
  type DeclarationCaseState,
  type DeclarationCaseSummary,
  type DeclarationCaseWorkflowInput,
  type DeclarationCaseWorkflowStatus,
} from './declaration-case-definitions';

const acts = proxyActivities<Activities>(SHORT_ACTIVITY);
const DAY_MS = 24 * 60 * 60 * 1000;

export async function declarationCase(input: DeclarationCaseWorkflowInput): Promise<DeclarationCaseSummary> {
  const c = new DeclarationCaseRun(input);
  setHandler(declarationCaseStateQuery, () => c.state());
  setHandler(declarationCaseDeclaredSignal, () => c.onDeclared());
  setHandler(declarationCaseArrearsUpdate, (m) => c.onArrears(m), { validator: (m) => c.validateArrears(m) });
  return c.run();
}

class DeclarationCaseRun {
  private status: DeclarationCaseWorkflowStatus = 'opening';
  private employerDue: IsoDate | null = null;
  private outcome: DeclarationCaseState['outcome'] = null;
  private checks = 0;
  private woken = false;
  private pendingArrears: DeclarationCaseArrearsMessage | undefined;
  private arrearsWritten = false;

  constructor(private readonly input: DeclarationCaseWorkflowInput) {}

  state(): DeclarationCaseState {
    return {
      caseId: this.input.caseId,
      status: this.status,
      employerDue: this.employerDue,
      outcome: this.outcome,
      checks: this.checks,
    };
  }

  onDeclared(): void {
    this.woken = true;
  }

  validateArrears(m: DeclarationCaseArrearsMessage): void {
    if (typeof m?.officer !== 'string' || m.officer.length === 0)
      throw ApplicationFailure.nonRetryable('the confirming officer is required', 'INVALID_ARREARS_CONFIRMATION');
    if ((this.status !== 'awaiting_employer' && this.status !== 'escalated') || this.pendingArrears !== undefined)
      throw ApplicationFailure.nonRetryable(
        `arrears cannot be confirmed while the case is ${this.status}`,
        'WRONG_STATE',
      );
  }

  async onArrears(
    m: DeclarationCaseArrearsMessage,
  ): Promise<{ accepted: true; status: DeclarationCaseWorkflowStatus }> {
    this.pendingArrears = m;
    await condition(() => this.arrearsWritten);
    return { accepted: true, status: this.status };
  }

  async run(): Promise<DeclarationCaseSummary> {
    const caseId = this.input.caseId;
    const { due } = await acts.notifyDeclarationCaseEmployer({ caseId, today: this.today() });
    this.employerDue = due;
    for (;;) {
      const check = await acts.checkDeclarationCase({ caseId });
      this.checks++;
      this.status = check.status === 'arrears' || check.status === 'escalated' ? check.status : 'awaiting_employer';
      if (check.finding === 'credited' || (check.finding === 'declared' && this.status !== 'arrears'))
        return this.close(check.finding);
      if (check.finding === 'arrears' && this.status !== 'arrears') {
        await acts.confirmDeclarationCaseArrears({ caseId, by: 'system:reconciliation', today: this.today() });
        this.status = 'arrears';
      }
      const escalateOn = addDays(due, 1);
      if (this.status === 'awaiting_employer' && this.today() >= escalateOn) {
        await acts.escalateDeclarationCase({ caseId, today: this.today() });
        this.status = 'escalated';
      }
      if (workflowInfo().continueAsNewSuggested) {
        await condition(allHandlersFinished);
        await continueAsNew<typeof declarationCase>(this.input);
      }
      // Sleep until the next check: a declaration's signal, the officer's Update, or the timer.
      const wait =
        this.status === 'awaiting_employer'
          ? Math.min(RECHECK_DAYS_BEFORE_DEADLINE * DAY_MS, this.untilStartOf(escalateOn))
          : RECHECK_DAYS_AFTER_DEADLINE * DAY_MS;
      await condition(() => this.woken || this.pendingArrears !== undefined, Math.max(1, wait));
      this.woken = false;
      if (this.pendingArrears !== undefined && !this.arrearsWritten) {
        await acts.confirmDeclarationCaseArrears({ caseId, by: this.pendingArrears.officer, today: this.today() });
        this.status = 'arrears';
        this.arrearsWritten = true;
      }
    }
  }

  private async close(outcome: 'declared' | 'credited'): Promise<DeclarationCaseSummary> {
    await acts.closeDeclarationCase({ caseId: this.input.caseId, outcome, today: this.today() });
    this.status = 'closed';
    this.outcome = outcome;
    await condition(allHandlersFinished);
    return { caseId: this.input.caseId, outcome };
  }

  private today(): IsoDate {
    return shiftedToday(Date.now(), this.input.offsetDays ?? 0);
  }

  private untilStartOf(d: IsoDate): number {
    return msUntilShiftedDay(d, Date.now(), this.input.offsetDays ?? 0);
  }
}

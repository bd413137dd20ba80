/**
 * A participant's case against an employer that has not declared or paid their months (issue #14
 * part 2; rules §8.37). The employer is notified with a deadline of 10 working days; the workflow
 * re-reads the database when a declaration or a payment that credited the months signals it, and on
 * its own timers (every day until the deadline, every 7 days after), so a lost signal only delays
 * the closure. The months all declared: the case closes. No answer by the deadline: an inspection
 * task. Arrears confirmed (the officer's Update, or the reconciliation's arrears for those months):
 * the case waits until every month is credited. An officer may dismiss it (an Update) until it
 * closes. Carries the case id only.
 */
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  patched,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import { addDays, msUntilShiftedDay, shiftedToday, type IsoDate } from '../domain/calendar';
import {
  DISMISSAL_REASONS,
  RECHECK_DAYS_AFTER_DEADLINE,
  RECHECK_DAYS_BEFORE_DEADLINE,
} from '../domain/declaration-cases';
import { SHORT_ACTIVITY } from './activity-options';
import {
  declarationCaseArrearsUpdate,
  declarationCaseDeclaredSignal,
  declarationCaseDismissUpdate,
  declarationCaseStateQuery,
  type DeclarationCaseArrearsMessage,
  type DeclarationCaseDismissMessage,
  type DeclarationCaseState,
  type DeclarationCaseSummary,
  type DeclarationCaseWorkflowInput,
  type DeclarationCaseWorkflowStatus,
} from './declaration-case-definitions';

const acts = proxyActivities<Activities>(SHORT_ACTIVITY);
const DAY_MS = 24 * 60 * 60 * 1000;
/**
 * An officer's arrears are written as soon as the workflow sees them (after the check that was
 * running when they came, before the months could close the case), and once written the wait is
 * the timer again: before this patch the wait's condition stayed true after the arrears were
 * written, and the workflow re-read the database without pause until it continued as new.
 */
const ARREARS_WAIT_PATCH = '2026-12-case-arrears-wait';

export async function declarationCase(input: DeclarationCaseWorkflowInput): Promise<DeclarationCaseSummary> {
  const c = new DeclarationCaseRun(input);
  setHandler(declarationCaseStateQuery, () => c.state());
  setHandler(declarationCaseDeclaredSignal, () => c.onDeclared());
  setHandler(declarationCaseArrearsUpdate, (m) => c.onArrears(m), { validator: (m) => c.validateArrears(m) });
  setHandler(declarationCaseDismissUpdate, (m) => c.onDismiss(m), { validator: (m) => c.validateDismiss(m) });
  return c.run();
}

class DeclarationCaseRun {
  private status: DeclarationCaseWorkflowStatus = 'opening';
  private employerDue: IsoDate | null = null;
  private outcome: DeclarationCaseState['outcome'] = null;
  private checks = 0;
  private woken = false;
  /** Set once the workflow has decided to close: no officer's message is accepted after it. */
  private closing = false;
  private pendingArrears: DeclarationCaseArrearsMessage | undefined;
  private arrearsWritten = false;
  private pendingDismissal: DeclarationCaseDismissMessage | undefined;

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

  /**
   * The case is open (the database says `awaiting_employer` from its first moment): accepted while
   * the workflow still notifies the employer, too — the arrears are written after that step.
   */
  validateArrears(m: DeclarationCaseArrearsMessage): void {
    if (typeof m?.officer !== 'string' || m.officer.length === 0)
      throw ApplicationFailure.nonRetryable('the confirming officer is required', 'INVALID_ARREARS_CONFIRMATION');
    if (
      (this.status !== 'opening' && this.status !== 'awaiting_employer' && this.status !== 'escalated') ||
      this.pendingArrears !== undefined ||
      this.pendingDismissal !== undefined ||
      this.closing
    )
      throw ApplicationFailure.nonRetryable(
        `arrears cannot be confirmed while the case is ${this.status}`,
        'WRONG_STATE',
      );
  }

  async onArrears(
    m: DeclarationCaseArrearsMessage,
  ): Promise<{ accepted: true; status: DeclarationCaseWorkflowStatus }> {
    this.pendingArrears = m;
    await condition(() => this.arrearsWritten || this.status === 'closed');
    return { accepted: true, status: this.status };
  }

  validateDismiss(m: DeclarationCaseDismissMessage): void {
    if (typeof m?.officer !== 'string' || m.officer.length === 0)
      throw ApplicationFailure.nonRetryable('the dismissing officer is required', 'INVALID_DISMISSAL');
    if (!(DISMISSAL_REASONS as readonly string[]).includes(m?.reason))
      throw ApplicationFailure.nonRetryable('a dismissal gives one of the known reasons', 'INVALID_DISMISSAL');
    if (this.status === 'closed' || this.closing || this.pendingDismissal !== undefined)
      throw ApplicationFailure.nonRetryable(`the case cannot be dismissed while it is ${this.status}`, 'WRONG_STATE');
  }

  async onDismiss(
    m: DeclarationCaseDismissMessage,
  ): Promise<{ accepted: true; status: DeclarationCaseWorkflowStatus }> {
    this.pendingDismissal = m;
    await condition(() => this.status === 'closed');
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
      if (this.pendingDismissal !== undefined) return this.dismiss(this.pendingDismissal);
      // Arrears an officer confirmed while the check ran are written before the months can close the case.
      if (this.pendingArrears !== undefined && !this.arrearsWritten && patched(ARREARS_WAIT_PATCH))
        await this.writeArrears(this.pendingArrears);
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
      if (workflowInfo().continueAsNewSuggested && !this.messagePending()) {
        await condition(allHandlersFinished);
        await continueAsNew<typeof declarationCase>(this.input);
      }
      // Sleep until the next check: a signal (a declaration, a payment), an officer's Update, or the timer.
      const wait =
        this.status === 'awaiting_employer'
          ? Math.min(RECHECK_DAYS_BEFORE_DEADLINE * DAY_MS, this.untilStartOf(escalateOn))
          : RECHECK_DAYS_AFTER_DEADLINE * DAY_MS;
      const writtenWaits = this.arrearsWritten && patched(ARREARS_WAIT_PATCH);
      await condition(
        () =>
          this.woken ||
          this.pendingDismissal !== undefined ||
          (this.pendingArrears !== undefined && !(writtenWaits && this.arrearsWritten)),
        Math.max(1, wait),
      );
      this.woken = false;
      if (this.pendingDismissal !== undefined) return this.dismiss(this.pendingDismissal);
      if (this.pendingArrears !== undefined && !this.arrearsWritten) await this.writeArrears(this.pendingArrears);
    }
  }

  private messagePending(): boolean {
    return this.pendingDismissal !== undefined || (this.pendingArrears !== undefined && !this.arrearsWritten);
  }

  private async writeArrears(m: DeclarationCaseArrearsMessage): Promise<void> {
    await acts.confirmDeclarationCaseArrears({ caseId: this.input.caseId, by: m.officer, today: this.today() });
    this.status = 'arrears';
    this.arrearsWritten = true;
  }

  private async close(outcome: 'declared' | 'credited'): Promise<DeclarationCaseSummary> {
    this.closing = true;
    await acts.closeDeclarationCase({ caseId: this.input.caseId, outcome, today: this.today() });
    this.status = 'closed';
    this.outcome = outcome;
    await condition(allHandlersFinished);
    return { caseId: this.input.caseId, outcome };
  }

  /** The officer's dismissal: the case closes with its reason, every wait with it, and the participant is told. */
  private async dismiss(m: DeclarationCaseDismissMessage): Promise<DeclarationCaseSummary> {
    this.closing = true;
    await acts.dismissDeclarationCase({
      caseId: this.input.caseId,
      officer: m.officer,
      reason: m.reason,
      today: this.today(),
    });
    this.status = 'closed';
    this.outcome = 'dismissed';
    await condition(allHandlersFinished);
    return { caseId: this.input.caseId, outcome: 'dismissed' };
  }

  private today(): IsoDate {
    return shiftedToday(Date.now(), this.input.offsetDays ?? 0);
  }

  private untilStartOf(d: IsoDate): number {
    return msUntilShiftedDay(d, Date.now(), this.input.offsetDays ?? 0);
  }
}

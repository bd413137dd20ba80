/**
 * `npm run demo` (= `ansinh demo`): against the running stack, onboard a sample employer with
 * three employees end to end, approve it as an officer, and print the three e-books.
 */
import { randomInt } from 'node:crypto';
import { monthOf } from '../domain/calendar';
import { storedEbook } from '../services/ebooks';
import { sampleSubmission } from './sample';
import {
  decideOnboarding,
  onboardingProgress,
  onboardingResult,
  submitOnboarding,
  type ClientContext,
} from '../client/temporal';
import { formatEbook } from '../cli/format';
import { words } from '../cli/say';

export async function runDemo(ctx: ClientContext, say: (line: string) => void): Promise<void> {
  // A new employer every run (seeded from the clock), its employees starting this month.
  const sub = sampleSubmission(randomInt(1_000_000), 3, { startMonth: monthOf(ctx.clock.today()) });
  const taxCode = sub.employer.taxCode;
  say(`1. ${sub.employer.name} (tax code ${taxCode}) submits a dossier with 3 employees`);
  const s = await submitOnboarding(ctx, sub, 'employer:demo');
  say(`   workflow ${s.workflowId} started (request ${s.requestId})`);

  const deadline = performance.now() + 60_000;
  for (;;) {
    const p = await onboardingProgress(ctx.client, taxCode, ctx.db).catch(() => undefined);
    if (p?.state === 'awaiting_decision') {
      say(`2. registered as pending; an officer's decision is due by ${p.decisionDeadline}`);
      break;
    }
    if (performance.now() > deadline)
      throw new Error('the onboarding did not reach its decision step within a minute — is the worker running?');
    await new Promise((r) => setTimeout(r, 100));
  }
  await decideOnboarding(ctx.client, taxCode, { decision: 'approve', officer: 'officer:demo' }, { db: ctx.db });
  say('3. an officer approves (the Update is accepted at once)');
  const summary = await onboardingResult(ctx.client, taxCode, ctx.db);
  say(
    `4. completed: unit code ${summary.unitCode}, ${summary.employeesOnboarded} employees, ${summary.hiCardsIssued} HI cards, ${summary.ebooksWritten} e-books\n`,
  );
  for (const e of sub.employees) {
    const book = await storedEbook(ctx.db, e.personalId);
    say(formatEbook(words('en'), JSON.parse(book!.content), book!.version, book!.sha256)); // the demo speaks English
    say('');
  }
}

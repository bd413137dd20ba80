/**
 * `npm run demo`: against the running stack (`npm start` in another terminal, or DATABASE_URL and
 * TEMPORAL_ADDRESS), onboard a sample employer with three employees end to end, approve it as
 * an officer, and print the three e-books.
 */
import { eq } from 'drizzle-orm';
import { monthOf, localDateOf } from '../../domain/calendar';
import { ebooks } from '../../db/schema';
import { loadConfig } from '../../worker/config';
import { sampleSubmission } from '../sample';
import { connectDatabase, connectTemporal } from '../stack';
import { decideOnboarding, onboardingProgress, onboardingResult, submitOnboarding } from '../temporal';
import { formatEbook } from './format';

async function main(): Promise<void> {
  const cfg = loadConfig();
  const db = await connectDatabase(cfg);
  const temporal = await connectTemporal(cfg);
  try {
    // A new employer every run (the seed is the clock), starting this month.
    const sub = sampleSubmission(Date.now() % 1_000_000, 3, { startMonth: monthOf(localDateOf(Date.now())) });
    const taxCode = sub.employer.taxCode;
    console.log(`1. ${sub.employer.name} (tax code ${taxCode}) submits a dossier with 3 employees`);
    const s = await submitOnboarding({ db: db.db, client: temporal.client, taskQueue: cfg.TEMPORAL_TASK_QUEUE }, sub, 'employer:demo');
    console.log(`   workflow ${s.workflowId} started (request ${s.requestId})`);

    for (let i = 0; i < 100; i++) {
      const p = await onboardingProgress(temporal.client, taxCode).catch(() => undefined);
      if (p?.state === 'awaiting_decision') {
        console.log(`2. registered as pending; decision due by ${p.decisionDeadline}`);
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    await decideOnboarding(temporal.client, taxCode, { decision: 'approve', officer: 'officer:demo' });
    console.log('3. an officer approves (Update accepted)');
    const summary = await onboardingResult(temporal.client, taxCode);
    console.log(`4. completed: unit code ${summary.unitCode}, ${summary.employeesOnboarded} employees, ${summary.hiCardsIssued} HI cards, ${summary.ebooksWritten} e-books\n`);
    for (const e of sub.employees) {
      const [book] = await db.db.select().from(ebooks).where(eq(ebooks.personalId, e.personalId));
      console.log(formatEbook(JSON.parse(book!.content), book!.version, book!.sha256));
      console.log('');
    }
  } finally {
    await temporal.close();
    await db.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? `demo failed: ${err.message}` : err);
  process.exit(1);
});

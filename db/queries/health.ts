/** The readiness probe's one statement. */
import { sql } from 'drizzle-orm';
import type { Executor } from '../client';

/** Whether the database answers a trivial query now. */
export async function databaseAnswers(exec: Executor): Promise<boolean> {
  return exec.execute(sql`select 1`).then(
    () => true,
    () => false,
  );
}

/**
 * The application's PostgreSQL role, ansinh_app (created by migration 0008): the API and the worker
 * connect as it; it may not UPDATE, DELETE or TRUNCATE the audit tables or the e-book history.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../client';

export const APP_ROLE = 'ansinh_app';

/**
 * Sets ansinh_app's password (run by `ansinh db migrate`, as the owner, when ANSINH_APP_PASSWORD is
 * set): ALTER ROLE takes no bind parameters, so the password travels as a session setting and is
 * quoted by format(%L) inside the database, never spliced into SQL text here (transaction-local).
 */
export async function setAppRolePassword(db: Db, password: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('ansinh.app_password', ${password}, true)`);
    await tx.execute(
      sql`do $$ begin execute format('alter role ansinh_app password %L', current_setting('ansinh.app_password')); end $$`,
    );
  });
}

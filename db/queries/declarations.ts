/** Employer declarations as recorded, once per idempotency key (services/declarations.ts). */
import { eq } from 'drizzle-orm';
import type { Tx } from '../client';
import { declarations } from '../schema/index';

/** The id of the declaration recorded under this key, if any. */
export async function declarationIdByKey(tx: Tx, idempotencyKey: string): Promise<number | undefined> {
  const [seen] = await tx
    .select({ id: declarations.id })
    .from(declarations)
    .where(eq(declarations.idempotencyKey, idempotencyKey));
  return seen === undefined ? undefined : Number(seen.id);
}

export async function insertDeclaration(tx: Tx, values: typeof declarations.$inferInsert): Promise<number> {
  const [row] = await tx.insert(declarations).values(values).returning({ id: declarations.id });
  return Number(row!.id);
}

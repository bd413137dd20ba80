/** Employer declarations as recorded, once per idempotency key (services/declarations.ts). */
import { eq, sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../client';
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

/** Rows per INSERT of a large batch (one JSON parameter each, so only the statement's size is bounded). */
export const INSERT_CHUNK = 2000;

/** The ids recorded under any of these keys, in one query (a key not recorded is absent). */
export async function declarationIdsByKeys(tx: Tx, keys: string[]): Promise<Map<string, number>> {
  if (!keys.length) return new Map();
  const rows = await queryRows<{ k: string; id: string | number }>(
    tx,
    sql`select idempotency_key as k, id from declarations
         where idempotency_key in (select jsonb_array_elements_text(${JSON.stringify([...new Set(keys)])}::jsonb))`,
  );
  return new Map(rows.map((r) => [r.k, Number(r.id)]));
}

/**
 * Inserts declarations (keys not recorded yet, each once) in the given order, a chunk a statement
 * (its rows one JSON parameter), so their ids ascend in that order; returns each key's new id.
 */
export async function insertDeclarations(
  tx: Tx,
  rows: (typeof declarations.$inferInsert)[],
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const chunk = rows.slice(i, i + INSERT_CHUNK).map((r) => ({
      k: r.idempotencyKey,
      t: r.employerTaxCode,
      p: r.personalId,
      kd: r.kind,
      m: r.effectiveMonth,
      d: r.details,
      a: r.author,
    }));
    const written = await queryRows<{ id: string | number; k: string }>(
      tx,
      sql`insert into declarations (idempotency_key, employer_tax_code, personal_id, kind, effective_month, details, author)
          select x.k, x.t, x.p, x.kd, x.m, x.d, x.a
            from rows from (jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as (k text, t text, p text, kd text, m text, d jsonb, a text))
                 with ordinality as x(k, t, p, kd, m, d, a, n)
           order by x.n
          returning id, idempotency_key as k`,
    );
    for (const w of written) ids.set(w.k, Number(w.id));
  }
  return ids;
}

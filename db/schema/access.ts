import { bigserial, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Who looked at a person's data (issue #11): one row per successful read of it. Append-only
 * (UPDATE, DELETE and TRUNCATE are refused by a trigger; see migration 0009). `principal_ref` is
 * the token subject (an opaque reference, never a name); `purpose` is the route pattern.
 */
export const accessLog = pgTable(
  'access_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    personalId: text('personal_id').notNull(),
    principalRef: text('principal_ref').notNull(),
    role: text('role').notNull(),
    facilityCode: text('facility_code'),
    employerTaxCode: text('employer_tax_code'),
    purpose: text('purpose').notNull(),
  },
  (t) => [index('access_log_person_idx').on(t.personalId, t.id)],
);

/** Rate-limit counters shared by every API process (UNLOGGED in migration 0009): hits per key and fixed window. */
export const rateLimitHits = pgTable(
  'rate_limit_hits',
  {
    key: text('key').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    hits: integer('hits').notNull(),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart], name: 'rate_limit_hits_pkey' })],
);

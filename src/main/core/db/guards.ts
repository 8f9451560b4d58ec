// Append-only guards for the ledger and the audit log, applied after migrations on every start (idempotent).
// Kept outside the drizzle-kit migrations because drizzle-kit generates no triggers and migrations are
// never edited by hand.
export const APPEND_ONLY_TABLES = ['ledger_entries', 'audit_log'] as const;

export const pgGuardSql: string[] = [
  `CREATE OR REPLACE FUNCTION tollgate_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN RAISE EXCEPTION 'table % is append-only', TG_TABLE_NAME USING ERRCODE = 'restrict_violation'; END $$`,
  ...APPEND_ONLY_TABLES.flatMap((t) => [
    `DROP TRIGGER IF EXISTS ${t}_append_only ON ${t}`,
    `CREATE TRIGGER ${t}_append_only BEFORE UPDATE OR DELETE ON ${t} FOR EACH ROW EXECUTE FUNCTION tollgate_append_only()`,
    `DROP TRIGGER IF EXISTS ${t}_no_truncate ON ${t}`,
    `CREATE TRIGGER ${t}_no_truncate BEFORE TRUNCATE ON ${t} FOR EACH STATEMENT EXECUTE FUNCTION tollgate_append_only()`,
  ]),
];

export const sqliteGuardSql: string[] = APPEND_ONLY_TABLES.flatMap((t) => [
  `CREATE TRIGGER IF NOT EXISTS ${t}_no_update BEFORE UPDATE ON ${t} BEGIN SELECT RAISE(ABORT, '${t} is append-only'); END`,
  `CREATE TRIGGER IF NOT EXISTS ${t}_no_delete BEFORE DELETE ON ${t} BEGIN SELECT RAISE(ABORT, '${t} is append-only'); END`,
]);

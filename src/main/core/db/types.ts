import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type * as pgSchema from './schema/pg.ts';

/**
 * Query code is written once against the PostgreSQL schema's types. The SQLite handle is typed as the same
 * thing: both schemas have identical tables, columns and TypeScript row types (checked by
 * test/db/schema-agree.test.ts), and drizzle's select/insert/update/delete builders have the same shape on
 * both engines. Only transactions and raw SQL differ, and those live behind `Database`.
 */
export type Tables = typeof pgSchema;
export type Db = NodePgDatabase<Tables>;
export type Dialect = 'sqlite' | 'pg';

export interface Database {
  readonly dialect: Dialect;
  readonly db: Db;
  readonly t: Tables;
  /** Runs fn in one transaction; nested calls join the outer transaction. */
  tx<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  /** Name of the last applied migration. */
  migrationVersion(): Promise<string>;
  /** A description safe to log or show (no password). */
  readonly label: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** `postgres://…` selects PostgreSQL; anything else is a SQLite file path. */
  url: string;
  /** Folder holding drizzle/sqlite and drizzle/pg. Injected so packaged apps can point at resources. */
  migrationsRoot: string;
  /** SQLite `synchronous` pragma: FULL survives power loss, NORMAL only process crashes. */
  sqliteSynchronous?: 'FULL' | 'NORMAL';
  /** PostgreSQL pool size. */
  poolSize?: number;
}

export const isPostgresUrl = (url: string): boolean => /^postgres(ql)?:\/\//i.test(url);

export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):([^@/]+)@/, '//$1:***@');
}

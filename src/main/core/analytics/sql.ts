// The one seam between analytics queries and an engine: run a SELECT, get plain rows. Query text is written once
// with `?` placeholders; the PostgreSQL runner numbers them. Timestamps go in as epoch ms and come back as ms.
import type BetterSqlite3 from 'better-sqlite3';
import type pg from 'pg';
import type { Database, Dialect } from '../db/types.ts';

export type SqlParam = string | number | null;

export interface SqlRunner {
  readonly dialect: Dialect;
  all<T>(text: string, params: readonly SqlParam[]): Promise<T[]>;
}

/** `?` → `$1, $2, …` (our SQL never contains a literal question mark). */
export function numberPlaceholders(text: string): string {
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
}

const statementCache = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();

/** Prepared statements are cached per connection: parsing costs more than most of these queries. */
export function prepared(client: BetterSqlite3.Database, text: string): BetterSqlite3.Statement {
  let cache = statementCache.get(client);
  if (!cache) statementCache.set(client, (cache = new Map()));
  let stmt = cache.get(text);
  if (!stmt) cache.set(text, (stmt = client.prepare(text)));
  return stmt;
}

export function sqliteRunner(client: BetterSqlite3.Database): SqlRunner {
  return {
    dialect: 'sqlite',
    async all<T>(text: string, params: readonly SqlParam[]) {
      return prepared(client, text).all(...params) as T[];
    },
  };
}

export function pgRunner(pool: pg.Pool | pg.ClientBase): SqlRunner {
  return {
    dialect: 'pg',
    async all<T>(text: string, params: readonly SqlParam[]) {
      const r = await pool.query(numberPlaceholders(text), params as unknown[]);
      return r.rows as T[];
    },
  };
}

/** The driver client under a Database handle (drizzle exposes it as `$client`). */
export function clientOf(database: Database): BetterSqlite3.Database | pg.Pool {
  return (database.db as unknown as { $client: BetterSqlite3.Database | pg.Pool }).$client;
}

/** Runs analytics reads on the app's own connection (PostgreSQL pool, or the main SQLite connection). */
export function runnerFor(database: Database): SqlRunner {
  const client = clientOf(database);
  return database.dialect === 'pg' ? pgRunner(client as pg.Pool) : sqliteRunner(client as BetterSqlite3.Database);
}

/** A timestamp parameter: SQLite stores epoch ms, PostgreSQL takes an ISO instant. */
export const tsParam = (dialect: Dialect, ms: number): SqlParam => (dialect === 'pg' ? new Date(ms).toISOString() : ms);

/** A timestamp read back: a number on SQLite, a Date on PostgreSQL. */
export const toMs = (v: unknown): number => (v instanceof Date ? v.getTime() : Number(v));

/** SQL expression for a timestamp column as epoch ms (for grouping by bucket start). */
export const msExpr = (dialect: Dialect, col: string): string =>
  dialect === 'pg' ? `(extract(epoch from ${col}) * 1000)::bigint` : col;

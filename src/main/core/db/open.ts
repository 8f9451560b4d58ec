import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { drizzle as drizzleSqlite } from 'drizzle-orm/better-sqlite3';
import { migrate as migrateSqlite } from 'drizzle-orm/better-sqlite3/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as pgSchema from './schema/pg.ts';
import * as sqliteSchema from './schema/sqlite.ts';
import { pgGuardSql, sqliteGuardSql } from './guards.ts';
import { Mutex } from './mutex.ts';
import type { Database, Db, OpenOptions, Tables } from './types.ts';
import { isPostgresUrl, redactUrl } from './types.ts';

// PostgreSQL returns BIGINT (20) and NUMERIC (1700) as strings; money here stays far below 2^53.
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20 || oid === 1700) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format);
  },
};

function journalTag(root: string, dialect: string, applied: number): string {
  const journal = JSON.parse(readFileSync(join(root, dialect, 'meta', '_journal.json'), 'utf8')) as {
    entries: { tag: string }[];
  };
  return journal.entries[applied - 1]?.tag ?? 'none';
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  return isPostgresUrl(opts.url) ? openPg(opts) : openSqlite(opts);
}

async function openPg(opts: OpenOptions): Promise<Database> {
  const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolSize ?? 10, types: pgTypes });
  pool.on('error', () => undefined); // idle-client errors surface on the next query instead of crashing
  const db = drizzlePg(pool, { schema: pgSchema });
  await migratePg(db, { migrationsFolder: join(opts.migrationsRoot, 'pg') });
  for (const stmt of pgGuardSql) await pool.query(stmt);
  const txStore = new AsyncLocalStorage<Db>();
  return {
    dialect: 'pg',
    db,
    t: pgSchema,
    label: `postgresql ${redactUrl(opts.url)}`,
    async tx(fn) {
      const outer = txStore.getStore();
      if (outer) return fn(outer);
      return db.transaction((tx) => txStore.run(tx as unknown as Db, () => fn(tx as unknown as Db)));
    },
    async migrationVersion() {
      const r = await pool.query('SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations');
      return journalTag(opts.migrationsRoot, 'pg', (r.rows[0] as { n: number }).n);
    },
    async close() {
      await pool.end();
    },
  };
}

async function openSqlite(opts: OpenOptions): Promise<Database> {
  if (opts.url !== ':memory:') mkdirSync(dirname(opts.url), { recursive: true });
  const client = new BetterSqlite3(opts.url);
  client.pragma('journal_mode = WAL');
  client.pragma('foreign_keys = ON');
  client.pragma('busy_timeout = 5000');
  client.pragma(`synchronous = ${opts.sqliteSynchronous ?? 'FULL'}`);
  const sdb = drizzleSqlite(client, { schema: sqliteSchema });
  migrateSqlite(sdb, { migrationsFolder: join(opts.migrationsRoot, 'sqlite') });
  for (const stmt of sqliteGuardSql) client.exec(stmt);
  // Same runtime API for the builders we use; see types.ts for why this cast is sound.
  const db = sdb as unknown as Db;
  const t = sqliteSchema as unknown as Tables;
  // better-sqlite3 transactions are synchronous; async service code gets one at a time through a mutex.
  const mutex = new Mutex();
  const inTx = new AsyncLocalStorage<true>();
  return {
    dialect: 'sqlite',
    db,
    t,
    label: `sqlite ${opts.url}`,
    async tx(fn) {
      if (inTx.getStore()) return fn(db);
      return mutex.run(() =>
        inTx.run(true, async () => {
          client.exec('BEGIN IMMEDIATE');
          try {
            const out = await fn(db);
            client.exec('COMMIT');
            return out;
          } catch (err) {
            if (client.inTransaction) client.exec('ROLLBACK');
            throw err;
          }
        }),
      );
    },
    async migrationVersion() {
      const row = client.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number };
      return journalTag(opts.migrationsRoot, 'sqlite', row.n);
    },
    async close() {
      client.close();
    },
  };
}

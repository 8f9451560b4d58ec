import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { inject } from 'vitest';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const MIGRATIONS = join(ROOT, 'drizzle');

export interface TestDatabase {
  /** Value for `databaseUrl`: a SQLite file path or a postgres:// URL of a fresh database. */
  url: string;
  dataDir: string;
  drop(): Promise<void>;
}

export interface Engine {
  name: 'sqlite' | 'pg';
  /** False when PostgreSQL is unreachable outside CI (global-setup printed why). */
  available: boolean;
  fresh(): Promise<TestDatabase>;
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'tollgate-test-'));
}

const sqlite: Engine = {
  name: 'sqlite',
  available: true,
  async fresh() {
    const dataDir = tempDir();
    return { url: join(dataDir, 'tollgate.db'), dataDir, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  },
};

function pgEngine(adminUrl: string | null): Engine {
  return {
    name: 'pg',
    available: adminUrl !== null,
    async fresh() {
      if (!adminUrl) throw new Error('PostgreSQL unavailable');
      const name = `tollgate_test_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const u = new URL(adminUrl);
      u.pathname = `/${name}`;
      const dataDir = tempDir();
      return {
        url: u.toString(),
        dataDir,
        async drop() {
          const c = new pg.Client({ connectionString: adminUrl });
          await c.connect();
          await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          await c.end();
          rmSync(dataDir, { recursive: true, force: true });
        },
      };
    },
  };
}

/** Both engines; use with `describe.each(engines())` and `describe.skipIf(!engine.available)`. */
export function engines(): Engine[] {
  return [sqlite, pgEngine(inject('pgUrl'))];
}

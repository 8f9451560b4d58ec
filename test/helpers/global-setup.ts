import type { TestProject } from 'vitest/node';
import pg from 'pg';

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string | null;
  }
}

export const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * Decides once per run whether the PostgreSQL half of the suite runs. With CI=true an unreachable server fails
 * the run; elsewhere those tests skip with one line saying why.
 */
export default async function setup(project: TestProject): Promise<void> {
  const url = process.env.TOLLGATE_TEST_PG_URL ?? DEFAULT_PG_URL;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    project.provide('pgUrl', url);
  } catch (err) {
    const why = `PostgreSQL at ${url.replace(/:[^:@/]+@/, ':***@')} is unreachable (${(err as Error).message})`;
    if (process.env.CI === 'true') throw new Error(`${why}; CI requires it`);
    console.warn(`\n[tollgate] ${why}: skipping PostgreSQL tests. Start it or set TOLLGATE_TEST_PG_URL.\n`);
    project.provide('pgUrl', null);
  } finally {
    await client.end().catch(() => undefined);
  }
}

// Piscina entry for the analytics reader thread (SQLite): its own read-only connection to the app's file, so the
// synchronous query work of usage.* never runs on the gateway's event loop. WAL lets it read while the writer commits.
import { workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import type { ErrorKind } from '../lib/errors.ts';
import { AppError } from '../lib/errors.ts';
import type { Analytics } from './service.ts';
import { createAnalytics } from './service.ts';
import { sqliteRunner } from './sql.ts';

export interface ReaderConfig {
  /** The SQLite file path. */
  url: string;
}

export interface ReaderTask {
  method: keyof Analytics;
  orgId: string;
  input: unknown;
  /** The main thread's clock, so burn's windows follow a fake clock in tests. */
  nowMs: number;
}

let client: BetterSqlite3.Database | null = null;

function connection(): BetterSqlite3.Database {
  if (client) return client;
  const c = new BetterSqlite3((workerData as ReaderConfig).url, { readonly: true, fileMustExist: true });
  c.pragma('busy_timeout = 5000');
  client = c;
  return c;
}

/** Domain errors cross the thread as data (a thrown class would arrive as a plain Error). */
export type ReaderResult = { ok: true; value: unknown } | { ok: false; kind: ErrorKind; message: string };

export default async function run(task: ReaderTask): Promise<ReaderResult> {
  const analytics = createAnalytics({ runner: sqliteRunner(connection()), now: () => task.nowMs });
  const fn = analytics[task.method] as (orgId: string, input: unknown) => Promise<unknown>;
  try {
    return { ok: true, value: await fn(task.orgId, task.input) };
  } catch (err) {
    if (err instanceof AppError) return { ok: false, kind: err.kind, message: err.message };
    throw err;
  }
}

export async function shutdown(): Promise<void> {
  client?.close();
  client = null;
}

// Main-thread side of the analytics reader: the Analytics interface, answered on a worker thread with its own
// SQLite connection. PostgreSQL needs none of this (its driver never blocks the event loop). A host attaches it as
// `deps.analytics`, which analyticsOf() prefers.
import { Piscina } from 'piscina';
import type { Clock } from '../lib/clock.ts';
import { AppError } from '../lib/errors.ts';
import type { Logger } from '../lib/logger.ts';
import type { ServiceDeps } from '../services/deps.ts';
import type { ReaderConfig, ReaderResult, ReaderTask } from './reader.worker.ts';
import type { Analytics } from './service.ts';

export interface AnalyticsReader extends Analytics {
  close(): Promise<void>;
}

export interface AnalyticsReaderOptions {
  /** The SQLite file path (as given to openDatabase). */
  databaseUrl: string;
  /** reader.worker.ts in source runs, the bundled worker's path in a packaged app: injected, never guessed. */
  workerPath: string | URL;
  clock: Clock;
  logger: Logger;
}

export function startAnalyticsReader(o: AnalyticsReaderOptions): AnalyticsReader {
  const filename = o.workerPath instanceof URL ? o.workerPath.href : o.workerPath;
  const workerData: ReaderConfig = { url: o.databaseUrl };
  // One thread, started with the app and kept: dashboards issue a handful of queries every few seconds, each well under
  // 150 ms, and a cold start (loading the query modules) would otherwise land on the first dashboard view.
  const pool = new Piscina({ filename, workerData, minThreads: 1, maxThreads: 1, idleTimeout: 60_000, atomics: 'async' });
  pool.on('error', (err: Error) => o.logger.error({ err: { message: err.message, stack: err.stack } }, 'analytics reader thread error'));
  const call = async <T>(method: ReaderTask['method'], orgId: string, input: unknown): Promise<T> => {
    const r = await pool.run({ method, orgId, input, nowMs: o.clock.now().getTime() } satisfies ReaderTask) as ReaderResult;
    if (!r.ok) throw new AppError(r.kind, r.message);
    return r.value as T;
  };
  return {
    summary: (orgId, input) => call('summary', orgId, input),
    timeseries: (orgId, input) => call('timeseries', orgId, input),
    top: (orgId, input) => call('top', orgId, input),
    burn: (orgId) => call('burn', orgId, null),
    recent: (orgId, input) => call('recent', orgId, input),
    async close() {
      if (pool.threads.length) await pool.run(null, { name: 'shutdown' }).catch(() => undefined);
      await pool.destroy();
    },
  };
}

/**
 * For hosts (app.ts): on SQLite, starts the reader thread and attaches it to deps; on PostgreSQL, does nothing.
 * Returns what to await on shutdown.
 */
export function attachAnalyticsReader(deps: ServiceDeps, o: Omit<AnalyticsReaderOptions, 'clock'>): () => Promise<void> {
  // PostgreSQL never blocks the loop; an in-memory SQLite database cannot be opened from another thread.
  if (deps.database.dialect !== 'sqlite' || o.databaseUrl === ':memory:') return async () => undefined;
  const reader = startAnalyticsReader({ ...o, clock: deps.clock });
  (deps as ServiceDeps & { analytics?: Analytics }).analytics = reader;
  return async () => {
    delete (deps as ServiceDeps & { analytics?: Analytics }).analytics;
    await reader.close();
  };
}

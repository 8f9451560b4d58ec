// Piscina entry for the ledger threads. The writer pool (one thread) is the only writer of ledger entries, usage
// events, rollups and money-path audit rows; the reader pool uses the same file for heavy reads (verify).
// Each thread opens its own connection on first use; the thread is that connection's scope.
import { workerData } from 'node:worker_threads';
import type { LedgerStore } from './store.ts';
import { openPgStore } from './store-pg.ts';
import { openSqliteStore } from './store-sqlite.ts';
import type { LedgerOp, RollupRebuildTask, VerifyReport, WireBatch, WorkerConfig, WriteTask } from './types.ts';

let store: LedgerStore | null = null;

function current(): LedgerStore {
  if (store) return store;
  const cfg = workerData as WorkerConfig;
  store = /^postgres(ql)?:\/\//i.test(cfg.url) ? openPgStore(cfg.url) : openSqliteStore(cfg.url, cfg.sqliteSynchronous);
  return store;
}

export default async function write(task: WriteTask): Promise<WireBatch> {
  const results = await current().write(JSON.parse(task.ops) as LedgerOp[], task.fault);
  const other: WireBatch['other'] = [];
  results.forEach((r, i) => {
    if (r.s !== 'new' || r.disabled) other.push([i, r]);
  });
  return { n: results.length, other };
}

export async function rebuildRollups(task: RollupRebuildTask) {
  return current().rebuildRollups(task);
}

export async function verify(task: { orgId: string }): Promise<VerifyReport> {
  return current().verify(task.orgId);
}

/** Opens the connection so a bad URL or missing schema fails at start, not on the first charge. */
export async function ping(): Promise<true> {
  await current().verify('__ping__');
  return true;
}

export async function shutdown(): Promise<void> {
  const s = store;
  store = null;
  await s?.close();
}

// Piscina entry for the ledger threads. The writer pool (one thread) is the only writer of ledger entries, usage
// events, rollups and money-path audit rows; the reader pool uses the same file for heavy reads (verify).
// Each thread opens its own connection on first use; the thread is that connection's scope.
import { workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { Poller } from './poller.ts';
import type { LedgerStore } from './store.ts';
import { openPgStore } from './store-pg.ts';
import { openSqliteStore } from './store-sqlite.ts';
import type { LedgerOp, RollupRebuildTask, VerifyReport, WireBatch, WorkerConfig, WriteTask } from './types.ts';
import type { SessionCall, SessionReply, SessionRequest } from './writer-session.ts';

let store: LedgerStore | null = null;

function current(): LedgerStore {
  if (store) return store;
  const cfg = workerData as WorkerConfig;
  store = /^postgres(ql)?:\/\//i.test(cfg.url) ? openPgStore(cfg.url) : openSqliteStore(cfg.url, cfg.sqliteSynchronous);
  return store;
}

export default async function write(task: WriteTask): Promise<WireBatch> {
  const json = Buffer.from(task.ops.buffer, task.ops.byteOffset, task.ops.byteLength).toString('utf8');
  const results = await current().write(JSON.parse(json) as LedgerOp[], task.fault);
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

const handlers: Record<SessionCall, (payload: never) => Promise<unknown>> = { write, rebuildRollups, ping, shutdown };

/**
 * The writer thread's session (writer-session.ts): requests arrive on `port` and are served one at a time, in
 * order, so a second batch sent while the first commits waits its turn. Ends after 'shutdown'.
 */
export function session({ port }: { port: MessagePort }): Promise<void> {
  return new Promise((resolve) => {
    const queue: SessionRequest[] = [];
    const poller = new Poller(port);
    let serving = false;
    const serve = async (m: SessionRequest): Promise<void> => {
      let reply: SessionReply;
      try {
        reply = { id: m.id, result: await handlers[m.name](m.payload as never) };
      } catch (err) {
        const e = err as { message?: unknown; code?: unknown };
        reply = { id: m.id, error: { message: String(e.message ?? err), code: typeof e.code === 'string' ? e.code : null } };
      }
      port.postMessage(reply);
    };
    const drain = async (): Promise<void> => {
      serving = true;
      let m = queue.shift();
      while (m) {
        await serve(m);
        if (m.name === 'shutdown') {
          port.close();
          resolve();
          return;
        }
        const quiet = m.name === 'write' && (m.payload as WriteTask).quiet;
        m = queue.shift() ?? poller.next<SessionRequest>(quiet);
      }
      serving = false;
    };
    port.on('message', (m: SessionRequest) => {
      if (queue.length === 0 && !serving) poller.arrived();
      queue.push(m);
      if (!serving) void drain();
    });
  });
}

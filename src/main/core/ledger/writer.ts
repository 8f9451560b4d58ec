// Main-thread side of the ledger writer: queues ops, hands them to the writer thread in groups (one transaction
// per group), resolves each caller once its rows are committed, retries, and reports failures loudly.
import { EventEmitter } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';
import { Piscina } from 'piscina';
import { AppError } from '../lib/errors.ts';
import type { Logger } from '../lib/logger.ts';
import type { SpendCounter } from './store.ts';
import type { LedgerOp, OpResult, RollupRebuildTask, VerifyReport, WireBatch, WireResult, WorkerConfig, WriteTask } from './types.ts';
import { WriterSession } from './writer-session.ts';

/** Callers resolved per turn of the event loop when a batch commits. */
const DELIVER_SLICE = 128;

/** Shared by every result that disabled nothing (nearly all): one less allocation per op. */
const NONE: string[] = Object.freeze([]) as unknown as string[];

export interface LedgerWriterOptions {
  /** The writer.worker.ts (or its bundled .js) file: injected by the host, never guessed by core. */
  workerPath: string | URL;
  /** SQLite file path or postgres:// URL, as given to openDatabase. */
  databaseUrl: string;
  sqliteSynchronous?: 'FULL' | 'NORMAL';
  logger: Logger;
  /**
   * Most ops per transaction (default 2000): larger groups amortize each commit's fsync; smaller ones bound the
   * main thread's work per batch (joining the ops' JSON, resolving their callers).
   */
  maxBatch?: number;
  /** Batches handed to the thread at once: the next one crosses while the current one commits. */
  pipeline?: number;
  /** Attempts per batch before its callers get an error. */
  attempts?: number;
  retryDelayMs?: number;
}

export type WriterState = 'ok' | 'retrying' | 'failed' | 'closed';

export interface WriterStatus {
  state: WriterState;
  queued: number;
  inflight: number;
  batches: number;
  committedOps: number;
  largestBatch: number;
  retries: number;
  failedBatches: number;
  lastError: { message: string; at: string } | null;
}

export interface WriterEvents {
  /** A batch failed for good: its callers were rejected. Hosts should show this, not just log it. */
  failure: [{ error: Error; ops: number }];
  status: [WriterStatus];
}

/** What callers see when their rows could not be committed. `code` is the database's, when there is one. */
export class LedgerWriteError extends AppError {
  readonly code: string | null;
  constructor(message: string, code: string | null = null) {
    super('INTERNAL', message);
    this.name = 'LedgerWriteError';
    this.code = code;
  }
}

type Fault = NonNullable<WriteTask['fault']>;

interface PendingOp {
  kind: 'op';
  op: LedgerOp;
  /**
   * The op as UTF-8 JSON, made at submit: serializing is spread over the callers' turns, not all in the batch's,
   * and the bytes live outside the V8 heap, so the scavenges that run while ops wait for a commit need not copy them.
   */
  bytes: Buffer;
  resolve: (r: OpResult) => void;
  reject: (e: Error) => void;
}

interface Barrier {
  kind: 'barrier';
  run: () => Promise<void>;
}

const NO_BYTES = Buffer.alloc(0);

/**
 * The batch's ops as one JSON array, in a buffer of its own: a pooled Buffer would drag its whole 8 KB slab through
 * postMessage's copy.
 */
function joinJson(batch: PendingOp[]): Uint8Array {
  let size = 1 + batch.length;
  for (const p of batch) size += p.bytes.length;
  const out = Buffer.allocUnsafeSlow(size);
  let at = 0;
  batch.forEach((p, i) => {
    out[at] = i === 0 ? 0x5b : 0x2c; // '[' before the first op, ',' between them
    at += 1 + p.bytes.copy(out, at + 1);
  });
  out[at] = 0x5d; // ']'
  return out;
}

function settleOne(p: PendingOp, r: WireResult | undefined): void {
  const own = p.op.entry ?? null;
  if (!r) return p.resolve({ entry: own, replayed: false, disabled: NONE });
  if (r.s === 'error') return p.reject(new LedgerWriteError(r.message, r.code));
  if (r.s === 'new') return p.resolve({ entry: own, replayed: false, disabled: r.disabled ?? NONE });
  // The original row carries this op's own id when an earlier attempt of this very op committed.
  const entry = r.entry ?? null;
  p.resolve({ entry, replayed: !(entry && own && entry.id === own.id), disabled: NONE });
}

export class LedgerWriter extends EventEmitter<WriterEvents> {
  private readonly pool: Piscina;
  /** The writer thread's session: batches go through its port rather than a piscina task each. */
  private readonly session: WriterSession;
  private readonly reader: Piscina;
  private readonly logger: Logger;
  private readonly maxBatch: number;
  private readonly pipeline: number;
  private readonly attempts: number;
  private readonly retryDelayMs: number;
  private queue: (PendingOp | Barrier)[] = [];
  private inflight = 0;
  /** Committed batches whose callers are still being resolved, a slice per turn. */
  private delivering = 0;
  private scheduled = false;
  private closed = false;
  private idleWaiters: (() => void)[] = [];
  private faults: Fault[] = [];
  private readonly stats: Omit<WriterStatus, 'queued' | 'inflight'> = {
    state: 'ok', batches: 0, committedOps: 0, largestBatch: 0, retries: 0, failedBatches: 0, lastError: null,
  };

  private constructor(opts: LedgerWriterOptions) {
    super();
    this.logger = opts.logger;
    this.maxBatch = opts.maxBatch ?? 2000;
    this.pipeline = opts.pipeline ?? 2;
    this.attempts = opts.attempts ?? 6;
    this.retryDelayMs = opts.retryDelayMs ?? 20;
    const filename = opts.workerPath instanceof URL ? opts.workerPath.href : opts.workerPath;
    const workerData: WorkerConfig = { url: opts.databaseUrl, sqliteSynchronous: opts.sqliteSynchronous ?? 'FULL' };
    // One thread, one connection, and one task on it, the session (writer-session.ts): the single writer.
    this.pool = new Piscina({ filename, workerData, minThreads: 1, maxThreads: 1, concurrentTasksPerWorker: 1,
      idleTimeout: Number.POSITIVE_INFINITY, atomics: 'async' });
    this.session = new WriterSession(this.pool);
    // Heavy reads (verify) get their own thread and connection so they never hold up commits.
    this.reader = new Piscina({ filename, workerData, minThreads: 0, maxThreads: 1, idleTimeout: 30_000, atomics: 'async' });
    for (const p of [this.pool, this.reader]) {
      p.on('error', (err: Error) => this.logger.error({ err: { message: err.message, stack: err.stack } }, 'ledger thread error'));
    }
  }

  /** Starts the thread and opens its connection, so a bad database fails the start rather than the first charge. */
  static async start(opts: LedgerWriterOptions): Promise<LedgerWriter> {
    const w = new LedgerWriter(opts);
    try {
      await w.session.call('ping');
    } catch (err) {
      await w.pool.destroy();
      await w.reader.destroy();
      throw err;
    }
    return w;
  }

  /** Resolves once the op's rows are committed (or were already, on a replay). */
  submit(op: LedgerOp): Promise<OpResult> {
    if (this.closed) return Promise.reject(new LedgerWriteError('the ledger writer is closed'));
    let bytes: Buffer;
    try {
      bytes = Buffer.from(JSON.stringify(op));
    } catch (err) {
      return Promise.reject(new LedgerWriteError(`the op cannot be serialized: ${(err as Error).message}`));
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ kind: 'op', op, bytes, resolve, reject });
      this.schedule();
    });
  }

  /** Re-buckets an org's rollups after a time-zone change; runs alone, after everything queued before it. */
  rebuildRollups(task: RollupRebuildTask): Promise<SpendCounter[]> {
    if (this.closed) return Promise.reject(new LedgerWriteError('the ledger writer is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ kind: 'barrier', run: () => this.session.call<SpendCounter[]>('rebuildRollups', task).then(resolve, reject) });
      this.schedule();
    });
  }

  verify(orgId: string): Promise<VerifyReport> {
    return this.reader.run({ orgId }, { name: 'verify' });
  }

  status(): WriterStatus {
    return { ...this.stats, lastError: this.stats.lastError, queued: this.queue.length, inflight: this.inflight };
  }

  /** Resolves when every op submitted so far has been committed or rejected. */
  flush(): Promise<void> {
    if (this.idle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Refuses new ops, commits the queued ones, then stops the threads. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.flush();
    await this.session.call('shutdown').catch(() => undefined);
    if (this.reader.threads.length) await this.reader.run(null, { name: 'shutdown' }).catch(() => undefined);
    await Promise.all([this.pool.destroy(), this.reader.destroy()]);
    this.setState('closed');
  }

  /** Tests only: the next batch attempt misbehaves in the writer thread. */
  injectFault(fault: Fault): void {
    this.faults.push(fault);
  }

  /** Tests only: kills the writer thread as a crash would; piscina starts a fresh one. */
  async crashThread(): Promise<void> {
    await Promise.all(this.pool.threads.map((t) => t.terminate()));
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // Ops submitted in the same turn of the event loop share a transaction.
    setImmediate(() => {
      this.scheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    while (this.inflight < this.pipeline && this.queue.length > 0) {
      const head = this.queue[0]!;
      if (head.kind === 'barrier') {
        if (this.inflight > 0) return;
        this.queue.shift();
        this.inflight += 1;
        void head.run().finally(() => this.done());
        return;
      }
      let n = 1;
      while (n < this.queue.length && n < this.maxBatch && this.queue[n]!.kind === 'op') n += 1;
      const batch = this.queue.splice(0, n) as PendingOp[];
      this.inflight += 1;
      void this.runBatch(batch).finally(() => this.done());
    }
  }

  private idle(): boolean {
    return this.queue.length === 0 && this.inflight === 0 && this.delivering === 0;
  }

  private done(): void {
    this.inflight -= 1;
    this.pump();
    this.wakeIdleWaiters();
  }

  private wakeIdleWaiters(): void {
    if (this.idle()) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const w of waiters) w();
    }
  }

  private async runBatch(batch: PendingOp[]): Promise<void> {
    // A lone op with nothing behind it: traffic is light, so the thread may poll for the next batch (see `quiet`).
    const quiet = batch.length === 1 && this.inflight === 1 && this.queue.length === 0;
    const task: WriteTask = { ops: joinJson(batch), quiet };
    // The batch holds the bytes now; the per-op ones can go back to the pool.
    for (const p of batch) p.bytes = NO_BYTES;
    for (let attempt = 1; ; attempt += 1) {
      const fault = this.faults.shift();
      try {
        const results = await this.session.call<WireBatch>('write', fault ? { ...task, fault } : task);
        // The thread is free for the next batch at once; callers are resolved in slices meanwhile.
        this.delivering += 1;
        void this.deliver(batch, results).finally(() => {
          this.delivering -= 1;
          this.wakeIdleWaiters();
        });
        return;
      } catch (err) {
        // The batch may or may not have committed (a thread can die after COMMIT). Retrying is safe: every row
        // carries an idempotency key or a caller-made id, so a committed batch replays as a no-op.
        const error = err as Error;
        this.stats.lastError = { message: error.message, at: new Date().toISOString() };
        if (attempt >= this.attempts) {
          this.stats.failedBatches += 1;
          this.setState('failed');
          this.logger.error({ err: { message: error.message, stack: error.stack }, ops: batch.length, attempts: attempt },
            'ledger batch failed; callers rejected');
          const e = new LedgerWriteError(`ledger write failed after ${attempt} attempts: ${error.message}`,
            (err as { code?: string }).code ?? null);
          this.emit('failure', { error: e, ops: batch.length });
          for (const p of batch) p.reject(e);
          return;
        }
        this.stats.retries += 1;
        this.setState('retrying');
        this.logger.warn({ err: { message: error.message }, attempt, ops: batch.length }, 'ledger batch failed; retrying');
        await delay(this.retryDelayMs * 2 ** (attempt - 1));
      }
    }
  }

  /**
   * Resolves a committed batch's callers, DELIVER_SLICE per turn of the event loop: each resolution runs its
   * caller's continuation, and thousands in one turn would stall the loop (bench/ledger.ts measures the worst).
   */
  private async deliver(batch: PendingOp[], results: WireBatch): Promise<void> {
    this.stats.batches += 1;
    this.stats.committedOps += batch.length;
    if (batch.length > this.stats.largestBatch) this.stats.largestBatch = batch.length;
    if (this.stats.state !== 'ok') this.setState('ok');
    if (results.n !== batch.length) {
      const e = new LedgerWriteError(`the writer answered ${results.n} results for ${batch.length} ops`);
      for (const p of batch) p.reject(e);
      return;
    }
    const other = new Map(results.other);
    for (let from = 0; from < batch.length; from += DELIVER_SLICE) {
      if (from > 0) await new Promise((r) => setImmediate(r));
      const to = Math.min(batch.length, from + DELIVER_SLICE);
      for (let i = from; i < to; i += 1) settleOne(batch[i]!, other.get(i));
    }
  }

  private setState(state: WriterState): void {
    if (this.stats.state === state) return;
    this.stats.state = state;
    this.emit('status', this.status());
  }
}

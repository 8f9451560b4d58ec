// The main thread's end of the writer thread's session: one long-running piscina task that owns the store and
// answers requests on a MessagePort of its own. Piscina still starts, restarts and tears down the thread; the
// session spares each batch piscina's per-task round trip (task bookkeeping, an Atomics wake on top of the port's
// own), measured at 70–120 µs against 30–55 µs for a bare port on this project's 2-vCPU VM: at concurrency 1 that
// hop is paid by every request.
import { MessageChannel } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import type { Piscina } from 'piscina';

/** What the session answers to; the worker's handlers of the same names (writer.worker.ts). */
export type SessionCall = 'write' | 'rebuildRollups' | 'ping' | 'shutdown';

export interface SessionRequest {
  id: number;
  name: SessionCall;
  payload: unknown;
}

/** An error crosses as plain data: its message and the database's code survive, whatever the clone keeps. */
export interface SessionError {
  message: string;
  code: string | null;
}

export type SessionReply = { id: number; result: unknown } | { id: number; error: SessionError };

/** Raised on the main thread for an error the writer thread reported; `code` is the database's, when there is one. */
export class SessionFailure extends Error {
  readonly code: string | null;
  constructor(e: SessionError) {
    super(e.message);
    this.name = 'SessionFailure';
    this.code = e.code;
  }
}

interface Waiter {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
}

export class WriterSession {
  private seq = 0;
  private readonly waiting = new Map<number, Waiter>();
  private port: MessagePort | null = null;
  private readonly pool: Piscina;

  constructor(pool: Piscina) {
    this.pool = pool;
  }

  /** Sends one request, opening a session (and with it, if needed, a fresh thread) when none is running. */
  call<T>(name: SessionCall, payload: unknown = null): Promise<T> {
    const port = this.port ?? this.open();
    const id = ++this.seq;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      // A pending request keeps the process alive, as a running piscina task would; an idle session does not.
      if (this.waiting.size === 1) port.ref();
      port.postMessage({ id, name, payload } satisfies SessionRequest);
    });
  }

  private open(): MessagePort {
    const { port1, port2 } = new MessageChannel();
    port1.on('message', (m: SessionReply) => {
      const w = this.waiting.get(m.id);
      if (!w) return;
      this.waiting.delete(m.id);
      if (this.waiting.size === 0) port1.unref();
      if ('error' in m) w.reject(new SessionFailure(m.error));
      else w.resolve(m.result);
    });
    port1.unref();
    this.port = port1;
    // The task ends on 'shutdown', or fails when the thread dies (a crash, terminate()): whatever was asked of it
    // is then unanswered and may or may not have committed, which the writer's retries and idempotency keys absorb.
    this.pool.run({ port: port2 }, { name: 'session', transferList: [port2] })
      .then(() => this.ended(port1, new Error('the writer session ended')), (err: Error) => this.ended(port1, err));
    return port1;
  }

  private ended(port: MessagePort, err: Error): void {
    if (this.port === port) this.port = null;
    port.close();
    const waiting = [...this.waiting.values()];
    this.waiting.clear();
    for (const w of waiting) w.reject(err);
  }
}

// How the writer thread waits for its next batch under light traffic. Waking a sleeping thread costs ~80 µs on this
// project's 2-vCPU VM, a third of a single-op commit, and at concurrency 1 every request pays it (README, c=1).
import { receiveMessageOnPort } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';

/** Longest the writer thread polls for a next batch before it sleeps on the event loop. */
export const POLL_CAP_MS = 2;

/**
 * After a quiet batch (one op, nothing queued behind it) the thread polls its port for up to twice the last gap it
 * saw between a reply and the next request, capped at POLL_CAP_MS. Longer gaps (an agent calling every few seconds)
 * get no polling at all, so an idle app burns nothing; busy traffic never polls, since its batches are not quiet and
 * the next one is usually waiting already.
 */
export class Poller {
  private lastGapMs = POLL_CAP_MS;
  private repliedAt = 0;
  private readonly port: MessagePort;
  private readonly now: () => number;

  constructor(port: MessagePort, now: () => number = () => performance.now()) {
    this.port = port;
    this.now = now;
  }

  /** Call once a reply is sent: the next request, if it arrives within the window, else undefined. */
  next<T>(quiet: boolean): T | undefined {
    this.repliedAt = this.now();
    if (!quiet || this.lastGapMs >= POLL_CAP_MS) return undefined;
    const deadline = this.repliedAt + 2 * this.lastGapMs;
    while (this.now() < deadline) {
      const got = receiveMessageOnPort(this.port);
      if (got) {
        this.arrived();
        return got.message as T;
      }
    }
    return undefined;
  }

  /** Call when a request arrives on an idle port: records how long it stayed empty after the last reply. */
  arrived(): void {
    if (this.repliedAt) this.lastGapMs = this.now() - this.repliedAt;
  }
}

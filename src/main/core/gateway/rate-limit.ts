/**
 * Token buckets for RPM and TPM, one per (level, target): capacity = the per-minute limit, refilled
 * continuously. Small and allocation-free on the hot path, so a library would cost more than it saves.
 */
interface Bucket {
  tokens: number;
  updatedMs: number;
  limit: number;
}

export interface LimitCheck {
  key: string;
  /** per-minute limit */
  limit: number;
  /** units this request takes (1 for RPM, token estimate for TPM) */
  cost: number;
}

export type LimitResult = { ok: true } | { ok: false; key: string; limit: number; retryAfterSec: number };

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly now: () => number;
  constructor(now: () => number) {
    this.now = now;
  }

  private bucket(key: string, limit: number, t: number): Bucket {
    let b = this.buckets.get(key);
    if (!b || b.limit !== limit) {
      b = { tokens: limit, updatedMs: t, limit };
      this.buckets.set(key, b);
    }
    const refill = ((t - b.updatedMs) / 60_000) * limit;
    b.tokens = Math.min(limit, b.tokens + refill);
    b.updatedMs = t;
    return b;
  }

  /** All or nothing: takes from every bucket only if every bucket has room. */
  take(checks: LimitCheck[]): LimitResult {
    const t = this.now();
    for (const c of checks) {
      const b = this.bucket(c.key, c.limit, t);
      // A request larger than the whole bucket may pass when the bucket is full, else it could never run.
      const need = Math.min(c.cost, c.limit);
      if (b.tokens < need) {
        const retryAfterSec = Math.max(1, Math.ceil(((need - b.tokens) / c.limit) * 60));
        return { ok: false, key: c.key, limit: c.limit, retryAfterSec };
      }
    }
    for (const c of checks) this.buckets.get(c.key)!.tokens -= Math.min(c.cost, c.limit);
    return { ok: true };
  }

  /** Settles a TPM estimate: positive gives back what was not used, negative takes what was used beyond it. */
  adjust(key: string, delta: number): void {
    const b = this.buckets.get(key);
    if (b && delta !== 0) b.tokens = Math.min(b.limit, b.tokens + delta);
  }
}

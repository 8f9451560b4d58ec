import type { Usage } from '../formats/types.ts';
import type { PriceRow } from '../services/pricing-seed.ts';
import type { Caller } from './admission.ts';
import type { GatewayError } from './errors.ts';

/** Facts about one gateway request, recorded on its usage event. */
export interface RequestFacts {
  requestId: string;
  endpoint: string;
  model: string;
  provider: string;
  credentialSource: 'byok' | 'managed' | 'none';
  /** wall-clock start (the injected clock), for the usage event's latency */
  startedMs: number;
  /** monotonic start (performance.now()), for latency and time to first token measured in-process */
  startedPerf: number;
  ttftMs: number | null;
}

/** A hold on credits at every level of the chain, taken before the provider is called. */
export interface Hold {
  readonly id: string;
}

/**
 * What the gateway needs from the governor and the ledger writer. Every method that records something resolves
 * only once it is committed, so a response's last byte never precedes its charge.
 */
export interface Biller {
  /** Budget or status changes for the org still loading (await before reserve), or null: the common, free case. */
  pending(orgId: string): Promise<void> | null;
  /** Throws GatewayError budget_exceeded / insufficient_credits naming the level and the limit. */
  reserve(caller: Caller, upperBoundMicro: number, requestId: string): Hold;
  /** Charges the actual cost (rounded up once), frees the rest; returns micro-credits charged. */
  settle(hold: Hold, caller: Caller, price: PriceRow, usage: Usage, facts: RequestFacts): Promise<number>;
  /** Frees the hold and records a zero-cost usage event for a failed request. */
  release(hold: Hold, caller: Caller, facts: RequestFacts, status: number, error: GatewayError): Promise<void>;
  /** Records a refused request (usage event and audit entry) for an authenticated caller. */
  deny(caller: Caller, facts: RequestFacts, error: GatewayError): Promise<void>;
  /** Upper bound in micro-credits for a request of `promptBytes` and `maxOutputTokens`. */
  upperBound(price: PriceRow, promptBytes: number, maxOutputTokens: number): number;
}

// Reserve, then settle. reserve() is synchronous: the check and the hold happen in one turn of the event loop,
// so concurrent requests cannot all see the same headroom. settle() charges through the ledger writer and
// resolves once the charge is committed; release() frees a hold; stale holds expire.
import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Scope } from '../db/schema/enums.ts';
import type { OpResult, UsageInput, DisableInput, EntryRow, LedgerOp } from '../ledger/types.ts';
import { orderedId } from '../ledger/ids.ts';
import type { LedgerWriter } from '../ledger/writer.ts';
import { AppError } from '../lib/errors.ts';
import type { Logger } from '../lib/logger.ts';
import type { ServiceDeps } from '../services/deps.ts';
import { admit, checkBalance } from './check.ts';
import type { Price } from './cost.ts';
import { assertCreditsPerUsd, costMicro, DEFAULT_CREDITS_PER_USD, upperBoundMicro } from './cost.ts';
import type { Denial } from './denial.ts';
import { StateSync } from './sync.ts';
import type { Chain, OrgState } from './state.ts';

export type { Chain } from './state.ts';

export interface GovernorOptions {
  deps: ServiceDeps;
  ledger: LedgerWriter;
  logger: Logger;
  /** Credits per USD (integer); default 100. */
  creditsPerUsd?: number;
  /** How long a hold lives without settle, release or touch. Default 10 minutes. */
  reservationTtlMs?: number;
  /** Expiry sweep period; null = no timer (tests call expireStale with a fake clock). */
  sweepIntervalMs?: number | null;
}

export type ReservationState = 'held' | 'settled' | 'released' | 'expired';

export interface Reservation {
  readonly id: string;
  readonly requestId: string;
  readonly orgId: string;
  /** null for a balance-only hold (negative adjustments). */
  readonly chain: Chain | null;
  readonly amountMicro: number;
  readonly createdAtMs: number;
  expiresAtMs: number;
  state: ReservationState;
}

export type ReserveResult = { ok: true; reservation: Reservation } | { ok: false; denial: Denial };

/** What the gateway knows about a finished request; the governor adds ids, chain, cost and time. */
export type UsageDetails = Omit<UsageInput, 'id' | 'orgId' | 'requestId' | 'workspaceId' | 'agentGroupId' | 'agentId' |
  'costMicro' | 'createdAtMs'>;

export interface SettleResult {
  /** Micro-credits committed for this request (the original amount on a replay). */
  chargedMicro: number;
  /** The actual cost exceeded the reserved upper bound and was cut to it. */
  capped: boolean;
  entry: EntryRow | null;
  replayed: boolean;
  disabled: { scope: Scope; targetId: string }[];
}

export interface GovernorEvents {
  denied: [Denial, Chain];
  expired: [Reservation];
  disabled: [{ orgId: string; scope: Scope; targetId: string }];
}

export class Governor extends EventEmitter<GovernorEvents> {
  readonly creditsPerUsd: number;
  private readonly deps: ServiceDeps;
  private readonly ledger: LedgerWriter;
  private readonly logger: Logger;
  private readonly ttlMs: number;
  private readonly sync: StateSync;
  private readonly reservations = new Map<string, Reservation>();
  private readonly settlements = new WeakMap<Reservation, Promise<SettleResult>>();
  private readonly deniedAudited = new Set<string>();
  private timer: NodeJS.Timeout | null = null;

  private constructor(opts: GovernorOptions, sync: StateSync) {
    super();
    this.deps = opts.deps;
    this.ledger = opts.ledger;
    this.logger = opts.logger;
    this.creditsPerUsd = opts.creditsPerUsd ?? DEFAULT_CREDITS_PER_USD;
    assertCreditsPerUsd(this.creditsPerUsd);
    this.ttlMs = opts.reservationTtlMs ?? 10 * 60_000;
    this.sync = sync;
  }

  /** Rebuilds the state from the database, then follows change events. Call before serving requests. */
  static async start(opts: GovernorOptions): Promise<Governor> {
    const sync = await StateSync.start(opts.deps, opts.ledger, opts.logger);
    const g = new Governor(opts, sync);
    sync.heldOf = (orgId) => [...g.reservations.values()].filter((r) => r.orgId === orgId && r.state === 'held');
    const sweep = opts.sweepIntervalMs === undefined ? 1000 : opts.sweepIntervalMs;
    if (sweep !== null) g.timer = setInterval(() => g.expireStale(), sweep).unref();
    return g;
  }

  /** Every budget of the org with its current period's spend and in-flight holds, from memory (the panel's gauges). */
  budgetStatus(orgId: string) {
    const org = this.sync.org(orgId);
    const now = this.now();
    return org.budgets.map((b) => {
      const c = org.counter(b.scope, b.targetId, b.period, now);
      return { budgetId: b.id, scope: b.scope, targetId: b.targetId, period: b.period, limitMicro: b.limitMicro,
        spentMicro: c.spentMicro, heldMicro: b.heldMicro, periodStart: b.period === 'TOTAL' ? null : new Date(c.start).toISOString(),
        periodEnd: b.period === 'TOTAL' ? null : new Date(c.end).toISOString() };
    });
  }

  /** Resolves once budget/status changes already reported for this org are loaded; null when none are pending. */
  pending(orgId: string): Promise<void> | null {
    return this.sync.pendingFor(orgId);
  }

  upperBound(o: { promptBytes: number; maxOutputTokens: number; price: Price }): number {
    return upperBoundMicro({ ...o, creditsPerUsd: this.creditsPerUsd });
  }

  cost(price: Price, usage: { inputTokens: number; outputTokens: number }): number {
    return costMicro(price, usage, this.creditsPerUsd);
  }

  /** Holds `upperBoundMicro` against the org balance and every budget on the chain, or refuses with the reason. */
  reserve(input: { chain: Chain; upperBoundMicro: number; requestId: string; ttlMs?: number }): ReserveResult {
    const amount = input.upperBoundMicro;
    if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError(`upper bound must be a non-negative integer: ${amount}`);
    const existing = this.reservations.get(input.requestId);
    if (existing) return { ok: true, reservation: existing };
    const org = this.sync.org(input.chain.orgId);
    const now = this.now();
    const denial = admit(org, this.sync.disabled, input.chain, amount, now);
    if (denial) {
      this.auditDenial(input.chain, denial, input.requestId, now);
      this.emit('denied', denial, input.chain);
      return { ok: false, denial };
    }
    return { ok: true, reservation: this.hold(org, input.requestId, input.chain, amount, now, input.ttlMs) };
  }

  /**
   * Charges the actual cost (cut to the reserved bound) and frees the rest. The usage event, the charge, its
   * rollups and any auto-disable commit in one transaction; resolves once they have. Idempotent per request id.
   */
  settle(r: Reservation, actual: { costMicro: number; usage?: UsageDetails }): Promise<SettleResult> {
    const prev = this.settlements.get(r);
    if (prev) return prev;
    if (!r.chain) return Promise.reject(new AppError('INTERNAL', 'balance holds are finished with finishHold'));
    if (r.state === 'released') return Promise.reject(new AppError('INTERNAL', `reservation ${r.id} was released`));
    if (!Number.isSafeInteger(actual.costMicro) || actual.costMicro < 0) {
      return Promise.reject(new RangeError(`cost must be a non-negative integer: ${actual.costMicro}`));
    }
    const p = this.charge(r, r.chain, actual);
    this.settlements.set(r, p);
    return p;
  }

  /** Frees a hold without charging (the provider failed); optionally records the usage event. */
  async release(r: Reservation, opts: { usage?: UsageDetails } = {}): Promise<void> {
    if (r.state === 'held') this.unhold(r, 'released');
    if (opts.usage && r.chain) await this.ledger.submit({ usage: this.usageRow(r, r.chain, opts.usage, 0, this.now()) });
  }

  /** Keeps a long stream's hold alive. */
  touch(r: Reservation, ttlMs = this.ttlMs): void {
    if (r.state === 'held') r.expiresAtMs = this.now() + ttlMs;
  }

  /** Frees holds whose request outlived its ttl. A late settle still charges (capped to the bound). */
  expireStale(): Reservation[] {
    const now = this.now();
    const out: Reservation[] = [];
    for (const r of this.reservations.values()) {
      if (r.state !== 'held' || r.expiresAtMs > now) continue;
      this.unhold(r, 'expired');
      out.push(r);
      this.logger.warn({ requestId: r.requestId, orgId: r.orgId, heldMicro: r.amountMicro }, 'reservation expired');
      this.emit('expired', r);
    }
    return out;
  }

  /** A balance-only hold, for entries that take credits away outside a request (negative adjustments). */
  holdBalance(orgId: string, amountMicro: number, requestId: string): ReserveResult {
    const org = this.sync.org(orgId);
    const denial = checkBalance(org, amountMicro);
    if (denial) return { ok: false, denial };
    return { ok: true, reservation: this.hold(org, requestId, null, amountMicro, this.now()) };
  }

  /** Ends a balance hold once its entry committed; `appliedMicro` is the signed amount now in the ledger (0 on replay). */
  finishHold(r: Reservation, appliedMicro: number): void {
    if (r.state === 'held') this.unhold(r, 'settled');
    this.sync.org(r.orgId).balanceMicro += appliedMicro;
  }

  /** Adds a committed, non-charge entry (purchase, refund, adjustment) to the in-memory balance. */
  credit(orgId: string, amountMicro: number): void {
    this.sync.org(orgId).balanceMicro += amountMicro;
  }

  snapshot(orgId: string) {
    const org = this.sync.org(orgId);
    const now = this.now();
    return {
      balanceMicro: org.balanceMicro, heldMicro: org.heldMicro, availableMicro: org.balanceMicro - org.heldMicro,
      budgets: org.budgets.map((b) => {
        const c = org.counter(b.scope, b.targetId, b.period, now);
        return { ...b, spentMicro: c.spentMicro, periodStartMs: c.start, periodEndMs: Number.isFinite(c.end) ? c.end : null };
      }),
    };
  }

  isDisabled(scope: Scope, id: string): boolean {
    return scope === 'org' ? this.sync.org(id).status === 'disabled' : this.sync.disabled.has(id);
  }

  /** Resolves when reloads started by change events have finished (tests; shutdown). */
  idle(): Promise<void> {
    return this.sync.idle();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.sync.stop();
  }

  private now(): number {
    return this.deps.clock.now().getTime();
  }

  private hold(org: OrgState, requestId: string, chain: Chain | null, amount: number, now: number, ttlMs?: number): Reservation {
    const r: Reservation = { id: this.deps.ids.id('rsv'), requestId, orgId: org.id, chain, amountMicro: amount, createdAtMs: now,
      expiresAtMs: now + (ttlMs ?? this.ttlMs), state: 'held' };
    org.heldMicro += amount;
    if (chain) for (const b of org.budgetsOn(chain)) b.heldMicro += amount;
    this.reservations.set(requestId, r);
    return r;
  }

  private unhold(r: Reservation, state: Exclude<ReservationState, 'held'>): void {
    const org = this.sync.org(r.orgId);
    org.heldMicro -= r.amountMicro;
    if (r.chain) for (const b of org.budgetsOn(r.chain)) b.heldMicro -= r.amountMicro;
    r.state = state;
    if (this.reservations.get(r.requestId) === r) this.reservations.delete(r.requestId);
  }

  private async charge(r: Reservation, chain: Chain, actual: { costMicro: number; usage?: UsageDetails }): Promise<SettleResult> {
    const org = this.sync.org(r.orgId);
    if (r.state === 'held') this.unhold(r, 'settled');
    else r.state = 'settled';
    const amount = Math.min(actual.costMicro, r.amountMicro);
    const capped = actual.costMicro > r.amountMicro;
    if (capped) {
      this.logger.warn({ requestId: r.requestId, costMicro: actual.costMicro, boundMicro: r.amountMicro }, 'cost above its bound; charged the bound');
    }
    const now = this.now();
    // Counted before the commit: while the write is in flight, the spend already blocks further requests.
    org.balanceMicro -= amount;
    org.addSpend(chain, amount, now);
    org.sinceRebuild?.push({ chain, amountMicro: amount, atMs: now });
    const op: LedgerOp = {};
    if (amount > 0) {
      op.entry = { id: orderedId(this.deps.ids, 'led', now), orgId: r.orgId, kind: 'charge', amountMicro: -amount,
        idempotencyKey: `charge:${r.requestId}`, workspaceId: chain.workspaceId, agentGroupId: chain.agentGroupId, agentId: chain.agentId, requestId: r.requestId,
        actorUserId: null, description: actual.usage ? `${actual.usage.model} ${actual.usage.endpoint}` : '', createdAtMs: now };
      op.buckets = org.buckets.buckets(now);
      const disable = this.exhausted(org, chain, now);
      if (disable.length) op.disable = disable;
    }
    if (actual.usage) op.usage = this.usageRow(r, chain, actual.usage, amount, now);
    if (!op.entry && !op.usage) return { chargedMicro: 0, capped, entry: null, replayed: false, disabled: [] };
    const res: OpResult = await this.ledger.submit(op);
    if (res.replayed && amount > 0) {
      // The original settlement is already counted (before a restart, or by an earlier call): take ours back.
      org.balanceMicro += amount;
      org.removeSpend(chain, amount, now);
      for (const d of op.disable ?? []) this.sync.refreshNode(d.scope, d.targetId, r.orgId);
    }
    const disabled = (op.disable ?? []).filter((d) => res.disabled.includes(d.targetId)).map((d) => ({ scope: d.scope, targetId: d.targetId }));
    for (const d of disabled) {
      this.deps.events.emit('change', { orgId: r.orgId, entity: d.scope, id: d.targetId });
      this.emit('disabled', { orgId: r.orgId, ...d });
    }
    const charged = res.entry ? -res.entry.amountMicro : amount;
    return { chargedMicro: charged, capped, entry: res.entry, replayed: res.replayed, disabled };
  }

  /** Auto-disable budgets this charge exhausted; the target is refused from now on, and disabled in the same commit. */
  private exhausted(org: OrgState, chain: Chain, now: number): DisableInput[] {
    const out: DisableInput[] = [];
    for (const b of org.budgetsOn(chain)) {
      if (!b.autoDisable || this.isDisabled(b.scope, b.targetId) || out.some((d) => d.targetId === b.targetId)) continue;
      const spent = org.budgetCounter(b, now).spentMicro;
      if (spent < b.limitMicro) continue;
      this.sync.markDisabled(b.scope, b.targetId, org);
      out.push({ orgId: org.id, scope: b.scope, targetId: b.targetId, reason: `${b.period} budget exhausted`, auditId: this.deps.ids.id('aud'),
        details: { budgetId: b.id, period: b.period, limitMicro: b.limitMicro, spentMicro: spent }, createdAtMs: now });
    }
    return out;
  }

  private usageRow(r: Reservation, chain: Chain, u: UsageDetails, cost: number, now: number): UsageInput {
    return { ...u, id: orderedId(this.deps.ids, 'use', now), orgId: r.orgId, requestId: r.requestId, workspaceId: chain.workspaceId,
      agentGroupId: chain.agentGroupId, agentId: chain.agentId, costMicro: cost, createdAtMs: now };
  }

  /** One audit row per limit, agent and minute: a looping agent cannot flood the log. */
  private auditDenial(chain: Chain, d: Denial, requestId: string, now: number): void {
    const key = `${d.code}|${d.level}|${d.targetId}|${d.budgetId}|${chain.agentId}|${Math.floor(now / 60_000)}`;
    if (this.deniedAudited.has(key)) return;
    if (this.deniedAudited.size > 10_000) this.deniedAudited.clear();
    this.deniedAudited.add(key);
    const id = `aud_deny_${createHash('sha256').update(key).digest('hex').slice(0, 24)}`;
    const { message, ...details } = d;
    this.ledger.submit({ audit: [{ id, orgId: chain.orgId, actorType: 'agent', actorId: chain.agentId, action: `request.${d.code}`,
      targetType: d.level, targetId: d.targetId, details: { ...details, message, requestId }, createdAtMs: now }] })
      .catch((err: Error) => this.logger.error({ err: { message: err.message } }, 'could not audit a denial'));
  }
}

// Credits that enter or leave outside a request: purchases, refunds of charges, adjustments. Each is a new
// ledger entry through the writer (never an edit), keyed by the caller's idempotency key, audited in the same
// transaction, and added to the governor's balance only once committed.
import { and, desc, eq, gte, lte, sum } from 'drizzle-orm';
import type { LedgerKind } from '../db/schema/enums.ts';
import { Mutex } from '../db/mutex.ts';
import type { Governor } from '../governor/governor.ts';
import { AppError, badRequest, conflict, notFound } from '../lib/errors.ts';
import type { ServiceDeps } from '../services/deps.ts';
import { olderThan, pageOf, parseCursor } from '../services/paging.ts';
import type { Actor } from '../services/orgs.ts';
import { orderedId } from './ids.ts';
import type { EntryInput, EntryRow, LedgerOp } from './types.ts';
import type { LedgerWriter } from './writer.ts';

export interface LedgerFilter {
  kind?: LedgerKind;
  agentId?: string;
  from?: Date;
  to?: Date;
  cursor?: string;
  limit: number;
}

const toApi = ({ createdAtMs, ...e }: EntryRow) => ({ ...e, createdAt: new Date(createdAtMs) });

export class Credits {
  private readonly deps: ServiceDeps;
  private readonly ledger: LedgerWriter;
  private readonly governor: Governor;
  /** Refunds of one org run one at a time, so two cannot both fit under what is left of a charge. */
  private readonly refundLocks = new Map<string, Mutex>();

  constructor(deps: ServiceDeps, ledger: LedgerWriter, governor: Governor) {
    this.deps = deps;
    this.ledger = ledger;
    this.governor = governor;
  }

  async purchase(actor: Actor, orgId: string, amountMicro: number, key: string) {
    const out = await this.write(actor, orgId, 'purchase', amountMicro, key, {}, 'credit purchase');
    if (!out.replayed) this.governor.credit(orgId, amountMicro);
    return out;
  }

  /** Returns (part of) a charge to the balance. Budgets are not reopened: spend stays what was served. */
  async refund(actor: Actor, orgId: string, input: { entryId: string; amountMicro?: number; reason: string; key: string }) {
    const lock = this.refundLocks.get(orgId) ?? new Mutex();
    this.refundLocks.set(orgId, lock);
    return lock.run(async () => {
      const { db, t } = this.deps.database;
      const l = t.ledgerEntries;
      const [charge] = await db.select().from(l).where(and(eq(l.id, input.entryId), eq(l.orgId, orgId)));
      if (!charge) throw notFound('ledger entry');
      if (charge.kind !== 'charge' || !charge.requestId) throw badRequest('only charges can be refunded');
      const [done] = await db.select({ s: sum(l.amountMicro) }).from(l)
        .where(and(eq(l.orgId, orgId), eq(l.kind, 'refund'), eq(l.requestId, charge.requestId)));
      const left = -charge.amountMicro - Number(done?.s ?? 0);
      const amount = input.amountMicro ?? left;
      const [prior] = await db.select().from(l).where(eq(l.idempotencyKey, `refund:${orgId}:${input.key}`));
      if (prior) {
        if (prior.requestId !== charge.requestId || (input.amountMicro !== undefined && input.amountMicro !== prior.amountMicro)) {
          throw conflict('this idempotency key was already used for a different request');
        }
        return { entry: prior, replayed: true };
      }
      if (amount <= 0 || amount > left) throw badRequest(`at most ${left / 1e6} credits of this charge can be refunded`);
      const out = await this.write(actor, orgId, 'refund', amount, input.key, {
        workspaceId: charge.workspaceId, agentGroupId: charge.agentGroupId, agentId: charge.agentId, requestId: charge.requestId,
      }, input.reason, { refundOf: charge.id });
      if (!out.replayed) this.governor.credit(orgId, amount);
      return out;
    });
  }

  /** A signed correction. Taking credits away is held against the balance first, so it cannot go below zero. */
  async adjust(actor: Actor, orgId: string, input: { amountMicro: number; reason: string; key: string }) {
    if (input.amountMicro >= 0) {
      const out = await this.write(actor, orgId, 'adjustment', input.amountMicro, input.key, {}, input.reason);
      if (!out.replayed) this.governor.credit(orgId, input.amountMicro);
      return out;
    }
    const held = this.governor.holdBalance(orgId, -input.amountMicro, `adjustment:${orgId}:${input.key}`);
    if (!held.ok) throw badRequest(held.denial.message);
    try {
      const out = await this.write(actor, orgId, 'adjustment', input.amountMicro, input.key, {}, input.reason);
      this.governor.finishHold(held.reservation, out.replayed ? 0 : input.amountMicro);
      return out;
    } catch (err) {
      await this.governor.release(held.reservation);
      throw err;
    }
  }

  /** The committed balance (= SUM of entries, via the rollup kept with them) and what requests in flight hold. */
  async balance(orgId: string) {
    const { db, t } = this.deps.database;
    const [row] = await db.select().from(t.orgBalances).where(eq(t.orgBalances.orgId, orgId));
    const live = this.governor.snapshot(orgId);
    const balanceMicro = row?.balanceMicro ?? 0;
    return { orgId, balanceMicro, entries: row?.entries ?? 0, heldMicro: live.heldMicro, availableMicro: live.availableMicro,
      balanceCredits: balanceMicro / 1e6, availableCredits: live.availableMicro / 1e6, creditsPerUsd: this.governor.creditsPerUsd };
  }

  /** Newest first. Cursor = "<createdAt ms>:<id>" of the last row seen. */
  async list(orgId: string, f: LedgerFilter) {
    const { db, t } = this.deps.database;
    const l = t.ledgerEntries;
    const conds = [eq(l.orgId, orgId)];
    if (f.kind) conds.push(eq(l.kind, f.kind));
    if (f.agentId) conds.push(eq(l.agentId, f.agentId));
    if (f.from) conds.push(gte(l.createdAt, f.from));
    if (f.to) conds.push(lte(l.createdAt, f.to));
    if (f.cursor) {
      const cursor = parseCursor(f.cursor);
      if (!cursor) throw badRequest('bad cursor');
      conds.push(olderThan(l.createdAt, l.id, cursor));
    }
    const rows = await db.select().from(l).where(and(...conds)).orderBy(desc(l.createdAt), desc(l.id)).limit(f.limit + 1);
    return pageOf(rows, f.limit);
  }

  verify(orgId: string) {
    return this.ledger.verify(orgId);
  }

  private async write(actor: Actor, orgId: string, kind: Exclude<LedgerKind, 'charge'>, amountMicro: number, key: string,
    cols: Partial<Pick<EntryInput, 'workspaceId' | 'agentGroupId' | 'agentId' | 'requestId'>>, description: string,
    details: Record<string, unknown> = {}) {
    if (!Number.isSafeInteger(amountMicro) || amountMicro === 0) throw badRequest('the amount must be a non-zero number of micro-credits');
    if (kind !== 'adjustment' && amountMicro < 0) throw badRequest('the amount must be positive');
    const now = this.deps.clock.now().getTime();
    const entry: EntryInput = { id: orderedId(this.deps.ids, 'led', now), orgId, kind, amountMicro, idempotencyKey: `${kind}:${orgId}:${key}`,
      workspaceId: null, agentGroupId: null, agentId: null, requestId: null, ...cols, actorUserId: actor.userId, description,
      createdAtMs: now };
    const op: LedgerOp = { entry, audit: [{ id: this.deps.ids.id('aud'), orgId, actorType: 'user', actorId: actor.userId,
      action: `credits.${kind}`, targetType: 'ledger_entry', targetId: entry.id,
      details: { amountMicro, idempotencyKey: key, description, ...details }, createdAtMs: now }] };
    const res = await this.ledger.submit(op);
    const e = res.entry;
    if (!e) throw new AppError('INTERNAL', 'the ledger returned no entry');
    if (e.kind !== kind || e.amountMicro !== amountMicro) throw conflict('this idempotency key was already used for a different request');
    return { entry: toApi(e), replayed: res.replayed };
  }
}

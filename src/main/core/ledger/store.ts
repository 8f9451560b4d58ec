// What the writer thread needs from an engine. One implementation per dialect (store-sqlite.ts, store-pg.ts),
// written in plain SQL: drizzle's per-statement building costs more than the insert itself at this rate.
import type { Period, Scope } from '../db/schema/enums.ts';
import type { LedgerOp, RollupRebuildTask, VerifyReport, WireResult } from './types.ts';

export interface SpendCounter {
  scope: Scope;
  targetId: string;
  period: Period;
  periodStartMs: number;
  spentMicro: number;
}

export interface LedgerStore {
  /** One transaction for all ops; a deterministic failure falls back to one transaction per op. */
  write(ops: LedgerOp[], fault?: 'crash-after-commit' | 'fail-before-commit'): Promise<WireResult[]>;
  /** Re-buckets an org's DAILY/MONTHLY rollups in its (new) time zone; returns the rebuilt rows. */
  rebuildRollups(task: RollupRebuildTask): Promise<SpendCounter[]>;
  verify(orgId: string): Promise<VerifyReport>;
  close(): Promise<void>;
}

/** A failure that retrying the same batch cannot fix (constraint, bad value, our own validation). */
export class DeterministicError extends Error {
  readonly code: string | null;
  constructor(message: string, code: string | null) {
    super(message);
    this.name = 'DeterministicError';
    this.code = code;
  }
}

/** Thrown by the 'fail-before-commit' fault: looks transient, so the client retries. */
export class InjectedFault extends Error {
  readonly code = 'INJECTED_FAULT';
}

export function checkOp(op: LedgerOp): void {
  const e = op.entry;
  if (!e) {
    if (!op.usage && !op.audit?.length) throw new DeterministicError('empty ledger op', null);
    return;
  }
  if (!Number.isSafeInteger(e.amountMicro)) throw new DeterministicError(`amount is not an integer: ${e.amountMicro}`, null);
  if (e.kind === 'charge' && (!op.buckets || e.amountMicro > 0)) {
    throw new DeterministicError('a charge needs period buckets and a non-positive amount', null);
  }
}

export function errorResult(err: unknown): WireResult {
  const e = err as { message?: string; code?: unknown };
  return { s: 'error', message: e.message ?? String(err), code: typeof e.code === 'string' ? e.code : null };
}

export const TABLE_OF: Record<Scope, string> = {
  org: 'organizations', workspace: 'workspaces', group: 'agent_groups', agent: 'agents',
};

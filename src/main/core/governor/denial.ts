import type { Period, Scope } from '../db/schema/enums.ts';
import { AppError } from '../lib/errors.ts';

export type DenialCode = 'budget_exceeded' | 'insufficient_balance' | 'target_disabled';

/** Why a reservation was refused, naming the level and limit that refused it. Amounts are micro-credits. */
export interface Denial {
  code: DenialCode;
  level: Scope;
  targetId: string;
  /** The budget's period; null for the balance and for disabled targets. */
  period: Period | null;
  budgetId: string | null;
  /** The budget's limit, or the org balance for `insufficient_balance`; null for disabled targets. */
  limitMicro: number | null;
  spentMicro: number;
  /** Held by other in-flight requests. */
  heldMicro: number;
  requestedMicro: number;
  message: string;
}

const credits = (micro: number): string => (micro / 1_000_000).toFixed(6).replace(/\.?0+$/, '');

export function denialMessage(d: Omit<Denial, 'message'>): string {
  if (d.code === 'target_disabled') return `${d.level} ${d.targetId} is disabled`;
  if (d.code === 'insufficient_balance') {
    return `insufficient credits: balance ${credits(d.limitMicro ?? 0)}, ${credits(d.heldMicro)} held by requests in flight, `
      + `this request may cost up to ${credits(d.requestedMicro)}`;
  }
  return `${d.period} budget of ${d.level} ${d.targetId} exhausted: ${credits(d.spentMicro)} of ${credits(d.limitMicro ?? 0)} spent, `
    + `${credits(d.heldMicro)} held, this request may cost up to ${credits(d.requestedMicro)}`;
}

/** For callers that prefer throwing; transports map kind FORBIDDEN and read `denial` for the stable code. */
export class DeniedError extends AppError {
  readonly denial: Denial;
  constructor(denial: Denial) {
    super('FORBIDDEN', denial.message);
    this.name = 'DeniedError';
    this.denial = denial;
  }
}

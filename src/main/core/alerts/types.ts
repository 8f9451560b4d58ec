// What the alert monitor reports. The shell turns these into native notifications; the panel reads the same alerts
// back through `alerts.list` (they are recorded in the audit log as `alert.*` actions).
import type { Period, Scope } from '../db/schema/enums.ts';

interface AlertBase {
  id: string;
  orgId: string;
  createdAt: Date;
  /** Short, for a notification's title. */
  title: string;
  /** One sentence with the numbers, for a notification's body and the panel. */
  message: string;
}

export interface BudgetAlert extends AlertBase {
  kind: 'budget';
  /** The threshold crossed (from the org's `budgetAlertPercents`). */
  percent: number;
  /** 'refused': the budget started refusing requests before spend reached the limit (holds count against it). */
  cause: 'spend' | 'refused';
  budgetId: string;
  scope: Scope;
  targetId: string;
  targetName: string | null;
  period: Period;
  periodStartMs: number;
  limitMicro: number;
  spentMicro: number;
}

export interface LowBalanceAlert extends AlertBase {
  kind: 'low_balance';
  balanceMicro: number;
  thresholdMicro: number;
}

export type Alert = BudgetAlert | LowBalanceAlert;

export interface AlertEvents {
  alert: [Alert];
}

/** The audit action an alert is recorded under: alert.budget_80, alert.budget_100, alert.low_balance. */
export const alertAction = (a: Pick<Alert, 'kind'> & { percent?: number }): string =>
  a.kind === 'budget' ? `alert.budget_${a.percent}` : 'alert.low_balance';

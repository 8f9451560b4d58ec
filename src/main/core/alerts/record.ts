// Alerts as audit rows: what makes "the same events appear in the panel", survive a restart, and keep a restart
// from notifying twice. Rows are written through the ledger writer (off the main thread, retried, ON CONFLICT DO
// NOTHING), with ids derived from what crossed, so two instances on one PostgreSQL record a budget crossing once.
import { createHash } from 'node:crypto';
import { and, desc, eq, like } from 'drizzle-orm';
import type { AuditRow } from '../ledger/types.ts';
import type { ServiceDeps } from '../services/deps.ts';
import { olderThan, pageOf, parseCursor } from '../services/paging.ts';
import type { Crossing } from './rules.ts';
import { OrgArming } from './rules.ts';
import type { Alert } from './types.ts';
import { alertAction } from './types.ts';

const hash = (s: string): string => createHash('sha256').update(s).digest('hex').slice(0, 24);
const credits = (micro: number): string => (micro / 1_000_000).toLocaleString('en-US', { maximumFractionDigits: 2 });
const PERIOD_LABEL = { DAILY: 'Daily', MONTHLY: 'Monthly', TOTAL: 'Total' } as const;

/** Turns a crossing into the alert people see. `targetName` is looked up by the caller (null when unknown). */
export function toAlert(orgId: string, c: Crossing, at: Date, targetName: string | null): Alert {
  if (c.kind === 'low_balance') {
    return { kind: 'low_balance', id: `aud_alert_${hash(`${orgId}|low|${at.getTime()}`)}`, orgId, createdAt: at,
      title: 'Credits running low',
      message: `${credits(c.balanceMicro)} credits left, below the alert threshold of ${credits(c.thresholdMicro)}.`,
      balanceMicro: c.balanceMicro, thresholdMicro: c.thresholdMicro };
  }
  const b = c.budget;
  const what = `${PERIOD_LABEL[b.period]} budget of ${b.scope} ${targetName ? `"${targetName}"` : b.targetId}`;
  const numbers = `${credits(b.spentMicro)} of ${credits(b.limitMicro)} credits spent`;
  const message = c.cause === 'refused'
    ? `${what} is exhausted: it refuses requests now (${numbers}, the rest held by requests in flight or too small for one).`
    : c.percent >= 100 ? `${what} has run out: ${numbers}.` : `${what} is at ${c.percent} %: ${numbers}.`;
  return {
    kind: 'budget', id: `aud_alert_${hash(`${b.id}|${c.percent}|${b.periodStartMs}|${b.limitMicro}`)}`, orgId, createdAt: at,
    title: c.percent >= 100 ? 'Budget exhausted' : `Budget at ${c.percent} %`, message, percent: c.percent, cause: c.cause,
    budgetId: b.id, scope: b.scope, targetId: b.targetId, targetName, period: b.period, periodStartMs: b.periodStartMs,
    limitMicro: b.limitMicro, spentMicro: b.spentMicro,
  };
}

export function toAuditRow(a: Alert): AuditRow {
  const { id, orgId, createdAt, ...details } = a;
  return { id, orgId, actorType: 'system', actorId: null, action: alertAction(a), targetType: a.kind === 'budget' ? 'budget' : 'org',
    targetId: a.kind === 'budget' ? a.budgetId : orgId, details, createdAtMs: createdAt.getTime() };
}

type AuditRecord = { id: string; orgId: string | null; createdAt: Date; details: Record<string, unknown> };

function fromRecord(r: AuditRecord): Alert {
  return { ...(r.details as Omit<Alert, 'id' | 'orgId' | 'createdAt'>), id: r.id, orgId: r.orgId ?? '', createdAt: r.createdAt } as Alert;
}

/** An org's alerts, newest first. Cursor = "<createdAt ms>:<id>" of the last one seen. */
export async function listAlerts(deps: ServiceDeps, orgId: string, o: { limit: number; cursor?: string }) {
  const { db, t } = deps.database;
  const a = t.auditLog;
  const conds = [eq(a.orgId, orgId), like(a.action, 'alert.%')];
  const cursor = o.cursor ? parseCursor(o.cursor) : null;
  if (cursor) conds.push(olderThan(a.createdAt, a.id, cursor));
  const rows = await db.select({ id: a.id, orgId: a.orgId, createdAt: a.createdAt, details: a.details }).from(a)
    .where(and(...conds)).orderBy(desc(a.createdAt), desc(a.id)).limit(o.limit + 1);
  const page = pageOf(rows, o.limit);
  return { items: page.items.map(fromRecord), nextCursor: page.nextCursor };
}

/** Budget thresholds that already fired, newest first, so a restart does not notify them again. */
export async function loadArming(deps: ServiceDeps, max = 5000): Promise<Map<string, OrgArming>> {
  const { db, t } = deps.database;
  const a = t.auditLog;
  const rows = await db.select({ orgId: a.orgId, details: a.details }).from(a).where(like(a.action, 'alert.budget_%'))
    .orderBy(desc(a.createdAt)).limit(max);
  const out = new Map<string, OrgArming>();
  for (const r of rows) {
    const d = r.details as Partial<Record<'budgetId' | 'periodStartMs' | 'limitMicro' | 'percent', unknown>>;
    if (!r.orgId || typeof d.budgetId !== 'string' || typeof d.periodStartMs !== 'number' || typeof d.limitMicro !== 'number'
      || typeof d.percent !== 'number') continue;
    const arming = out.get(r.orgId) ?? new OrgArming();
    out.set(r.orgId, arming);
    arming.seedBudget(d.budgetId, d.periodStartMs, d.limitMicro, d.percent);
  }
  return out;
}

/** The display name of a budget's target, for messages. */
export async function targetName(deps: ServiceDeps, scope: string, id: string): Promise<string | null> {
  const { db, t } = deps.database;
  const table = (scope === 'org' ? t.organizations : scope === 'workspace' ? t.workspaces : scope === 'group' ? t.agentGroups
    : t.agents) as typeof t.workspaces;
  const [row] = await db.select({ name: table.name }).from(table).where(eq(table.id, id));
  return row?.name ?? null;
}

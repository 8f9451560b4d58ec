// Watches every org's budgets and balance in the governor's memory and emits an 'alert' for each threshold crossed
// (rules.ts decides which). Plain Node: the Electron shell subscribes for native notifications, the panel reads the
// recorded alerts through alerts.list.
//
// When it looks: on a timer (spend only moves through the governor, whose counters cost nothing to read) and right
// after the governor refuses a request or auto-disables a target. The governor has no "charged" event yet; with one
// the timer would only be a safety net.
import { EventEmitter } from 'node:events';
import type { Denial } from '../governor/denial.ts';
import type { Chain, Governor } from '../governor/governor.ts';
import type { LedgerWriter } from '../ledger/writer.ts';
import type { Logger } from '../lib/logger.ts';
import type { ChangeEvent, ServiceDeps } from '../services/deps.ts';
import { getSettings } from '../services/settings.ts';
import { loadArming, targetName, toAlert, toAuditRow } from './record.ts';
import type { Thresholds } from './rules.ts';
import { crossings, OrgArming } from './rules.ts';
import type { Alert, AlertEvents } from './types.ts';

export interface AlertMonitorOptions {
  deps: ServiceDeps;
  governor: Governor;
  /** Records alerts as audit rows. */
  ledger: Pick<LedgerWriter, 'submit'>;
  logger: Logger;
  /** How often every org is looked at; null = never on its own (tests call check()). Default 2 s. */
  intervalMs?: number | null;
}

export class AlertMonitor extends EventEmitter<AlertEvents> {
  private readonly o: AlertMonitorOptions;
  private readonly orgIds = new Set<string>();
  private arming = new Map<string, OrgArming>();
  private readonly thresholds = new Map<string, Promise<Thresholds>>();
  /** Budgets that refused a request since the org was last looked at. */
  private readonly refused = new Map<string, Set<string>>();
  private readonly dirty = new Set<string>();
  private readonly pending = new Set<Promise<unknown>>();
  private flushScheduled = false;
  private timer: NodeJS.Timeout | null = null;
  private ticks = 0;
  private stopped = false;

  private readonly onChange = (e: ChangeEvent): void => {
    this.orgIds.add(e.orgId);
    if (e.entity === 'settings') this.thresholds.delete(e.orgId);
    if (e.entity === 'budget' || e.entity === 'settings') this.mark(e.orgId);
  };
  private readonly onDenied = (d: Denial, chain: Chain): void => {
    // Runs inside reserve(), on the gateway's hot path: note it and look later.
    // A request bigger than the whole budget says nothing about how full it is.
    if (d.code === 'budget_exceeded' && d.budgetId && d.requestedMicro <= (d.limitMicro ?? 0)) {
      const set = this.refused.get(chain.orgId) ?? new Set<string>();
      set.add(d.budgetId);
      this.refused.set(chain.orgId, set);
    }
    if (d.code !== 'target_disabled') this.mark(chain.orgId);
  };
  private readonly onDisabled = (e: { orgId: string }): void => this.mark(e.orgId);

  constructor(o: AlertMonitorOptions) {
    super();
    this.o = o;
  }

  /** Loads the org list and what already fired, looks once, then follows the governor. */
  async start(): Promise<this> {
    await this.loadOrgIds();
    try {
      this.arming = await loadArming(this.o.deps);
    } catch (err) {
      this.o.logger.error({ err: { message: (err as Error).message } }, 'could not load past alerts; some may repeat once');
    }
    this.o.deps.events.on('change', this.onChange);
    this.o.governor.on('denied', this.onDenied);
    this.o.governor.on('disabled', this.onDisabled);
    await this.check();
    const every = this.o.intervalMs === undefined ? 2000 : this.o.intervalMs;
    if (every !== null) this.timer = setInterval(() => this.track(this.tick()), every).unref();
    return this;
  }

  private async tick(): Promise<void> {
    // Creating an org emits no change event; every 30th look picks new ones up from the table.
    if (++this.ticks % 30 === 0) await this.loadOrgIds().catch(() => undefined);
    await this.check();
  }

  private async loadOrgIds(): Promise<void> {
    const { db, t } = this.o.deps.database;
    for (const r of await db.select({ id: t.organizations.id }).from(t.organizations)) this.orgIds.add(r.id);
  }

  /**
   * Looks at one org (or all) now and emits what crossed. Resolves with the alerts emitted; their audit rows are
   * committed by the time idle() resolves.
   */
  async check(orgId?: string): Promise<Alert[]> {
    const out: Alert[] = [];
    for (const id of orgId ? [orgId] : [...this.orgIds]) {
      if (this.stopped) break;
      try {
        out.push(...await this.checkOrg(id));
      } catch (err) {
        this.o.logger.error({ err: { message: (err as Error).message }, orgId: id }, 'alert check failed');
      }
    }
    return out;
  }

  /** Resolves when no look is under way or queued and every alert emitted so far is recorded. */
  async idle(): Promise<void> {
    while (this.pending.size || this.flushScheduled) {
      if (this.pending.size) await Promise.allSettled([...this.pending]);
      else await new Promise((resolve) => setImmediate(resolve));
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.o.deps.events.off('change', this.onChange);
    this.o.governor.off('denied', this.onDenied);
    this.o.governor.off('disabled', this.onDisabled);
    await this.idle();
  }

  private mark(orgId: string): void {
    this.orgIds.add(orgId);
    this.dirty.add(orgId);
    if (this.flushScheduled || this.stopped) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      const ids = [...this.dirty];
      this.dirty.clear();
      for (const id of ids) this.track(this.check(id));
    });
  }

  private async checkOrg(orgId: string): Promise<Alert[]> {
    const t = await this.thresholdsOf(orgId);
    const snap = this.o.governor.snapshot(orgId);
    const refused = this.refused.get(orgId);
    this.refused.delete(orgId);
    const arming = this.arming.get(orgId) ?? new OrgArming();
    this.arming.set(orgId, arming);
    // Synchronous from the snapshot to the updated arming: two checks cannot both fire the same crossing.
    const found = crossings(arming, { balanceMicro: snap.balanceMicro, budgets: snap.budgets.map((b) => ({
      id: b.id, scope: b.scope, targetId: b.targetId, period: b.period, limitMicro: b.limitMicro, spentMicro: b.spentMicro,
      periodStartMs: b.periodStartMs,
    })) }, t, refused);
    const alerts: Alert[] = [];
    for (const c of found) {
      const name = c.kind === 'budget' ? await targetName(this.o.deps, c.budget.scope, c.budget.targetId).catch(() => null) : null;
      const alert = toAlert(orgId, c, this.o.deps.clock.now(), name);
      alerts.push(alert);
      this.track(this.o.ledger.submit({ audit: [toAuditRow(alert)] }).catch((err: Error) =>
        this.o.logger.error({ err: { message: err.message }, orgId, alert: alert.id }, 'could not record an alert')));
      this.o.logger.info({ orgId, alert: { id: alert.id, kind: alert.kind, title: alert.title } }, 'alert');
      this.emit('alert', alert);
    }
    return alerts;
  }

  private thresholdsOf(orgId: string): Promise<Thresholds> {
    let p = this.thresholds.get(orgId);
    if (!p) {
      p = getSettings(this.o.deps, orgId).then((s) => ({
        budgetPercents: s.budgetAlertPercents, lowBalanceMicro: Math.round(s.lowBalanceCredits * 1_000_000),
      }));
      p.catch(() => this.thresholds.delete(orgId)); // retried on the next look
      this.thresholds.set(orgId, p);
    }
    return p;
  }

  private track(p: Promise<unknown>): void {
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
  }
}

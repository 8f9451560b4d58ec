// Keeps the governor's state in step with the database: a full load at start, then targeted reloads when
// CoreEvents 'change' reports a budget, node or org mutation. Reloads of one org run one at a time.
import type { Scope } from '../db/schema/enums.ts';
import type { LedgerWriter } from '../ledger/writer.ts';
import type { Logger } from '../lib/logger.ts';
import type { ChangeEvent, ServiceDeps } from '../services/deps.ts';
import type { NodeTable } from './load.ts';
import { loadAll, loadNodeStatus, loadOrgMeta } from './load.ts';
import type { Chain } from './state.ts';
import { OrgState } from './state.ts';

const NODE_ENTITIES = new Set<string>(['workspace', 'group', 'agent']);

export class StateSync {
  readonly orgs: Map<string, OrgState>;
  readonly disabled: Set<string>;
  /** In-flight holds of an org, so budget holds can be recounted when budget definitions change. */
  heldOf: (orgId: string) => { chain: Chain | null; amountMicro: number }[] = () => [];
  private readonly deps: ServiceDeps;
  private readonly ledger: LedgerWriter;
  private readonly logger: Logger;
  private readonly pending = new Set<Promise<void>>();
  private readonly locks = new Map<string, Promise<void>>();
  private readonly onChange = (e: ChangeEvent) => this.handle(e);

  private constructor(deps: ServiceDeps, ledger: LedgerWriter, logger: Logger, orgs: Map<string, OrgState>, disabled: Set<string>) {
    this.deps = deps;
    this.ledger = ledger;
    this.logger = logger;
    this.orgs = orgs;
    this.disabled = disabled;
  }

  static async start(deps: ServiceDeps, ledger: LedgerWriter, logger: Logger): Promise<StateSync> {
    // Nothing is in flight yet, so the rollups are exactly the committed state.
    await ledger.flush();
    const { orgs, disabled } = await loadAll(deps, deps.clock.now().getTime());
    const s = new StateSync(deps, ledger, logger, orgs, disabled);
    deps.events.on('change', s.onChange);
    return s;
  }

  /** The org's state; an org created after start begins empty (its entries all pass through this process). */
  org(orgId: string): OrgState {
    let o = this.orgs.get(orgId);
    if (!o) {
      o = new OrgState(orgId, 'UTC', 'active');
      this.orgs.set(orgId, o);
      this.run(orgId, () => this.reloadOrg(orgId));
    }
    return o;
  }

  markDisabled(scope: Scope, id: string, org: OrgState): void {
    if (scope === 'org') org.status = 'disabled';
    else this.disabled.add(id);
  }

  refreshNode(scope: Scope, id: string, orgId: string): void {
    this.run(orgId, () => (scope === 'org' ? this.reloadOrg(orgId) : this.reloadNode(scope, id)));
  }

  /** A reload of this org still in flight, or null. The gateway awaits it so a just-saved budget governs the next request. */
  pendingFor(orgId: string): Promise<void> | null {
    return this.locks.get(orgId) ?? null;
  }

  async idle(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }

  async stop(): Promise<void> {
    this.deps.events.off('change', this.onChange);
    await this.idle();
  }

  private handle(e: ChangeEvent): void {
    if (e.entity === 'budget' || e.entity === 'org' || !this.orgs.has(e.orgId)) {
      this.org(e.orgId);
      this.run(e.orgId, () => this.reloadOrg(e.orgId));
    }
    if (NODE_ENTITIES.has(e.entity) && e.id) this.run(e.orgId, () => this.reloadNode(e.entity as NodeTable, e.id!));
  }

  private run(orgId: string, fn: () => Promise<void>): void {
    const prev = this.locks.get(orgId) ?? Promise.resolve();
    const next = prev.then(fn).catch((err: Error) => {
      this.logger.error({ err: { message: err.message, stack: err.stack }, orgId }, 'governor reload failed');
    });
    this.locks.set(orgId, next);
    this.pending.add(next);
    void next.finally(() => {
      this.pending.delete(next);
      if (this.locks.get(orgId) === next) this.locks.delete(orgId);
    });
  }

  private async reloadNode(kind: NodeTable, id: string): Promise<void> {
    const status = await loadNodeStatus(this.deps, kind, id);
    if (status === 'disabled') this.disabled.add(id);
    else this.disabled.delete(id);
  }

  private async reloadOrg(orgId: string): Promise<void> {
    const meta = await loadOrgMeta(this.deps, orgId);
    const org = this.orgs.get(orgId);
    if (!meta || !org) return;
    org.status = meta.status;
    org.setBudgets(meta.budgets);
    // Holds of requests in flight count against budgets created or changed while they run.
    for (const r of this.heldOf(orgId)) if (r.chain) for (const b of org.budgetsOn(r.chain)) b.heldMicro += r.amountMicro;
    if (meta.timezone !== org.timezone) await this.changeTimezone(org, meta.timezone);
  }

  /**
   * Re-buckets DAILY/MONTHLY spend in the new zone. The rebuild runs in the writer after everything queued before
   * it; charges settled after the switch are not in its result, so they are noted and added back.
   */
  private async changeTimezone(org: OrgState, zone: string): Promise<void> {
    org.setTimezone(zone);
    org.sinceRebuild = [];
    try {
      const rows = await this.ledger.rebuildRollups({ orgId: org.id, timezone: zone });
      const now = this.deps.clock.now().getTime();
      org.clearCounters(['DAILY', 'MONTHLY']);
      for (const r of rows) org.loadCounter(r.scope, r.targetId, r.period, r.periodStartMs, r.spentMicro, now);
      for (const n of org.sinceRebuild) org.addSpend(n.chain, n.amountMicro, n.atMs, ['DAILY', 'MONTHLY']);
      this.logger.info({ orgId: org.id, timezone: zone }, 'budget periods re-bucketed in the new time zone');
    } finally {
      org.sinceRebuild = null;
    }
  }
}

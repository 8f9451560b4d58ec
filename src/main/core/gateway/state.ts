import { and, eq, inArray, isNull, lt, or } from 'drizzle-orm';
import type { AgentStatus, Scope } from '../db/schema/enums.ts';
import type { EffectivePolicy, PolicyRule } from '../governance/policy-merge.ts';
import { mergePolicies } from '../governance/policy-merge.ts';
import type { ServiceDeps } from '../services/deps.ts';
import type { PriceRow } from '../services/pricing-seed.ts';
import { getSettings } from '../services/settings.ts';
import type { Route } from './routing.ts';

export interface KeyEntry {
  apiKeyId: string;
  orgId: string;
  agentId: string;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

export interface NodeInfo {
  id: string;
  name: string;
  status: AgentStatus;
}

export interface AgentInfo extends NodeInfo {
  workspaceId: string;
  agentGroupId: string;
}

export interface OrgState {
  org: NodeInfo & { timezone: string };
  workspaces: Map<string, NodeInfo>;
  groups: Map<string, NodeInfo>;
  agents: Map<string, AgentInfo>;
  /** `${scope}:${targetId}` → rule */
  policies: Map<string, PolicyRule>;
  /** built-in prices overlaid with the org's overrides, by model pattern */
  prices: Map<string, PriceRow>;
  aliases: Record<string, string>;
  /** decrypted BYOK keys by provider (newest wins); kept in memory only */
  credentials: Map<string, { id: string; apiKey: string; baseUrl: string | null }>;
  /** Per agent id, built on first use. An org reload replaces the whole OrgState, so these never go stale. */
  plans: Map<string, CallerPlan>;
  /** Per requested model name, its route and price (null: none configured); same lifetime as plans. */
  routes: Map<string, { route: Route; price: PriceRow | null }>;
}

/** What admission reads for an agent on every request, merged once per org reload instead of per request. */
export interface CallerPlan {
  /** The chain's policies, org first. */
  policies: PolicyRule[];
  effective: EffectivePolicy;
  /** Per policy, org first, its RPM then its TPM limit with the rate limiter's key. */
  limits: { key: string; limit: number; tokens: boolean }[];
  /** The TPM keys alone: what a request settles after its call. Shared: read, never changed. */
  tpmKeys: string[];
  /** The chain as the governor takes it. */
  ids: { orgId: string; workspaceId: string; agentGroupId: string; agentId: string };
}

/**
 * Everything the gateway's hot path reads, held in memory: rebuilt from the database at start and, per org,
 * after every mutation (CoreEvents 'change'). Requests that touch an org with a reload in flight wait for it,
 * so a revoked key or a disabled agent is refused on the very next request.
 */
export class GatewayState {
  private readonly deps: ServiceDeps;
  private readonly keys = new Map<string, KeyEntry>();
  private readonly orgs = new Map<string, OrgState>();
  private readonly pending = new Map<string, Promise<void>>();
  private readonly onChange = (e: { orgId: string }) => this.invalidate(e.orgId);
  /** apiKeyId → last use (ms): written in one small batch every few seconds, never per request. */
  private readonly used = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;

  constructor(deps: ServiceDeps) {
    this.deps = deps;
  }

  touch(apiKeyId: string, atMs: number): void {
    this.used.set(apiKeyId, atMs);
  }

  /** Persists `last_used_at` for keys used since the last flush. */
  async flushUsed(): Promise<void> {
    if (this.used.size === 0) return;
    const batch = [...this.used];
    this.used.clear();
    const { t } = this.deps.database;
    await this.deps.database.tx(async (db) => {
      for (const [id, ms] of batch) {
        await db.update(t.apiKeys).set({ lastUsedAt: new Date(ms) })
          .where(and(eq(t.apiKeys.id, id), or(isNull(t.apiKeys.lastUsedAt), lt(t.apiKeys.lastUsedAt, new Date(ms)))));
      }
    });
  }

  async start(): Promise<void> {
    const { db, t } = this.deps.database;
    const orgIds = (await db.select({ id: t.organizations.id }).from(t.organizations)).map((o) => o.id);
    for (const id of orgIds) await this.loadOrg(id);
    this.deps.events.on('change', this.onChange);
    this.timer = setInterval(() => void this.flushUsed().catch(() => undefined), 10_000).unref();
  }

  async stop(): Promise<void> {
    this.deps.events.off('change', this.onChange);
    if (this.timer) clearInterval(this.timer);
    await this.flushUsed();
  }

  invalidate(orgId: string): void {
    const prev = this.pending.get(orgId) ?? Promise.resolve();
    const next = prev.then(() => this.loadOrg(orgId)).finally(() => {
      if (this.pending.get(orgId) === next) this.pending.delete(orgId);
    });
    this.pending.set(orgId, next);
  }

  /** Waits for reloads in flight (all of them when the org is not known yet, e.g. a brand-new key). */
  async settled(orgId: string | null): Promise<void> {
    if (this.pending.size === 0) return;
    if (orgId) await this.pending.get(orgId);
    else await Promise.all(this.pending.values());
  }

  isDirty(orgId: string | null): boolean {
    return orgId ? this.pending.has(orgId) : this.pending.size > 0;
  }

  key(hash: string): KeyEntry | undefined {
    return this.keys.get(hash);
  }

  org(orgId: string): OrgState | undefined {
    return this.orgs.get(orgId);
  }

  /** The agent's admission plan, from the org's cache. */
  plan(org: OrgState, agent: AgentInfo): CallerPlan {
    let p = org.plans.get(agent.id);
    if (p) return p;
    const policies = this.chainPolicies(org, agent);
    const limits = policies.flatMap((r) => [
      ...(r.rpm === null ? [] : [{ key: `rpm:${r.scope}:${r.targetId}`, limit: r.rpm, tokens: false }]),
      ...(r.tpm === null ? [] : [{ key: `tpm:${r.scope}:${r.targetId}`, limit: r.tpm, tokens: true }]),
    ]);
    p = { policies, effective: mergePolicies(policies), limits, tpmKeys: limits.filter((l) => l.tokens).map((l) => l.key),
      ids: { orgId: org.org.id, workspaceId: agent.workspaceId, agentGroupId: agent.agentGroupId, agentId: agent.id } };
    org.plans.set(agent.id, p);
    return p;
  }

  /** The chain's policies, org first. */
  private chainPolicies(org: OrgState, agent: AgentInfo): PolicyRule[] {
    const out: PolicyRule[] = [];
    const levels: [Scope, string][] = [['org', org.org.id], ['workspace', agent.workspaceId], ['group', agent.agentGroupId], ['agent', agent.id]];
    for (const [scope, id] of levels) {
      const p = org.policies.get(`${scope}:${id}`);
      if (p) out.push(p);
    }
    return out;
  }

  private async loadOrg(orgId: string): Promise<void> {
    const { db, t } = this.deps.database;
    const [org] = await db.select().from(t.organizations).where(eq(t.organizations.id, orgId));
    for (const [hash, k] of this.keys) if (k.orgId === orgId) this.keys.delete(hash);
    if (!org) {
      this.orgs.delete(orgId);
      return;
    }
    const [workspaces, groups, agents, keys, policies, prices, creds, settings] = await Promise.all([
      db.select().from(t.workspaces).where(eq(t.workspaces.orgId, orgId)),
      db.select().from(t.agentGroups).where(eq(t.agentGroups.orgId, orgId)),
      db.select().from(t.agents).where(eq(t.agents.orgId, orgId)),
      db.select().from(t.apiKeys).where(eq(t.apiKeys.orgId, orgId)),
      db.select().from(t.policies).where(eq(t.policies.orgId, orgId)),
      db.select().from(t.pricing).where(inArray(t.pricing.orgId, ['', orgId])),
      db.select().from(t.providerCredentials).where(eq(t.providerCredentials.orgId, orgId)),
      getSettings(this.deps, orgId),
    ]);
    const priceMap = new Map<string, PriceRow>();
    for (const p of prices.sort((a, b) => (a.orgId === '' ? -1 : 1) - (b.orgId === '' ? -1 : 1))) priceMap.set(p.modelPattern, p);
    const credentials = new Map<string, { id: string; apiKey: string; baseUrl: string | null }>();
    for (const c of creds.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())) {
      credentials.set(c.provider, { id: c.id, apiKey: this.deps.box.open(c.secretCiphertext), baseUrl: c.baseUrl });
    }
    const node = (r: { id: string; name: string; status: AgentStatus }): NodeInfo => ({ id: r.id, name: r.name, status: r.status });
    this.orgs.set(orgId, {
      org: { ...node(org), timezone: org.timezone },
      workspaces: new Map(workspaces.map((w) => [w.id, node(w)])),
      groups: new Map(groups.map((g) => [g.id, node(g)])),
      agents: new Map(agents.map((a) => [a.id, { ...node(a), workspaceId: a.workspaceId, agentGroupId: a.agentGroupId }])),
      policies: new Map(policies.map((p) => [`${p.scope}:${p.targetId}`, p])),
      prices: priceMap,
      aliases: settings.modelAliases,
      credentials,
      plans: new Map(),
      routes: new Map(),
    });
    for (const k of keys) {
      this.keys.set(k.keyHash, { apiKeyId: k.id, orgId, agentId: k.agentId, expiresAt: k.expiresAt, revokedAt: k.revokedAt });
    }
  }
}

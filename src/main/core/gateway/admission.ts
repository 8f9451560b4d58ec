import type { Scope } from '../db/schema/enums.ts';
import { modelAllowed } from '../governance/policy-merge.ts';
import { sha256 } from '../lib/secrets.ts';
import type { PriceRow } from '../services/pricing-seed.ts';
import { GatewayError } from './errors.ts';
import { findPrice, maxOutputTokens as outputCeiling } from '../governor/cost.ts';
import type { LimitCheck, RateLimiter } from './rate-limit.ts';
import type { Route } from './routing.ts';
import { resolveRoute } from './routing.ts';
import type { AgentInfo, CallerPlan, GatewayState, KeyEntry, OrgState } from './state.ts';

export interface Caller {
  key: KeyEntry;
  org: OrgState;
  agent: AgentInfo;
  /** The agent's chain, policies and limits, worked out once per org reload. */
  plan: CallerPlan;
}

/** Refuses a chain whose node at `scope` is missing or not active. */
function active(scope: Scope, node: { status: string; name: string } | undefined, id: string): void {
  if (!node || node.status !== 'active') {
    throw new GatewayError('agent_disabled', `${scope} "${node?.name ?? id}" is disabled`, { details: { level: scope, target_id: id } });
  }
}

/** Authenticates a `cpk_` key against in-memory state; refuses revoked, expired, unknown or disabled anywhere. */
export async function authenticate(state: GatewayState, rawKey: string | null, now: Date): Promise<Caller> {
  if (!rawKey || !rawKey.startsWith('cpk_') || rawKey.length > 200) {
    throw new GatewayError('invalid_api_key', 'missing or malformed API key: send Authorization: Bearer cpk_…');
  }
  const hash = sha256(rawKey);
  let key = state.key(hash);
  if (!key || state.isDirty(key.orgId)) {
    await state.settled(key?.orgId ?? null);
    key = state.key(hash);
  }
  if (!key) throw new GatewayError('invalid_api_key', 'unknown API key');
  if (key.revokedAt) throw new GatewayError('invalid_api_key', 'this API key was revoked');
  if (key.expiresAt && key.expiresAt.getTime() <= now.getTime()) throw new GatewayError('invalid_api_key', 'this API key has expired');
  const org = state.org(key.orgId);
  const agent = org?.agents.get(key.agentId);
  if (!org || !agent) throw new GatewayError('invalid_api_key', 'unknown API key');
  active('org', org.org, org.org.id);
  active('workspace', org.workspaces.get(agent.workspaceId), agent.workspaceId);
  active('group', org.groups.get(agent.agentGroupId), agent.agentGroupId);
  active('agent', agent, agent.id);
  state.touch(key.apiKeyId, now.getTime());
  return { key, org, agent, plan: state.plan(org, agent) };
}

export interface Admitted {
  route: Route;
  price: PriceRow;
  /** max output tokens after the policy (clamped when the policy says so) */
  maxOutputTokens: number;
  /** TPM reservations to settle after the call */
  tpmKeys: string[];
  tpmEstimate: number;
}

/** A model name's route and price, remembered per org state (clients send few distinct names; the map is bounded). */
function routeOf(org: OrgState, model: string): { route: Route; price: PriceRow | null } {
  const known = org.routes.get(model);
  if (known) return known;
  const route = resolveRoute(model, org.aliases);
  const r = { route, price: findPrice(org.prices.values(), route.upstreamModel) ?? findPrice(org.prices.values(), model) };
  if (org.routes.size < 1000) org.routes.set(model, r);
  return r;
}

/** Model allowlist, token cap, price lookup and RPM/TPM, in that order. */
export function admit(
  caller: Caller, model: string, requestedMax: number | undefined, promptTokens: number, limiter: RateLimiter,
): Admitted {
  const allowed = modelAllowed(caller.plan.policies, model);
  if (!allowed.ok) {
    throw new GatewayError('model_not_allowed', `model "${model}" is not allowed by the ${allowed.scope} policy`,
      { details: { level: allowed.scope, target_id: allowed.targetId } });
  }
  const { route, price } = routeOf(caller.org, model);
  if (!price) {
    throw new GatewayError('invalid_request', `no price is configured for model "${model}"; add one under Pricing before using it`);
  }
  const eff = caller.plan.effective;
  const cap = eff.maxTokensPerRequest.value;
  if (cap !== null && requestedMax !== undefined && requestedMax > cap && eff.maxTokensPerRequest.mode === 'reject') {
    throw new GatewayError('max_tokens_exceeded', `max tokens ${requestedMax} exceeds the ${eff.maxTokensPerRequest.scope} policy's cap of ${cap}`,
      { details: { level: eff.maxTokensPerRequest.scope, limit: cap } });
  }
  let maxOutputTokens = outputCeiling({ requested: requestedMax, policyCap: cap, modelMax: price.maxOutputTokens });
  // Without a request limit, never plan for more than the model can produce.
  if (requestedMax === undefined && price.maxOutputTokens > 0) maxOutputTokens = Math.min(maxOutputTokens, price.maxOutputTokens);
  const tpmEstimate = promptTokens + maxOutputTokens;
  const checks: LimitCheck[] = [];
  for (const l of caller.plan.limits) checks.push({ key: l.key, limit: l.limit, cost: l.tokens ? tpmEstimate : 1 });
  const tpmKeys = caller.plan.tpmKeys;
  const r = limiter.take(checks);
  if (!r.ok) {
    const [kind, level, targetId] = r.key.split(':');
    throw new GatewayError('rate_limited', `${kind?.toUpperCase()} limit of ${r.limit} per minute reached at the ${level} level`,
      { retryAfterSec: r.retryAfterSec, details: { level, target_id: targetId, limit: r.limit } });
  }
  return { route, price, maxOutputTokens, tpmKeys, tpmEstimate };
}

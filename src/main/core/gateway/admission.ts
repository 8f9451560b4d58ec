import type { Scope } from '../db/schema/enums.ts';
import type { PolicyRule } from '../governance/policy-merge.ts';
import { mergePolicies, modelAllowed } from '../governance/policy-merge.ts';
import { sha256 } from '../lib/secrets.ts';
import type { PriceRow } from '../services/pricing-seed.ts';
import { GatewayError } from './errors.ts';
import { findPrice, maxOutputTokens as outputCeiling } from '../governor/cost.ts';
import type { LimitCheck, RateLimiter } from './rate-limit.ts';
import type { Route } from './routing.ts';
import { resolveRoute } from './routing.ts';
import type { AgentInfo, GatewayState, KeyEntry, OrgState } from './state.ts';

export interface Caller {
  key: KeyEntry;
  org: OrgState;
  agent: AgentInfo;
  /** org → workspace → group → agent */
  chain: { scope: Scope; id: string }[];
  policies: PolicyRule[];
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
  const levels: [Scope, { status: string; name: string } | undefined, string][] = [
    ['org', org.org, org.org.id], ['workspace', org.workspaces.get(agent.workspaceId), agent.workspaceId],
    ['group', org.groups.get(agent.agentGroupId), agent.agentGroupId], ['agent', agent, agent.id],
  ];
  for (const [scope, node, id] of levels) {
    if (!node || node.status !== 'active') {
      throw new GatewayError('agent_disabled', `${scope} "${node?.name ?? id}" is disabled`, { details: { level: scope, target_id: id } });
    }
  }
  const chain = levels.map(([scope, , id]) => ({ scope, id }));
  state.touch(key.apiKeyId, now.getTime());
  return { key, org, agent, chain, policies: state.chainPolicies(org, agent) };
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

/** Model allowlist, token cap, price lookup and RPM/TPM, in that order. */
export function admit(
  caller: Caller, model: string, requestedMax: number | undefined, promptTokens: number, limiter: RateLimiter,
): Admitted {
  const allowed = modelAllowed(caller.policies, model);
  if (!allowed.ok) {
    throw new GatewayError('model_not_allowed', `model "${model}" is not allowed by the ${allowed.scope} policy`,
      { details: { level: allowed.scope, target_id: allowed.targetId } });
  }
  const route = resolveRoute(model, caller.org.aliases);
  const price = findPrice(caller.org.prices.values(), route.upstreamModel) ?? findPrice(caller.org.prices.values(), model);
  if (!price) {
    throw new GatewayError('invalid_request', `no price is configured for model "${model}"; add one under Pricing before using it`);
  }
  const eff = mergePolicies(caller.policies);
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
  const tpmKeys: string[] = [];
  for (const p of caller.policies) {
    if (p.rpm !== null) checks.push({ key: `rpm:${p.scope}:${p.targetId}`, limit: p.rpm, cost: 1 });
    if (p.tpm !== null) {
      checks.push({ key: `tpm:${p.scope}:${p.targetId}`, limit: p.tpm, cost: tpmEstimate });
      tpmKeys.push(`tpm:${p.scope}:${p.targetId}`);
    }
  }
  const r = limiter.take(checks);
  if (!r.ok) {
    const [kind, level, targetId] = r.key.split(':');
    throw new GatewayError('rate_limited', `${kind?.toUpperCase()} limit of ${r.limit} per minute reached at the ${level} level`,
      { retryAfterSec: r.retryAfterSec, details: { level, target_id: targetId, limit: r.limit } });
  }
  return { route, price, maxOutputTokens, tpmKeys, tpmEstimate };
}

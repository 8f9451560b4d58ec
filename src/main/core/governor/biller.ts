// The gateway's Biller seam implemented over the governor and the ledger writer: hand `createBiller(money)` to
// the gateway context. Denials become GatewayErrors naming the level and limit; every record resolves only once
// committed.
import { createHash } from 'node:crypto';
import type { Usage } from '../formats/types.ts';
import type { Caller } from '../gateway/admission.ts';
import type { Biller, Hold, RequestFacts } from '../gateway/biller.ts';
import { GatewayError } from '../gateway/errors.ts';
import type { Money } from '../ledger/money.ts';
import type { Clock } from '../lib/clock.ts';
import type { PriceRow } from '../services/pricing-seed.ts';
import type { Denial } from './denial.ts';
import type { Chain, Reservation, UsageDetails } from './governor.ts';

const chainOf = (c: Caller): Chain => c.plan.ids;

export function denialError(d: Denial): GatewayError {
  const code = d.code === 'insufficient_balance' ? 'insufficient_credits' : d.code === 'target_disabled' ? 'agent_disabled' : 'budget_exceeded';
  return new GatewayError(code, d.message, { details: { level: d.level, target_id: d.targetId, period: d.period, budget_id: d.budgetId,
    limit_micro: d.limitMicro, spent_micro: d.spentMicro, held_micro: d.heldMicro, requested_micro: d.requestedMicro } });
}

function details(caller: Caller, facts: RequestFacts, now: number, status: number, errorCode: string | null,
  usage: Usage | null): UsageDetails {
  return { apiKeyId: caller.key.apiKeyId, endpoint: facts.endpoint, model: facts.model, provider: facts.provider, status, errorCode,
    inputTokens: usage?.inputTokens ?? 0, outputTokens: usage?.outputTokens ?? 0, estimated: usage?.estimated ?? false,
    credentialSource: facts.credentialSource, latencyMs: Math.max(0, now - facts.startedMs), ttftMs: facts.ttftMs };
}

export function createBiller(money: Money, clock: Clock): Biller {
  const { governor, ledger } = money;
  const audited = new Set<string>();
  return {
    pending: (orgId) => governor.pending(orgId),
    reserve(caller, upperBoundMicro, requestId): Hold {
      const r = governor.reserve({ chain: chainOf(caller), upperBoundMicro, requestId });
      if (!r.ok) throw denialError(r.denial);
      return r.reservation;
    },
    async settle(hold, caller, price: PriceRow, usage, facts) {
      const costMicro = governor.cost(price, usage);
      const res = await governor.settle(hold as Reservation, {
        costMicro, usage: details(caller, facts, clock.now().getTime(), 200, null, usage),
      });
      return res.chargedMicro;
    },
    async release(hold, caller, facts, status, error) {
      await governor.release(hold as Reservation, { usage: details(caller, facts, clock.now().getTime(), status, error.code, null) });
    },
    async deny(caller, facts, error) {
      const now = clock.now().getTime();
      const chain = chainOf(caller);
      const u = details(caller, facts, now, error.status, error.code, null);
      const op: Parameters<typeof ledger.submit>[0] = { usage: { ...u, id: `use_${facts.requestId}`, orgId: chain.orgId,
        requestId: facts.requestId, workspaceId: chain.workspaceId, agentGroupId: chain.agentGroupId, agentId: chain.agentId,
        costMicro: 0, createdAtMs: now } };
      // Budget and balance refusals were audited by the governor; others once per code, agent and minute.
      const key = `${error.code}|${chain.agentId}|${Math.floor(now / 60_000)}`;
      if (error.code !== 'budget_exceeded' && error.code !== 'insufficient_credits' && !audited.has(key)) {
        if (audited.size > 10_000) audited.clear();
        audited.add(key);
        op.audit = [{ id: `aud_deny_${createHash('sha256').update(key).digest('hex').slice(0, 24)}`, orgId: chain.orgId,
          actorType: 'agent', actorId: chain.agentId, action: `request.${error.code}`, targetType: 'agent', targetId: chain.agentId,
          details: { message: error.message, requestId: facts.requestId, ...error.details }, createdAtMs: now }];
      }
      await ledger.submit(op);
    },
    upperBound(price, promptBytes, maxOutputTokens) {
      return governor.upperBound({ promptBytes, maxOutputTokens, price });
    },
  };
}

import type { IncomingMessage } from 'node:http';
import { modelAllowed } from '../governance/policy-merge.ts';
import type { Caller } from './admission.ts';
import { BUILTIN_ALIASES } from './routing.ts';

/** The models this key may use: priced models and aliases that pass every allowlist on its chain. */
export function listModels(caller: Caller, req: IncomingMessage): Record<string, unknown> {
  const names = new Set<string>([...caller.org.prices.keys()].filter((m) => !m.includes('*')));
  for (const a of Object.keys({ ...BUILTIN_ALIASES, ...caller.org.aliases })) names.add(a);
  const ids = [...names].filter((m) => modelAllowed(caller.plan.policies, m).ok).sort();
  const created = Math.floor(Date.UTC(2025, 0, 1) / 1000);
  if (req.headers['anthropic-version']) {
    const data = ids.map((id) => ({ type: 'model', id, display_name: id, created_at: new Date(created * 1000).toISOString() }));
    return { data, has_more: false, first_id: data[0]?.id ?? null, last_id: data[data.length - 1]?.id ?? null };
  }
  return { object: 'list', data: ids.map((id) => ({ id, object: 'model', created, owned_by: caller.org.prices.get(id)?.provider ?? 'tollgate' })) };
}

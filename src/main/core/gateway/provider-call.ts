import type { ProviderRegistry } from '../providers/registry.ts';
import type { ProviderCallOptions, ProviderCredential } from '../providers/types.ts';
import type { Caller } from './admission.ts';
import type { RequestFacts } from './biller.ts';
import type { Route } from './routing.ts';

/** Managed provider keys from settings or env, used when the org has no BYOK key of its own. */
export type ManagedKeys = Partial<Record<string, ProviderCredential>>;

/** Headers a client may send that upstreams need (Claude Code's betas); credentials never pass. */
const FORWARD = ['anthropic-beta', 'anthropic-version', 'openai-beta'];

export function callOptions(
  caller: Caller, route: Route, managed: ManagedKeys, signal: AbortSignal, clientHeaders: Record<string, string | string[] | undefined>,
): { opts: ProviderCallOptions; source: RequestFacts['credentialSource'] } {
  const byok = caller.org.credentials.get(route.provider);
  const m = managed[route.provider];
  const credential: ProviderCredential = byok ? { apiKey: byok.apiKey, baseUrl: byok.baseUrl } : m ?? { apiKey: null, baseUrl: null };
  const source: RequestFacts['credentialSource'] = byok ? 'byok' : m?.apiKey ? 'managed' : 'none';
  const headers: Record<string, string> = {};
  for (const h of FORWARD) {
    const v = clientHeaders[h];
    if (typeof v === 'string') headers[h] = v;
  }
  return { opts: { signal, credential, upstreamModel: route.upstreamModel, headers }, source };
}

export function providerFor(providers: ProviderRegistry, route: Route) {
  return providers.get(route.provider);
}

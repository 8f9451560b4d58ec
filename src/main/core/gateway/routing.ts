import type { ProviderId } from '../db/schema/enums.ts';
import { PROVIDERS } from '../db/schema/enums.ts';

export interface Route {
  provider: ProviderId;
  upstreamModel: string;
}

/** Aliases every install knows; orgs add or override their own through `routing.*`. */
export const BUILTIN_ALIASES: Record<string, string> = {
  'claude-sonnet': 'anthropic:claude-sonnet-4-5',
  'claude-opus': 'anthropic:claude-opus-4-1',
  'claude-haiku': 'anthropic:claude-haiku-4-5',
  'gpt': 'openai:gpt-5',
  'gpt-mini': 'openai:gpt-5-mini',
};

const isProvider = (s: string): s is ProviderId => (PROVIDERS as readonly string[]).includes(s);

/** `provider:model` → that; otherwise null. */
export function parseTarget(target: string): Route | null {
  const i = target.indexOf(':');
  if (i <= 0) return null;
  const provider = target.slice(0, i);
  const upstreamModel = target.slice(i + 1);
  return isProvider(provider) && upstreamModel ? { provider, upstreamModel } : null;
}

/**
 * Resolves a requested model name: an org alias, a built-in alias, an explicit `provider:model`, then by
 * name family (mock-*, claude-*, everything else OpenAI-compatible).
 */
export function resolveRoute(model: string, orgAliases: Record<string, string>): Route {
  const aliased = orgAliases[model] ?? BUILTIN_ALIASES[model];
  if (aliased) {
    const r = parseTarget(aliased);
    if (r) return r;
  }
  const explicit = parseTarget(model);
  if (explicit) return explicit;
  if (model.startsWith('mock-')) return { provider: 'mock', upstreamModel: model };
  if (model.startsWith('claude-')) return { provider: 'anthropic', upstreamModel: model };
  return { provider: 'openai', upstreamModel: model };
}

import type { MaxTokensMode, Scope } from '../db/schema/enums.ts';

export interface PolicyRule {
  scope: Scope;
  targetId: string;
  allowedModels: string[] | null;
  maxTokensPerRequest: number | null;
  maxTokensMode: MaxTokensMode;
  rpm: number | null;
  tpm: number | null;
}

export interface Sourced<T> {
  value: T;
  scope: Scope | null;
  targetId: string | null;
}

export interface EffectivePolicy {
  allowedModels: Sourced<string[] | null>;
  maxTokensPerRequest: Sourced<number | null> & { mode: MaxTokensMode };
  rpm: Sourced<number | null>;
  tpm: Sourced<number | null>;
}

const none = <T>(value: T): Sourced<T> => ({ value, scope: null, targetId: null });

/** Glob-lite model match: `*` matches any run of characters. */
export function modelMatches(pattern: string, model: string): boolean {
  if (!pattern.includes('*')) return pattern === model;
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(model);
}

/**
 * Cascades org → workspace → group → agent; the most restrictive value wins, and we remember which level set it
 * so the panel can say "limited by workspace X". Allowlists intersect: a model must pass every level's list.
 */
export function mergePolicies(chain: PolicyRule[]): EffectivePolicy {
  const out: EffectivePolicy = {
    allowedModels: none(null),
    maxTokensPerRequest: { ...none(null), mode: 'reject' },
    rpm: none(null),
    tpm: none(null),
  };
  const lists: PolicyRule[] = [];
  for (const p of chain) {
    if (p.allowedModels) lists.push(p);
    const mt = out.maxTokensPerRequest.value;
    if (p.maxTokensPerRequest !== null && (mt === null || p.maxTokensPerRequest < mt)) {
      out.maxTokensPerRequest = { value: p.maxTokensPerRequest, scope: p.scope, targetId: p.targetId, mode: p.maxTokensMode };
    }
    for (const k of ['rpm', 'tpm'] as const) {
      const v = p[k];
      const cur = out[k].value;
      if (v !== null && (cur === null || v < cur)) out[k] = { value: v, scope: p.scope, targetId: p.targetId };
    }
  }
  if (lists.length > 0) {
    // Represent the intersection as the most specific list filtered by all others; patterns stay patterns.
    const narrowest = lists.reduce((a, b) => ((b.allowedModels?.length ?? 0) <= (a.allowedModels?.length ?? 0) ? b : a));
    const value = (narrowest.allowedModels ?? []).filter((m) =>
      lists.every((l) => (l.allowedModels ?? []).some((pat) => modelMatches(pat, m) || pat === m)));
    out.allowedModels = { value, scope: narrowest.scope, targetId: narrowest.targetId };
  }
  return out;
}

/** Whether every level's allowlist admits the model. */
export function modelAllowed(chain: PolicyRule[], model: string): { ok: true } | { ok: false; scope: Scope; targetId: string } {
  for (const p of chain) {
    if (p.allowedModels && !p.allowedModels.some((pat) => modelMatches(pat, model))) {
      return { ok: false, scope: p.scope, targetId: p.targetId };
    }
  }
  return { ok: true };
}

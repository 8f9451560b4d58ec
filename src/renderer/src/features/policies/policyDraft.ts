import { z } from 'zod';
import { maxTokensMode, modelName } from '../../../../main/core/api/schemas.ts';
import type { PolicyRule } from '../../../../main/core/governance/policy-merge.ts';
import type { Policy } from '../../trpc/types.ts';
import type { Target } from '../hierarchy/useHierarchy.ts';

/** Mirror of policies.set's input (the router's schema sits beside Node-only code); pieces are the server's own. */
const limit = z.number().int('a whole number').positive('more than 0').max(1e9).nullable();
export const policySchema = z.object({
  allowedModels: z.array(modelName).max(200, 'at most 200 models').nullable(),
  maxTokensPerRequest: limit,
  maxTokensMode,
  rpm: limit,
  tpm: limit,
});
export type PolicyValues = z.infer<typeof policySchema>;

/** What the form edits: numbers as typed (NumberInput gives '' when empty), the allowlist switchable. */
export interface PolicyDraft {
  restrictModels: boolean;
  allowedModels: string[];
  maxTokensPerRequest: number | string;
  maxTokensMode: 'reject' | 'clamp';
  rpm: number | string;
  tpm: number | string;
}

export const emptyDraft: PolicyDraft = {
  restrictModels: false, allowedModels: [], maxTokensPerRequest: '', maxTokensMode: 'reject', rpm: '', tpm: '',
};

export function draftOf(p: Policy | undefined): PolicyDraft {
  if (!p) return emptyDraft;
  return {
    restrictModels: p.allowedModels !== null, allowedModels: p.allowedModels ?? [],
    maxTokensPerRequest: p.maxTokensPerRequest ?? '', maxTokensMode: p.maxTokensMode, rpm: p.rpm ?? '', tpm: p.tpm ?? '',
  };
}

const num = (v: number | string): number | null => (v === '' ? null : typeof v === 'number' ? v : Number(v));

export function valuesOf(d: PolicyDraft) {
  return {
    allowedModels: d.restrictModels ? d.allowedModels : null,
    maxTokensPerRequest: num(d.maxTokensPerRequest), maxTokensMode: d.maxTokensMode, rpm: num(d.rpm), tpm: num(d.tpm),
  };
}

/** The chain's stored policies with the draft standing in for the edited level: input for mergePolicies. */
export function previewChain(chain: Target[], stored: Policy[], edited: Target, draft: PolicyValues | null): PolicyRule[] {
  const rules: PolicyRule[] = [];
  for (const level of chain) {
    if (level.scope === edited.scope && level.id === edited.id) {
      if (draft) rules.push({ scope: level.scope, targetId: level.id, ...draft });
      continue;
    }
    const p = stored.find((s) => s.scope === level.scope && s.targetId === level.id);
    if (p) rules.push(p);
  }
  return rules;
}

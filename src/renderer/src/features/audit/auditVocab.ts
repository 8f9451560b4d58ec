/** Actions the core writes today (services, credits, gateway denials); the filter also accepts any other text. */
export const AUDIT_ACTIONS = [
  'org.create', 'org.update', 'workspace.create', 'workspace.rename', 'workspace.disable', 'workspace.enable', 'workspace.delete',
  'group.create', 'group.rename', 'group.disable', 'group.enable', 'group.delete', 'agent.create', 'agent.rename', 'agent.disable',
  'agent.enable', 'agent.delete', 'api_key.create', 'api_key.revoke', 'credential.create', 'credential.delete', 'policy.set',
  'policy.delete', 'budget.create', 'budget.update', 'budget.delete', 'pricing.set', 'pricing.reset', 'settings.update',
  'member.invite', 'member.change_role', 'member.remove', 'member.join', 'credits.purchase', 'credits.refund',
  'credits.adjustment', 'request.budget_exceeded', 'request.insufficient_balance', 'request.target_disabled',
  'request.model_not_allowed', 'request.rate_limited', 'request.max_tokens_exceeded', 'request.agent_disabled',
];

export const AUDIT_TARGET_TYPES = [
  'org', 'workspace', 'group', 'agent', 'api_key', 'credential', 'policy', 'budget', 'pricing', 'settings', 'user', 'ledger_entry',
];

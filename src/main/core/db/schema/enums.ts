// Value sets shared by both dialect schemas, the API's zod inputs and the UI.
export const ROLES = ['viewer', 'member', 'admin', 'owner'] as const;
export type Role = (typeof ROLES)[number];

export const AGENT_STATUSES = ['active', 'disabled'] as const;
export type AgentStatus = (typeof AGENT_STATUSES)[number];

export const SCOPES = ['org', 'workspace', 'group', 'agent'] as const;
export type Scope = (typeof SCOPES)[number];

export const PERIODS = ['DAILY', 'MONTHLY', 'TOTAL'] as const;
export type Period = (typeof PERIODS)[number];

export const LEDGER_KINDS = ['purchase', 'charge', 'refund', 'adjustment'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

export const PROVIDERS = ['openai', 'anthropic', 'mock'] as const;
export type ProviderId = (typeof PROVIDERS)[number];

export const MAX_TOKENS_MODES = ['reject', 'clamp'] as const;
export type MaxTokensMode = (typeof MAX_TOKENS_MODES)[number];

/** SQL predicate text enforcing "exactly one target" on policies and budgets; same text on both engines. */
export const ONE_TARGET_CHECK = `(
  (scope = 'org' AND target_id = org_id AND workspace_id IS NULL AND agent_group_id IS NULL AND agent_id IS NULL) OR
  (scope = 'workspace' AND target_id = workspace_id AND agent_group_id IS NULL AND agent_id IS NULL) OR
  (scope = 'group' AND target_id = agent_group_id AND workspace_id IS NULL AND agent_id IS NULL) OR
  (scope = 'agent' AND target_id = agent_id AND workspace_id IS NULL AND agent_group_id IS NULL)
)`;

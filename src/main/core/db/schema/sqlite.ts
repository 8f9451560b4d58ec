// SQLite schema. Must agree with pg.ts column for column (test/db/schema-agree.test.ts checks the types).
import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { AgentStatus, LedgerKind, MaxTokensMode, Period, Role, Scope } from './enums.ts';
import { ONE_TARGET_CHECK } from './enums.ts';

const ts = (name: string) => integer(name, { mode: 'timestamp_ms' });
const money = (name: string) => integer(name, { mode: 'number' });

export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  passwordHash: text('password_hash'),
  createdAt: ts('created_at').notNull(),
});

export const sessions = sqliteTable('sessions', {
  id: text('id').primaryKey(), // SHA-256 of the bearer token; the token itself is never stored
  userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  createdAt: ts('created_at').notNull(),
  expiresAt: ts('expires_at').notNull(),
  revokedAt: ts('revoked_at'),
}, (t) => [index('sessions_user_idx').on(t.userId)]);

export const organizations = sqliteTable('organizations', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  timezone: text('timezone').notNull().default('UTC'),
  status: text('status').$type<AgentStatus>().notNull().default('active'),
  createdAt: ts('created_at').notNull(),
});

export const billingAccounts = sqliteTable('billing_accounts', {
  id: text('id').primaryKey(),
  orgId: text('org_id').notNull().unique().references(() => organizations.id, { onDelete: 'cascade' }),
  lowBalanceMicro: money('low_balance_micro').notNull().default(0),
  createdAt: ts('created_at').notNull(),
});

export const memberships = sqliteTable('memberships', {
  orgId: text('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
  userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  role: text('role').$type<Role>().notNull(),
  createdAt: ts('created_at').notNull(),
}, (t) => [primaryKey({ columns: [t.orgId, t.userId] }), index('memberships_user_idx').on(t.userId),
  check('memberships_role_check', sql`role IN ('viewer','member','admin','owner')`)]);

export const invites = sqliteTable('invites', {
  id: text('id').primaryKey(),
  orgId: text('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
  email: text('email').notNull(),
  role: text('role').$type<Role>().notNull(),
  invitedBy: text('invited_by').notNull(),
  createdAt: ts('created_at').notNull(),
  acceptedAt: ts('accepted_at'),
}, (t) => [uniqueIndex('invites_org_email_idx').on(t.orgId, t.email)]);

export const workspaces = sqliteTable('workspaces', {
  id: text('id').primaryKey(),
  orgId: text('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  status: text('status').$type<AgentStatus>().notNull().default('active'),
  createdAt: ts('created_at').notNull(),
}, (t) => [index('workspaces_org_idx').on(t.orgId)]);

export const agentGroups = sqliteTable('agent_groups', {
  id: text('id').primaryKey(),
  orgId: text('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
  workspaceId: text('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  status: text('status').$type<AgentStatus>().notNull().default('active'),
  createdAt: ts('created_at').notNull(),
}, (t) => [index('agent_groups_ws_idx').on(t.workspaceId)]);

export const agents = sqliteTable('agents', {
  id: text('id').primaryKey(),
  orgId: text('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
  workspaceId: text('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
  agentGroupId: text('agent_group_id').notNull().references(() => agentGroups.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  status: text('status').$type<AgentStatus>().notNull().default('active'),
  disabledReason: text('disabled_reason'),
  createdAt: ts('created_at').notNull(),
}, (t) => [index('agents_group_idx').on(t.agentGroupId), index('agents_org_idx').on(t.orgId),
  check('agents_status_check', sql`status IN ('active','disabled')`)]);

export const apiKeys = sqliteTable('api_keys', {
  id: text('id').primaryKey(),
  orgId: text('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
  agentId: text('agent_id').notNull().references(() => agents.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  prefix: text('prefix').notNull(),
  keyHash: text('key_hash').notNull().unique(),
  last4: text('last4').notNull(),
  createdAt: ts('created_at').notNull(),
  expiresAt: ts('expires_at'),
  revokedAt: ts('revoked_at'),
  lastUsedAt: ts('last_used_at'),
}, (t) => [index('api_keys_agent_idx').on(t.agentId)]);

export const providerCredentials = sqliteTable('provider_credentials', {
  id: text('id').primaryKey(),
  orgId: text('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
  provider: text('provider').notNull(),
  label: text('label').notNull(),
  baseUrl: text('base_url'),
  secretCiphertext: text('secret_ciphertext').notNull(), // AES-256-GCM, base64 "iv.tag.data"
  secretLast4: text('secret_last4').notNull(),
  createdAt: ts('created_at').notNull(),
}, (t) => [index('provider_credentials_org_idx').on(t.orgId)]);

export const policies = sqliteTable('policies', {
  id: text('id').primaryKey(),
  orgId: text('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
  scope: text('scope').$type<Scope>().notNull(),
  targetId: text('target_id').notNull(), // = the id named by scope; gives a NULL-free unique key
  workspaceId: text('workspace_id').references(() => workspaces.id, { onDelete: 'cascade' }),
  agentGroupId: text('agent_group_id').references(() => agentGroups.id, { onDelete: 'cascade' }),
  agentId: text('agent_id').references(() => agents.id, { onDelete: 'cascade' }),
  allowedModels: text('allowed_models', { mode: 'json' }).$type<string[] | null>(),
  maxTokensPerRequest: integer('max_tokens_per_request', { mode: 'number' }),
  maxTokensMode: text('max_tokens_mode').$type<MaxTokensMode>().notNull().default('reject'),
  rpm: integer('rpm', { mode: 'number' }),
  tpm: integer('tpm', { mode: 'number' }),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
}, (t) => [check('policies_one_target', sql.raw(ONE_TARGET_CHECK)),
  uniqueIndex('policies_target_idx').on(t.scope, t.targetId)]);

export const budgets = sqliteTable('budgets', {
  id: text('id').primaryKey(),
  orgId: text('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
  scope: text('scope').$type<Scope>().notNull(),
  targetId: text('target_id').notNull(), // = the id named by scope; gives a NULL-free unique key
  workspaceId: text('workspace_id').references(() => workspaces.id, { onDelete: 'cascade' }),
  agentGroupId: text('agent_group_id').references(() => agentGroups.id, { onDelete: 'cascade' }),
  agentId: text('agent_id').references(() => agents.id, { onDelete: 'cascade' }),
  period: text('period').$type<Period>().notNull(),
  limitMicro: money('limit_micro').notNull(),
  autoDisable: integer('auto_disable', { mode: 'boolean' }).notNull().default(false),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
}, (t) => [check('budgets_one_target', sql.raw(ONE_TARGET_CHECK)),
  check('budgets_limit_positive', sql`limit_micro > 0`),
  check('budgets_period_check', sql`period IN ('DAILY','MONTHLY','TOTAL')`),
  index('budgets_org_idx').on(t.orgId), uniqueIndex('budgets_target_period_idx').on(t.scope, t.targetId, t.period)]);

export const pricing = sqliteTable('pricing', {
  id: text('id').primaryKey(),
  orgId: text('org_id').notNull().default(''), // '' = built-in price, otherwise an org's override
  modelPattern: text('model_pattern').notNull(),
  provider: text('provider').notNull(),
  inputMicroUsdPerMtok: money('input_micro_usd_per_mtok').notNull(),
  outputMicroUsdPerMtok: money('output_micro_usd_per_mtok').notNull(),
  maxOutputTokens: integer('max_output_tokens', { mode: 'number' }).notNull(),
  updatedAt: ts('updated_at').notNull(),
}, (t) => [uniqueIndex('pricing_org_pattern_idx').on(t.orgId, t.modelPattern)]);

export const settings = sqliteTable('settings', {
  orgId: text('org_id').notNull().default(''), // '' = instance-wide
  key: text('key').notNull(),
  value: text('value', { mode: 'json' }).$type<unknown>().notNull(),
  updatedAt: ts('updated_at').notNull(),
}, (t) => [primaryKey({ columns: [t.orgId, t.key] })]);

export const ledgerEntries = sqliteTable('ledger_entries', {
  id: text('id').primaryKey(),
  orgId: text('org_id').notNull().references(() => organizations.id),
  kind: text('kind').$type<LedgerKind>().notNull(),
  amountMicro: money('amount_micro').notNull(), // signed: purchases +, charges -
  idempotencyKey: text('idempotency_key').notNull().unique(),
  workspaceId: text('workspace_id'),
  agentGroupId: text('agent_group_id'),
  agentId: text('agent_id'),
  requestId: text('request_id'),
  actorUserId: text('actor_user_id'),
  description: text('description').notNull().default(''),
  createdAt: ts('created_at').notNull(),
}, (t) => [index('ledger_org_created_idx').on(t.orgId, t.createdAt), index('ledger_agent_idx').on(t.agentId, t.createdAt),
  check('ledger_kind_check', sql`kind IN ('purchase','charge','refund','adjustment')`)]);

export const usageEvents = sqliteTable('usage_events', {
  id: text('id').primaryKey(),
  orgId: text('org_id').notNull().references(() => organizations.id),
  requestId: text('request_id').notNull().unique(),
  workspaceId: text('workspace_id').notNull(),
  agentGroupId: text('agent_group_id').notNull(),
  agentId: text('agent_id').notNull(),
  apiKeyId: text('api_key_id').notNull(),
  endpoint: text('endpoint').notNull(),
  model: text('model').notNull(),
  provider: text('provider').notNull(),
  status: integer('status', { mode: 'number' }).notNull(),
  errorCode: text('error_code'),
  inputTokens: integer('input_tokens', { mode: 'number' }).notNull(),
  outputTokens: integer('output_tokens', { mode: 'number' }).notNull(),
  costMicro: money('cost_micro').notNull(),
  estimated: integer('estimated', { mode: 'boolean' }).notNull().default(false),
  credentialSource: text('credential_source').notNull(),
  latencyMs: integer('latency_ms', { mode: 'number' }).notNull(),
  ttftMs: integer('ttft_ms', { mode: 'number' }),
  createdAt: ts('created_at').notNull(),
}, (t) => [index('usage_org_created_idx').on(t.orgId, t.createdAt), index('usage_agent_created_idx').on(t.agentId, t.createdAt)]);

export const auditLog = sqliteTable('audit_log', {
  id: text('id').primaryKey(),
  orgId: text('org_id'),
  actorType: text('actor_type').notNull(), // 'user' | 'system' | 'agent'
  actorId: text('actor_id'),
  action: text('action').notNull(),
  targetType: text('target_type').notNull(),
  targetId: text('target_id'),
  details: text('details', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  createdAt: ts('created_at').notNull(),
}, (t) => [index('audit_org_created_idx').on(t.orgId, t.createdAt)]);

// Derived from ledger_entries and written only by the ledger writer, in the same transaction as the entries they
// sum; `ledger.verify` recomputes both. Spend = -SUM(amount) of 'charge' entries per target and period bucket
// (period_start = the bucket's first instant in the org's time zone; 0 for TOTAL).
export const spendRollups = sqliteTable('spend_rollups', {
  orgId: text('org_id').notNull().references(() => organizations.id),
  scope: text('scope').$type<Scope>().notNull(),
  targetId: text('target_id').notNull(),
  period: text('period').$type<Period>().notNull(),
  periodStart: ts('period_start').notNull(),
  spentMicro: money('spent_micro').notNull(),
  charges: integer('charges', { mode: 'number' }).notNull(),
}, (t) => [primaryKey({ columns: [t.scope, t.targetId, t.period, t.periodStart] }),
  index('spend_rollups_org_idx').on(t.orgId, t.period, t.periodStart)]);

/** Balance = SUM(ledger_entries.amount_micro) per org, kept beside the entries so reading it is O(1). */
export const orgBalances = sqliteTable('org_balances', {
  orgId: text('org_id').primaryKey().references(() => organizations.id),
  balanceMicro: money('balance_micro').notNull(),
  entries: integer('entries', { mode: 'number' }).notNull(),
});

// Usage rollups for analytics (src/main/core/analytics), kept by applyUsageRollups in the transaction that inserts
// the usage events; rebuildUsageRollups recomputes them. grain 'hour' = UTC hour, 'day' = the org's local day.
// Histograms are sparse JSON objects { bucket index: count } over fixed log-scale buckets (analytics/histogram.ts).
export const usageRollups = sqliteTable('usage_rollups', {
  orgId: text('org_id').notNull().references(() => organizations.id),
  grain: text('grain').$type<'hour' | 'day'>().notNull(),
  bucketStart: ts('bucket_start').notNull(),
  workspaceId: text('workspace_id').notNull(),
  agentGroupId: text('agent_group_id').notNull(),
  agentId: text('agent_id').notNull(),
  requests: integer('requests', { mode: 'number' }).notNull(),
  errors: integer('errors', { mode: 'number' }).notNull(),
  inputTokens: money('input_tokens').notNull(),
  outputTokens: money('output_tokens').notNull(),
  costMicro: money('cost_micro').notNull(),
  latencyHist: text('latency_hist', { mode: 'json' }).$type<Record<string, number>>().notNull(),
  ttftHist: text('ttft_hist', { mode: 'json' }).$type<Record<string, number>>().notNull(),
}, (t) => [primaryKey({ name: 'usage_rollups_pk',
  columns: [t.orgId, t.grain, t.bucketStart, t.agentId, t.workspaceId, t.agentGroupId] }),
  check('usage_rollups_grain_check', sql`grain IN ('hour','day')`)]);

/** The same counters per model (no histograms): only model breakdowns read it. */
export const usageModelRollups = sqliteTable('usage_model_rollups', {
  orgId: text('org_id').notNull().references(() => organizations.id),
  grain: text('grain').$type<'hour' | 'day'>().notNull(),
  bucketStart: ts('bucket_start').notNull(),
  workspaceId: text('workspace_id').notNull(),
  agentGroupId: text('agent_group_id').notNull(),
  agentId: text('agent_id').notNull(),
  model: text('model').notNull(),
  requests: integer('requests', { mode: 'number' }).notNull(),
  errors: integer('errors', { mode: 'number' }).notNull(),
  inputTokens: money('input_tokens').notNull(),
  outputTokens: money('output_tokens').notNull(),
  costMicro: money('cost_micro').notNull(),
}, (t) => [primaryKey({ name: 'usage_model_rollups_pk',
  columns: [t.orgId, t.grain, t.bucketStart, t.agentId, t.model, t.workspaceId, t.agentGroupId] }),
  // Covering, in (bucket, model) order: model series and rankings read no table rows and sort nothing (~3x faster).
  index('usage_model_rollups_cover_idx').on(t.orgId, t.grain, t.bucketStart, t.model, t.requests, t.errors, t.costMicro,
    t.inputTokens, t.outputTokens, t.agentId, t.workspaceId, t.agentGroupId),
  check('usage_model_rollups_grain_check', sql`grain IN ('hour','day')`)]);

/** Org-wide totals and histograms per bucket: unfiltered dashboards read one row per hour or day, however many agents. */
export const usageOrgRollups = sqliteTable('usage_org_rollups', {
  orgId: text('org_id').notNull().references(() => organizations.id),
  grain: text('grain').$type<'hour' | 'day'>().notNull(),
  bucketStart: ts('bucket_start').notNull(),
  requests: integer('requests', { mode: 'number' }).notNull(),
  errors: integer('errors', { mode: 'number' }).notNull(),
  inputTokens: money('input_tokens').notNull(),
  outputTokens: money('output_tokens').notNull(),
  costMicro: money('cost_micro').notNull(),
  latencyHist: text('latency_hist', { mode: 'json' }).$type<Record<string, number>>().notNull(),
  ttftHist: text('ttft_hist', { mode: 'json' }).$type<Record<string, number>>().notNull(),
}, (t) => [primaryKey({ name: 'usage_org_rollups_pk', columns: [t.orgId, t.grain, t.bucketStart] }),
  check('usage_org_rollups_grain_check', sql`grain IN ('hour','day')`)]);

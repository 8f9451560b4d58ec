import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../../main/core/api/root.ts';

export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type RouterInputs = inferRouterInputs<AppRouter>;

export type Workspace = RouterOutputs['workspaces']['list'][number];
export type AgentGroup = RouterOutputs['agentGroups']['list'][number];
export type Agent = RouterOutputs['agents']['list'][number];
export type ApiKey = RouterOutputs['apiKeys']['list'][number];
export type Policy = RouterOutputs['policies']['list'][number];
export type Budget = RouterOutputs['budgets']['list'][number];
export type Credential = RouterOutputs['credentials']['list'][number];
export type PriceRow = RouterOutputs['pricing']['list'][number];
export type RouteRow = RouterOutputs['routing']['list'][number];
export type AuditEntry = RouterOutputs['audit']['list']['items'][number];
export type LedgerEntry = RouterOutputs['ledger']['list']['items'][number];
export type OrgSettings = RouterOutputs['settings']['get'];
export type EffectivePolicy = RouterOutputs['policies']['effective'];
export type Member = RouterOutputs['orgs']['members']['list']['members'][number];
export type Invite = RouterOutputs['orgs']['members']['list']['invites'][number];

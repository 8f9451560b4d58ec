import type { TestApp } from './app.ts';
import { registerUser } from './app.ts';

export interface Tenant {
  ownerId: string;
  viewerId: string;
  /** One id of every kind of tenant-owned object, keyed by the input field that names it. */
  ids: Record<string, string>;
}

/** An org with one object of every kind, an owner and a viewer. */
export async function seedTenant(t: TestApp, ownerEmail: string): Promise<Tenant> {
  const owner = await registerUser(t, ownerEmail);
  const api = t.as(owner.id);
  const existing = await api.orgs.listMine();
  const org = existing[0] ?? (await api.orgs.create({ name: `${ownerEmail} org` }));
  const viewerEmail = `viewer.${ownerEmail}`;
  const viewer = await registerUser(t, viewerEmail);
  await api.orgs.members.invite({ orgId: org.id, email: viewerEmail, role: 'viewer' });
  const ws = await api.workspaces.create({ orgId: org.id, name: 'Main' });
  const grp = await api.agentGroups.create({ workspaceId: ws.id, name: 'Bots' });
  const agent = await api.agents.create({ agentGroupId: grp.id, name: 'bot-1' });
  const key = await api.apiKeys.create({ agentId: agent.id, name: 'k' });
  const cred = await api.credentials.create({ orgId: org.id, provider: 'openai', label: 'main', secret: 'sk-tenant-secret-0001' });
  const pol = await api.policies.set({ orgId: org.id, target: { scope: 'workspace', id: ws.id }, rpm: 60 });
  const bud = await api.budgets.create({ orgId: org.id, target: { scope: 'agent', id: agent.id }, period: 'MONTHLY', limitCredits: 5 });
  return {
    ownerId: owner.id,
    viewerId: viewer.id,
    ids: {
      orgId: org.id, workspaceId: ws.id, agentGroupId: grp.id, agentId: agent.id, apiKeyId: key.key.id,
      credentialId: cred.id, policyId: pol.id, budgetId: bud.id, userId: owner.id,
    },
  };
}

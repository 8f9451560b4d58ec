import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../helpers/engines.ts';
import type { TestApp } from '../helpers/app.ts';
import { registerUser, startApp } from '../helpers/app.ts';

describe.each(engines())('management API on $name', (engine) => {
  let t: TestApp;
  let owner: { id: string; token: string };

  beforeAll(async () => {
    if (!engine.available) return;
    t = await startApp(engine);
    owner = await registerUser(t, 'owner@example.com');
  });
  afterAll(async () => t?.close());

  it.skipIf(!engine.available)('gives the first user an org and walks the hierarchy down to a key', async () => {
    const api = t.as(owner.id);
    const [org] = await api.orgs.listMine();
    expect(org).toMatchObject({ name: 'My organization', role: 'owner' });
    const ws = await api.workspaces.create({ orgId: org!.id, name: 'Research' });
    const grp = await api.agentGroups.create({ workspaceId: ws.id, name: 'Crawlers' });
    const agent = await api.agents.create({ agentGroupId: grp.id, name: 'crawler-1' });
    expect(agent).toMatchObject({ workspaceId: ws.id, agentGroupId: grp.id, status: 'active' });

    const created = await api.apiKeys.create({ agentId: agent.id, name: 'ci' });
    expect(created.plaintext).toMatch(/^cpk_[A-Za-z0-9_-]{40}$/);
    expect(created.key.last4).toBe(created.plaintext.slice(-4));
    const listed = await api.apiKeys.list({ agentId: agent.id });
    expect(listed).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain(created.plaintext);
    expect(Object.keys(listed[0]!)).not.toContain('keyHash');

    await api.agents.disable({ agentId: agent.id });
    expect((await api.agents.get({ agentId: agent.id })).status).toBe('disabled');
    await api.agents.enable({ agentId: agent.id });
    await api.agents.rename({ agentId: agent.id, name: 'crawler-one' });
    expect((await api.agents.list({ orgId: org!.id })).map((a) => a.name)).toEqual(['crawler-one']);

    const revoked = await api.apiKeys.revoke({ apiKeyId: created.key.id });
    expect(revoked.revokedAt).toBeInstanceOf(Date);

    const audit = await api.audit.list({ orgId: org!.id });
    const actions = audit.items.map((a) => a.action);
    for (const a of ['org.create', 'workspace.create', 'group.create', 'agent.create', 'api_key.create', 'agent.disable',
      'agent.enable', 'agent.rename', 'api_key.revoke']) expect(actions).toContain(a);
    expect(audit.items.every((a) => a.actorId === owner.id)).toBe(true);

    await api.agents.delete({ agentId: agent.id });
    await expect(api.agents.get({ agentId: agent.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it.skipIf(!engine.available)('stores provider secrets encrypted and never returns them', async () => {
    const api = t.as(owner.id);
    const [org] = await api.orgs.listMine();
    const secret = 'sk-test-abcdefghijklmnop1234';
    const cred = await api.credentials.create({ orgId: org!.id, provider: 'openai', label: 'main', secret });
    expect(JSON.stringify(cred)).not.toContain(secret);
    expect(cred.secretLast4).toBe('1234');
    const rows = await t.app.database.db.select().from(t.app.database.t.providerCredentials);
    expect(rows[0]!.secretCiphertext).not.toContain(secret);
    expect(t.app.deps.box.open(rows[0]!.secretCiphertext)).toBe(secret);
    expect(JSON.stringify(await api.credentials.list({ orgId: org!.id }))).not.toContain(secret);
  });

  it.skipIf(!engine.available)('merges policies, most restrictive wins, and names the level', async () => {
    const api = t.as(owner.id);
    const [org] = await api.orgs.listMine();
    const ws = await api.workspaces.create({ orgId: org!.id, name: 'W' });
    const grp = await api.agentGroups.create({ workspaceId: ws.id, name: 'G' });
    const agent = await api.agents.create({ agentGroupId: grp.id, name: 'A' });
    await api.policies.set({ orgId: org!.id, target: { scope: 'org', id: org!.id }, maxTokensPerRequest: 4000, rpm: 100,
      allowedModels: ['mock-*', 'gpt-4o'] });
    await api.policies.set({ orgId: org!.id, target: { scope: 'group', id: grp.id }, maxTokensPerRequest: 1000, rpm: 500 });
    await api.policies.set({ orgId: org!.id, target: { scope: 'agent', id: agent.id }, allowedModels: ['mock-gpt', 'gpt-4o-mini'] });
    const eff = await api.policies.effective({ agentId: agent.id });
    expect(eff.maxTokensPerRequest).toMatchObject({ value: 1000, scope: 'group', targetId: grp.id });
    expect(eff.rpm).toMatchObject({ value: 100, scope: 'org' });
    expect(eff.allowedModels.value).toEqual(['mock-gpt']);
  });

  it.skipIf(!engine.available)('validates budgets: one target, positive limit, known period', async () => {
    const api = t.as(owner.id);
    const [org] = await api.orgs.listMine();
    const ws = await api.workspaces.create({ orgId: org!.id, name: 'Budgeted' });
    const b = await api.budgets.create({ orgId: org!.id, target: { scope: 'workspace', id: ws.id }, period: 'DAILY', limitCredits: 12.5 });
    expect(b).toMatchObject({ limitMicro: 12_500_000, scope: 'workspace', workspaceId: ws.id, agentId: null });
    await expect(api.budgets.create({ orgId: org!.id, target: { scope: 'workspace', id: ws.id }, period: 'DAILY', limitCredits: 1 }))
      .rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(api.budgets.create({ orgId: org!.id, target: { scope: 'workspace', id: ws.id }, period: 'WEEKLY' as 'DAILY', limitCredits: 1 }))
      .rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(api.budgets.create({ orgId: org!.id, target: { scope: 'org', id: org!.id }, period: 'TOTAL', limitCredits: -3 }))
      .rejects.toMatchObject({ code: 'BAD_REQUEST' });
    // The database refuses a row that targets two levels even if a bug let one through.
    const { db, t: tables } = t.app.database;
    await expect(db.insert(tables.budgets).values({ id: 'bud_bad', orgId: org!.id, scope: 'workspace', targetId: ws.id,
      workspaceId: ws.id, agentGroupId: null, agentId: 'agt_x', period: 'DAILY', limitMicro: 1, autoDisable: false,
      createdAt: new Date(), updatedAt: new Date() })).rejects.toThrow();
  });
});

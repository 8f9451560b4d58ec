// Every page of the panel, populated, in light and dark: e2e/artifacts/<page>-<scheme>.png. Also checks that each
// page renders its heading without console errors, and that keyboard focus is visible.
import { api } from './api.ts';
import { chat } from './gateway.ts';
import { expect, expectLabelled, newUser, shoot, test } from './fixtures.ts';

test('every page renders, in light and dark', async ({ panel, page, server }) => {
  await panel.auth.open();
  await shoot(page, 'signin');
  await panel.auth.register(newUser('ada'));
  await panel.onboarding.heading().waitFor();
  await shoot(page, 'onboarding');
  const { apiKey } = await panel.onboarding.complete({ org: 'Acme Robotics', workspace: 'Engineering', group: 'Coding agents', agent: 'claude-laptop' });
  expect(apiKey).toMatch(/^cpk_/);
  await shoot(page, 'onboarding-key');
  for (const tab of ['OpenAI SDK (Python)', 'OpenAI SDK (JS)', 'Claude Code'] as const) {
    const text = await panel.onboarding.snippet(tab);
    expect(text).toContain(apiKey);
    expect(text).toContain(server.url);
  }

  // Populate the rest through the API: a second workspace, limits at several levels, a BYOK key, prices, routes.
  const orgId = panel.shell.orgId();
  const t = api(page, server.url);
  const ws = await t.mutate<{ id: string }>('workspaces.create', { orgId, name: 'Research' });
  const grp = await t.mutate<{ id: string }>('agentGroups.create', { workspaceId: ws.id, name: 'Batch jobs' });
  const a1 = await t.mutate<{ id: string }>('agents.create', { agentGroupId: grp.id, name: 'nightly-summarizer' });
  await t.mutate('agents.create', { agentGroupId: grp.id, name: 'paper-crawler' });
  await t.mutate('agents.disable', { agentId: a1.id });
  await t.mutate('policies.set', { orgId, target: { scope: 'org', id: orgId }, rpm: 600, maxTokensPerRequest: 32000 });
  await t.mutate('policies.set', { orgId, target: { scope: 'workspace', id: ws.id }, allowedModels: ['mock-*', 'gpt-5-mini'], rpm: 60 });
  await t.mutate('budgets.create', { orgId, target: { scope: 'org', id: orgId }, period: 'MONTHLY', limitCredits: 500 });
  await t.mutate('budgets.create', { orgId, target: { scope: 'workspace', id: ws.id }, period: 'DAILY', limitCredits: 5, autoDisable: true });
  await t.mutate('credentials.create', { orgId, provider: 'openai', label: 'Team OpenRouter', baseUrl: 'https://openrouter.ai/api/v1', secret: 'sk-or-test-1234567890abcd' });
  await t.mutate('pricing.upsert', { orgId, modelPattern: 'llama-3.1-70b', provider: 'openai', inputUsdPerMtok: 0.6, outputUsdPerMtok: 0.8, maxOutputTokens: 8192 });
  await t.mutate('routing.set', { orgId, alias: 'fast', target: 'mock:mock-gpt' });
  await t.mutate('orgs.members.invite', { orgId, email: 'grace@example.com', role: 'member' });
  await t.mutate('credits.purchase', { orgId, amountCredits: 250, idempotencyKey: 'e2e-seed-purchase' });
  // Some traffic for the charts: answered requests and a few refused by the model allowlist.
  for (let i = 0; i < 12; i++) expect((await chat(server.url, apiKey, 'mock-gpt', i % 3 === 0)).status).toBe(200);
  await t.mutate('policies.set', { orgId, target: { scope: 'org', id: orgId }, rpm: 600, maxTokensPerRequest: 32000, allowedModels: ['mock-gpt'] });
  for (let i = 0; i < 3; i++) expect((await chat(server.url, apiKey, 'mock-claude')).status).toBe(403);

  await page.goto(`${server.url}/#/o/${orgId}/dashboard`);
  const pages: [string, string][] = [
    ['Dashboard', 'dashboard'], ['Credits', 'credits'], ['Audit log', 'audit'], ['Agents', 'agents'], ['Policies', 'policies'],
    ['Budgets', 'budgets'], ['Members', 'members'], ['Provider keys', 'credentials'], ['Routing', 'routing'],
    ['Pricing', 'pricing'], ['Settings', 'settings'], ['Get started', 'welcome'],
  ];
  for (const [label, file] of pages) {
    await panel.shell.go(label);
    await shoot(page, file);
    await expectLabelled(page);
  }

  // The agent page, a dialog and the keyboard: Tab reaches the key button with a visible focus ring.
  await panel.shell.go('Agents');
  await panel.hierarchy.openAgent('claude-laptop');
  await expect(panel.agent.keyRow('first key')).toBeVisible();
  await expect(panel.agent.effectiveRow('Requests per minute')).toContainText('600 RPM');
  await expect(panel.agent.effectiveRow('Requests per minute')).toContainText('Acme Robotics');
  // The refusals name the level that refused them: the org's allowlist.
  await expect(panel.agent.denials().first()).toContainText('model not allowed');
  await expect(panel.agent.denials().first()).toContainText('Acme Robotics');
  await expect(panel.agent.requests()).toHaveCount(15);
  await shoot(page, 'agent');
  await page.getByRole('button', { name: 'New key' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('dialog', { name: 'New API key' }).waitFor();
  await page.keyboard.type('ci runner');
  await page.keyboard.press('Enter');
  const shown = page.getByRole('dialog', { name: /API key “ci runner” created/ });
  await shown.waitFor();
  await shoot(page, 'key-shown-once');
  await shown.getByRole('button', { name: 'I have copied the key' }).click();
  await panel.shell.go('Agents');
  await page.getByRole('button', { name: 'Actions for Workspace Research' }).click();
  await page.getByRole('menuitem', { name: 'Delete…' }).click();
  await shoot(page, 'confirm-delete');
});

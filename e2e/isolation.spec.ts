// Isolation: a user of another org sees nothing of the first — not in lists, not by URL, not through the API.
import { expect, newUser, shoot, test, watchProblems } from './fixtures.ts';
import { Panel } from './pages/Panel.ts';

test('a second user in another org sees nothing of the first', async ({ panel, browser, server }) => {
  const ada = newUser('ada');
  await panel.auth.open();
  await panel.auth.register(ada);
  await panel.onboarding.heading().waitFor();
  const adaOrg = panel.shell.orgId();
  await panel.shell.go('Agents');
  await panel.hierarchy.createWorkspace('Alpha secret lab');
  await panel.hierarchy.addGroup('Alpha secret lab', 'Alpha bots');
  await panel.hierarchy.addAgent('Alpha bots', 'alpha-crawler');
  await panel.hierarchy.openAgent('alpha-crawler');
  const agentUrl = panel.page.url();

  // Bob, in his own browser context (own cookies), registers on the same instance.
  const ctx = await browser.newContext({ baseURL: server.url });
  const page = await ctx.newPage();
  const problems: string[] = [];
  watchProblems(page, problems);
  const bob = new Panel(page);
  await bob.auth.open();
  await bob.auth.register(newUser('bob'));
  // Not the first user: no org of his own yet, and none of Ada's.
  await page.getByRole('heading', { name: 'You are not in an organization yet' }).waitFor();
  await shoot(page, 'no-org');
  await page.getByRole('textbox', { name: 'Organization name' }).fill('Beta Inc');
  await page.getByRole('button', { name: 'Create organization' }).click();
  await bob.onboarding.heading().waitFor();
  await expect(bob.shell.currentOrg()).toHaveText('Beta Inc');
  await bob.shell.go('Agents');
  await expect(page.getByText('No workspaces yet')).toBeVisible();
  await expect(page.getByText('Alpha secret lab')).toHaveCount(0);

  // The org switcher lists only Beta Inc.
  await page.getByRole('button', { name: /Switch organization/ }).click();
  await expect(page.getByRole('menuitem')).toHaveText(['Beta Inc', 'New organization'].map((t) => new RegExp(t)));
  await page.keyboard.press('Escape');

  // Ada's org and agent by address: not found, with nothing of hers on screen.
  await page.goto(`${server.url}/#/o/${adaOrg}/dashboard`);
  await expect(bob.shell.orgNotFound()).toBeVisible();
  await shoot(page, 'org-not-found');
  await page.goto(agentUrl);
  await expect(bob.shell.orgNotFound()).toBeVisible();
  await expect(page.getByText('alpha-crawler')).toHaveCount(0);

  // And through the API with Bob's session: NOT_FOUND, not FORBIDDEN (ids of other tenants reveal nothing).
  const r = await page.request.get(`${server.url}/trpc/workspaces.list?input=${encodeURIComponent(JSON.stringify({ orgId: adaOrg }))}`);
  expect(r.status()).toBe(404);
  expect(JSON.stringify(await r.json())).not.toContain('Alpha');
  expect(problems).toEqual([]);
  await ctx.close();
});

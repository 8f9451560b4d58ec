// The hierarchy tree: create, rename, disable/enable, delete (confirmed) at each level, status badges, search,
// and the same through the keyboard alone.
import { expect, newUser, test } from './fixtures.ts';

test('create, rename, disable, enable, delete and search the tree', async ({ panel, page }) => {
  await panel.auth.open();
  await panel.auth.register(newUser('tree'));
  await panel.onboarding.heading().waitFor();
  await panel.shell.go('Agents');
  const h = panel.hierarchy;
  await expect(page.getByText('No workspaces yet')).toBeVisible();

  await h.createWorkspace('Research');
  await h.addGroup('Research', 'Crawlers');
  await h.addAgent('Crawlers', 'paper-bot');
  await h.addAgent('Crawlers', 'news-bot');
  await h.createWorkspace('Support');
  await h.addGroup('Support', 'Chat');
  await h.addAgent('Chat', 'helpdesk');

  await h.rename('Agent', 'news-bot', 'headline-bot');
  await h.disable('Agent group', 'Crawlers');
  // Agents under a disabled group are refused too, and say so.
  await expect(h.node('Agent', 'paper-bot')).toContainText('off via parent');
  await h.enable('Agent group', 'Crawlers');
  await expect(h.node('Agent', 'paper-bot')).toContainText('active');

  await h.search().fill('help');
  await expect(h.nodes('Agent')).toHaveCount(1);
  await expect(h.node('Workspace', 'Support')).toBeVisible();
  await expect(h.node('Workspace', 'Research')).toHaveCount(0);
  await h.search().fill('zzz');
  await expect(page.getByText('Nothing matches')).toBeVisible();
  await h.search().fill('');

  // Delete asks first; cancelling keeps it.
  await page.getByRole('button', { name: 'Actions for Workspace Support' }).click();
  await page.getByRole('menuitem', { name: 'Delete…' }).click();
  await expect(page.getByRole('dialog')).toContainText('1 agent(s)');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(h.node('Workspace', 'Support')).toBeVisible();
  await h.delete('Workspace', 'Support');
  await expect(h.nodes('Agent')).toHaveCount(2);
});

test('the tree works from the keyboard, with visible focus', async ({ panel, page }) => {
  await panel.auth.open();
  await panel.auth.register(newUser('keys'));
  await panel.onboarding.complete({ workspace: 'Lab', group: 'Bots', agent: 'k-bot' });
  await panel.shell.go('Agents');
  // Tab from the agent's link to its menu button: focus moves by keyboard and its ring is drawn.
  await page.getByRole('link', { name: 'k-bot' }).focus();
  await page.keyboard.press('Tab');
  const actions = page.getByRole('button', { name: 'Actions for Agent k-bot' });
  await expect(actions).toBeFocused();
  await expect(actions).not.toHaveCSS('outline-style', 'none');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menu')).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('menuitem', { name: 'Disable' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(panel.hierarchy.node('Agent', 'k-bot')).toContainText('disabled');
});

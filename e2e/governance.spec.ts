// Policies and budgets editors: validation with the server's rules, a merged preview of unsaved changes naming the
// level that sets each limit, and the agent page showing the result.
import { expect, newUser, test } from './fixtures.ts';

test('policy preview merges unsaved changes; budgets validate and apply to the agent', async ({ panel, page }) => {
  await panel.auth.open();
  await panel.auth.register(newUser('gov'));
  await panel.onboarding.complete({ org: 'Acme', workspace: 'Engineering', group: 'Coding agents', agent: 'coder' });

  // Org level: 600 RPM, saved.
  await panel.shell.go('Policies');
  await panel.policies.field('Requests per minute').fill('600');
  await expect(panel.policies.unsaved()).toBeVisible();
  await expect(panel.policies.previewRow('Requests per minute')).toContainText('600 RPM');
  await panel.policies.save();

  // Group level: 60 RPM, not saved yet: the preview already shows it winning, set by the group.
  await panel.policies.level('Engineering / Coding agents');
  await panel.policies.field('Requests per minute').fill('60');
  await expect(panel.policies.previewRow('Requests per minute')).toContainText('60 RPM');
  await expect(panel.policies.previewRow('Requests per minute')).toContainText('Coding agents');
  await panel.policies.save();

  // Budgets: a bad limit is refused in the dialog; a good one shows on the agent with its level.
  await panel.shell.go('Budgets');
  await page.getByRole('button', { name: 'New budget' }).click();
  const d = page.getByRole('dialog', { name: 'New budget' });
  await d.getByRole('textbox', { name: 'Limit (credits)' }).fill('0');
  await d.getByRole('button', { name: 'Create budget' }).click();
  await expect(d.getByRole('textbox', { name: 'Limit (credits)' })).toHaveAttribute('aria-invalid', 'true');
  await d.getByRole('button', { name: 'Cancel' }).click();
  await panel.budgets.create('Engineering', 'Daily', '2.5');
  await expect(panel.budgets.rows()).toHaveCount(1);

  await panel.shell.go('Agents');
  await panel.hierarchy.openAgent('coder');
  await expect(panel.agent.effectiveRow('Requests per minute')).toContainText('60 RPM');
  await expect(panel.agent.effectiveRow('Requests per minute')).toContainText('Coding agents');
  await expect(panel.agent.chainBudgets()).toHaveCount(1);
  await expect(panel.agent.chainBudgets().first()).toContainText('2.50 credits');
  await expect(panel.agent.chainBudgets().first()).toContainText('Engineering');
});

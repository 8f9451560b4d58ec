// Budgets: a tiny budget on an agent → its calls are refused → the panel says which limit refused them.
import { expect, newUser, shoot, test } from './fixtures.ts';
import { chat } from './gateway.ts';

test('a tiny budget denies calls and the agent page shows which limit did', async ({ panel, page, server }) => {
  await panel.auth.open();
  await panel.auth.register(newUser('budget'));
  const { apiKey } = await panel.onboarding.complete({ workspace: 'Engineering', group: 'Coding agents', agent: 'tiny-agent' });

  await panel.shell.go('Budgets');
  await panel.budgets.create('Engineering / Coding agents / tiny-agent', 'Daily', '0.000001');
  await expect(panel.budgets.rows()).toHaveCount(1);

  for (let i = 0; i < 3; i++) {
    const r = await chat(server.url, apiKey);
    expect(r.status, JSON.stringify(r.body)).toBe(429);
    expect((r.body as { error: { code: string } }).error.code).toBe('budget_exceeded');
  }

  await panel.shell.go('Agents');
  await panel.hierarchy.openAgent('tiny-agent');
  // Which limit: the daily budget of this agent, with the numbers.
  const denial = panel.agent.denials().first();
  await expect(denial).toContainText('budget exceeded');
  await expect(denial).toContainText('tiny-agent');
  await expect(denial).toContainText('daily budget');
  await expect(denial.getByTestId('denial-message')).toContainText('DAILY budget');
  await expect(panel.agent.requests().first()).toHaveAttribute('data-error-code', 'budget_exceeded');
  await expect(panel.agent.chainBudgets()).toHaveCount(1);
  await shoot(page, 'agent-denied');
});

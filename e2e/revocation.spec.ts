// Revocation: revoke a key → the next call with it fails → the audit log shows who revoked it.
import { expect, newUser, shoot, test } from './fixtures.ts';
import { chat } from './gateway.ts';

test('revoking a key is audited with who did it', async ({ panel, page }) => {
  const user = newUser('revoker');
  await panel.auth.open();
  await panel.auth.register(user);
  await panel.onboarding.complete({ workspace: 'Ops', group: 'Scripts', agent: 'cron-bot' });
  await panel.onboarding.openAgent();
  await panel.agent.revokeKey('first key');

  await panel.shell.go('Audit log');
  await panel.audit.filterAction('api_key.revoke');
  await expect(panel.audit.rows()).toHaveCount(1);
  const row = panel.audit.rows('api_key.revoke');
  await expect(row.getByTestId('audit-actor')).toHaveText(user.name);
  await shoot(page, 'audit-revoke');
});

test('a revoked key is refused on the next call', async ({ panel, server }) => {
  await panel.auth.open();
  await panel.auth.register(newUser('revoked'));
  const { apiKey } = await panel.onboarding.complete({ workspace: 'Ops', group: 'Scripts', agent: 'cron-bot' });
  expect((await chat(server.url, apiKey)).status).toBe(200);
  await panel.onboarding.openAgent();
  await panel.agent.revokeKey('first key');
  const r = await chat(server.url, apiKey);
  expect(r.status).toBe(401);
  expect((r.body as { error: { code: string } }).error.code).toBe('invalid_api_key');
});

// Instance settings: changing only the port keeps the database saved earlier (its URL is shown redacted, so the
// form must not send a replacement it never had).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { api } from './api.ts';
import { expect, newUser, test } from './fixtures.ts';

test('saving the port keeps a saved PostgreSQL database', async ({ panel, page, server }) => {
  await panel.auth.open();
  await panel.auth.register(newUser('admin'));
  await panel.onboarding.complete({ workspace: 'Engineering', group: 'Coding agents', agent: 'agent-1' });
  const pgUrl = 'postgres://tollgate:s3cret@db.example:5432/tollgate';
  await api(page, server.url).mutate('settings.instance.update', { databaseUrl: pgUrl });

  await panel.shell.go('Settings');
  await expect(panel.settings.database()).toHaveValue('PostgreSQL (shared by a team)');
  await expect(panel.settings.databaseUrl()).toHaveAttribute('placeholder', /^unchanged: postgres:\/\/tollgate:/);
  await expect(panel.settings.databaseUrl()).not.toHaveAttribute('placeholder', /s3cret/);
  await panel.settings.savePort(18_601);

  const saved = JSON.parse(readFileSync(join(server.dataDir, 'instance.json'), 'utf8')) as Record<string, unknown>;
  expect(saved).toEqual({ databaseUrl: pgUrl, port: 18_601, host: '127.0.0.1' });
});

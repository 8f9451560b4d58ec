import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServe, stopServe, trpc } from '../helpers/serve-process.ts';

describe('logs never contain secrets', () => {
  it('a full API run at trace level leaves no password, key, credential or session token in stdout or the log file', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tollgate-logs-'));
    const s = await startServe(['--log-level', 'trace', '--data-dir', dataDir]);
    const secrets: string[] = [];
    try {
      const password = 'pw-Secret-Value-91827';
      secrets.push(password);
      const reg = await trpc(s.url, 'auth.register', { email: 'logs@example.com', name: 'Logs', password });
      const token: string = reg.data.token;
      secrets.push(token);
      const login = await trpc(s.url, 'auth.login', { email: 'logs@example.com', password });
      secrets.push(login.data.token);
      await trpc(s.url, 'auth.login', { email: 'logs@example.com', password: `${password}-wrong` });
      secrets.push(`${password}-wrong`);
      const [org] = (await trpc(s.url, 'orgs.listMine', undefined, { method: 'GET', token })).data;
      const ws = (await trpc(s.url, 'workspaces.create', { orgId: org.id, name: 'W' }, { token })).data;
      const grp = (await trpc(s.url, 'agentGroups.create', { workspaceId: ws.id, name: 'G' }, { token })).data;
      const agent = (await trpc(s.url, 'agents.create', { agentGroupId: grp.id, name: 'A' }, { token })).data;
      const key = (await trpc(s.url, 'apiKeys.create', { agentId: agent.id, name: 'k' }, { token })).data;
      secrets.push(key.plaintext);
      const providerSecret = 'sk-provider-LEAKCHECK-5566778899';
      secrets.push(providerSecret);
      await trpc(s.url, 'credentials.create', { orgId: org.id, provider: 'anthropic', label: 'c', secret: providerSecret }, { token });
      // A rejected request carrying a secret must not echo it into logs either.
      const badSecret = 'sk-rejected-LEAKCHECK-0000';
      secrets.push(badSecret);
      const bad = await trpc(s.url, 'credentials.create', { orgId: org.id, provider: 'nope', label: 'c', secret: badSecret }, { token });
      expect(bad.status).toBe(400);
      expect(JSON.stringify(bad.error)).not.toContain(badSecret);
      await trpc(s.url, 'auth.logout', {}, { token });
    } finally {
      await stopServe(s);
    }
    const files = readdirSync(join(dataDir, 'logs')).map((f) => readFileSync(join(dataDir, 'logs', f), 'utf8'));
    const everything = [s.output(), ...files].join('\n');
    expect(everything).toContain('"msg":"http"'); // the run was actually logged at this level
    expect(everything).toContain('[redacted]');
    for (const secret of secrets) expect(everything, 'a secret reached the logs').not.toContain(secret);
  });
});

import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort, startServe, stopServe, trpc } from '../helpers/serve-process.ts';

/** Waits until the demo block has been printed, then returns the curl line as printed. */
async function demoCurl(output: () => string): Promise<string> {
  for (let i = 0; i < 200; i += 1) {
    const line = output().split('\n').find((l) => l.trim().startsWith('curl '));
    if (line && output().includes('ANTHROPIC_AUTH_TOKEN')) return line.trim();
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no demo output:\n${output()}`);
}

describe('serve --demo', () => {
  it('prints a curl that works as printed, and stays idempotent across restarts', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tollgate-demo-'));
    const port = String(await freePort()); // the same address across the restart, like a real install
    const first = await startServe(['--demo', '--data-dir', dataDir, '--log-level', 'warn', '--port', port]);
    let curl1: string;
    try {
      curl1 = await demoCurl(first.output);
      expect(first.output()).toContain('export OPENAI_BASE_URL=');
      expect(first.output()).toContain('export ANTHROPIC_BASE_URL=');
      // Run exactly what was printed, through a shell, as a new user would paste it.
      const answer = JSON.parse(execFileSync('bash', ['-c', `${curl1} -s`], { encoding: 'utf8' })) as Record<string, any>;
      expect(answer.object).toBe('chat.completion');
      expect(answer.x_platform.credits_charged).toBeGreaterThan(0);
    } finally {
      await stopServe(first);
    }

    const second = await startServe(['--demo', '--data-dir', dataDir, '--log-level', 'warn', '--port', port]);
    try {
      const curl2 = await demoCurl(second.output);
      const old = JSON.parse(execFileSync('bash', ['-c', `${curl1} -s`], { encoding: 'utf8' })) as Record<string, any>;
      expect(old.error.code).toBe('invalid_api_key'); // the previous demo key was revoked
      const fresh = JSON.parse(execFileSync('bash', ['-c', `${curl2} -s`], { encoding: 'utf8' })) as Record<string, any>;
      expect(fresh.object).toBe('chat.completion');
      const m = /sign in as (\S+) \/ (\S+)\)/.exec(second.output())!;
      const login = await trpc(second.url, 'auth.login', { email: m[1], password: m[2] });
      const orgs = (await trpc(second.url, 'orgs.listMine', undefined, { method: 'GET', token: login.data.token })).data as { id: string; name: string }[];
      const demo = orgs.filter((o) => o.name === 'Demo');
      expect(demo).toHaveLength(1); // created once
      const bal = await trpc(second.url, 'credits.balance', { orgId: demo[0]!.id }, { method: 'GET', token: login.data.token });
      expect(bal.data.balanceCredits).toBeLessThan(100);
      expect(bal.data.balanceCredits).toBeGreaterThan(99); // starter credits bought once, two cheap calls charged
    } finally {
      await stopServe(second);
    }
  });
});

import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServeProcess } from '../helpers/serve-process.ts';
import { startServe, stopServe, trpc } from '../helpers/serve-process.ts';

/** fetch() will not let us forge Host; node:http will. */
function rawGet(port: number, path: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => { body += d.toString(); });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('headless serve', () => {
  let s: ServeProcess;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'tollgate-serve-'));
    // --data-dir via its env twin, the rest as flags
    s = await startServe(['--log-level', 'debug'], { TOLLGATE_DATA_DIR: dataDir });
  });
  afterAll(async () => { if (s) await stopServe(s); });

  it('binds 127.0.0.1 by default and prints the URL', () => {
    expect(s.url).toBe(`http://127.0.0.1:${s.port}`);
    expect(s.output()).toContain(`Tollgate is listening on http://127.0.0.1:${s.port}`);
  });

  it('tells the panel where agents reach the gateway (the desktop page cannot read it from its URL)', async () => {
    const session = await trpc(s.url, 'auth.session', undefined, { method: 'GET' });
    expect(session.data.gatewayUrl).toBe(s.url);
  });

  it('reports engine and migration on /health', async () => {
    const h = (await (await fetch(`${s.url}/health`)).json()) as Record<string, string>;
    expect(h).toMatchObject({ status: 'ok', engine: 'sqlite' });
    expect(h.migration).toMatch(/^0000_/);
  });

  it('keeps data, logs and a 0600 master key in the data dir', () => {
    expect(existsSync(join(dataDir, 'tollgate.db'))).toBe(true);
    expect(statSync(join(dataDir, 'master.key')).mode & 0o777).toBe(0o600);
  });

  it('serves tRPC with sessions as bearer tokens and cookies', async () => {
    const reg = await trpc(s.url, 'auth.register', { email: 'h@example.com', name: 'H', password: 'long enough pw' });
    expect(reg.status).toBe(200);
    expect(reg.headers.get('set-cookie')).toMatch(/tollgate_session=tgs_.*HttpOnly; SameSite=Strict/);
    const me = await trpc(s.url, 'auth.me', undefined, { method: 'GET', token: reg.data.token });
    expect(me.data).toMatchObject({ email: 'h@example.com' });
    const anon = await trpc(s.url, 'auth.me', undefined, { method: 'GET' });
    expect(anon.status).toBe(401);
    const cookie = reg.headers.get('set-cookie')!.split(';')[0]!;
    const viaCookie = await trpc(s.url, 'orgs.listMine', undefined, { method: 'GET', headers: { cookie } });
    expect(viaCookie.data).toHaveLength(1);
  });

  it('rejects management requests whose Host or Origin is not its own', async () => {
    const ok = await rawGet(s.port, '/trpc/auth.session', { host: `127.0.0.1:${s.port}` });
    expect(ok.status).toBe(200);
    const local = await rawGet(s.port, '/trpc/auth.session', { host: `localhost:${s.port}`, origin: `http://localhost:${s.port}` });
    expect(local.status).toBe(200);
    const rebinding = await rawGet(s.port, '/trpc/auth.session', { host: `attacker.example:${s.port}` });
    expect(rebinding.status).toBe(403);
    expect(JSON.parse(rebinding.body).error.message).toMatch(/host/);
    const crossSite = await rawGet(s.port, '/trpc/auth.session', { host: `127.0.0.1:${s.port}`, origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
    const otherPort = await rawGet(s.port, '/trpc/auth.session', { host: `127.0.0.1:${s.port}`, origin: 'http://127.0.0.1:1' });
    expect(otherPort.status).toBe(403);
    const nullOrigin = await rawGet(s.port, '/trpc/auth.session', { host: `127.0.0.1:${s.port}`, origin: 'null' });
    expect(nullOrigin.status).toBe(403);
    const cross = await trpc(s.url, 'auth.register', { email: 'x@example.com', name: 'X', password: 'long enough pw' },
      { headers: { origin: 'https://evil.example' } });
    expect(cross.status).toBe(403);
    // …and nothing was created by the refused request
    const login = await trpc(s.url, 'auth.login', { email: 'x@example.com', password: 'long enough pw' });
    expect(login.status).toBe(401);
  });

  it('writes JSON logs to stdout and a rotating file', async () => {
    await fetch(`${s.url}/health`);
    const logs = readdirSync(join(dataDir, 'logs'));
    expect(logs.some((f) => /^tollgate\.\d+\.log$/.test(f))).toBe(true);
    const firstJson = s.output().split('\n').find((l) => l.startsWith('{'));
    expect(JSON.parse(firstJson!)).toHaveProperty('level');
  });

  it('exits cleanly on SIGTERM', async () => {
    const code = await stopServe(s, 'SIGTERM');
    expect(code).toBe(0);
    expect(s.output()).toContain('draining and shutting down');
    const file = readdirSync(join(dataDir, 'logs')).find((f) => f.endsWith('.log'))!;
    expect(readFileSync(join(dataDir, 'logs', file), 'utf8')).toContain('draining and shutting down');
  });
});

describe('serve flags', () => {
  it('refuses a bad port with a clear message', async () => {
    await expect(startServe(['--port', 'abc'])).rejects.toThrow(/invalid --port|exited/);
  });
  it('prints help', async () => {
    const { execFileSync } = await import('node:child_process');
    const out = execFileSync(process.execPath, ['src/main/serve.ts', '--help'], { encoding: 'utf8' });
    for (const f of ['--port', '--host', '--data-dir', '--database-url', '--log-level']) expect(out).toContain(f);
  });
  it('is also the package bin: `tollgate serve`', async () => {
    const { execFileSync } = await import('node:child_process');
    expect(execFileSync(process.execPath, ['bin/tollgate.js', 'serve', '--help'], { encoding: 'utf8' })).toContain('--database-url');
    expect(() => execFileSync(process.execPath, ['bin/tollgate.js', 'bogus'], { encoding: 'utf8', stdio: 'pipe' })).toThrow();
  });
});

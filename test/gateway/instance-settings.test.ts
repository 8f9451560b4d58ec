import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { engines } from '../helpers/engines.ts';
import { freePort, startServe, stopServe } from '../helpers/serve-process.ts';
import { gatewayWithFakeOpenAI, usageRows } from './fixture.ts';

describe.each(engines())('instance settings on $name', (engine) => {
  const s = gatewayWithFakeOpenAI(engine);

  it.skipIf(!engine.available)('a managed provider key set in the panel serves the next request and is never shown again', async () => {
    const { f, upstream } = s;
    const secret = 'sk-managed-from-panel-9876';
    const info = await f.api.settings.instance.setManagedKey({ provider: 'openai', apiKey: secret, baseUrl: `${upstream.url}/v1` });
    expect(JSON.stringify(info)).not.toContain(secret);
    expect(info.managedKeys).toContainEqual({ provider: 'openai', baseUrl: `${upstream.url}/v1`, last4: '9876' });
    const { response } = await new OpenAI({ apiKey: f.key, baseURL: `${f.url}/v1`, maxRetries: 0 }).chat.completions
      .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'managed' }] }).withResponse();
    expect(upstream.requests.at(-1)!.headers.authorization).toBe(`Bearer ${secret}`);
    const usage = (await usageRows(f)).find((u) => u.requestId === response.headers.get('x-tollgate-request-id'))!;
    expect(usage.credentialSource).toBe('managed');
  });

  it.skipIf(!engine.available)('saves start-up settings to a 0600 file, flags a restart, and tests a database URL', async () => {
    const { f } = s;
    const info = await f.api.settings.instance.update({ port: 18_555, host: '127.0.0.1' });
    expect(info.saved.port).toBe(18_555);
    expect(info.restartRequired).toBe(true);
    const file = join(f.t.db.dataDir, 'instance.json');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ port: 18_555 });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect((await f.api.settings.instance.testDatabase({ databaseUrl: null })).ok).toBe(true);
    const bad = await f.api.settings.instance.testDatabase({ databaseUrl: 'postgres://nobody:secretpw@127.0.0.1:1/none' });
    expect(bad.ok).toBe(false);
    expect(bad.message).not.toContain('secretpw');
    if (engine.name === 'pg') expect((await f.api.settings.instance.testDatabase({ databaseUrl: f.t.db.url })).message).toMatch(/PostgreSQL/);
  });
});

describe('serve reads the saved start-up settings', () => {
  it('listens on the saved port unless a flag says otherwise', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tollgate-instance-'));
    const port = await freePort();
    writeFileSync(join(dataDir, 'instance.json'), JSON.stringify({ port }));
    // Without --port (and TOLLGATE_PORT unset) the saved port applies.
    const child = spawn(process.execPath, ['src/main/serve.ts', '--data-dir', dataDir, '--log-level', 'warn'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let out = '';
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => { out += d.toString(); if (out.includes('listening on')) resolve(); });
        child.once('exit', (c) => reject(new Error(`exited ${c}: ${out}`)));
      });
      expect(out).toContain(`http://127.0.0.1:${port}`);
    } finally {
      child.kill('SIGTERM');
    }
    // startServe passes --port: the flag wins over the saved port.
    const flagged = await startServe(['--data-dir', dataDir, '--log-level', 'warn']);
    expect(flagged.port).not.toBe(port);
    expect(flagged.url).toContain(`:${flagged.port}`);
    await stopServe(flagged);
  });

  it('refuses to start on a broken settings file, naming it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tollgate-instance-'));
    writeFileSync(join(dataDir, 'instance.json'), '{ "port": 80');
    const r = await new Promise<{ code: number | null; err: string }>((resolve) => {
      const child = spawn(process.execPath, ['src/main/serve.ts', '--data-dir', dataDir], { stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
      child.once('exit', (code) => resolve({ code, err }));
    });
    expect(r.code).toBe(2);
    expect(r.err).toContain(join(dataDir, 'instance.json'));
    expect(r.err).toMatch(/not valid JSON.*fix or delete it/);
  });
});

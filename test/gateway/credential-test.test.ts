import { describe, expect, it } from 'vitest';
import { engines } from '../helpers/engines.ts';
import { freePort } from '../helpers/serve-process.ts';
import { gatewayWithFakeOpenAI } from './fixture.ts';

describe.each(engines())('provider key connection test on $name', (engine) => {
  const s = gatewayWithFakeOpenAI(engine);

  it.skipIf(!engine.available)('lists the provider\'s models with the stored key, reports failures, and never echoes the key', async () => {
    const { f, upstream } = s;
    const secret = 'sk-conn-test-ABCDEFGH1234';
    const good = await f.api.credentials.create({ orgId: f.orgId, provider: 'openai', label: 'ok', baseUrl: `${upstream.url}/v1`, secret });
    const r = await f.api.credentials.test({ credentialId: good.id });
    expect(r.ok).toBe(true);
    expect(r.models).toBeGreaterThan(0);
    expect(upstream.requests.at(-1)!.headers.authorization).toBe(`Bearer ${secret}`);

    const dead = await f.api.credentials.create({ orgId: f.orgId, provider: 'openai', label: 'dead',
      baseUrl: `http://127.0.0.1:${await freePort()}/v1`, secret });
    const bad = await f.api.credentials.test({ credentialId: dead.id });
    expect(bad.ok).toBe(false);
    expect(bad.message.length).toBeGreaterThan(0);
    expect(JSON.stringify(bad)).not.toContain(secret);

    const audit = await f.api.audit.list({ orgId: f.orgId, action: 'credential.test' });
    expect(audit.items.map((a) => (a.details as { ok: boolean }).ok).sort()).toEqual([false, true]);
  });
});

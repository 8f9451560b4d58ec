// Pause/resume and the tray's status against a real core on a real port (both engines), as the local owner.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayPause, PAUSED_CODE } from '../../src/main/core/gateway-pause.ts';
import { readStatus } from '../../src/main/shell/status.ts';
import { trayMenu } from '../../src/main/shell/tray-menu.ts';
import type { TestApp } from '../helpers/app.ts';
import { startApp } from '../helpers/app.ts';
import { engines } from '../helpers/engines.ts';

describe.each(engines())('gateway pause and tray status on $name', (engine) => {
  let t: TestApp;
  let url: string;
  let key: string;
  let orgId: string;
  const pause = new GatewayPause();
  let uninstall: () => void;

  beforeAll(async () => {
    if (!engine.available) return;
    t = await startApp(engine, { config: { localOwnerMode: true } });
    uninstall = pause.install(t.app.server);
    url = await t.app.listen();
    const api = t.as(t.app.localOwnerId);
    const [org] = await api.orgs.listMine();
    orgId = org!.id;
    const ws = await api.workspaces.create({ orgId, name: 'Desk' });
    const grp = await api.agentGroups.create({ workspaceId: ws.id, name: 'Agents' });
    const agent = await api.agents.create({ agentGroupId: grp.id, name: 'tray-agent' });
    key = (await api.apiKeys.create({ agentId: agent.id, name: 'k' })).plaintext;
    await api.credits.purchase({ orgId, amountCredits: 10, idempotencyKey: 'tray' });
  });
  afterAll(async () => t?.close());

  const chat = () => fetch(`${url}/v1/chat/completions`, { method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'mock-gpt', messages: [{ role: 'user', content: 'hi' }] }) });
  const usageCount = async () => (await t.app.database.db.select().from(t.app.database.t.usageEvents)).length;

  it.skipIf(!engine.available)('reports address, requests today and credits left', async () => {
    const before = await readStatus(t.app, { url, paused: false });
    expect(before).toMatchObject({ url, paused: false, requestsToday: 0, orgs: [{ id: orgId, name: 'My organization', creditsLeft: 10 }] });
    const res = await chat();
    expect(res.status).toBe(200);
    const charged = ((await res.json()) as { x_platform: { credits_charged: number } }).x_platform.credits_charged;
    expect(charged).toBeGreaterThan(0);
    const after = await readStatus(t.app, { url, paused: false });
    expect(after.requestsToday).toBe(1);
    expect(after.orgs[0]!.creditsLeft).toBeCloseTo(10 - charged, 6);
  });

  it.skipIf(!engine.available)('paused: /v1 answers 503 gateway_paused in each client\'s shape, records nothing; the rest keeps working', async () => {
    const seen: boolean[] = [];
    pause.on('change', (p) => seen.push(p));
    const usage = await usageCount();
    pause.set(true);
    pause.set(true);
    expect(seen).toEqual([true]);

    const openai = await chat();
    expect(openai.status).toBe(503);
    expect(await openai.json()).toEqual({ error: { message: expect.stringMatching(/paused/), type: 'api_error', code: PAUSED_CODE, param: null } });
    const anthropic = await fetch(`${url}/v1/messages`, { method: 'POST',
      headers: { 'x-api-key': key, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'mock-claude', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }) });
    expect(anthropic.status).toBe(503);
    expect(await anthropic.json()).toMatchObject({ type: 'error', error: { type: 'overloaded_error', code: PAUSED_CODE } });
    expect(await usageCount()).toBe(usage);

    expect((await fetch(`${url}/health`)).status).toBe(200);
    const input = encodeURIComponent(JSON.stringify({ orgId }));
    expect((await fetch(`${url}/trpc/credits.balance?input=${input}`)).status).toBe(200);
    const status = await readStatus(t.app, { url, paused: pause.paused });
    expect(trayMenu(status, { keepServingOnClose: true, openAtLogin: null })[0]).toMatchObject({ label: `Gateway paused: ${url} answers 503` });

    pause.set(false);
    expect((await chat()).status).toBe(200);
    expect(seen).toEqual([true, false]);
    expect((await readStatus(t.app, { url, paused: false })).requestsToday).toBe(2);
  });

  it.skipIf(!engine.available)('takes itself out again', async () => {
    uninstall();
    pause.set(true);
    expect((await chat()).status).toBe(200);
    pause.set(false);
  });
});

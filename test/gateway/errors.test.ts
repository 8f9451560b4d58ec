import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../helpers/engines.ts';
import type { GatewayFixture } from './fixture.ts';
import { charges, startGateway } from './fixture.ts';

const hi = [{ role: 'user' as const, content: 'hi' }];

async function apiError(p: Promise<unknown>): Promise<{ status: number; code: string; headers: Headers; body: Record<string, unknown> }> {
  try {
    await p;
  } catch (err) {
    const e = err as { status: number; code?: string; headers: Headers; error: Record<string, unknown> };
    const code = e.code ?? ((e.error?.error as Record<string, unknown> | undefined)?.code as string);
    return { status: e.status, code, headers: e.headers, body: e.error };
  }
  throw new Error('expected the request to fail');
}

describe.each(engines())('gateway errors on $name', (engine) => {
  let f: GatewayFixture;
  const client = (key: string) => new OpenAI({ apiKey: key, baseURL: `${f.url}/v1`, maxRetries: 0 });

  beforeAll(async () => {
    if (!engine.available) return;
    f = await startGateway(engine);
  });
  afterAll(async () => f?.t.close());

  it.skipIf(!engine.available)('invalid_api_key 401 in both shapes', async () => {
    const e = await apiError(client('cpk_nope').chat.completions.create({ model: 'mock-gpt', messages: hi }));
    expect(e).toMatchObject({ status: 401, code: 'invalid_api_key' });
    const a = new Anthropic({ apiKey: 'cpk_nope', baseURL: f.url, maxRetries: 0 });
    const ae = await apiError(a.messages.create({ model: 'mock-claude', max_tokens: 5, messages: hi }));
    expect(ae.status).toBe(401);
    expect(ae.body).toMatchObject({ type: 'error', error: { type: 'authentication_error', code: 'invalid_api_key' } });
  });

  it.skipIf(!engine.available)('a revoked key and a disabled agent are refused on the very next request', async () => {
    const k = await f.newKey();
    await client(k.key).chat.completions.create({ model: 'mock-gpt', messages: hi });
    await f.api.apiKeys.revoke({ apiKeyId: k.apiKeyId });
    expect(await apiError(client(k.key).chat.completions.create({ model: 'mock-gpt', messages: hi }))).toMatchObject({ status: 401, code: 'invalid_api_key' });

    const k2 = await f.newKey();
    await client(k2.key).chat.completions.create({ model: 'mock-gpt', messages: hi });
    await f.api.agents.disable({ agentId: k2.agentId });
    expect(await apiError(client(k2.key).chat.completions.create({ model: 'mock-gpt', messages: hi }))).toMatchObject({ status: 403, code: 'agent_disabled' });
    await f.api.agents.enable({ agentId: k2.agentId });
    await client(k2.key).chat.completions.create({ model: 'mock-gpt', messages: hi });
    await f.api.agentGroups.disable({ agentGroupId: f.groupId });
    const g = await apiError(client(k2.key).chat.completions.create({ model: 'mock-gpt', messages: hi }));
    expect(g).toMatchObject({ status: 403, code: 'agent_disabled' });
    await f.api.agentGroups.enable({ agentGroupId: f.groupId });
    // An org disabled (by hand or by an auto-disable budget) is refused until its owner enables it again.
    await f.api.orgs.disable({ orgId: f.orgId });
    expect(await apiError(client(k2.key).chat.completions.create({ model: 'mock-gpt', messages: hi }))).toMatchObject({ status: 403, code: 'agent_disabled' });
    await f.api.orgs.enable({ orgId: f.orgId });
    await client(k2.key).chat.completions.create({ model: 'mock-gpt', messages: hi });
  });

  it.skipIf(!engine.available)('a policy set between two requests applies to the second (per-agent plans are rebuilt)', async () => {
    const k = await f.newKey();
    await client(k.key).chat.completions.create({ model: 'mock-claude', messages: hi });
    const policy = await f.api.policies.set({ orgId: f.orgId, target: { scope: 'group', id: f.groupId }, allowedModels: ['mock-gpt'] });
    try {
      expect(await apiError(client(k.key).chat.completions.create({ model: 'mock-claude', messages: hi })))
        .toMatchObject({ status: 403, code: 'model_not_allowed' });
      await f.api.policies.set({ orgId: f.orgId, target: { scope: 'group', id: f.groupId }, allowedModels: ['mock-gpt'], rpm: 1 });
      await client(k.key).chat.completions.create({ model: 'mock-gpt', messages: hi });
      expect(await apiError(client(k.key).chat.completions.create({ model: 'mock-gpt', messages: hi })))
        .toMatchObject({ status: 429, code: 'rate_limited' });
    } finally {
      await f.api.policies.delete({ policyId: policy.id });
    }
    await client(k.key).chat.completions.create({ model: 'mock-claude', messages: hi });
  });

  it.skipIf(!engine.available)('model_not_allowed 403, max_tokens_exceeded 400, clamp mode', async () => {
    const k = await f.newKey();
    await f.api.policies.set({ orgId: f.orgId, target: { scope: 'agent', id: k.agentId }, allowedModels: ['mock-gpt'], maxTokensPerRequest: 50 });
    expect(await apiError(client(k.key).chat.completions.create({ model: 'mock-claude', messages: hi }))).toMatchObject({ status: 403, code: 'model_not_allowed' });
    expect(await apiError(client(k.key).chat.completions.create({ model: 'mock-gpt', messages: hi, max_tokens: 51 })))
      .toMatchObject({ status: 400, code: 'max_tokens_exceeded' });
    await f.api.policies.set({ orgId: f.orgId, target: { scope: 'agent', id: k.agentId }, allowedModels: ['mock-gpt'], maxTokensPerRequest: 50, maxTokensMode: 'clamp' });
    const ok = await client(k.key).chat.completions.create({ model: 'mock-gpt', messages: hi, max_tokens: 5000 });
    expect(ok.choices.length).toBe(1);
  });

  it.skipIf(!engine.available)('rate_limited 429 with Retry-After', async () => {
    const k = await f.newKey();
    await f.api.policies.set({ orgId: f.orgId, target: { scope: 'agent', id: k.agentId }, rpm: 1 });
    await client(k.key).chat.completions.create({ model: 'mock-gpt', messages: hi });
    const e = await apiError(client(k.key).chat.completions.create({ model: 'mock-gpt', messages: hi }));
    expect(e).toMatchObject({ status: 429, code: 'rate_limited' });
    expect(Number(e.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it.skipIf(!engine.available)('budget_exceeded 429 names the level', async () => {
    const k = await f.newKey();
    await f.api.budgets.create({ orgId: f.orgId, target: { scope: 'agent', id: k.agentId }, period: 'DAILY', limitCredits: 0.000001 });
    const e = await apiError(client(k.key).chat.completions.create({ model: 'mock-gpt', messages: hi }));
    expect(e).toMatchObject({ status: 429, code: 'budget_exceeded' });
    expect(JSON.stringify(e.body)).toContain('agent');
  });

  it.skipIf(!engine.available)('upstream_error 502 and upstream_timeout 504 charge nothing', async () => {
    const before = (await charges(f)).length;
    expect(await apiError(client(f.key).chat.completions.create({ model: 'mock-error-500', messages: hi }))).toMatchObject({ status: 502, code: 'upstream_error' });
    expect(await apiError(client(f.key).chat.completions.create({ model: 'mock-timeout', messages: hi }))).toMatchObject({ status: 504, code: 'upstream_timeout' });
    const streamed = await apiError((async () => {
      const s = await client(f.key).chat.completions.create({ model: 'mock-error-500', messages: hi, stream: true });
      for await (const _ of s) { /* drain */ }
    })());
    expect(streamed.status).toBe(502);
    expect((await charges(f)).length).toBe(before);
  });

  it.skipIf(!engine.available)('invalid_request 400 for malformed JSON, wrong types and unknown endpoints 404', async () => {
    const post = (path: string, body: string) => fetch(`${f.url}${path}`, { method: 'POST', body,
      headers: { authorization: `Bearer ${f.key}`, 'content-type': 'application/json' } });
    const bad = await post('/v1/chat/completions', '{"model": "mock-gpt", "messages": [');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('invalid_request');
    const wrong = await post('/v1/chat/completions', JSON.stringify({ model: 42, messages: 'nope' }));
    expect(wrong.status).toBe(400);
    const msg = await post('/v1/messages', JSON.stringify({ model: 'mock-claude', messages: [] }));
    expect(msg.status).toBe(400);
    expect(((await msg.json()) as { type: string }).type).toBe('error');
    expect((await post('/v1/nope', '{}')).status).toBe(404);
    const huge = await post('/v1/chat/completions', JSON.stringify({ model: 'mock-gpt', messages: [{ role: 'user', content: 'x'.repeat(5 * 1024 * 1024) }] }));
    expect(huge.status).toBe(413);
  });

  it.skipIf(!engine.available)('insufficient_credits 402 when the org balance cannot cover the request', async () => {
    const poor = await startGateway(engine, { credits: 0 });
    try {
      const e = await apiError(new OpenAI({ apiKey: poor.key, baseURL: `${poor.url}/v1`, maxRetries: 0 })
        .chat.completions.create({ model: 'mock-gpt', messages: hi }));
      expect(e).toMatchObject({ status: 402, code: 'insufficient_credits' });
    } finally {
      await poor.t.close();
    }
  });
});

describe.each(engines())('key bookkeeping on $name', (engine) => {
  it.skipIf(!engine.available)('records when a key was last used, without a write per request', async () => {
    const f = await startGateway(engine);
    try {
      const before = await f.api.apiKeys.list({ agentId: f.agentId });
      expect(before[0]!.lastUsedAt).toBeNull();
      await new OpenAI({ apiKey: f.key, baseURL: `${f.url}/v1`, maxRetries: 0 }).chat.completions.create({ model: 'mock-gpt', messages: hi });
      expect((await f.api.apiKeys.list({ agentId: f.agentId }))[0]!.lastUsedAt).toBeNull(); // not yet flushed
      await f.t.app.flush();
      expect((await f.api.apiKeys.list({ agentId: f.agentId }))[0]!.lastUsedAt).toBeInstanceOf(Date);
    } finally {
      await f.t.close();
    }
  });
});

import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../helpers/engines.ts';
import { startFakeAnthropic } from '../providers/helpers/fake-anthropic.ts';
import type { TestServer } from '../providers/helpers/server.ts';
import type { GatewayFixture } from './fixture.ts';
import { charges, startGateway, usageRows } from './fixture.ts';

async function until<T>(fn: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 400; i += 1) {
    const v = await fn();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe.each(engines())('streams, disconnects and cross-format routing on $name', (engine) => {
  let f: GatewayFixture;
  let upstream: TestServer;

  beforeAll(async () => {
    if (!engine.available) return;
    upstream = await startFakeAnthropic();
    // A slow mock stream so a client can hang up half way.
    f = await startGateway(engine, { config: { mock: { chunkDelayMs: 40, chunkCount: 12 } } });
  });
  afterAll(async () => {
    await f?.t.close();
    await upstream?.close();
  });

  it.skipIf(!engine.available)('a client that disconnects mid-stream is charged once, for what was delivered', async () => {
    const ctrl = new AbortController();
    const res = await fetch(`${f.url}/v1/chat/completions`, {
      method: 'POST', signal: ctrl.signal,
      headers: { authorization: `Bearer ${f.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'mock-gpt', stream: true, messages: [{ role: 'user', content: 'tell me a long story about budgets' }] }),
    });
    const requestId = res.headers.get('x-tollgate-request-id')!;
    const reader = res.body!.getReader();
    let got = '';
    while ((got.match(/"content":/g) ?? []).length < 3) got += new TextDecoder().decode((await reader.read()).value);
    ctrl.abort();
    const usage = await until(async () => (await usageRows(f)).find((u) => u.requestId === requestId), 'the usage event');
    expect(usage.estimated).toBe(true);
    expect(usage.outputTokens).toBeGreaterThan(0);
    expect(usage.costMicro).toBeGreaterThan(0);
    // The full answer, for comparison, costs more than the part that was delivered.
    const full = await new OpenAI({ apiKey: f.key, baseURL: `${f.url}/v1`, maxRetries: 0 }).chat.completions
      .create({ model: 'mock-gpt', messages: [{ role: 'user', content: 'tell me a long story about budgets' }] });
    expect(usage.outputTokens).toBeLessThan(full.usage!.completion_tokens);
    expect((await charges(f)).filter((c) => c.requestId === requestId)).toHaveLength(1);
  });

  it.skipIf(!engine.available)('an OpenAI-format request is served by the Anthropic provider with the org\'s BYOK key', async () => {
    await f.api.credentials.create({ orgId: f.orgId, provider: 'anthropic', label: 'byok', baseUrl: upstream.url, secret: 'sk-ant-byok-test-1234' });
    await f.api.routing.set({ orgId: f.orgId, alias: 'team-claude', target: 'anthropic:claude-sonnet-4-5' });
    const client = new OpenAI({ apiKey: f.key, baseURL: `${f.url}/v1`, maxRetries: 0 });
    const { data, response } = await client.chat.completions.create({
      model: 'team-claude', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'ping' }],
    }).withResponse();
    expect(data.choices[0]!.message.content).toBe('Echo: ping');
    expect(data.choices[0]!.finish_reason).toBe('stop');
    const sent = upstream.requests.at(-1)!;
    expect(sent.url).toBe('/v1/messages');
    expect(sent.headers['x-api-key']).toBe('sk-ant-byok-test-1234');
    expect(sent.body).toMatchObject({ model: 'claude-sonnet-4-5', system: 'Be brief.' });
    const usage = (await usageRows(f)).find((u) => u.requestId === response.headers.get('x-tollgate-request-id'))!;
    expect(usage).toMatchObject({ provider: 'anthropic', credentialSource: 'byok', estimated: false });
    expect(usage.costMicro).toBeGreaterThan(0);

    const stream = await client.chat.completions.create({ model: 'team-claude', stream: true, stream_options: { include_usage: true },
      messages: [{ role: 'user', content: 'stream' }] });
    let text = '';
    let outTokens = 0;
    for await (const c of stream) {
      text += c.choices[0]?.delta?.content ?? '';
      if (c.usage) outTokens = c.usage.completion_tokens;
    }
    expect(text).toBe('Echo: stream');
    expect(outTokens).toBeGreaterThan(0);
  });
});

import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../helpers/engines.ts';
import type { GatewayFixture } from './fixture.ts';
import { charges, startGateway, usageRows } from './fixture.ts';

describe.each(engines())('official SDKs against the gateway on $name', (engine) => {
  let f: GatewayFixture;
  let openai: OpenAI;
  let anthropic: Anthropic;

  beforeAll(async () => {
    if (!engine.available) return;
    f = await startGateway(engine);
    openai = new OpenAI({ apiKey: f.key, baseURL: `${f.url}/v1`, maxRetries: 0 });
    anthropic = new Anthropic({ apiKey: f.key, baseURL: f.url, maxRetries: 0 });
  });
  afterAll(async () => f?.t.close());

  it.skipIf(!engine.available)('chat completion: answer, usage, billing metadata, one charge', async () => {
    const before = await f.api.credits.balance({ orgId: f.orgId });
    const { data, response } = await openai.chat.completions
      .create({ model: 'mock-gpt', messages: [{ role: 'user', content: 'Hello there' }] }).withResponse();
    expect(data.choices[0]!.message.content).toBeTruthy();
    expect(data.usage!.prompt_tokens).toBeGreaterThan(0);
    const requestId = response.headers.get('x-tollgate-request-id')!;
    const charged = Number(response.headers.get('x-tollgate-credits-charged'));
    expect(charged).toBeGreaterThan(0);
    const xp = (data as unknown as { x_platform: { credits_charged: number; request_id: string; latency_ms: number } }).x_platform;
    expect(xp).toMatchObject({ credits_charged: charged, request_id: requestId });
    const mine = (await charges(f)).filter((c) => c.requestId === requestId);
    expect(mine).toHaveLength(1);
    expect(-mine[0]!.amountMicro / 1e6).toBeCloseTo(charged, 9);
    const after = await f.api.credits.balance({ orgId: f.orgId });
    expect(before.balanceCredits - after.balanceCredits).toBeCloseTo(charged, 9);
    const usage = (await usageRows(f)).find((u) => u.requestId === requestId)!;
    expect(usage).toMatchObject({ status: 200, model: 'mock-gpt', provider: 'mock', credentialSource: 'none', agentId: f.agentId });
  });

  it.skipIf(!engine.available)('streaming chat with include_usage: chunks, final usage, charged once before the end', async () => {
    const stream = await openai.chat.completions.create({
      model: 'mock-gpt', stream: true, stream_options: { include_usage: true },
      messages: [{ role: 'user', content: 'Stream please' }],
    });
    let text = '';
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta?.content ?? '';
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text.length).toBeGreaterThan(0);
    expect(usage!.completion_tokens).toBeGreaterThan(0);
    const rows = await usageRows(f);
    const last = rows.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0]!;
    expect(last.outputTokens).toBe(usage!.completion_tokens);
    expect((await charges(f)).filter((c) => c.requestId === last.requestId)).toHaveLength(1);
  });

  it.skipIf(!engine.available)('Responses API, JSON and streamed', async () => {
    const r = await openai.responses.create({ model: 'mock-gpt', input: 'Say hi' });
    expect(r.output_text.length).toBeGreaterThan(0);
    expect(r.usage!.input_tokens).toBeGreaterThan(0);
    const s = openai.responses.stream({ model: 'mock-gpt', input: 'Say hi, streamed' });
    let deltas = '';
    s.on('response.output_text.delta', (e) => { deltas += e.delta; });
    const final = await s.finalResponse();
    expect(deltas).toBe(final.output_text);
  });

  it.skipIf(!engine.available)('embeddings are billed by input tokens', async () => {
    const { data, response } = await openai.embeddings.create({ model: 'mock-embed', input: ['a', 'b c'] }).withResponse();
    expect(data.data).toHaveLength(2);
    expect(Number(response.headers.get('x-tollgate-credits-charged'))).toBeGreaterThan(0);
  });

  it.skipIf(!engine.available)('models lists what the key may use', async () => {
    const ids = [];
    for await (const m of openai.models.list()) ids.push(m.id);
    expect(ids).toContain('mock-gpt');
    expect(ids).toContain('claude-sonnet-4-5');
  });

  it.skipIf(!engine.available)('Anthropic messages: JSON, stream with Anthropic events, count_tokens, ?beta=true', async () => {
    const msg = await anthropic.messages.create({ model: 'mock-claude', max_tokens: 64, messages: [{ role: 'user', content: 'Hi' }] });
    expect(msg.type).toBe('message');
    expect(msg.content[0]!.type).toBe('text');
    expect(msg.usage.output_tokens).toBeGreaterThan(0);

    const events: string[] = [];
    const stream = anthropic.messages.stream({ model: 'mock-claude', max_tokens: 64, messages: [{ role: 'user', content: 'Hi again' }] });
    stream.on('streamEvent', (e) => events.push(e.type));
    const final = await stream.finalMessage();
    expect(final.usage.output_tokens).toBeGreaterThan(0);
    expect(events[0]).toBe('message_start');
    expect(events).toContain('content_block_delta');
    expect(events.at(-1)).toBe('message_stop');

    const count = await anthropic.messages.countTokens({ model: 'mock-claude', messages: [{ role: 'user', content: 'count me' }] });
    expect(count.input_tokens).toBeGreaterThan(0);

    // Claude Code uses the beta surface (`?beta=true`) and a bearer token (ANTHROPIC_AUTH_TOKEN).
    const cc = new Anthropic({ authToken: f.key, apiKey: null, baseURL: f.url, maxRetries: 0 });
    const beta = await cc.beta.messages.create({ model: 'mock-claude', max_tokens: 32, messages: [{ role: 'user', content: 'beta' }],
      betas: ['interleaved-thinking-2025-05-14'] });
    expect(beta.content.length).toBeGreaterThan(0);
  });

  it.skipIf(!engine.available)('budgets.status shows each budget\'s spend in its current period', async () => {
    const k = await f.newKey('budgeted');
    const b = await f.api.budgets.create({ orgId: f.orgId, target: { scope: 'agent', id: k.agentId }, period: 'DAILY', limitCredits: 5 });
    const c = new OpenAI({ apiKey: k.key, baseURL: `${f.url}/v1`, maxRetries: 0 });
    const { response } = await c.chat.completions.create({ model: 'mock-gpt', messages: [{ role: 'user', content: 'spend' }] }).withResponse();
    const charged = Number(response.headers.get('x-tollgate-credits-charged'));
    const status = (await f.api.budgets.status({ orgId: f.orgId })).find((s) => s.budgetId === b.id)!;
    expect(status).toMatchObject({ limitMicro: 5_000_000, heldMicro: 0, period: 'DAILY' });
    expect(status.spentMicro / 1e6).toBeCloseTo(charged, 9);
    expect(Date.parse(status.periodEnd!) - Date.parse(status.periodStart!)).toBe(86_400_000);
  });
});


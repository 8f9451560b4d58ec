// The official SDKs parse what this layer writes: proof the wire formats (JSON and SSE) are right.
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProviderRegistry } from '../../src/main/core/providers/registry.ts';
import type { ProviderRegistry } from '../../src/main/core/providers/registry.ts';
import { startFakeAnthropic } from './helpers/fake-anthropic.ts';
import { startFakeOpenAI } from './helpers/fake-openai.ts';
import { startMiniGateway } from './helpers/mini-gateway.ts';
import type { TestServer } from './helpers/server.ts';

let fakeOpenAI: TestServer;
let fakeAnthropic: TestServer;
let gateway: TestServer;
let registry: ProviderRegistry;
let openai: OpenAI;
let anthropic: Anthropic;

beforeAll(async () => {
  [fakeOpenAI, fakeAnthropic] = await Promise.all([startFakeOpenAI(), startFakeAnthropic()]);
  registry = createProviderRegistry({ mock: { chunkCount: 3 } });
  gateway = await startMiniGateway(registry, { openai: fakeOpenAI.url, anthropic: fakeAnthropic.url });
  openai = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'cpk_test', maxRetries: 0 });
  anthropic = new Anthropic({ baseURL: gateway.url, apiKey: 'cpk_test', maxRetries: 0 });
});
afterAll(async () => {
  await gateway.close();
  await registry.close();
  await Promise.all([fakeOpenAI.close(), fakeAnthropic.close()]);
});

const weatherFn = { type: 'function' as const, function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } };
const weatherTool = { name: 'get_weather', input_schema: { type: 'object' as const, properties: { city: { type: 'string' } } } };

describe('OpenAI SDK', () => {
  it.each(['mock-gpt', 'claude-x', 'gpt-x'])('chat JSON and stream helper agree (%s)', async (model) => {
    const messages = [{ role: 'user' as const, content: 'hello sdk' }];
    const json = await openai.chat.completions.create({ model, messages });
    const stream = openai.chat.completions.stream({ model, messages, stream_options: { include_usage: true } });
    const final = await stream.finalChatCompletion();
    expect(final.choices[0]!.message.content).toBe(json.choices[0]!.message.content);
    expect(final.choices[0]!.finish_reason).toBe('stop');
    expect(final.usage?.prompt_tokens).toBe(json.usage?.prompt_tokens);
    expect(json.choices[0]!.message.content).toContain('hello sdk');
  });

  it.each(['mock-tools', 'claude-x', 'gpt-x'])('streams tool calls the SDK can assemble (%s)', async (model) => {
    const stream = openai.chat.completions.stream({ model, messages: [{ role: 'user', content: 'weather' }], tools: [weatherFn], tool_choice: 'required' });
    const final = await stream.finalChatCompletion();
    const call = final.choices[0]!.message.tool_calls?.[0];
    expect(call?.type === 'function' && call.function.name).toBe('get_weather');
    expect(final.choices[0]!.finish_reason).toBe('tool_calls');
  });

  it('surfaces a mid-stream failure as an SDK error', async () => {
    const stream = await openai.chat.completions.create({ model: 'mock-broken-stream', messages: [{ role: 'user', content: 'x' }], stream: true });
    await expect(async () => {
      for await (const _chunk of stream) {
        // consume
      }
    }).rejects.toThrow(/ended before completion/);
  });

  it('maps a provider error to an HTTP error', async () => {
    await expect(openai.chat.completions.create({ model: 'mock-error-500', messages: [{ role: 'user', content: 'x' }] })).rejects.toMatchObject({ status: 502 });
  });

  it.each(['mock-gpt', 'claude-x'])('responses JSON and stream (%s)', async (model) => {
    const json = await openai.responses.create({ model, input: 'hello responses', instructions: 'Be brief.' });
    expect(json.output_text).toContain('hello responses');
    const final = await openai.responses.stream({ model, input: 'hello responses', instructions: 'Be brief.' }).finalResponse();
    expect(final.output_text).toBe(json.output_text);
    expect(final.usage?.input_tokens).toBe(json.usage?.input_tokens);
  });

  it('responses stream with a function call', async () => {
    const final = await openai.responses
      .stream({ model: 'claude-x', input: 'weather', tools: [{ type: 'function', name: 'get_weather', parameters: weatherFn.function.parameters, strict: false }], tool_choice: 'required' })
      .finalResponse();
    expect(final.output[0]).toMatchObject({ type: 'function_call', name: 'get_weather', arguments: '{"city":"Paris"}' });
  });

  it('embeddings decode (SDK asks for base64 by default)', async () => {
    const res = await openai.embeddings.create({ model: 'mock-embed', input: ['a', 'b'] });
    expect(res.data).toHaveLength(2);
    expect(res.data[0]!.embedding).toHaveLength(16);
    expect(Math.hypot(...res.data[0]!.embedding)).toBeCloseTo(1, 5);
    const float = await openai.embeddings.create({ model: 'mock-embed', input: 'a', encoding_format: 'float' });
    expect(float.data[0]!.embedding[0]).toBeCloseTo(res.data[0]!.embedding[0]!, 6);
  });
});

describe('Anthropic SDK', () => {
  it.each(['mock-claude', 'gpt-x', 'claude-x'])('message JSON and MessageStream agree (%s)', async (model) => {
    const params = { model, max_tokens: 100, system: 'Be brief.', messages: [{ role: 'user' as const, content: 'hello sdk' }] };
    const json = await anthropic.messages.create(params);
    const final = await anthropic.messages.stream(params).finalMessage();
    expect(final.content).toEqual(json.content);
    expect(final.stop_reason).toBe('end_turn');
    expect(final.usage.output_tokens).toBe(json.usage.output_tokens);
    expect(final.usage.input_tokens).toBe(json.usage.input_tokens);
    expect(json.content[0]).toMatchObject({ type: 'text' });
  });

  it.each(['mock-tools', 'gpt-x', 'claude-x'])('tool_use streams the SDK can assemble (%s)', async (model) => {
    const final = await anthropic.messages
      .stream({ model, max_tokens: 100, messages: [{ role: 'user', content: 'weather' }], tools: [weatherTool], tool_choice: { type: 'any' } })
      .finalMessage();
    const toolUse = final.content.find((b) => b.type === 'tool_use');
    expect(toolUse).toMatchObject({ type: 'tool_use', name: 'get_weather' });
    expect(final.stop_reason).toBe('tool_use');
  });

  it('keeps thinking blocks on the native path (needed to continue a thinking + tools turn)', async () => {
    const final = await anthropic.messages
      .stream({ model: 'claude-x', max_tokens: 100, messages: [{ role: 'user', content: 'weather' }], tools: [weatherTool], tool_choice: { type: 'any' } })
      .finalMessage();
    expect(final.content[0]).toMatchObject({ type: 'thinking', thinking: 'hmm', signature: 'sig' });
  });

  it('count_tokens estimate', async () => {
    const res = await anthropic.messages.countTokens({ model: 'claude-x', messages: [{ role: 'user', content: 'hello world' }] });
    expect(res.input_tokens).toBeGreaterThan(2);
  });
});

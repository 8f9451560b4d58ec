import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAnthropicMessagesRequest } from '../../src/main/core/formats/anthropic-messages/index.ts';
import type { StreamEvent } from '../../src/main/core/formats/types.ts';
import { ProviderError } from '../../src/main/core/providers/errors.ts';
import { createProviderRegistry } from '../../src/main/core/providers/registry.ts';
import type { ProviderRegistry } from '../../src/main/core/providers/registry.ts';
import { startFakeAnthropic } from './helpers/fake-anthropic.ts';
import { collect } from './helpers/server.ts';
import type { TestServer } from './helpers/server.ts';

const KEY = 'sk-ant-test-secret-987654321';
let upstream: TestServer;
let registry: ProviderRegistry;

beforeAll(async () => {
  upstream = await startFakeAnthropic();
  registry = createProviderRegistry({ http: { headersTimeoutMs: 300, bodyTimeoutMs: 300 } });
});
afterAll(async () => {
  await registry.close();
  await upstream.close();
});

const opts = (upstreamModel: string, signal = new AbortController().signal) => ({
  signal,
  upstreamModel,
  credential: { apiKey: KEY, baseUrl: upstream.url },
  // what a naive gateway might forward from the client: only anthropic-beta may reach the upstream
  headers: { 'anthropic-beta': 'interleaved-thinking-2025-05-14', 'X-Api-Key': 'cpk_client', Authorization: 'Bearer cpk_client' },
});
const msgReq = (extra: Record<string, unknown> = {}) =>
  parseAnthropicMessagesRequest({
    model: 'alias',
    max_tokens: 100,
    system: [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } }],
    messages: [{ role: 'user', content: 'hello' }],
    ...extra,
  });
const weatherTool = { name: 'get_weather', description: 'Weather', input_schema: { type: 'object', properties: { city: { type: 'string' } } } };

async function rejection(promise: Promise<unknown>): Promise<ProviderError> {
  const err = await promise.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(ProviderError);
  return err as ProviderError;
}

describe('anthropic provider', () => {
  const anthropic = () => registry.get('anthropic');

  it('posts /v1/messages with x-api-key and anthropic-version, passing the native body through', async () => {
    const result = await anthropic().chat(msgReq({ thinking: { type: 'enabled', budget_tokens: 1024 } }), opts('claude-test'));
    const sent = upstream.requests.at(-1)!;
    expect(sent.url).toBe('/v1/messages');
    expect(sent.headers['x-api-key']).toBe(KEY);
    expect(sent.headers['anthropic-version']).toBe('2023-06-01');
    expect(sent.headers['anthropic-beta']).toBe('interleaved-thinking-2025-05-14');
    expect(sent.headers.authorization).toBeUndefined();
    expect(sent.body).toMatchObject({
      model: 'claude-test',
      max_tokens: 100,
      stream: false,
      thinking: { type: 'enabled', budget_tokens: 1024 },
      system: [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } }],
    });
    // canonical usage counts cache reads/writes inside inputTokens
    expect(result).toMatchObject({ content: 'Echo: hello', stopReason: 'stop', usage: { inputTokens: 13, outputTokens: 7, cacheReadTokens: 3, cacheWriteTokens: 2 } });
    expect(result.native?.format).toBe('anthropic-messages');
  });

  it('accepts a base URL ending in /v1', async () => {
    await anthropic().chat(msgReq(), { ...opts('claude-test'), credential: { apiKey: KEY, baseUrl: `${upstream.url}/v1/` } });
    expect(upstream.requests.at(-1)!.url).toBe('/v1/messages');
  });

  it('parses tool_use and keeps thinking blocks natively', async () => {
    const result = await anthropic().chat(msgReq({ tools: [weatherTool], tool_choice: { type: 'any' } }), opts('claude-test'));
    expect(result.toolCalls).toEqual([{ id: 'toolu_01', name: 'get_weather', arguments: '{"city":"Paris"}' }]);
    expect(result.stopReason).toBe('tool_calls');
    expect((result.native?.body.content as unknown[])[0]).toMatchObject({ type: 'thinking', signature: 'sig' });
  });

  it('streams text with usage combined from message_start and message_delta', async () => {
    const events = await collect(anthropic().chatStream(msgReq({ stream: true }), opts('claude-test')));
    const canonical = events.filter((e) => e.type !== 'native');
    expect(canonical[0]).toEqual({ type: 'start', id: 'msg_fake1', model: 'claude-test' });
    expect(canonical.flatMap((e) => (e.type === 'text' ? [e.delta] : [])).join('')).toBe('Echo: hello');
    expect(canonical.at(-2)).toEqual({ type: 'stop', stopReason: 'stop', stopSequence: null });
    expect(canonical.at(-1)).toEqual({ type: 'usage', usage: { inputTokens: 13, outputTokens: 7, cacheReadTokens: 3, cacheWriteTokens: 2 } });
    const finals = events.filter((e) => e.type === 'native' && e.role === 'final').map((e) => (e.type === 'native' ? e.event : ''));
    expect(finals).toEqual(['message_delta', 'message_stop']);
  });

  it('streams tool_use as tool call deltas, skipping thinking', async () => {
    const events = await collect(anthropic().chatStream(msgReq({ stream: true, tools: [weatherTool], tool_choice: { type: 'tool', name: 'get_weather' } }), opts('claude-test')));
    const calls = events.filter((e): e is Extract<StreamEvent, { type: 'tool_call_delta' }> => e.type === 'tool_call_delta');
    expect(calls[0]).toEqual({ type: 'tool_call_delta', index: 0, id: 'toolu_01', name: 'get_weather', argumentsDelta: '' });
    expect(calls.map((c) => c.argumentsDelta).join('')).toBe('{"city":"Paris"}');
    expect(events.some((e) => e.type === 'text')).toBe(false);
  });

  it('maps 529 overloaded and a stream error event', async () => {
    const err = await rejection(anthropic().chat(msgReq(), opts('claude-overloaded')));
    expect(err).toMatchObject({ code: 'upstream_error', upstreamStatus: 529, upstreamType: 'overloaded_error' });
    const streamErr = await rejection(collect(anthropic().chatStream(msgReq({ stream: true }), opts('claude-stream-error'))));
    expect(streamErr).toMatchObject({ code: 'upstream_error', upstreamType: 'overloaded_error' });
  });

  it('surfaces a truncated stream and a silent upstream', async () => {
    const truncated = await rejection(collect(anthropic().chatStream(msgReq({ stream: true }), opts('claude-truncated'))));
    expect(truncated.message).toContain('ended before completion');
    const timeout = await rejection(anthropic().chat(msgReq(), opts('claude-hang')));
    expect(timeout).toMatchObject({ code: 'upstream_timeout', status: 504 });
  });

  it('aborts the upstream when the client disconnects', async () => {
    const controller = new AbortController();
    const aborted = upstream.nextAbort();
    const run = (async () => {
      for await (const event of anthropic().chatStream(msgReq({ stream: true }), opts('claude-slow-stream', controller.signal))) {
        if (event.type === 'text') controller.abort();
      }
    })();
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    await aborted;
  });

  it('refuses embeddings and lists models', async () => {
    const err = await rejection(anthropic().embed({ model: 'x', input: ['a'] }, opts('x')));
    expect(err).toMatchObject({ code: 'invalid_request', status: 400 });
    const { upstreamModel: _unused, ...listOpts } = opts('x');
    expect(await anthropic().listModels!(listOpts)).toEqual(['claude-test']);
  });
});

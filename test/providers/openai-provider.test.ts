import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseOpenAIChatRequest } from '../../src/main/core/formats/openai-chat/index.ts';
import type { StreamEvent } from '../../src/main/core/formats/types.ts';
import { ProviderError } from '../../src/main/core/providers/errors.ts';
import { createProviderRegistry } from '../../src/main/core/providers/registry.ts';
import type { ProviderRegistry } from '../../src/main/core/providers/registry.ts';
import { OPENAI_USAGE, startFakeOpenAI } from './helpers/fake-openai.ts';
import { collect } from './helpers/server.ts';
import type { TestServer } from './helpers/server.ts';

const KEY = 'sk-test-secret-0123456789';
let upstream: TestServer;
let registry: ProviderRegistry;

beforeAll(async () => {
  upstream = await startFakeOpenAI();
  registry = createProviderRegistry({ http: { headersTimeoutMs: 300, bodyTimeoutMs: 300, connectTimeoutMs: 500 } });
});
afterAll(async () => {
  await registry.close();
  await upstream.close();
});

const opts = (upstreamModel: string, signal = new AbortController().signal) => ({
  signal,
  upstreamModel,
  credential: { apiKey: KEY, baseUrl: `${upstream.url}/v1` },
});
const chatReq = (extra: Record<string, unknown> = {}) =>
  parseOpenAIChatRequest({ model: 'alias', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'hello' }], ...extra });

async function rejection(promise: Promise<unknown>): Promise<ProviderError> {
  const err = await promise.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(ProviderError);
  return err as ProviderError;
}

describe('openai provider', () => {
  const openai = () => registry.get('openai');

  it('sends a chat completion with bearer auth and the upstream model; keeps unknown fields', async () => {
    const result = await openai().chat(chatReq({ seed: 42, logprobs: true, max_tokens: 50 }), opts('gpt-test'));
    const sent = upstream.requests.at(-1)!;
    expect(sent.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(sent.body).toMatchObject({ model: 'gpt-test', seed: 42, logprobs: true, max_tokens: 50, stream: false });
    expect(sent.body.stream_options).toBeUndefined();
    expect(result).toMatchObject({
      content: 'Echo: hello',
      stopReason: 'stop',
      usage: { inputTokens: 11, outputTokens: 7, cacheReadTokens: 3 },
    });
    // same format: the upstream body is kept for verbatim rendering
    expect(result.native?.body.system_fingerprint).toBe('fp_fake');
  });

  it('streams canonical events, always asking the upstream for usage', async () => {
    const events = await collect(openai().chatStream(chatReq({ stream: true }), opts('gpt-test')));
    expect(upstream.requests.at(-1)!.body.stream_options).toEqual({ include_usage: true });
    const canonical = events.filter((e) => e.type !== 'native');
    expect(canonical[0]).toEqual({ type: 'start', id: 'chatcmpl-fake1', model: 'gpt-test' });
    const text = canonical.flatMap((e) => (e.type === 'text' ? [e.delta] : [])).join('');
    expect(text).toBe('Echo: hello');
    expect(canonical.at(-2)).toEqual({ type: 'stop', stopReason: 'stop' });
    expect(canonical.at(-1)).toEqual({ type: 'usage', usage: { inputTokens: 11, outputTokens: 7, cacheReadTokens: 3 } });
    const usageFrame = events.find((e) => e.type === 'native' && e.role === 'usage');
    expect(usageFrame).toBeDefined();
  });

  it('streams tool call deltas', async () => {
    const req = chatReq({ stream: true, tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } }], tool_choice: 'required' });
    const events = await collect(openai().chatStream(req, opts('gpt-test')));
    const calls = events.filter((e) => e.type === 'tool_call_delta');
    expect(calls[0]).toMatchObject({ index: 0, id: 'call_abc123', name: 'get_weather' });
    expect(calls.map((c) => (c.type === 'tool_call_delta' ? c.argumentsDelta : '')).join('')).toBe('{"city":"Paris"}');
    expect(events.find((e) => e.type === 'stop')).toEqual({ type: 'stop', stopReason: 'tool_calls' });
  });

  it('estimates usage when the upstream reports none', async () => {
    const result = await openai().chat(chatReq(), opts('gpt-no-usage'));
    expect(result.usage.estimated).toBe(true);
    expect(result.usage.inputTokens).toBeGreaterThan(0);
    const events = await collect(openai().chatStream(chatReq({ stream: true }), opts('gpt-no-usage')));
    const usage = events.at(-1) as Extract<StreamEvent, { type: 'usage' }>;
    expect(usage.type).toBe('usage');
    expect(usage.usage.estimated).toBe(true);
    expect(usage.usage.outputTokens).toBeGreaterThan(0);
  });

  it('maps upstream 4xx to upstream_error with the upstream status and never leaks the key', async () => {
    const err = await rejection(openai().chat(chatReq(), opts('gpt-401')));
    expect(err).toMatchObject({ code: 'upstream_error', status: 502, upstreamStatus: 401, upstreamType: 'invalid_request_error' });
    expect(err.message).toContain('Incorrect API key');
    expect(err.message).not.toContain(KEY);
    expect(err.message).not.toContain('0123456789');
  });

  it('maps upstream 5xx', async () => {
    const err = await rejection(openai().chat(chatReq(), opts('gpt-500')));
    expect(err).toMatchObject({ code: 'upstream_error', status: 502, upstreamStatus: 500 });
  });

  it('maps a silent upstream to upstream_timeout (504)', async () => {
    const err = await rejection(openai().chat(chatReq(), opts('gpt-hang')));
    expect(err).toMatchObject({ code: 'upstream_timeout', status: 504 });
  });

  it('maps a stalled stream (body timeout) to upstream_timeout', async () => {
    const seen: StreamEvent[] = [];
    const err = await rejection(
      (async () => {
        for await (const e of openai().chatStream(chatReq({ stream: true }), opts('gpt-stall'))) seen.push(e);
      })(),
    );
    expect(err).toMatchObject({ code: 'upstream_timeout', status: 504 });
    expect(seen.some((e) => e.type === 'text')).toBe(true);
  });

  it('maps a refused connection to upstream_error', async () => {
    const o = { ...opts('gpt-test'), credential: { apiKey: KEY, baseUrl: 'http://127.0.0.1:1/v1' } };
    const err = await rejection(openai().chat(chatReq(), o));
    expect(err).toMatchObject({ code: 'upstream_error', status: 502, upstreamStatus: null });
  });

  it('maps a gateway deadline (AbortSignal.timeout) to upstream_timeout', async () => {
    const err = await rejection(openai().chat(chatReq(), opts('gpt-hang', AbortSignal.timeout(50))));
    expect(err.code).toBe('upstream_timeout');
  });

  it('aborts the upstream when the client disconnects mid-stream', async () => {
    const controller = new AbortController();
    const aborted = upstream.nextAbort();
    const seen: StreamEvent[] = [];
    const err = await (async () => {
      for await (const event of openai().chatStream(chatReq({ stream: true }), opts('gpt-slow-stream', controller.signal))) {
        seen.push(event);
        if (event.type === 'text') controller.abort(new Error('client went away'));
      }
    })().then(() => null, (e: unknown) => e);
    expect((err as Error).message).toBe('client went away');
    await aborted; // the fake upstream saw its socket close
    expect(seen.some((e) => e.type === 'text')).toBe(true);
  });

  it('closes the upstream when the consumer stops iterating', async () => {
    const aborted = upstream.nextAbort();
    for await (const event of openai().chatStream(chatReq({ stream: true }), opts('gpt-slow-stream'))) {
      if (event.type === 'text') break;
    }
    await aborted;
  });

  it.each([
    ['gpt-truncated', 'ended before completion'],
    ['gpt-reset', 'upstream'],
    ['gpt-garbage', 'malformed'],
    ['gpt-stream-error', 'overloaded'],
  ])('surfaces a broken stream (%s) as ProviderError', async (model, text) => {
    const err = await rejection(collect(openai().chatStream(chatReq({ stream: true }), opts(model))));
    expect(err.code).toBe('upstream_error');
    expect(err.message).toContain(text);
  });

  it('embeds and lists models', async () => {
    const result = await openai().embed({ model: 'e', input: ['a', 'b'] }, opts('text-embedding-3-small'));
    expect(upstream.requests.at(-1)!.body).toEqual({ model: 'text-embedding-3-small', input: ['a', 'b'], encoding_format: 'float' });
    expect(result).toEqual({ model: 'text-embedding-3-small', embeddings: [[0, 0.5, -0.5], [1, 0.5, -0.5]], usage: { inputTokens: 5 } });
    const { upstreamModel: _unused, ...listOpts } = opts('x');
    expect(await openai().listModels!(listOpts)).toEqual(['gpt-test', 'gpt-other']);
  });

  it('uses max_completion_tokens for api.openai.com and max_tokens for other bases', async () => {
    const req = parseOpenAIChatRequest({ model: 'a', messages: [{ role: 'user', content: 'hi' }] });
    req.maxTokens = 77; // e.g. a policy cap
    await openai().chat(req, opts('gpt-test'));
    expect(upstream.requests.at(-1)!.body.max_tokens).toBe(77);
    expect(OPENAI_USAGE.prompt_tokens).toBe(11);
  });
});

import { describe, expect, it } from 'vitest';
import { parseOpenAIChatRequest } from '../../src/main/core/formats/openai-chat/index.ts';
import type { StreamEvent } from '../../src/main/core/formats/types.ts';
import { ProviderError } from '../../src/main/core/providers/errors.ts';
import { createMockProvider } from '../../src/main/core/providers/mock/index.ts';
import { collect } from './helpers/server.ts';

const opts = (upstreamModel: string, signal = new AbortController().signal) => ({ signal, upstreamModel, credential: { apiKey: null, baseUrl: null } });
const req = (text: string, extra: Record<string, unknown> = {}) => parseOpenAIChatRequest({ model: 'm', messages: [{ role: 'user', content: text }], ...extra });

async function rejection(promise: Promise<unknown>): Promise<ProviderError> {
  const err = await promise.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(ProviderError);
  return err as ProviderError;
}

describe('mock provider', () => {
  it('is deterministic and derives the reply from the prompt', async () => {
    const mock = createMockProvider();
    const a = await mock.chat(req('hello there'), opts('mock-gpt'));
    const b = await mock.chat(req('hello there'), opts('mock-gpt'));
    const c = await mock.chat(req('something else'), opts('mock-gpt'));
    expect(a).toEqual(b);
    expect(a.content).toBe('This is a mock response. You said: hello there');
    expect(c.id).not.toBe(a.id);
    expect(a.usage.inputTokens).toBeGreaterThan(0);
    expect(a.usage.outputTokens).toBeGreaterThan(5);
  });

  it('honours fixed reply and usage', async () => {
    const mock = createMockProvider({ reply: 'OK', usage: { inputTokens: 100, outputTokens: 20 } });
    expect(await mock.chat(req('x'), opts('mock-claude'))).toMatchObject({ content: 'OK', usage: { inputTokens: 100, outputTokens: 20 }, stopReason: 'stop' });
  });

  it('streams the same text in chunkCount pieces, then stop and usage', async () => {
    const mock = createMockProvider({ chunkCount: 5 });
    const events = await collect(mock.chatStream(req('stream me', { stream: true }), opts('mock-gpt')));
    const full = await mock.chat(req('stream me'), opts('mock-gpt'));
    const texts = events.filter((e) => e.type === 'text');
    expect(texts).toHaveLength(5);
    expect(texts.map((e) => (e.type === 'text' ? e.delta : '')).join('')).toBe(full.content);
    expect(events[0]).toEqual({ type: 'start', id: full.id, model: 'mock-gpt' });
    expect(events.slice(-2)).toEqual([{ type: 'stop', stopReason: 'stop' }, { type: 'usage', usage: full.usage }]);
  });

  it('paces chunks and honours latency', async () => {
    const mock = createMockProvider({ latencyMs: 30, chunkDelayMs: 20, chunkCount: 3 });
    const t0 = performance.now();
    await collect(mock.chatStream(req('pace', { stream: true }), opts('mock-gpt')));
    expect(performance.now() - t0).toBeGreaterThanOrEqual(65);
  });

  it('calls a tool for mock-tools or a required tool choice, then answers the tool result', async () => {
    const mock = createMockProvider();
    const tools = [{ type: 'function', function: { name: 'lookup', parameters: { type: 'object' } } }];
    const first = await mock.chat(req('find it', { tools }), opts('mock-tools'));
    expect(first.stopReason).toBe('tool_calls');
    expect(first.toolCalls[0]).toMatchObject({ name: 'lookup', arguments: '{"input":"find it"}' });
    const events = await collect(mock.chatStream(req('find it', { tools, tool_choice: 'required', stream: true }), opts('mock-gpt')));
    expect(events.filter((e) => e.type === 'tool_call_delta')).toHaveLength(2);
    const followUp = parseOpenAIChatRequest({
      model: 'm',
      tools,
      messages: [
        { role: 'user', content: 'find it' },
        { role: 'assistant', content: null, tool_calls: [{ id: first.toolCalls[0]!.id, type: 'function', function: { name: 'lookup', arguments: '{}' } }] },
        { role: 'tool', tool_call_id: first.toolCalls[0]!.id, content: 'found' },
      ],
    });
    expect(await mock.chat(followUp, opts('mock-tools'))).toMatchObject({ stopReason: 'stop', content: 'This is a mock response. You said: found' });
  });

  it('injects errors by model name', async () => {
    const mock = createMockProvider({ timeoutMs: 20 });
    expect(await rejection(mock.chat(req('x'), opts('mock-error-500')))).toMatchObject({ code: 'upstream_error', status: 502, upstreamStatus: 500 });
    expect(await rejection(mock.chat(req('x'), opts('mock-error-429')))).toMatchObject({ code: 'upstream_error', upstreamStatus: 429 });
    expect(await rejection(mock.chat(req('x'), opts('mock-timeout')))).toMatchObject({ code: 'upstream_timeout', status: 504 });
    const seen: StreamEvent[] = [];
    const broken = await rejection(
      (async () => {
        for await (const e of mock.chatStream(req('x', { stream: true }), opts('mock-broken-stream'))) seen.push(e);
      })(),
    );
    expect(broken.code).toBe('upstream_error');
    expect(seen.map((e) => e.type)).toEqual(['start', 'text']);
  });

  it('injects errors by config', async () => {
    const mock = createMockProvider({ failWith: 'error-503' });
    expect(await rejection(mock.chat(req('x'), opts('mock-gpt')))).toMatchObject({ upstreamStatus: 503 });
  });

  it('stops on abort', async () => {
    const mock = createMockProvider({ chunkDelayMs: 1000, chunkCount: 3 });
    const controller = new AbortController();
    const run = (async () => {
      for await (const e of mock.chatStream(req('x', { stream: true }), opts('mock-gpt', controller.signal))) {
        if (e.type === 'text') controller.abort(new Error('gone'));
      }
    })();
    await expect(run).rejects.toThrow('gone');
    const timeout = createMockProvider({ timeoutMs: 10_000 });
    await expect(timeout.chat(req('x'), opts('mock-timeout', AbortSignal.timeout(20)))).rejects.toMatchObject({ code: 'upstream_timeout' });
  });

  it('produces deterministic unit-length embeddings', async () => {
    const mock = createMockProvider();
    const a = await mock.embed({ model: 'mock-embed', input: ['alpha', 'beta', [1, 2, 3]] }, opts('mock-embed'));
    const b = await mock.embed({ model: 'mock-embed', input: ['alpha'], dimensions: 16 }, opts('mock-embed'));
    expect(a.embeddings).toHaveLength(3);
    expect(a.embeddings[0]).toEqual(b.embeddings[0]);
    expect(a.embeddings[0]).not.toEqual(a.embeddings[1]);
    const norm = Math.hypot(...a.embeddings[1]!);
    expect(norm).toBeCloseTo(1, 6);
    expect(a.usage.inputTokens).toBe(1 + 1 + 3);
    expect((await mock.embed({ model: 'x', input: ['a'], dimensions: 64 }, opts('mock-embed'))).embeddings[0]).toHaveLength(64);
  });

  it('is cheap: thousands of streamed requests per second', async () => {
    const mock = createMockProvider({ tokenCounting: 'approx' });
    const r = req('a typical short prompt for a benchmark', { stream: true });
    const t0 = performance.now();
    for (let i = 0; i < 5000; i += 1) await collect(mock.chatStream(r, opts('mock-gpt')));
    const perSecond = 5000 / ((performance.now() - t0) / 1000);
    expect(perSecond).toBeGreaterThan(5000);
  });

  it('lists its models', async () => {
    expect(await createMockProvider().listModels!({ signal: new AbortController().signal, credential: { apiKey: null, baseUrl: null } })).toContain('mock-gpt');
  });
});

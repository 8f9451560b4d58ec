// Format translators and SSE helpers in isolation.
import { describe, expect, it } from 'vitest';
import { buildAnthropicMessagesBody, countAnthropicTokens, createAnthropicStreamDecoder, parseAnthropicMessagesRequest } from '../../src/main/core/formats/anthropic-messages/index.ts';
import { buildOpenAIChatBody, createOpenAIChatStreamEncoder, parseOpenAIChatRequest } from '../../src/main/core/formats/openai-chat/index.ts';
import { parseOpenAIEmbeddingsRequest, renderOpenAIEmbeddingsResult } from '../../src/main/core/formats/openai-embeddings.ts';
import { readSse, sseFrame } from '../../src/main/core/formats/sse.ts';
import { ProviderError, redactSecrets } from '../../src/main/core/providers/errors.ts';
import { collect } from './helpers/server.ts';
import { parseSseText } from './helpers/sse.ts';

async function* chunks(...parts: Array<string | Uint8Array>) {
  for (const part of parts) yield part;
}

describe('sse', () => {
  it('writes frames, splitting multi-line strings', () => {
    expect(sseFrame({ a: 1 }, 'ping')).toBe('event: ping\ndata: {"a":1}\n\n');
    expect(sseFrame('a\nb')).toBe('data: a\ndata: b\n\n');
  });

  it('reads events split across chunks and inside multi-byte characters', async () => {
    const bytes = new TextEncoder().encode('event: x\ndata: {"t":"é€"}\n\ndata: [DONE]\n\n');
    const parts = [bytes.slice(0, 5), bytes.slice(5, 22), bytes.slice(22, 23), bytes.slice(23)];
    expect(await collect(readSse(chunks(...parts)))).toMatchObject([{ event: 'x', data: '{"t":"é€"}' }, { data: '[DONE]' }]);
  });

  it('delivers a last event missing its blank line', async () => {
    expect((await collect(readSse(chunks('data: one\n\ndata: two')))).map((m) => m.data)).toEqual(['one', 'two']);
  });

  it('fails on an oversized event instead of buffering forever', async () => {
    const err = await collect(readSse(chunks(`data: ${'x'.repeat(2000)}`), { maxBufferSize: 1000 })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
  });
});

describe('request validation', () => {
  it.each([
    [() => parseOpenAIChatRequest({ messages: [] }), /model/],
    [() => parseOpenAIChatRequest({ model: 'm', messages: [{ role: 'wizard', content: 'x' }] }), /messages\.0\.role/],
    [() => parseOpenAIChatRequest('nope'), /chat completion request/],
    [() => parseAnthropicMessagesRequest({ model: 'm', messages: [{ role: 'user', content: 'x' }] }), /max_tokens/],
    [() => parseOpenAIEmbeddingsRequest({ model: 'm', input: [] }), /input/],
  ])('rejects bad bodies with invalid_request (%#)', (fn, message) => {
    let err: unknown;
    try {
      fn();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ProviderError);
    expect(err).toMatchObject({ code: 'invalid_request', status: 400 });
    expect((err as Error).message).toMatch(message);
  });
});

describe('openai chat', () => {
  it('keeps unknown fields and the max-token field the client used on the native path', () => {
    const req = parseOpenAIChatRequest({ model: 'm', messages: [{ role: 'user', content: 'x' }], max_completion_tokens: 10, reasoning_effort: 'low', stream: true });
    req.maxTokens = 5;
    expect(buildOpenAIChatBody(req, { model: 'up', maxTokensField: 'max_tokens' })).toEqual({
      model: 'up', messages: [{ role: 'user', content: 'x' }], max_completion_tokens: 5, reasoning_effort: 'low', stream: true, stream_options: { include_usage: true },
    });
  });

  it('keeps a mid-conversation system message in place', () => {
    const req = parseOpenAIChatRequest({ model: 'm', messages: [{ role: 'developer', content: 'A' }, { role: 'user', content: 'u' }, { role: 'system', content: 'B' }] });
    expect(req.system).toBe('A');
    expect(req.messages.map((m) => m.role)).toEqual(['user', 'system']);
    // Anthropic has no system turns: they join the system prompt
    expect(buildAnthropicMessagesBody({ ...req, native: undefined }, { model: 'c', defaultMaxTokens: 9 }).system).toBe('A\n\nB');
  });

  it('encoder: role chunk, deltas, finish, usage chunk, [DONE]', async () => {
    const enc = createOpenAIChatStreamEncoder({ includeUsage: true, created: 7 });
    let out = enc.write({ type: 'start', id: 'abc', model: 'm' });
    out += enc.write({ type: 'text', delta: 'Hi' });
    out += enc.write({ type: 'stop', stopReason: 'length' });
    out += enc.write({ type: 'usage', usage: { inputTokens: 3, outputTokens: 1 } });
    out += enc.finish();
    const frames = await parseSseText(out);
    expect(frames.map((f) => (f.data === '[DONE]' ? f.data : JSON.parse(f.data)))).toEqual([
      { id: 'chatcmpl-abc', object: 'chat.completion.chunk', created: 7, model: 'm', choices: [{ index: 0, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null }] },
      { id: 'chatcmpl-abc', object: 'chat.completion.chunk', created: 7, model: 'm', choices: [{ index: 0, delta: { content: 'Hi' }, logprobs: null, finish_reason: null }] },
      { id: 'chatcmpl-abc', object: 'chat.completion.chunk', created: 7, model: 'm', choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: 'length' }] },
      { id: 'chatcmpl-abc', object: 'chat.completion.chunk', created: 7, model: 'm', choices: [], usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4, prompt_tokens_details: { cached_tokens: 0 } } },
      '[DONE]',
    ]);
    expect(JSON.parse((await parseSseText(enc.error({ message: 'boom' })))[0]!.data)).toEqual({ error: { message: 'boom', type: 'api_error', code: null } });
  });
});

describe('anthropic messages', () => {
  it('splits tool results from user text and keeps is_error', () => {
    const req = parseAnthropicMessagesRequest({
      model: 'm',
      max_tokens: 5,
      messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: 'bad', is_error: true }, { type: 'text', text: 'then?' }] }],
    });
    expect(req.messages).toEqual([
      { role: 'tool', toolCallId: 't1', isError: true, content: [{ type: 'text', text: 'bad' }] },
      { role: 'user', content: [{ type: 'text', text: 'then?' }] },
    ]);
    const back = buildAnthropicMessagesBody({ ...req, native: undefined }, { model: 'c', defaultMaxTokens: 9 });
    expect(back.messages).toEqual([{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: 'bad', is_error: true }, { type: 'text', text: 'then?' }] }]);
  });

  it('decoder: a stream without message_stop is an error', () => {
    const dec = createAnthropicStreamDecoder({ native: false });
    dec.push({ data: JSON.stringify({ type: 'message_start', message: { id: 'm', model: 'c', usage: { input_tokens: 1 } } }) });
    expect(() => dec.end()).toThrow(/ended before completion/);
  });

  it('count_tokens estimate grows with content and tools', () => {
    const small = countAnthropicTokens({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }).input_tokens;
    const big = countAnthropicTokens({
      model: 'm',
      system: 'You are a helpful assistant with a long system prompt.',
      messages: [{ role: 'user', content: 'hi '.repeat(100) }],
      tools: [{ name: 't', input_schema: { type: 'object', properties: { q: { type: 'string' } } } }],
    }).input_tokens;
    expect(small).toBeGreaterThan(0);
    expect(big).toBeGreaterThan(small + 100);
  });
});

describe('embeddings', () => {
  it('accepts strings and token arrays, renders float or base64', () => {
    expect(parseOpenAIEmbeddingsRequest({ model: 'e', input: 'x' }).request.input).toEqual(['x']);
    expect(parseOpenAIEmbeddingsRequest({ model: 'e', input: [1, 2] }).request.input).toEqual([[1, 2]]);
    expect(parseOpenAIEmbeddingsRequest({ model: 'e', input: [[1], [2]], encoding_format: 'base64' })).toMatchObject({ encodingFormat: 'base64' });
    const result = { model: 'e', embeddings: [[0.5, -1]], usage: { inputTokens: 2 } };
    const b64 = renderOpenAIEmbeddingsResult(result, 'base64') as { data: Array<{ embedding: string }> };
    const bytes = Buffer.from(b64.data[0]!.embedding, 'base64');
    expect(Array.from(new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)))).toEqual([0.5, -1]);
    expect(renderOpenAIEmbeddingsResult(result, 'float')).toMatchObject({ data: [{ embedding: [0.5, -1], index: 0 }], usage: { prompt_tokens: 2 } });
  });
});

describe('redaction', () => {
  it('removes the key and key-shaped strings', () => {
    expect(redactSecrets('bad key sk-proj-abcdef123456 and my-raw-key-xyz', 'my-raw-key-xyz')).toBe('bad key [redacted] and [redacted]');
    expect(redactSecrets('Authorization: Bearer abc.def', null)).toBe('Authorization: [redacted]');
  });
});

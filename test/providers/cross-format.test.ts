// Client format ≠ upstream format: requests, results and streams translate both ways.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAnthropicStreamEncoder,
  parseAnthropicMessagesRequest,
  renderAnthropicMessagesResult,
} from '../../src/main/core/formats/anthropic-messages/index.ts';
import { createOpenAIChatStreamEncoder, parseOpenAIChatRequest, renderOpenAIChatResult } from '../../src/main/core/formats/openai-chat/index.ts';
import { createProviderRegistry } from '../../src/main/core/providers/registry.ts';
import type { ProviderRegistry } from '../../src/main/core/providers/registry.ts';
import { startFakeAnthropic } from './helpers/fake-anthropic.ts';
import { startFakeOpenAI } from './helpers/fake-openai.ts';
import type { TestServer } from './helpers/server.ts';
import { encodeAll, parseSseText } from './helpers/sse.ts';

let fakeOpenAI: TestServer;
let fakeAnthropic: TestServer;
let registry: ProviderRegistry;

beforeAll(async () => {
  [fakeOpenAI, fakeAnthropic] = await Promise.all([startFakeOpenAI(), startFakeAnthropic()]);
  registry = createProviderRegistry({ anthropic: { defaultMaxTokens: 2048 } });
});
afterAll(async () => {
  await registry.close();
  await Promise.all([fakeOpenAI.close(), fakeAnthropic.close()]);
});

const signal = new AbortController().signal;
const toAnthropic = (upstreamModel = 'claude-test') => ({ signal, upstreamModel, credential: { apiKey: 'k', baseUrl: fakeAnthropic.url } });
const toOpenAI = (upstreamModel = 'gpt-test') => ({ signal, upstreamModel, credential: { apiKey: 'k', baseUrl: `${fakeOpenAI.url}/v1` } });

const weather = { type: 'function', function: { name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } };

describe('OpenAI client → anthropic provider', () => {
  const openaiBody = {
    model: 'gpt-4o',
    temperature: 1.5,
    stop: 'END',
    user: 'u-1',
    messages: [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: [{ type: 'text', text: 'Weather?' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } }] },
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } }] },
      { role: 'tool', tool_call_id: 'call_1', content: 'Sunny' },
      { role: 'user', content: 'And tomorrow?' },
    ],
    tools: [weather],
    tool_choice: 'required',
    parallel_tool_calls: false,
  };

  it('translates system, images, tool history, tools and sampling', async () => {
    const result = await registry.get('anthropic').chat(parseOpenAIChatRequest(openaiBody), toAnthropic());
    expect(fakeAnthropic.requests.at(-1)!.body).toEqual({
      model: 'claude-test',
      max_tokens: 2048,
      stream: false,
      system: 'Be brief.',
      temperature: 1,
      stop_sequences: ['END'],
      metadata: { user_id: 'u-1' },
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Weather?' }, { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AAAA' } }] },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'call_1', name: 'get_weather', input: { city: 'Oslo' } }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'call_1', content: 'Sunny' }, { type: 'text', text: 'And tomorrow?' }] },
      ],
      tools: [{ name: 'get_weather', description: 'Weather', input_schema: weather.function.parameters }],
      tool_choice: { type: 'any', disable_parallel_tool_use: true },
    });
    const rendered = renderOpenAIChatResult(result, { created: 1 });
    expect(rendered).toMatchObject({
      object: 'chat.completion',
      created: 1,
      choices: [{ index: 0, finish_reason: 'tool_calls', message: { role: 'assistant', content: null, tool_calls: [{ id: 'toolu_01', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] } }],
      usage: { prompt_tokens: 13, completion_tokens: 7, total_tokens: 20, prompt_tokens_details: { cached_tokens: 3 } },
    });
  });

  it('streams back as OpenAI chunks with a usage chunk and [DONE]', async () => {
    const req = parseOpenAIChatRequest({ model: 'gpt-4o', stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'hi' }] });
    const sse = await encodeAll(registry.get('anthropic').chatStream(req, toAnthropic()), createOpenAIChatStreamEncoder({ includeUsage: true, created: 1 }));
    const frames = await parseSseText(sse);
    expect(frames.at(-1)!.data).toBe('[DONE]');
    const chunks = frames.slice(0, -1).map((f) => JSON.parse(f.data));
    expect(chunks.every((c) => c.object === 'chat.completion.chunk' && c.id === 'chatcmpl-msg_fake1')).toBe(true);
    expect(chunks.map((c) => c.choices[0]?.delta?.content ?? '').join('')).toBe('Echo: hi');
    expect(chunks.at(-2).choices[0].finish_reason).toBe('stop');
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: 13, completion_tokens: 7 } });
  });

  it('streams Anthropic tool_use as OpenAI tool_calls deltas', async () => {
    const req = parseOpenAIChatRequest({ model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: 'hi' }], tools: [weather], tool_choice: { type: 'function', function: { name: 'get_weather' } } });
    const sse = await encodeAll(registry.get('anthropic').chatStream(req, toAnthropic()), createOpenAIChatStreamEncoder({ includeUsage: false }));
    const chunks = (await parseSseText(sse)).slice(0, -1).map((f) => JSON.parse(f.data));
    const toolDeltas = chunks.flatMap((c) => c.choices[0]?.delta?.tool_calls ?? []);
    expect(toolDeltas[0]).toEqual({ index: 0, id: 'toolu_01', type: 'function', function: { name: 'get_weather', arguments: '' } });
    expect(toolDeltas.map((d: any) => d.function.arguments).join('')).toBe('{"city":"Paris"}');
    expect(chunks.at(-1).choices[0].finish_reason).toBe('tool_calls');
    expect(chunks.some((c) => c.usage)).toBe(false);
  });
});

describe('Anthropic client → openai provider', () => {
  const anthropicBody = {
    model: 'claude-sonnet',
    max_tokens: 300,
    system: 'Be brief.',
    stop_sequences: ['END'],
    messages: [
      { role: 'user', content: 'Weather?' },
      { role: 'assistant', content: [{ type: 'text', text: 'Checking.' }, { type: 'tool_use', id: 'toolu_9', name: 'get_weather', input: { city: 'Oslo' } }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_9', content: [{ type: 'text', text: 'Sunny' }] }, { type: 'text', text: 'Thanks' }] },
    ],
    tools: [{ name: 'get_weather', description: 'Weather', input_schema: { type: 'object' } }, { type: 'web_search_20250305', name: 'web_search' }],
    tool_choice: { type: 'tool', name: 'get_weather' },
  };

  it('translates to chat completions and renders an Anthropic message', async () => {
    const result = await registry.get('openai').chat(parseAnthropicMessagesRequest(anthropicBody), toOpenAI());
    expect(fakeOpenAI.requests.at(-1)!.body).toEqual({
      model: 'gpt-test',
      stream: false,
      max_tokens: 300,
      stop: ['END'],
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Weather?' },
        { role: 'assistant', content: 'Checking.', tool_calls: [{ id: 'toolu_9', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } }] },
        { role: 'tool', tool_call_id: 'toolu_9', content: 'Sunny' },
        { role: 'user', content: 'Thanks' },
      ],
      tools: [{ type: 'function', function: { name: 'get_weather', description: 'Weather', parameters: { type: 'object' } } }],
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
    });
    expect(renderAnthropicMessagesResult(result)).toEqual({
      id: 'msg_chatcmpl-fake1',
      type: 'message',
      role: 'assistant',
      model: 'gpt-test',
      content: [{ type: 'tool_use', id: 'call_abc123', name: 'get_weather', input: { city: 'Paris' } }],
      stop_reason: 'tool_use',
      stop_sequence: null,
      // OpenAI's prompt_tokens include cached tokens; Anthropic's input_tokens do not
      usage: { input_tokens: 8, output_tokens: 7, cache_read_input_tokens: 3, cache_creation_input_tokens: 0 },
    });
  });

  it('streams back as Anthropic events with final usage after settlement', async () => {
    const req = parseAnthropicMessagesRequest({ model: 'claude', max_tokens: 50, stream: true, messages: [{ role: 'user', content: 'hi' }] });
    const encoder = createAnthropicStreamEncoder({ inputTokens: 5 });
    let body = '';
    for await (const event of registry.get('openai').chatStream(req, toOpenAI())) body += encoder.write(event);
    expect(body).not.toContain('message_delta'); // held until finish(), i.e. after the charge is committed
    body += encoder.finish();
    const frames = await parseSseText(body);
    expect(frames.map((f) => f.event)).toEqual([
      'message_start', 'content_block_start', 'content_block_delta', 'content_block_delta', 'content_block_delta',
      'content_block_stop', 'message_delta', 'message_stop',
    ]);
    const start = JSON.parse(frames[0]!.data);
    expect(start.message).toMatchObject({ id: 'msg_chatcmpl-fake1', model: 'gpt-test', usage: { input_tokens: 5 } });
    const text = frames.filter((f) => f.event === 'content_block_delta').map((f) => JSON.parse(f.data).delta.text).join('');
    expect(text).toBe('Echo: hi');
    expect(JSON.parse(frames[6]!.data)).toEqual({
      type: 'message_delta',
      delta: { stop_reason: 'end_turn', stop_sequence: null },
      usage: { input_tokens: 8, output_tokens: 7, cache_read_input_tokens: 3, cache_creation_input_tokens: 0 },
    });
  });
});

describe('same-format streams pass upstream frames through', () => {
  it('OpenAI: verbatim chunks, usage chunk dropped when the client did not ask for it', async () => {
    const req = parseOpenAIChatRequest({ model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: 'hi' }] });
    const sse = await encodeAll(registry.get('openai').chatStream(req, toOpenAI()), createOpenAIChatStreamEncoder({ includeUsage: false }));
    const frames = await parseSseText(sse);
    expect(frames.at(-1)!.data).toBe('[DONE]');
    const chunks = frames.slice(0, -1).map((f) => JSON.parse(f.data));
    expect(chunks.every((c) => c.choices.length === 1 && c.created === 1700000000)).toBe(true);
  });

  it('Anthropic: verbatim events, message_delta patched with the settled usage', async () => {
    const req = parseAnthropicMessagesRequest({ model: 'claude', max_tokens: 50, stream: true, messages: [{ role: 'user', content: 'hi' }] });
    const encoder = createAnthropicStreamEncoder();
    let body = '';
    for await (const event of registry.get('anthropic').chatStream(req, toAnthropic())) body += encoder.write(event);
    expect(body).toContain('event: ping');
    expect(body).not.toContain('message_stop');
    body += encoder.finish({ inputTokens: 20, outputTokens: 9 });
    const frames = await parseSseText(body);
    expect(frames.at(-1)!.event).toBe('message_stop');
    expect(JSON.parse(frames.at(-2)!.data).usage).toEqual({ input_tokens: 20, output_tokens: 9, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 });
  });
});

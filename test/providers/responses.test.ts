// OpenAI Responses API clients, served by chat-completion or Anthropic upstreams.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOpenAIResponsesStreamEncoder,
  parseOpenAIResponsesRequest,
  renderOpenAIResponsesResult,
} from '../../src/main/core/formats/openai-responses/index.ts';
import { ProviderError } from '../../src/main/core/providers/errors.ts';
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
  registry = createProviderRegistry();
});
afterAll(async () => {
  await registry.close();
  await Promise.all([fakeOpenAI.close(), fakeAnthropic.close()]);
});

const signal = new AbortController().signal;

describe('responses request parsing', () => {
  it('maps input string, instructions and max_output_tokens', () => {
    const req = parseOpenAIResponsesRequest({ model: 'gpt-5', input: 'hi', instructions: 'Be brief.', max_output_tokens: 64, metadata: { a: 'b' } });
    expect(req).toMatchObject({ model: 'gpt-5', system: 'Be brief.', maxTokens: 64, stream: false, metadata: { a: 'b' }, messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] });
  });

  it('maps message, function_call and function_call_output items and flat tools', () => {
    const req = parseOpenAIResponsesRequest({
      model: 'gpt-5',
      input: [
        { role: 'developer', content: 'Rules.' },
        { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Weather?' }, { type: 'input_image', image_url: 'https://x/y.png' }] },
        { type: 'reasoning', id: 'rs_1', summary: [] },
        { type: 'function_call', call_id: 'call_1', name: 'get_weather', arguments: '{"city":"Oslo"}' },
        { type: 'function_call_output', call_id: 'call_1', output: 'Sunny' },
      ],
      tools: [{ type: 'function', name: 'get_weather', parameters: { type: 'object' } }, { type: 'web_search' }],
      tool_choice: { type: 'function', name: 'get_weather' },
    });
    expect(req.system).toBe('Rules.');
    expect(req.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Weather?' }, { type: 'image', url: 'https://x/y.png' }] },
      { role: 'assistant', content: [], toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: '{"city":"Oslo"}' }] },
      { role: 'tool', content: [{ type: 'text', text: 'Sunny' }], toolCallId: 'call_1' },
    ]);
    expect(req.tools).toEqual([{ name: 'get_weather', parameters: { type: 'object' } }]);
    expect(req.toolChoice).toEqual({ name: 'get_weather' });
  });

  it('refuses previous_response_id and invalid bodies', () => {
    expect(() => parseOpenAIResponsesRequest({ model: 'm', input: 'x', previous_response_id: 'resp_1' })).toThrow(ProviderError);
    expect(() => parseOpenAIResponsesRequest({ model: 'm' })).toThrow(/input/);
  });
});

describe('responses served by upstreams', () => {
  it('renders a chat completion as a response object', async () => {
    const req = parseOpenAIResponsesRequest({ model: 'gpt-5', input: 'hello', instructions: 'Be brief.', max_output_tokens: 64 });
    const result = await registry.get('openai').chat(req, { signal, upstreamModel: 'gpt-test', credential: { apiKey: 'k', baseUrl: `${fakeOpenAI.url}/v1` } });
    expect(fakeOpenAI.requests.at(-1)!.body).toMatchObject({ messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'hello' }], max_tokens: 64 });
    const body = renderOpenAIResponsesResult(result, { createdAt: 5, request: req });
    expect(body).toMatchObject({
      id: 'resp_chatcmpl-fake1',
      object: 'response',
      created_at: 5,
      status: 'completed',
      instructions: 'Be brief.',
      max_output_tokens: 64,
      output: [{ type: 'message', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: 'Echo: hello', annotations: [] }] }],
      usage: { input_tokens: 11, output_tokens: 7, total_tokens: 18, input_tokens_details: { cached_tokens: 3 } },
    });
  });

  it('marks a length stop as incomplete', () => {
    const body = renderOpenAIResponsesResult({ id: 'x', model: 'm', content: 'cut', toolCalls: [], stopReason: 'length', usage: { inputTokens: 1, outputTokens: 2 } });
    expect(body).toMatchObject({ status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } });
  });

  it('streams an Anthropic tool call as Responses events', async () => {
    const req = parseOpenAIResponsesRequest({ model: 'gpt-5', input: 'hi', stream: true, tools: [{ type: 'function', name: 'get_weather', parameters: { type: 'object' } }], tool_choice: 'required' });
    const events = registry.get('anthropic').chatStream(req, { signal, upstreamModel: 'claude-test', credential: { apiKey: 'k', baseUrl: fakeAnthropic.url } });
    const frames = await parseSseText(await encodeAll(events, createOpenAIResponsesStreamEncoder({ createdAt: 1, request: req })));
    expect(frames.map((f) => f.event)).toEqual([
      'response.created', 'response.in_progress', 'response.output_item.added',
      'response.function_call_arguments.delta', 'response.function_call_arguments.delta',
      'response.function_call_arguments.done', 'response.output_item.done', 'response.completed',
    ]);
    const data = frames.map((f) => JSON.parse(f.data));
    expect(data.map((d) => d.sequence_number)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(data[5]).toMatchObject({ arguments: '{"city":"Paris"}', name: 'get_weather' });
    expect(data[7].response).toMatchObject({
      status: 'completed',
      output: [{ type: 'function_call', call_id: 'toolu_01', name: 'get_weather', arguments: '{"city":"Paris"}', status: 'completed' }],
      usage: { input_tokens: 13, output_tokens: 7 },
    });
  });
});

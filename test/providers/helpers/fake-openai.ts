// A fake OpenAI-compatible upstream. Behaviour is chosen by the requested model name.
import type { ServerResponse } from 'node:http';
import { json, sleep, sseHead, startServer } from './server.ts';
import type { Recorded, TestServer } from './server.ts';

export const OPENAI_USAGE = { prompt_tokens: 11, completion_tokens: 7, total_tokens: 18, prompt_tokens_details: { cached_tokens: 3 } };

function lastUserText(body: any): string {
  const users = (body.messages ?? []).filter((m: any) => m.role === 'user');
  const content = users.at(-1)?.content ?? '';
  return typeof content === 'string' ? content : content.map((p: any) => p.text ?? '').join('');
}

function wantsTool(body: any): boolean {
  return Array.isArray(body.tools) && body.tools.length > 0 && (body.tool_choice === 'required' || typeof body.tool_choice === 'object');
}

const TOOL_CALL = { id: 'call_abc123', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } };

function completion(body: any, withUsage = true): unknown {
  const tool = wantsTool(body);
  return {
    id: 'chatcmpl-fake1',
    object: 'chat.completion',
    created: 1700000000,
    model: body.model,
    system_fingerprint: 'fp_fake',
    choices: [
      {
        index: 0,
        message: tool ? { role: 'assistant', content: null, tool_calls: [TOOL_CALL] } : { role: 'assistant', content: `Echo: ${lastUserText(body)}` },
        logprobs: null,
        finish_reason: tool ? 'tool_calls' : 'stop',
      },
    ],
    ...(withUsage && { usage: OPENAI_USAGE }),
  };
}

function chunk(body: any, delta: unknown, finish: string | null = null): string {
  return `data: ${JSON.stringify({ id: 'chatcmpl-fake1', object: 'chat.completion.chunk', created: 1700000000, model: body.model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
}

async function stream(req: Recorded, res: ServerResponse): Promise<void> {
  const body = req.body;
  sseHead(res);
  const model: string = body.model;
  res.write(chunk(body, { role: 'assistant', content: '' }));
  if (model === 'gpt-slow-stream') {
    for (let i = 0; i < 200 && !res.destroyed; i += 1) {
      res.write(chunk(body, { content: `tick${i} ` }));
      await sleep(20);
    }
    res.end();
    return;
  }
  if (model === 'gpt-stall') {
    res.write(chunk(body, { content: 'then silence' })); // and never another byte
    return;
  }
  if (model === 'gpt-truncated') {
    res.end(chunk(body, { content: 'partial' }));
    return;
  }
  if (model === 'gpt-reset') {
    res.write(chunk(body, { content: 'partial' }));
    await sleep(10);
    res.destroy();
    return;
  }
  if (model === 'gpt-garbage') {
    res.end('data: {"choices": [ this is not json\n\n');
    return;
  }
  if (model === 'gpt-stream-error') {
    res.end('data: {"error":{"message":"The server is overloaded","type":"server_error"}}\n\n');
    return;
  }
  if (wantsTool(body)) {
    res.write(chunk(body, { tool_calls: [{ index: 0, id: TOOL_CALL.id, type: 'function', function: { name: 'get_weather', arguments: '' } }] }));
    res.write(chunk(body, { tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] }));
    res.write(chunk(body, { tool_calls: [{ index: 0, function: { arguments: '"Paris"}' } }] }));
    res.write(chunk(body, {}, 'tool_calls'));
  } else {
    const text = `Echo: ${lastUserText(body)}`;
    const third = Math.ceil(text.length / 3);
    for (let i = 0; i < text.length; i += third) res.write(chunk(body, { content: text.slice(i, i + third) }));
    res.write(chunk(body, {}, 'stop'));
  }
  if (body.stream_options?.include_usage && model !== 'gpt-no-usage') {
    res.write(`data: ${JSON.stringify({ id: 'chatcmpl-fake1', object: 'chat.completion.chunk', created: 1700000000, model, choices: [], usage: OPENAI_USAGE })}\n\n`);
  }
  res.end('data: [DONE]\n\n');
}

export function startFakeOpenAI(): Promise<TestServer> {
  return startServer(async (req, res) => {
    if (req.method === 'GET' && req.url === '/v1/models') {
      json(res, 200, { object: 'list', data: [{ id: 'gpt-test', object: 'model' }, { id: 'gpt-other', object: 'model' }] });
      return;
    }
    if (req.url === '/v1/embeddings') {
      const inputs: unknown[] = Array.isArray(req.body.input) ? req.body.input : [req.body.input];
      json(res, 200, {
        object: 'list',
        model: req.body.model,
        data: inputs.map((_, index) => ({ object: 'embedding', index, embedding: [index, 0.5, -0.5] })),
        usage: { prompt_tokens: 5, total_tokens: 5 },
      });
      return;
    }
    if (req.url !== '/v1/chat/completions') {
      json(res, 404, { error: { message: 'not found' } });
      return;
    }
    const model: string = req.body.model;
    if (model === 'gpt-401') {
      const key = String(req.headers.authorization ?? '').replace('Bearer ', '');
      json(res, 401, { error: { message: `Incorrect API key provided: ${key}. You can find your API key at …`, type: 'invalid_request_error', code: 'invalid_api_key' } });
      return;
    }
    if (model === 'gpt-500') {
      json(res, 500, { error: { message: 'boom', type: 'server_error' } });
      return;
    }
    if (model === 'gpt-hang') return; // never answers
    if (req.body.stream) await stream(req, res);
    else json(res, 200, completion(req.body, model !== 'gpt-no-usage'));
  });
}

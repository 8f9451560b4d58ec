// A fake Anthropic Messages upstream. Behaviour is chosen by the requested model name.
import type { ServerResponse } from 'node:http';
import { json, sleep, sseHead, startServer } from './server.ts';
import type { Recorded, TestServer } from './server.ts';

/** input_tokens excludes cache reads/writes, as Anthropic reports it */
export const ANTHROPIC_USAGE = { input_tokens: 8, cache_read_input_tokens: 3, cache_creation_input_tokens: 2, output_tokens: 7 };

function lastUserText(body: any): string {
  const users = (body.messages ?? []).filter((m: any) => m.role === 'user');
  const content = users.at(-1)?.content ?? '';
  return typeof content === 'string' ? content : content.map((b: any) => (b.type === 'text' ? b.text : '')).join('');
}

function wantsTool(body: any): boolean {
  return Array.isArray(body.tools) && body.tools.length > 0 && (body.tool_choice?.type === 'any' || body.tool_choice?.type === 'tool');
}

function message(body: any): unknown {
  const tool = wantsTool(body);
  return {
    id: 'msg_fake1',
    type: 'message',
    role: 'assistant',
    model: body.model,
    content: tool
      ? [{ type: 'thinking', thinking: 'hmm', signature: 'sig' }, { type: 'tool_use', id: 'toolu_01', name: 'get_weather', input: { city: 'Paris' } }]
      : [{ type: 'text', text: `Echo: ${lastUserText(body)}` }],
    stop_reason: tool ? 'tool_use' : 'end_turn',
    stop_sequence: null,
    usage: ANTHROPIC_USAGE,
  };
}

function ev(type: string, payload: Record<string, unknown>): string {
  return `event: ${type}\ndata: ${JSON.stringify({ type, ...payload })}\n\n`;
}

async function stream(req: Recorded, res: ServerResponse): Promise<void> {
  const body = req.body;
  const model: string = body.model;
  sseHead(res);
  const { output_tokens: _o, ...startUsage } = ANTHROPIC_USAGE;
  res.write(ev('message_start', { message: { id: 'msg_fake1', type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, usage: { ...startUsage, output_tokens: 1 } } }));
  res.write(ev('ping', {}));
  if (model === 'claude-slow-stream') {
    res.write(ev('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }));
    for (let i = 0; i < 200 && !res.destroyed; i += 1) {
      res.write(ev('content_block_delta', { index: 0, delta: { type: 'text_delta', text: `tick${i} ` } }));
      await sleep(20);
    }
    res.end();
    return;
  }
  if (model === 'claude-truncated') {
    res.write(ev('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }));
    res.end(ev('content_block_delta', { index: 0, delta: { type: 'text_delta', text: 'partial' } }));
    return;
  }
  if (model === 'claude-stream-error') {
    res.end(ev('error', { error: { type: 'overloaded_error', message: 'Overloaded' } }));
    return;
  }
  if (wantsTool(body)) {
    res.write(ev('content_block_start', { index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } }));
    res.write(ev('content_block_delta', { index: 0, delta: { type: 'thinking_delta', thinking: 'hmm' } }));
    res.write(ev('content_block_delta', { index: 0, delta: { type: 'signature_delta', signature: 'sig' } }));
    res.write(ev('content_block_stop', { index: 0 }));
    res.write(ev('content_block_start', { index: 1, content_block: { type: 'tool_use', id: 'toolu_01', name: 'get_weather', input: {} } }));
    res.write(ev('content_block_delta', { index: 1, delta: { type: 'input_json_delta', partial_json: '{"city":' } }));
    res.write(ev('content_block_delta', { index: 1, delta: { type: 'input_json_delta', partial_json: '"Paris"}' } }));
    res.write(ev('content_block_stop', { index: 1 }));
    res.write(ev('message_delta', { delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 7 } }));
  } else {
    const text = `Echo: ${lastUserText(body)}`;
    res.write(ev('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }));
    const half = Math.ceil(text.length / 2);
    res.write(ev('content_block_delta', { index: 0, delta: { type: 'text_delta', text: text.slice(0, half) } }));
    res.write(ev('content_block_delta', { index: 0, delta: { type: 'text_delta', text: text.slice(half) } }));
    res.write(ev('content_block_stop', { index: 0 }));
    res.write(ev('message_delta', { delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 7 } }));
  }
  res.end(ev('message_stop', {}));
}

export function startFakeAnthropic(): Promise<TestServer> {
  return startServer(async (req, res) => {
    if (req.method === 'GET' && req.url === '/v1/models') {
      json(res, 200, { data: [{ id: 'claude-test', type: 'model' }], has_more: false });
      return;
    }
    if (req.url !== '/v1/messages') {
      json(res, 404, { type: 'error', error: { type: 'not_found_error', message: 'not found' } });
      return;
    }
    const model: string = req.body.model;
    if (model === 'claude-overloaded') {
      json(res, 529, { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });
      return;
    }
    if (model === 'claude-hang') return;
    if (req.body.stream) await stream(req, res);
    else json(res, 200, message(req.body));
  });
}

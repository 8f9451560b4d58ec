// OpenAI Responses API request body → canonical ChatRequest (client side only: upstreams get Chat
// Completions or Messages, so there is no builder for this format).
import { z } from 'zod';
import { invalidRequest } from '../../providers/errors.ts';
import type { ChatMessage, ChatRequest, ContentPart, ToolDef } from '../types.ts';
import { isRecord, parseBody, str, textOf } from '../shared.ts';

const Part = z.looseObject({ type: z.string() });
const Item = z.looseObject({
  type: z.string().optional(),
  role: z.string().optional(),
  content: z.union([z.string(), z.array(Part)]).optional(),
});
const Body = z.looseObject({
  model: z.string().min(1),
  input: z.union([z.string(), z.array(Item)]),
  instructions: z.string().nullish(),
  max_output_tokens: z.number().int().positive().nullish(),
  temperature: z.number().nullish(),
  top_p: z.number().nullish(),
  tools: z.array(z.looseObject({ type: z.string(), name: z.string().optional(), description: z.string().nullish(), parameters: z.record(z.string(), z.unknown()).nullish() })).nullish(),
  tool_choice: z.union([z.enum(['auto', 'none', 'required']), z.looseObject({ type: z.string(), name: z.string().optional() })]).nullish(),
  parallel_tool_calls: z.boolean().nullish(),
  stream: z.boolean().nullish(),
  metadata: z.record(z.string(), z.string()).nullish(),
  user: z.string().nullish(),
  previous_response_id: z.string().nullish(),
});

type Item = z.output<typeof Item>;

function partsOf(content: Item['content']): ContentPart[] {
  if (content === undefined) return [];
  if (typeof content === 'string') return content ? [{ type: 'text', text: content }] : [];
  const out: ContentPart[] = [];
  for (const part of content) {
    const text = str(part.text) ?? str(part.refusal);
    if ((part.type === 'input_text' || part.type === 'output_text' || part.type === 'refusal') && text !== undefined) {
      out.push({ type: 'text', text });
    } else if (part.type === 'input_image' && typeof part.image_url === 'string') {
      out.push({ type: 'image', url: part.image_url });
    }
  }
  return out;
}

function convertItems(items: Item[], messages: ChatMessage[], systems: string[]): void {
  for (const item of items) {
    const type = item.type ?? 'message';
    if (type === 'message') {
      const content = partsOf(item.content);
      if (item.role === 'system' || item.role === 'developer') {
        if (messages.length === 0) systems.push(textOf(content));
        else messages.push({ role: 'system', content });
      } else if (item.role === 'assistant') messages.push({ role: 'assistant', content });
      else if (item.role === 'user') messages.push({ role: 'user', content });
      else throw invalidRequest(`invalid response request: input: unsupported role ${String(item.role)}`);
    } else if (type === 'function_call') {
      const call = { id: str(item.call_id) ?? '', name: str(item.name) ?? '', arguments: str(item.arguments) ?? '' };
      const last = messages.at(-1);
      // consecutive function_call items are one assistant turn
      if (last && last.role === 'assistant') last.toolCalls = [...(last.toolCalls ?? []), call];
      else messages.push({ role: 'assistant', content: [], toolCalls: [call] });
    } else if (type === 'function_call_output') {
      const output = item.output;
      const content = typeof output === 'string' ? partsOf(output) : Array.isArray(output) ? partsOf(output.filter(isRecord) as Item['content']) : [];
      messages.push({ role: 'tool', content, toolCallId: str(item.call_id) ?? '' });
    }
    // reasoning items, built-in tool calls etc. have no canonical counterpart
  }
}

/** Parses a client's /v1/responses body. Stateful features (previous_response_id) are refused. */
export function parseOpenAIResponsesRequest(body: unknown): ChatRequest {
  const b = parseBody(Body, body, 'response request');
  if (b.previous_response_id) {
    throw invalidRequest('invalid response request: previous_response_id is not supported; send the full input');
  }
  const messages: ChatMessage[] = [];
  const systems: string[] = b.instructions ? [b.instructions] : [];
  if (typeof b.input === 'string') messages.push({ role: 'user', content: partsOf(b.input) });
  else convertItems(b.input, messages, systems);
  const req: ChatRequest = {
    model: b.model,
    messages,
    stream: b.stream === true,
    metadata: b.metadata ?? {},
    native: { format: 'openai-responses', body: body as Record<string, unknown> },
  };
  if (systems.length > 0) req.system = systems.join('\n\n');
  if (b.max_output_tokens != null) req.maxTokens = b.max_output_tokens;
  if (b.temperature != null) req.temperature = b.temperature;
  if (b.top_p != null) req.topP = b.top_p;
  if (b.tools) {
    req.tools = b.tools.flatMap((t): ToolDef[] =>
      t.type === 'function' && t.name
        ? [{ name: t.name, ...(t.description != null && { description: t.description }), parameters: t.parameters ?? { type: 'object', properties: {} } }]
        : [],
    );
  }
  if (b.tool_choice != null) {
    const c = b.tool_choice;
    if (typeof c === 'string') req.toolChoice = c;
    else if (c.type === 'function' && c.name) req.toolChoice = { name: c.name };
  }
  if (b.parallel_tool_calls != null) req.parallelToolCalls = b.parallel_tool_calls;
  if (b.user != null) req.user = b.user;
  return req;
}

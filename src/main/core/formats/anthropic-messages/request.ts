// Anthropic Messages request body <-> canonical ChatRequest.
import { z } from 'zod';
import { invalidRequest } from '../../providers/errors.ts';
import type { ChatMessage, ChatRequest, ContentPart, ToolChoice } from '../types.ts';
import { argumentsObject, isRecord, parseBody, parseDataUrl, str, textOf } from '../shared.ts';

const Block = z.looseObject({ type: z.string() });
const Content = z.union([z.string(), z.array(Block)]);
const Body = z.looseObject({
  model: z.string().min(1),
  messages: z.array(z.looseObject({ role: z.enum(['user', 'assistant']), content: Content })),
  system: Content.optional(),
  max_tokens: z.number().int().positive().optional(),
  stop_sequences: z.array(z.string()).optional(),
  temperature: z.number().optional(),
  top_p: z.number().optional(),
  tools: z.array(z.looseObject({ name: z.string(), type: z.string().optional(), description: z.string().optional(), input_schema: z.record(z.string(), z.unknown()).optional() })).optional(),
  tool_choice: z.looseObject({ type: z.enum(['auto', 'any', 'tool', 'none']), name: z.string().optional(), disable_parallel_tool_use: z.boolean().optional() }).optional(),
  stream: z.boolean().optional(),
  metadata: z.looseObject({ user_id: z.string().nullish() }).optional(),
});

type Block = z.output<typeof Block>;

function imagePart(block: Block): ContentPart | null {
  const source = block.source;
  if (!isRecord(source)) return null;
  if (source.type === 'base64' && typeof source.data === 'string') {
    return { type: 'image', url: `data:${str(source.media_type) ?? 'image/png'};base64,${source.data}` };
  }
  if (source.type === 'url' && typeof source.url === 'string') return { type: 'image', url: source.url };
  return null;
}

function partsOf(content: string | Block[]): ContentPart[] {
  if (typeof content === 'string') return content ? [{ type: 'text', text: content }] : [];
  const out: ContentPart[] = [];
  for (const block of content) {
    if (block.type === 'text' && typeof block.text === 'string') out.push({ type: 'text', text: block.text });
    else if (block.type === 'image') {
      const part = imagePart(block);
      if (part) out.push(part);
    }
  }
  return out;
}

/** One Anthropic message can hold tool results and text; canonically those are separate messages. */
function convertMessage(role: 'user' | 'assistant', content: string | Block[], out: ChatMessage[]): void {
  if (typeof content === 'string' || role === 'user') {
    let pending: Block[] = [];
    const flush = (): void => {
      const parts = partsOf(pending);
      if (parts.length > 0) out.push({ role: 'user', content: parts });
      pending = [];
    };
    for (const block of typeof content === 'string' ? [{ type: 'text', text: content }] : content) {
      if (block.type !== 'tool_result') {
        pending.push(block);
        continue;
      }
      flush();
      const inner = block.content;
      const parts = typeof inner === 'string' || Array.isArray(inner) ? partsOf(inner as string | Block[]) : [];
      const msg: ChatMessage = { role: 'tool', content: parts, toolCallId: str(block.tool_use_id) ?? '' };
      if (block.is_error === true) msg.isError = true;
      out.push(msg);
    }
    flush();
    return;
  }
  const msg: ChatMessage = { role: 'assistant', content: partsOf(content) };
  const calls = content.filter((b) => b.type === 'tool_use');
  if (calls.length > 0) {
    msg.toolCalls = calls.map((b) => ({ id: str(b.id) ?? '', name: str(b.name) ?? '', arguments: JSON.stringify(b.input ?? {}) }));
  }
  out.push(msg);
}

export interface ParseAnthropicOptions {
  /** count_tokens bodies carry no max_tokens */
  requireMaxTokens?: boolean;
}

/** Parses and validates a client's /v1/messages body. Throws ProviderError(invalid_request). */
export function parseAnthropicMessagesRequest(body: unknown, options: ParseAnthropicOptions = {}): ChatRequest {
  const b = parseBody(Body, body, 'messages request');
  if ((options.requireMaxTokens ?? true) && b.max_tokens === undefined) {
    throw invalidRequest('invalid messages request: max_tokens: required');
  }
  const messages: ChatMessage[] = [];
  for (const m of b.messages) convertMessage(m.role, m.content, messages);
  const req: ChatRequest = {
    model: b.model,
    messages,
    stream: b.stream === true,
    metadata: {},
    native: { format: 'anthropic-messages', body: body as Record<string, unknown> },
  };
  if (b.system !== undefined) {
    const system = typeof b.system === 'string' ? b.system : partsOf(b.system).map((p) => (p.type === 'text' ? p.text : '')).join('\n');
    if (system !== '') req.system = system;
  }
  if (b.max_tokens !== undefined) req.maxTokens = b.max_tokens;
  if (b.temperature !== undefined) req.temperature = b.temperature;
  if (b.top_p !== undefined) req.topP = b.top_p;
  if (b.stop_sequences) req.stop = b.stop_sequences;
  if (b.tools) {
    // server tools (web_search_…, bash_…) only exist on Anthropic; the native body still carries them
    req.tools = b.tools
      .filter((t) => t.type === undefined || t.type === 'custom')
      .map((t) => ({
        name: t.name,
        ...(t.description !== undefined && { description: t.description }),
        parameters: t.input_schema ?? { type: 'object', properties: {} },
      }));
  }
  if (b.tool_choice) {
    const c = b.tool_choice;
    req.toolChoice = c.type === 'any' ? 'required' : c.type === 'tool' ? { name: c.name ?? '' } : c.type;
    if (c.disable_parallel_tool_use !== undefined) req.parallelToolCalls = !c.disable_parallel_tool_use;
  }
  if (b.metadata?.user_id) req.user = b.metadata.user_id;
  return req;
}

export interface BuildAnthropicOptions {
  model: string;
  /** Anthropic requires max_tokens; used when the client (e.g. an OpenAI one) sent none */
  defaultMaxTokens: number;
}

function blocksOut(parts: ContentPart[]): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  for (const p of parts) {
    if (p.type === 'text') {
      if (p.text !== '') out.push({ type: 'text', text: p.text }); // Anthropic rejects empty text blocks
      continue;
    }
    const data = parseDataUrl(p.url);
    out.push({
      type: 'image',
      source: data ? { type: 'base64', media_type: data.mediaType, data: data.data } : { type: 'url', url: p.url },
    });
  }
  return out;
}

function choiceOut(choice: ToolChoice, parallel: boolean | undefined): Record<string, unknown> {
  const out: Record<string, unknown> =
    typeof choice === 'object' ? { type: 'tool', name: choice.name } : { type: choice === 'required' ? 'any' : choice };
  if (parallel === false && out.type !== 'none') out.disable_parallel_tool_use = true;
  return out;
}

/** Builds the upstream /v1/messages body. */
export function buildAnthropicMessagesBody(req: ChatRequest, options: BuildAnthropicOptions): Record<string, unknown> {
  if (req.native?.format === 'anthropic-messages') {
    return { ...req.native.body, model: options.model, stream: req.stream, max_tokens: req.maxTokens ?? options.defaultMaxTokens };
  }
  const systems = req.system ? [req.system] : [];
  const messages: Array<{ role: string; content: Array<Record<string, unknown>> }> = [];
  const append = (role: 'user' | 'assistant', content: Array<Record<string, unknown>>): void => {
    if (content.length === 0) return;
    const last = messages.at(-1);
    // Anthropic wants alternating roles and all tool results of a turn in one user message
    if (last && last.role === role) last.content.push(...content);
    else messages.push({ role, content });
  };
  for (const m of req.messages) {
    if (m.role === 'system') systems.push(textOf(m.content));
    else if (m.role === 'user') append('user', blocksOut(m.content));
    else if (m.role === 'tool') {
      const result: Record<string, unknown> = { type: 'tool_result', tool_use_id: m.toolCallId ?? '' };
      const blocks = blocksOut(m.content);
      if (blocks.length > 0) result.content = blocks.every((b) => b.type === 'text') ? textOf(m.content) : blocks;
      if (m.isError) result.is_error = true;
      append('user', [result]);
    } else {
      const calls = (m.toolCalls ?? []).map((c) => ({ type: 'tool_use', id: c.id, name: c.name, input: argumentsObject(c.arguments) }));
      append('assistant', [...blocksOut(m.content), ...calls]);
    }
  }
  const body: Record<string, unknown> = {
    model: options.model,
    max_tokens: req.maxTokens ?? options.defaultMaxTokens,
    messages,
    stream: req.stream,
  };
  const system = systems.filter((s) => s !== '').join('\n\n');
  if (system !== '') body.system = system;
  // Anthropic's range is 0..1 (OpenAI's 0..2), and recent models refuse temperature with top_p
  if (req.temperature !== undefined) body.temperature = Math.min(1, Math.max(0, req.temperature));
  else if (req.topP !== undefined) body.top_p = req.topP;
  if (req.stop && req.stop.length > 0) body.stop_sequences = req.stop;
  if (req.tools && req.tools.length > 0) {
    body.tools = req.tools.map((t) => ({
      name: t.name,
      ...(t.description !== undefined && { description: t.description }),
      input_schema: t.parameters,
    }));
    if (req.toolChoice !== undefined || req.parallelToolCalls === false) {
      body.tool_choice = choiceOut(req.toolChoice ?? 'auto', req.parallelToolCalls);
    }
  }
  if (req.user !== undefined) body.metadata = { user_id: req.user };
  return body;
}

// OpenAI Chat Completions request body <-> canonical ChatRequest.
import { z } from 'zod';
import type { ChatMessage, ChatRequest, ContentPart, ToolChoice, ToolDef } from '../types.ts';
import { isRecord, parseBody, textOf } from '../shared.ts';

const Part = z.looseObject({ type: z.string() });
const Content = z.union([z.string(), z.array(Part)]).nullish();
const ToolCall = z.looseObject({
  id: z.string(),
  type: z.string().optional(),
  function: z.looseObject({ name: z.string(), arguments: z.string().default('') }),
});
const Message = z.looseObject({
  role: z.enum(['system', 'developer', 'user', 'assistant', 'tool']),
  content: Content,
  tool_calls: z.array(ToolCall).nullish(),
  tool_call_id: z.string().optional(),
});
const Tool = z.looseObject({
  type: z.string(),
  function: z
    .looseObject({
      name: z.string(),
      description: z.string().optional(),
      parameters: z.record(z.string(), z.unknown()).optional(),
    })
    .optional(),
});
const Choice = z.union([
  z.enum(['auto', 'none', 'required']),
  z.looseObject({ type: z.string(), function: z.looseObject({ name: z.string() }) }),
]);
const PositiveInt = z.number().int().positive().nullish();
const Body = z.looseObject({
  model: z.string().min(1),
  messages: z.array(Message).min(1),
  max_tokens: PositiveInt,
  max_completion_tokens: PositiveInt,
  temperature: z.number().nullish(),
  top_p: z.number().nullish(),
  stop: z.union([z.string(), z.array(z.string())]).nullish(),
  tools: z.array(Tool).nullish(),
  tool_choice: Choice.nullish(),
  parallel_tool_calls: z.boolean().nullish(),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullish(),
  user: z.string().nullish(),
  metadata: z.record(z.string(), z.string()).nullish(),
});

type Part = z.output<typeof Part>;

function partsOf(content: string | Part[] | null | undefined): ContentPart[] {
  if (content == null) return [];
  if (typeof content === 'string') return content ? [{ type: 'text', text: content }] : [];
  const out: ContentPart[] = [];
  for (const part of content) {
    if ((part.type === 'text' || part.type === 'refusal') && typeof (part.text ?? part.refusal) === 'string') {
      out.push({ type: 'text', text: String(part.text ?? part.refusal) });
    } else if (part.type === 'image_url') {
      const img = part.image_url;
      const url = typeof img === 'string' ? img : isRecord(img) && typeof img.url === 'string' ? img.url : null;
      if (url) out.push({ type: 'image', url });
    }
    // audio/file parts have no counterpart in other formats; the native body still carries them
  }
  return out;
}

/** Parses and validates a client's /v1/chat/completions body. Throws ProviderError(invalid_request). */
export function parseOpenAIChatRequest(body: unknown): ChatRequest {
  const b = parseBody(Body, body, 'chat completion request');
  const messages: ChatMessage[] = [];
  const systemTexts: string[] = [];
  for (const m of b.messages) {
    const content = partsOf(m.content);
    if (m.role === 'system' || m.role === 'developer') {
      // leading instructions become `system`; a system message mid-conversation keeps its place
      if (messages.length === 0) systemTexts.push(textOf(content));
      else messages.push({ role: 'system', content });
    } else if (m.role === 'tool') {
      messages.push({ role: 'tool', content, toolCallId: m.tool_call_id ?? '' });
    } else if (m.role === 'assistant') {
      const msg: ChatMessage = { role: 'assistant', content };
      if (m.tool_calls && m.tool_calls.length > 0) {
        msg.toolCalls = m.tool_calls.map((c) => ({ id: c.id, name: c.function.name, arguments: c.function.arguments }));
      }
      messages.push(msg);
    } else {
      messages.push({ role: 'user', content });
    }
  }
  const req: ChatRequest = {
    model: b.model,
    messages,
    stream: b.stream === true,
    metadata: b.metadata ?? {},
    native: { format: 'openai-chat', body: body as Record<string, unknown> },
  };
  if (systemTexts.length > 0) req.system = systemTexts.join('\n\n');
  const maxTokens = b.max_completion_tokens ?? b.max_tokens;
  if (maxTokens != null) req.maxTokens = maxTokens;
  if (b.temperature != null) req.temperature = b.temperature;
  if (b.top_p != null) req.topP = b.top_p;
  if (b.stop != null) req.stop = typeof b.stop === 'string' ? [b.stop] : b.stop;
  if (b.tools) {
    req.tools = b.tools.flatMap((t): ToolDef[] =>
      t.type === 'function' && t.function
        ? [
            {
              name: t.function.name,
              ...(t.function.description !== undefined && { description: t.function.description }),
              parameters: t.function.parameters ?? { type: 'object', properties: {} },
            },
          ]
        : [],
    );
  }
  if (b.tool_choice != null) {
    req.toolChoice = typeof b.tool_choice === 'string' ? b.tool_choice : { name: b.tool_choice.function.name };
  }
  if (b.parallel_tool_calls != null) req.parallelToolCalls = b.parallel_tool_calls;
  if (b.stream_options?.include_usage !== undefined) req.includeUsage = b.stream_options.include_usage;
  if (b.user != null) req.user = b.user;
  return req;
}

export interface BuildOpenAIChatOptions {
  /** upstream model id */
  model: string;
  /** api.openai.com wants max_completion_tokens (reasoning models reject max_tokens); most compatible servers want max_tokens */
  maxTokensField: 'max_tokens' | 'max_completion_tokens';
}

function contentOut(parts: ContentPart[]): string | Array<Record<string, unknown>> {
  if (parts.every((p) => p.type === 'text')) return textOf(parts);
  return parts.map((p) =>
    p.type === 'text' ? { type: 'text', text: p.text } : { type: 'image_url', image_url: { url: p.url } },
  );
}

function choiceOut(choice: ToolChoice): unknown {
  return typeof choice === 'string' ? choice : { type: 'function', function: { name: choice.name } };
}

/** Builds the upstream /chat/completions body. Always asks a streaming upstream for usage. */
export function buildOpenAIChatBody(req: ChatRequest, options: BuildOpenAIChatOptions): Record<string, unknown> {
  const stream = req.stream ? { stream: true, stream_options: { include_usage: true } } : { stream: false };
  if (req.native?.format === 'openai-chat') {
    const body: Record<string, unknown> = { ...req.native.body, model: options.model, ...stream };
    if (!req.stream) delete body.stream_options;
    else if (isRecord(req.native.body.stream_options)) {
      body.stream_options = { ...req.native.body.stream_options, include_usage: true };
    }
    if (req.maxTokens !== undefined) {
      const field = 'max_completion_tokens' in body ? 'max_completion_tokens' : 'max_tokens' in body ? 'max_tokens' : options.maxTokensField;
      body[field] = req.maxTokens;
    }
    return body;
  }
  const messages: Array<Record<string, unknown>> = [];
  if (req.system) messages.push({ role: 'system', content: req.system });
  for (const m of req.messages) {
    if (m.role === 'tool') {
      messages.push({ role: 'tool', tool_call_id: m.toolCallId ?? '', content: textOf(m.content) });
    } else if (m.role === 'assistant') {
      const text = textOf(m.content);
      const msg: Record<string, unknown> = { role: 'assistant', content: text === '' && m.toolCalls ? null : text };
      if (m.toolCalls && m.toolCalls.length > 0) {
        msg.tool_calls = m.toolCalls.map((c) => ({
          id: c.id,
          type: 'function',
          function: { name: c.name, arguments: c.arguments },
        }));
      }
      messages.push(msg);
    } else {
      messages.push({ role: m.role, content: contentOut(m.content) });
    }
  }
  const body: Record<string, unknown> = { model: options.model, messages, ...stream };
  if (req.maxTokens !== undefined) body[options.maxTokensField] = req.maxTokens;
  if (req.temperature !== undefined) body.temperature = req.temperature;
  if (req.topP !== undefined) body.top_p = req.topP;
  if (req.stop && req.stop.length > 0) body.stop = req.stop;
  if (req.tools && req.tools.length > 0) {
    body.tools = req.tools.map((t) => ({
      type: 'function',
      function: { name: t.name, ...(t.description !== undefined && { description: t.description }), parameters: t.parameters },
    }));
    if (req.parallelToolCalls !== undefined) body.parallel_tool_calls = req.parallelToolCalls;
  }
  if (req.toolChoice !== undefined && req.tools && req.tools.length > 0) body.tool_choice = choiceOut(req.toolChoice);
  if (req.user !== undefined) body.user = req.user;
  return body;
}

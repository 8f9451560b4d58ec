// Small helpers shared by the format translators.
import type { z } from 'zod';
import { invalidRequest } from '../providers/errors.ts';
import type { ContentPart, StopReason, Usage } from './types.ts';

/** Validates a client body; zod issues become one readable invalid_request message. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown, what: string): z.output<T> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(body)'}: ${issue.message}`)
    .join('; ');
  throw invalidRequest(`invalid ${what}: ${issues}`);
}

export function textOf(parts: readonly ContentPart[]): string {
  let out = '';
  for (const part of parts) if (part.type === 'text') out += part.text;
  return out;
}

export function textParts(text: string | null | undefined): ContentPart[] {
  return text ? [{ type: 'text', text }] : [];
}

/** `data:image/png;base64,AAAA` → parts, or null for a plain URL. */
export function parseDataUrl(url: string): { mediaType: string; data: string } | null {
  const match = /^data:([^;,]+);base64,(.*)$/s.exec(url);
  return match ? { mediaType: match[1] ?? 'application/octet-stream', data: match[2] ?? '' } : null;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Tool arguments are JSON text canonically; formats that need an object get `{}` for garbage. */
export function argumentsObject(json: string): Record<string, unknown> {
  if (json.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(json);
    return isRecord(value) ? value : {};
  } catch {
    return {};
  }
}

export function num(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function fromOpenAIFinish(reason: unknown): StopReason {
  switch (reason) {
    case 'length':
      return 'length';
    case 'tool_calls':
    case 'function_call':
      return 'tool_calls';
    case 'content_filter':
      return 'content_filter';
    default:
      return 'stop';
  }
}

export function fromAnthropicStop(reason: unknown): StopReason {
  switch (reason) {
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      return 'tool_calls';
    case 'refusal':
      return 'content_filter';
    default:
      return 'stop';
  }
}

export function toAnthropicStop(reason: StopReason, stopSequence?: string | null): string {
  switch (reason) {
    case 'length':
      return 'max_tokens';
    case 'tool_calls':
      return 'tool_use';
    case 'content_filter':
      return 'refusal';
    default:
      return stopSequence ? 'stop_sequence' : 'end_turn';
  }
}

/** OpenAI `usage` object (prompt_tokens includes cached tokens, same as canonical). */
export function toOpenAIUsage(usage: Usage): Record<string, unknown> {
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
    prompt_tokens_details: { cached_tokens: usage.cacheReadTokens ?? 0 },
  };
}

export function fromOpenAIUsage(raw: unknown): Usage | null {
  if (!isRecord(raw)) return null;
  const details = isRecord(raw.prompt_tokens_details) ? raw.prompt_tokens_details : {};
  const usage: Usage = { inputTokens: num(raw.prompt_tokens), outputTokens: num(raw.completion_tokens) };
  const cached = num(details.cached_tokens);
  if (cached > 0) usage.cacheReadTokens = cached;
  return usage;
}

/** Anthropic counts cache reads/writes outside `input_tokens`; canonical counts them inside. */
export function fromAnthropicUsage(raw: unknown): Usage {
  const u = isRecord(raw) ? raw : {};
  const read = num(u.cache_read_input_tokens);
  const write = num(u.cache_creation_input_tokens);
  const usage: Usage = { inputTokens: num(u.input_tokens) + read + write, outputTokens: num(u.output_tokens) };
  if (read > 0) usage.cacheReadTokens = read;
  if (write > 0) usage.cacheWriteTokens = write;
  return usage;
}

export function toAnthropicUsage(usage: Usage): Record<string, number> {
  const read = usage.cacheReadTokens ?? 0;
  const write = usage.cacheWriteTokens ?? 0;
  return {
    input_tokens: Math.max(0, usage.inputTokens - read - write),
    output_tokens: usage.outputTokens,
    cache_read_input_tokens: read,
    cache_creation_input_tokens: write,
  };
}

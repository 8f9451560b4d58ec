// Token estimates for when an upstream reports no usage, for Anthropic count_tokens, and for the mock.
// gpt-tokenizer (o200k) is not Claude's tokenizer; the numbers are estimates, not invoices.
import { countTokens } from 'gpt-tokenizer';
import type { ChatRequest, EmbedRequest, ToolCall, Usage } from './types.ts';

/** Rough per-image cost; about the top of what either vendor charges for one normal-size image. */
const IMAGE_TOKENS = 1600;
/** Chat framing per message (role markers), as in OpenAI's counting recipe. */
const MESSAGE_OVERHEAD = 3;

export function countTextTokens(text: string): number {
  return text === '' ? 0 : countTokens(text);
}

/** Estimated input tokens of a request: system, messages, tool calls/results and tool definitions. */
export function estimateRequestTokens(req: ChatRequest): number {
  let total = 3;
  if (req.system) total += MESSAGE_OVERHEAD + countTextTokens(req.system);
  for (const message of req.messages) {
    total += MESSAGE_OVERHEAD;
    for (const part of message.content) {
      total += part.type === 'text' ? countTextTokens(part.text) : IMAGE_TOKENS;
    }
    for (const call of message.toolCalls ?? []) total += countTextTokens(call.name) + countTextTokens(call.arguments) + 3;
  }
  if (req.tools && req.tools.length > 0) total += countTextTokens(JSON.stringify(req.tools));
  return total;
}

export function estimateOutputTokens(content: string, toolCalls: readonly ToolCall[] = []): number {
  let total = countTextTokens(content);
  for (const call of toolCalls) total += countTextTokens(call.name) + countTextTokens(call.arguments) + 3;
  return total;
}

export function estimateUsage(req: ChatRequest, content: string, toolCalls: readonly ToolCall[] = []): Usage {
  return { inputTokens: estimateRequestTokens(req), outputTokens: estimateOutputTokens(content, toolCalls), estimated: true };
}

export function estimateEmbedTokens(req: EmbedRequest): number {
  let total = 0;
  for (const input of req.input) total += typeof input === 'string' ? countTextTokens(input) : input.length;
  return total;
}

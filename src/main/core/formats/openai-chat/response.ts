// OpenAI chat.completion JSON <-> canonical ChatResult.
import { ProviderError } from '../../providers/errors.ts';
import type { ChatResult, ToolCall, Usage } from '../types.ts';
import { fromOpenAIFinish, fromOpenAIUsage, isRecord, str, toOpenAIUsage } from '../shared.ts';

export interface RenderOptions {
  /** unix seconds for `created` (inject a clock in tests) */
  created?: number;
}

/** Canonical result → the chat.completion body returned to an OpenAI client. */
export function renderOpenAIChatResult(result: ChatResult, options: RenderOptions = {}): Record<string, unknown> {
  if (result.native?.format === 'openai-chat') return result.native.body;
  const message: Record<string, unknown> = {
    role: 'assistant',
    content: result.content === '' && result.toolCalls.length > 0 ? null : result.content,
    refusal: null,
  };
  if (result.toolCalls.length > 0) {
    message.tool_calls = result.toolCalls.map((c) => ({
      id: c.id,
      type: 'function',
      function: { name: c.name, arguments: c.arguments },
    }));
  }
  return {
    id: result.id.startsWith('chatcmpl') ? result.id : `chatcmpl-${result.id}`,
    object: 'chat.completion',
    created: options.created ?? Math.floor(Date.now() / 1000),
    model: result.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: result.stopReason }],
    usage: toOpenAIUsage(result.usage),
  };
}

export interface ParseResultOptions {
  /** keep the upstream body for verbatim rendering to a client of the same format */
  keepNative: boolean;
  /** used when the upstream reports no usage */
  fallbackUsage: (content: string, toolCalls: ToolCall[]) => Usage;
}

/** Upstream chat.completion body → canonical result (first choice; usage covers all choices). */
export function parseOpenAIChatResult(body: unknown, options: ParseResultOptions): ChatResult {
  if (!isRecord(body) || !Array.isArray(body.choices)) {
    throw new ProviderError('upstream_error', 'upstream returned an unexpected chat completion body');
  }
  const choice: unknown = body.choices[0];
  const message = isRecord(choice) && isRecord(choice.message) ? choice.message : {};
  const toolCalls: ToolCall[] = [];
  if (Array.isArray(message.tool_calls)) {
    for (const call of message.tool_calls) {
      if (!isRecord(call) || !isRecord(call.function)) continue;
      toolCalls.push({
        id: str(call.id) ?? '',
        name: str(call.function.name) ?? '',
        arguments: str(call.function.arguments) ?? '',
      });
    }
  }
  const content = str(message.content) ?? '';
  const result: ChatResult = {
    id: str(body.id) ?? '',
    model: str(body.model) ?? '',
    content,
    toolCalls,
    stopReason: fromOpenAIFinish(isRecord(choice) ? choice.finish_reason : undefined),
    usage: fromOpenAIUsage(body.usage) ?? options.fallbackUsage(content, toolCalls),
  };
  if (options.keepNative) result.native = { format: 'openai-chat', body };
  return result;
}

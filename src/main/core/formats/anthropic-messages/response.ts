// Anthropic message JSON <-> canonical ChatResult.
import { ProviderError } from '../../providers/errors.ts';
import type { ChatResult, ToolCall, Usage } from '../types.ts';
import { argumentsObject, fromAnthropicStop, fromAnthropicUsage, isRecord, str, toAnthropicStop, toAnthropicUsage } from '../shared.ts';

export function anthropicMessageId(id: string): string {
  return id.startsWith('msg_') ? id : `msg_${id}`;
}

/** Canonical result → the message body returned to an Anthropic client. */
export function renderAnthropicMessagesResult(result: ChatResult): Record<string, unknown> {
  if (result.native?.format === 'anthropic-messages') return result.native.body;
  const content: Array<Record<string, unknown>> = [];
  if (result.content !== '') content.push({ type: 'text', text: result.content });
  for (const call of result.toolCalls) {
    content.push({ type: 'tool_use', id: call.id, name: call.name, input: argumentsObject(call.arguments) });
  }
  return {
    id: anthropicMessageId(result.id),
    type: 'message',
    role: 'assistant',
    model: result.model,
    content,
    stop_reason: toAnthropicStop(result.stopReason, result.stopSequence),
    stop_sequence: result.stopSequence ?? null,
    usage: toAnthropicUsage(result.usage),
  };
}

export interface ParseAnthropicResultOptions {
  keepNative: boolean;
  fallbackUsage: (content: string, toolCalls: ToolCall[]) => Usage;
}

/** Upstream message body → canonical result. Thinking and server-tool blocks only survive natively. */
export function parseAnthropicMessagesResult(body: unknown, options: ParseAnthropicResultOptions): ChatResult {
  if (!isRecord(body) || !Array.isArray(body.content)) {
    throw new ProviderError('upstream_error', 'upstream returned an unexpected message body');
  }
  let content = '';
  const toolCalls: ToolCall[] = [];
  for (const block of body.content) {
    if (!isRecord(block)) continue;
    if (block.type === 'text') content += str(block.text) ?? '';
    else if (block.type === 'tool_use') {
      toolCalls.push({ id: str(block.id) ?? '', name: str(block.name) ?? '', arguments: JSON.stringify(block.input ?? {}) });
    }
  }
  const result: ChatResult = {
    id: str(body.id) ?? '',
    model: str(body.model) ?? '',
    content,
    toolCalls,
    stopReason: fromAnthropicStop(body.stop_reason),
    stopSequence: str(body.stop_sequence) ?? null,
    usage: isRecord(body.usage) ? fromAnthropicUsage(body.usage) : options.fallbackUsage(content, toolCalls),
  };
  if (options.keepNative) result.native = { format: 'anthropic-messages', body };
  return result;
}

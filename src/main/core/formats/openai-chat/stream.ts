// OpenAI chat.completion.chunk streams: canonical events → client SSE, upstream SSE → canonical events.
import { ProviderError } from '../../providers/errors.ts';
import { SSE_DONE, parseStreamJson, sseFrame } from '../sse.ts';
import type { StreamDecoder, StreamEncoder, StreamEvent, Usage } from '../types.ts';
import { fromOpenAIFinish, fromOpenAIUsage, isRecord, str, toOpenAIUsage } from '../shared.ts';

export interface OpenAIChatEncoderOptions {
  /** the client's stream_options.include_usage */
  includeUsage: boolean;
  /** unix seconds for `created` */
  created?: number;
}

export function createOpenAIChatStreamEncoder(options: OpenAIChatEncoderOptions): StreamEncoder {
  const created = options.created ?? Math.floor(Date.now() / 1000);
  let id = 'chatcmpl-stream';
  let model = '';
  let native = false;
  let heldUsageFrame: string | null = null;
  let usage: Usage | null = null;

  const chunk = (delta: Record<string, unknown>, finishReason: string | null = null): string =>
    sseFrame({
      id,
      object: 'chat.completion.chunk',
      created,
      model,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    });

  return {
    write(event: StreamEvent): string {
      if (event.type === 'native') {
        if (event.format !== 'openai-chat') return '';
        native = true;
        // the upstream was asked for usage even if the client was not: hold it for finish()
        if (event.role === 'usage') {
          heldUsageFrame = `data: ${event.data}\n\n`;
          return '';
        }
        return `data: ${event.data}\n\n`;
      }
      if (event.type === 'usage') usage = event.usage;
      if (native) return '';
      switch (event.type) {
        case 'start':
          id = event.id.startsWith('chatcmpl') ? event.id : `chatcmpl-${event.id}`;
          model = event.model;
          return chunk({ role: 'assistant', content: '' });
        case 'text':
          return event.delta === '' ? '' : chunk({ content: event.delta });
        case 'tool_call_delta': {
          const call: Record<string, unknown> = { index: event.index };
          if (event.id !== undefined) Object.assign(call, { id: event.id, type: 'function' });
          call.function = { ...(event.name !== undefined && { name: event.name }), arguments: event.argumentsDelta };
          return chunk({ tool_calls: [call] });
        }
        case 'stop':
          return chunk({}, event.stopReason);
        default:
          return '';
      }
    },
    finish(finalUsage?: Usage): string {
      let out = '';
      if (options.includeUsage) {
        const u = finalUsage ?? usage;
        if (native && heldUsageFrame && !finalUsage) out += heldUsageFrame;
        else if (u) out += sseFrame({ id, object: 'chat.completion.chunk', created, model, choices: [], usage: toOpenAIUsage(u) });
      }
      return out + SSE_DONE;
    },
    error(error): string {
      return sseFrame({ error: { message: error.message, type: error.type ?? 'api_error', code: error.code ?? null } });
    },
  };
}

export function createOpenAIChatStreamDecoder(options: { native: boolean }): StreamDecoder {
  let started = false;
  let done = false;
  let stopped = false;
  let usage: Usage | null = null;

  return {
    push(message): StreamEvent[] {
      if (message.data === '[DONE]') {
        done = true;
        return [];
      }
      const json = parseStreamJson(message.data);
      if (isRecord(json.error)) {
        throw new ProviderError('upstream_error', str(json.error.message) ?? 'upstream stream error', {
          upstreamType: str(json.error.type) ?? str(json.error.code) ?? null,
        });
      }
      const events: StreamEvent[] = [];
      const choices = Array.isArray(json.choices) ? json.choices : [];
      const reported = fromOpenAIUsage(json.usage);
      if (reported) usage = reported;
      if (options.native) {
        const usageOnly = choices.length === 0 && reported !== null;
        events.push({ type: 'native', format: 'openai-chat', data: message.data, ...(usageOnly && { role: 'usage' as const }) });
      }
      if (!started) {
        started = true;
        events.push({ type: 'start', id: str(json.id) ?? '', model: str(json.model) ?? '' });
      }
      const choice: unknown = choices[0];
      if (!isRecord(choice)) return events;
      const delta = isRecord(choice.delta) ? choice.delta : {};
      if (typeof delta.content === 'string' && delta.content !== '') events.push({ type: 'text', delta: delta.content });
      if (Array.isArray(delta.tool_calls)) {
        delta.tool_calls.forEach((call: unknown, position: number) => {
          if (!isRecord(call)) return;
          const fn = isRecord(call.function) ? call.function : {};
          const event: StreamEvent = {
            type: 'tool_call_delta',
            index: typeof call.index === 'number' ? call.index : position,
            argumentsDelta: str(fn.arguments) ?? '',
          };
          const callId = str(call.id);
          const name = str(fn.name);
          if (callId !== undefined) event.id = callId;
          if (name !== undefined) event.name = name;
          events.push(event);
        });
      }
      if (choice.finish_reason != null && !stopped) {
        stopped = true;
        events.push({ type: 'stop', stopReason: fromOpenAIFinish(choice.finish_reason) });
      }
      return events;
    },
    end(): Usage | null {
      if (!done && !stopped) throw new ProviderError('upstream_error', 'upstream stream ended before completion');
      return usage;
    },
  };
}

// Runs an upstream SSE body through a format decoder and guarantees the stream contract: a final usage
// event (estimated if the upstream reported none), ProviderErrors for broken streams, and the upstream
// connection torn down when the consumer stops early.
import type { Dispatcher } from 'undici';
import { readSse } from '../formats/sse.ts';
import type { StreamDecoder, StreamEvent, ToolCall, Usage } from '../formats/types.ts';
import { toProviderError } from './http.ts';

export interface UpstreamStreamContext {
  signal: AbortSignal;
  apiKey: string | null;
  fallbackUsage: (content: string, toolCalls: ToolCall[]) => Usage;
}

export async function* decodeUpstreamStream(
  res: Dispatcher.ResponseData,
  decoder: StreamDecoder,
  ctx: UpstreamStreamContext,
): AsyncGenerator<StreamEvent> {
  let content = '';
  const calls = new Map<number, ToolCall>();
  try {
    for await (const message of readSse(res.body)) {
      for (const event of decoder.push(message)) {
        if (event.type === 'text') content += event.delta;
        else if (event.type === 'tool_call_delta') {
          const call = calls.get(event.index) ?? { id: event.id ?? '', name: event.name ?? '', arguments: '' };
          call.arguments += event.argumentsDelta;
          calls.set(event.index, call);
        }
        yield event;
      }
    }
    const usage = decoder.end() ?? ctx.fallbackUsage(content, [...calls.values()]);
    yield { type: 'usage', usage };
  } catch (err) {
    throw toProviderError(err, ctx.signal, ctx.apiKey);
  } finally {
    // consumer broke out early (or we failed): drop the socket so the upstream stops generating
    if (!res.body.destroyed) res.body.destroy();
  }
}

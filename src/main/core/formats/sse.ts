// Server-sent events: writing frames for clients and reading upstream streams.
import { createParser } from 'eventsource-parser';
import type { EventSourceMessage } from 'eventsource-parser';
import { ProviderError } from '../providers/errors.ts';

export type SseMessage = EventSourceMessage;

export const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  connection: 'keep-alive',
  'x-accel-buffering': 'no',
} as const;

export const SSE_DONE = 'data: [DONE]\n\n';

/** One SSE frame. Objects are JSON-encoded; multi-line strings become several `data:` lines. */
export function sseFrame(data: unknown, event?: string): string {
  const text = typeof data === 'string' ? data : JSON.stringify(data);
  const head = event ? `event: ${event}\n` : '';
  return `${head}data: ${text.includes('\n') ? text.split(/\r?\n/).join('\ndata: ') : text}\n\n`;
}

export interface ReadSseOptions {
  /** cap on a single buffered event; a larger one means a broken upstream (default 8 MiB) */
  maxBufferSize?: number;
}

/**
 * Parses an upstream byte stream into SSE messages. Errors of the underlying stream (socket reset,
 * body timeout, abort) propagate unchanged so the caller can map them; a parser overflow becomes a
 * ProviderError. Whether the stream ended *complete* is format-specific and checked by the decoders.
 */
export async function* readSse(
  body: AsyncIterable<Uint8Array | string>,
  options: ReadSseOptions = {},
): AsyncGenerator<SseMessage> {
  const queue: SseMessage[] = [];
  let failure: ProviderError | null = null;
  const parser = createParser({
    maxBufferSize: options.maxBufferSize ?? 8 * 1024 * 1024,
    onEvent: (message) => queue.push(message),
    onError: (error) => {
      // unknown fields are tolerated (spec says ignore); only an overflow is fatal
      if (error.type === 'max-buffer-size-exceeded') {
        failure = new ProviderError('upstream_error', 'upstream stream event too large', { cause: error });
      }
    },
  });
  const decoder = new TextDecoder();
  for await (const chunk of body) {
    parser.feed(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    if (failure) throw failure;
    while (queue.length > 0) yield queue.shift() as SseMessage;
  }
  parser.feed(decoder.decode());
  // a final event without its terminating blank line is still delivered (lenient, like most SDKs)
  parser.feed('\n\n');
  while (queue.length > 0) yield queue.shift() as SseMessage;
}

/** JSON.parse for upstream stream data; garbage is a broken upstream, not a crash. */
export function parseStreamJson(data: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch (cause) {
    throw new ProviderError('upstream_error', 'upstream sent malformed stream data', { cause });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ProviderError('upstream_error', 'upstream sent malformed stream data');
  }
  return value as Record<string, unknown>;
}

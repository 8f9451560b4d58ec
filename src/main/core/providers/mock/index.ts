// In-process mock provider: no network, deterministic, with latency, pacing and failure injection.
// Cheap on purpose (no timers when delays are 0) so benchmarks measure the gateway, not the mock.
import { setTimeout as delay } from 'node:timers/promises';
import type { ChatResult, StreamEvent } from '../../formats/types.ts';
import { ProviderError, abortError } from '../errors.ts';
import type { Provider, ProviderCallOptions } from '../types.ts';
import { MOCK_MODELS, embedTokens, mockEmbedding, mockFailure, mockReply, splitText, statusFailure } from './behavior.ts';
import type { MockProviderConfig } from './behavior.ts';

export type { MockProviderConfig } from './behavior.ts';

async function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) throw abortError(signal);
  if (ms <= 0) return;
  try {
    await delay(ms, undefined, { signal });
  } catch (err) {
    throw signal.aborted ? abortError(signal) : err;
  }
}

export function createMockProvider(config: MockProviderConfig = {}): Provider {
  /** latency, then the injected failure that applies before any output */
  const prelude = async (opts: ProviderCallOptions, streaming: boolean): Promise<void> => {
    await sleep(config.latencyMs ?? 0, opts.signal);
    const failure = mockFailure(opts.upstreamModel, config);
    if (failure === null) return;
    const status = statusFailure(failure);
    if (status) throw status;
    if (failure === 'timeout') {
      await sleep(config.timeoutMs ?? 100, opts.signal);
      throw new ProviderError('upstream_timeout', 'upstream timed out (mock)');
    }
    if (failure === 'broken-stream' && !streaming) {
      throw new ProviderError('upstream_error', 'upstream returned invalid JSON (mock)');
    }
  };

  return {
    id: 'mock',
    nativeFormat: null,

    async chat(req, opts): Promise<ChatResult> {
      await prelude(opts, false);
      const reply = mockReply(req, opts.upstreamModel, config);
      return {
        id: reply.id,
        model: opts.upstreamModel,
        content: reply.text,
        toolCalls: reply.toolCalls,
        stopReason: reply.toolCalls.length > 0 ? 'tool_calls' : 'stop',
        usage: reply.usage,
      };
    },

    async *chatStream(req, opts): AsyncGenerator<StreamEvent> {
      await prelude(opts, true);
      const reply = mockReply(req, opts.upstreamModel, config);
      const broken = mockFailure(opts.upstreamModel, config) === 'broken-stream';
      const pace = config.chunkDelayMs ?? 0;
      yield { type: 'start', id: reply.id, model: opts.upstreamModel };
      const chunks = splitText(reply.text, config.chunkCount ?? 4);
      for (const [i, chunk] of chunks.entries()) {
        if (i > 0) await sleep(pace, opts.signal);
        yield { type: 'text', delta: chunk };
        if (broken) throw new ProviderError('upstream_error', 'upstream stream ended before completion (mock)');
      }
      for (const [index, call] of reply.toolCalls.entries()) {
        await sleep(pace, opts.signal);
        yield { type: 'tool_call_delta', index, id: call.id, name: call.name, argumentsDelta: '' };
        yield { type: 'tool_call_delta', index, argumentsDelta: call.arguments };
      }
      if (opts.signal.aborted) throw abortError(opts.signal);
      yield { type: 'stop', stopReason: reply.toolCalls.length > 0 ? 'tool_calls' : 'stop' };
      yield { type: 'usage', usage: reply.usage };
    },

    async embed(req, opts) {
      await prelude(opts, false);
      const dimensions = req.dimensions ?? config.embedDimensions ?? 16;
      let tokens = 0;
      const embeddings = req.input.map((input) => {
        tokens += embedTokens(input);
        return mockEmbedding(input, dimensions);
      });
      return { model: opts.upstreamModel, embeddings, usage: { inputTokens: tokens } };
    },

    async listModels() {
      return [...MOCK_MODELS];
    },
  };
}

// Anthropic Messages API upstream.
import type { Dispatcher } from 'undici';
import {
  buildAnthropicMessagesBody,
  createAnthropicStreamDecoder,
  parseAnthropicMessagesResult,
} from '../../formats/anthropic-messages/index.ts';
import { estimateUsage } from '../../formats/tokens.ts';
import type { ChatRequest } from '../../formats/types.ts';
import { invalidRequest } from '../errors.ts';
import { callUpstream, forwardableHeaders, joinUrl, parseModelList, readJson } from '../http.ts';
import type { Provider, ProviderCallOptions } from '../types.ts';
import { decodeUpstreamStream } from '../upstream-stream.ts';

export interface AnthropicProviderConfig {
  /** default https://api.anthropic.com (a trailing /v1 is accepted too) */
  defaultBaseUrl?: string;
  /** default 2023-06-01 */
  version?: string;
  /** max_tokens for clients that sent none (Anthropic requires it); default 4096 */
  defaultMaxTokens?: number;
}

export function createAnthropicProvider(config: AnthropicProviderConfig, agent: Dispatcher): Provider {
  const url = (opts: Pick<ProviderCallOptions, 'credential'>, path: string): string => {
    const base = (opts.credential.baseUrl ?? config.defaultBaseUrl ?? 'https://api.anthropic.com').replace(/\/+$/, '');
    return joinUrl(base, base.endsWith('/v1') ? path : `/v1${path}`);
  };
  const headers = (opts: Pick<ProviderCallOptions, 'credential' | 'headers'>, accept: string): Record<string, string> => ({
    ...forwardableHeaders(opts.headers),
    accept,
    'anthropic-version': config.version ?? '2023-06-01',
    ...(opts.credential.apiKey !== null && { 'x-api-key': opts.credential.apiKey }),
  });
  const send = (req: ChatRequest, opts: ProviderCallOptions, stream: boolean) =>
    callUpstream(agent, {
      url: url(opts, '/messages'),
      headers: headers(opts, stream ? 'text/event-stream' : 'application/json'),
      body: buildAnthropicMessagesBody({ ...req, stream }, { model: opts.upstreamModel, defaultMaxTokens: config.defaultMaxTokens ?? 4096 }),
      signal: opts.signal,
      apiKey: opts.credential.apiKey,
    });

  return {
    id: 'anthropic',
    nativeFormat: 'anthropic-messages',

    async chat(req, opts) {
      const res = await send(req, opts, false);
      const json = await readJson(res, { signal: opts.signal, apiKey: opts.credential.apiKey });
      return parseAnthropicMessagesResult(json, {
        keepNative: req.native?.format === 'anthropic-messages',
        fallbackUsage: (content, toolCalls) => estimateUsage(req, content, toolCalls),
      });
    },

    async *chatStream(req, opts) {
      const res = await send(req, opts, true);
      yield* decodeUpstreamStream(res, createAnthropicStreamDecoder({ native: req.native?.format === 'anthropic-messages' }), {
        signal: opts.signal,
        apiKey: opts.credential.apiKey,
        fallbackUsage: (content, toolCalls) => estimateUsage(req, content, toolCalls),
      });
    },

    async embed() {
      throw invalidRequest('the anthropic provider does not offer embeddings');
    },

    async listModels(opts) {
      const res = await callUpstream(agent, {
        url: url(opts, '/models'),
        method: 'GET',
        headers: headers(opts, 'application/json'),
        signal: opts.signal,
        apiKey: opts.credential.apiKey,
      });
      return parseModelList(await readJson(res, { signal: opts.signal, apiKey: opts.credential.apiKey }));
    },
  };
}

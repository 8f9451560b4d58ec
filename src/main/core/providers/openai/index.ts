// OpenAI and any OpenAI-compatible upstream (vLLM, Ollama, LM Studio, OpenRouter…): Chat Completions,
// Embeddings, Models.
import type { Dispatcher } from 'undici';
import { buildOpenAIChatBody, createOpenAIChatStreamDecoder, parseOpenAIChatResult } from '../../formats/openai-chat/index.ts';
import { buildOpenAIEmbeddingsBody } from '../../formats/openai-embeddings.ts';
import { estimateEmbedTokens, estimateUsage } from '../../formats/tokens.ts';
import type { ChatRequest, EmbedRequest, EmbedResult } from '../../formats/types.ts';
import { ProviderError } from '../errors.ts';
import { callUpstream, forwardableHeaders, joinUrl, parseModelList, readJson } from '../http.ts';
import type { Provider, ProviderCallOptions } from '../types.ts';
import { decodeUpstreamStream } from '../upstream-stream.ts';

export interface OpenAIProviderConfig {
  /** default https://api.openai.com/v1 */
  defaultBaseUrl?: string;
  /** default: max_completion_tokens for api.openai.com, max_tokens elsewhere */
  maxTokensField?: 'max_tokens' | 'max_completion_tokens';
}

export function createOpenAIProvider(config: OpenAIProviderConfig, agent: Dispatcher): Provider {
  const baseOf = (opts: Pick<ProviderCallOptions, 'credential'>): string =>
    opts.credential.baseUrl ?? config.defaultBaseUrl ?? 'https://api.openai.com/v1';
  const headers = (opts: Pick<ProviderCallOptions, 'credential' | 'headers'>, accept: string): Record<string, string> => ({
    ...forwardableHeaders(opts.headers),
    accept,
    ...(opts.credential.apiKey !== null && { authorization: `Bearer ${opts.credential.apiKey}` }),
  });
  const chatBody = (req: ChatRequest, opts: ProviderCallOptions, stream: boolean): Record<string, unknown> => {
    const base = baseOf(opts);
    const maxTokensField = config.maxTokensField ?? (new URL(base).hostname === 'api.openai.com' ? 'max_completion_tokens' : 'max_tokens');
    return buildOpenAIChatBody({ ...req, stream }, { model: opts.upstreamModel, maxTokensField });
  };
  const call = (opts: ProviderCallOptions, path: string, body: unknown, accept: string) =>
    callUpstream(agent, {
      url: joinUrl(baseOf(opts), path),
      headers: headers(opts, accept),
      body,
      signal: opts.signal,
      apiKey: opts.credential.apiKey,
    });

  return {
    id: 'openai',
    nativeFormat: 'openai-chat',

    async chat(req, opts) {
      const res = await call(opts, '/chat/completions', chatBody(req, opts, false), 'application/json');
      const json = await readJson(res, { signal: opts.signal, apiKey: opts.credential.apiKey });
      return parseOpenAIChatResult(json, {
        keepNative: req.native?.format === 'openai-chat',
        fallbackUsage: (content, toolCalls) => estimateUsage(req, content, toolCalls),
      });
    },

    async *chatStream(req, opts) {
      const res = await call(opts, '/chat/completions', chatBody(req, opts, true), 'text/event-stream');
      yield* decodeUpstreamStream(res, createOpenAIChatStreamDecoder({ native: req.native?.format === 'openai-chat' }), {
        signal: opts.signal,
        apiKey: opts.credential.apiKey,
        fallbackUsage: (content, toolCalls) => estimateUsage(req, content, toolCalls),
      });
    },

    async embed(req: EmbedRequest, opts): Promise<EmbedResult> {
      const res = await call(opts, '/embeddings', buildOpenAIEmbeddingsBody(req, opts.upstreamModel), 'application/json');
      const result = parseEmbeddings(await readJson(res, { signal: opts.signal, apiKey: opts.credential.apiKey }), opts.upstreamModel);
      if (result.usage.inputTokens === 0) result.usage = { inputTokens: estimateEmbedTokens(req) };
      return result;
    },

    async listModels(opts) {
      const res = await callUpstream(agent, {
        url: joinUrl(baseOf(opts), '/models'),
        method: 'GET',
        headers: headers(opts, 'application/json'),
        signal: opts.signal,
        apiKey: opts.credential.apiKey,
      });
      return parseModelList(await readJson(res, { signal: opts.signal, apiKey: opts.credential.apiKey }));
    },
  };
}

function parseEmbeddings(json: unknown, model: string): EmbedResult {
  const body = json as { data?: unknown; model?: unknown; usage?: { prompt_tokens?: unknown } };
  if (!Array.isArray(body.data)) throw new ProviderError('upstream_error', 'upstream returned an unexpected embeddings body');
  const rows = (body.data as Array<{ index?: number; embedding?: unknown }>).slice().sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
  const embeddings = rows.map((row) => {
    if (Array.isArray(row.embedding)) return row.embedding as number[];
    if (typeof row.embedding === 'string') {
      const bytes = Buffer.from(row.embedding, 'base64');
      return Array.from(new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)));
    }
    throw new ProviderError('upstream_error', 'upstream returned an unexpected embedding');
  });
  const tokens = body.usage?.prompt_tokens;
  return { model: typeof body.model === 'string' ? body.model : model, embeddings, usage: { inputTokens: typeof tokens === 'number' ? tokens : 0 } };
}

// The smallest gateway that uses this layer the way the real one should: parse → provider → render.
// Models pick the provider: claude-* → anthropic upstream, gpt-* → openai upstream, else mock.
import type { ServerResponse } from 'node:http';
import { countAnthropicTokens, createAnthropicStreamEncoder, parseAnthropicMessagesRequest, renderAnthropicMessagesResult } from '../../../src/main/core/formats/anthropic-messages/index.ts';
import { createOpenAIChatStreamEncoder, parseOpenAIChatRequest, renderOpenAIChatResult } from '../../../src/main/core/formats/openai-chat/index.ts';
import { parseOpenAIEmbeddingsRequest, renderOpenAIEmbeddingsResult } from '../../../src/main/core/formats/openai-embeddings.ts';
import { createOpenAIResponsesStreamEncoder, parseOpenAIResponsesRequest, renderOpenAIResponsesResult } from '../../../src/main/core/formats/openai-responses/index.ts';
import { SSE_HEADERS } from '../../../src/main/core/formats/sse.ts';
import { estimateRequestTokens } from '../../../src/main/core/formats/tokens.ts';
import type { ChatRequest, ChatResult, StreamEncoder } from '../../../src/main/core/formats/types.ts';
import { ProviderError } from '../../../src/main/core/providers/errors.ts';
import type { ProviderRegistry } from '../../../src/main/core/providers/registry.ts';
import type { ProviderCallOptions } from '../../../src/main/core/providers/types.ts';
import { json, startServer } from './server.ts';
import type { TestServer } from './server.ts';

export interface Upstreams {
  openai: string;
  anthropic: string;
}

export function startMiniGateway(registry: ProviderRegistry, upstreams: Upstreams): Promise<TestServer> {
  const route = (model: string, signal: AbortSignal): { id: string; opts: ProviderCallOptions } => {
    if (model.startsWith('claude')) return { id: 'anthropic', opts: { signal, upstreamModel: 'claude-test', credential: { apiKey: 'k', baseUrl: upstreams.anthropic } } };
    if (model.startsWith('gpt')) return { id: 'openai', opts: { signal, upstreamModel: 'gpt-test', credential: { apiKey: 'k', baseUrl: `${upstreams.openai}/v1` } } };
    return { id: 'mock', opts: { signal, upstreamModel: model, credential: { apiKey: null, baseUrl: null } } };
  };

  async function serve(res: ServerResponse, req: ChatRequest, render: (r: ChatResult) => unknown, encoder: () => StreamEncoder): Promise<void> {
    const controller = new AbortController();
    res.on('close', () => controller.abort());
    const { id, opts } = route(req.model, controller.signal);
    const provider = registry.get(id);
    if (!req.stream) {
      json(res, 200, render(await provider.chat(req, opts)));
      return;
    }
    const enc = encoder();
    res.writeHead(200, SSE_HEADERS);
    try {
      for await (const event of provider.chatStream(req, opts)) res.write(enc.write(event));
      res.end(enc.finish());
    } catch (err) {
      res.end(enc.error({ message: err instanceof Error ? err.message : 'error' }));
    }
  }

  return startServer(async (r, res) => {
    try {
      if (r.url === '/v1/chat/completions') {
        const req = parseOpenAIChatRequest(r.body);
        await serve(res, req, (x) => renderOpenAIChatResult(x), () => createOpenAIChatStreamEncoder({ includeUsage: req.includeUsage === true }));
      } else if (r.url === '/v1/messages') {
        const req = parseAnthropicMessagesRequest(r.body);
        await serve(res, req, renderAnthropicMessagesResult, () => createAnthropicStreamEncoder({ inputTokens: estimateRequestTokens(req) }));
      } else if (r.url === '/v1/messages/count_tokens') {
        json(res, 200, countAnthropicTokens(r.body));
      } else if (r.url === '/v1/responses') {
        const req = parseOpenAIResponsesRequest(r.body);
        await serve(res, req, (x) => renderOpenAIResponsesResult(x, { request: req }), () => createOpenAIResponsesStreamEncoder({ request: req }));
      } else if (r.url === '/v1/embeddings') {
        const { request, encodingFormat } = parseOpenAIEmbeddingsRequest(r.body);
        const { id, opts } = route(request.model, new AbortController().signal);
        json(res, 200, renderOpenAIEmbeddingsResult(await registry.get(id).embed(request, opts), encodingFormat));
      } else json(res, 404, { error: { message: 'not found' } });
    } catch (err) {
      if (!(err instanceof ProviderError)) throw err;
      json(res, err.status, { error: { message: err.message, type: err.code, code: err.code } });
    }
  });
}

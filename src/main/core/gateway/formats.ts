import { createAnthropicStreamEncoder, parseAnthropicMessagesRequest, renderAnthropicMessagesResult } from '../formats/anthropic-messages/index.ts';
import { createOpenAIChatStreamEncoder, parseOpenAIChatRequest, renderOpenAIChatResult } from '../formats/openai-chat/index.ts';
import { createOpenAIResponsesStreamEncoder, parseOpenAIResponsesRequest, renderOpenAIResponsesResult } from '../formats/openai-responses/index.ts';
import { estimateRequestTokens } from '../formats/tokens.ts';
import type { Billing, ChatFormat } from './chat.ts';

const xPlatform = (b: Billing) => ({ x_platform: { credits_charged: b.creditsCharged, latency_ms: b.latencyMs, request_id: b.requestId } });

/** The chat endpoints, by path. Adding a wire format is one entry here plus its formats/ folder. */
export const CHAT_FORMATS: Record<string, ChatFormat> = {
  '/v1/chat/completions': {
    endpoint: 'chat.completions',
    shape: 'openai',
    parse: parseOpenAIChatRequest,
    render: (r, _req, b) => ({ ...renderOpenAIChatResult(r), ...xPlatform(b) }),
    encoder: (req) => createOpenAIChatStreamEncoder({ includeUsage: req.includeUsage === true }),
  },
  '/v1/responses': {
    endpoint: 'responses',
    shape: 'openai',
    parse: parseOpenAIResponsesRequest,
    render: (r, req, b) => ({ ...renderOpenAIResponsesResult(r, { request: req }), ...xPlatform(b) }),
    encoder: (req) => createOpenAIResponsesStreamEncoder({ request: req }),
  },
  '/v1/messages': {
    endpoint: 'messages',
    shape: 'anthropic',
    parse: (body) => parseAnthropicMessagesRequest(body),
    render: (r) => renderAnthropicMessagesResult(r),
    encoder: (req) => createAnthropicStreamEncoder({ inputTokens: estimateRequestTokens(req) }),
  },
};

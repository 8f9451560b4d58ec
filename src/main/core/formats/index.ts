// Everything the gateway needs to speak the three client formats, in one import.
export type * from './types.ts';
export * from './openai-chat/index.ts';
export * from './anthropic-messages/index.ts';
export * from './openai-responses/index.ts';
export { parseOpenAIEmbeddingsRequest, renderOpenAIEmbeddingsResult } from './openai-embeddings.ts';
export type { ParsedEmbedRequest } from './openai-embeddings.ts';
export { SSE_HEADERS, SSE_DONE, sseFrame } from './sse.ts';
export { estimateRequestTokens, estimateOutputTokens, estimateUsage, estimateEmbedTokens, countTextTokens } from './tokens.ts';

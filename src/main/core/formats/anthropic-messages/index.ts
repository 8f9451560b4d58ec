export { parseAnthropicMessagesRequest, buildAnthropicMessagesBody } from './request.ts';
export type { ParseAnthropicOptions, BuildAnthropicOptions } from './request.ts';
export { renderAnthropicMessagesResult, parseAnthropicMessagesResult, anthropicMessageId } from './response.ts';
export type { ParseAnthropicResultOptions } from './response.ts';
export { createAnthropicStreamEncoder, createAnthropicStreamDecoder } from './stream.ts';
export type { AnthropicEncoderOptions } from './stream.ts';
export { countAnthropicTokens } from './count-tokens.ts';

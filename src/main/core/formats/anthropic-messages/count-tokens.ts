// POST /v1/messages/count_tokens, answered locally with a gpt-tokenizer estimate.
import { estimateRequestTokens } from '../tokens.ts';
import { parseAnthropicMessagesRequest } from './request.ts';

export function countAnthropicTokens(body: unknown): { input_tokens: number } {
  return { input_tokens: estimateRequestTokens(parseAnthropicMessagesRequest(body, { requireMaxTokens: false })) };
}

export { parseOpenAIResponsesRequest } from './request.ts';
export { renderOpenAIResponsesResult, responseId } from './response.ts';
export type { ResponsesRenderOptions } from './response.ts';
export { createOpenAIResponsesStreamEncoder } from './stream.ts';
export type { ResponsesEncoderOptions } from './stream.ts';

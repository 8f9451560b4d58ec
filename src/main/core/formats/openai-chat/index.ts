export { parseOpenAIChatRequest, buildOpenAIChatBody } from './request.ts';
export type { BuildOpenAIChatOptions } from './request.ts';
export { renderOpenAIChatResult, parseOpenAIChatResult } from './response.ts';
export type { RenderOptions, ParseResultOptions } from './response.ts';
export { createOpenAIChatStreamEncoder, createOpenAIChatStreamDecoder } from './stream.ts';
export type { OpenAIChatEncoderOptions } from './stream.ts';

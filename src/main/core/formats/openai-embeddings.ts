// OpenAI /v1/embeddings body <-> canonical EmbedRequest/EmbedResult.
import { z } from 'zod';
import type { EmbedRequest, EmbedResult } from './types.ts';
import { parseBody } from './shared.ts';

const Tokens = z.array(z.number().int());
const Body = z.looseObject({
  model: z.string().min(1),
  input: z.union([z.string(), z.array(z.string()).min(1), Tokens.min(1), z.array(Tokens).min(1)]),
  dimensions: z.number().int().positive().optional(),
  encoding_format: z.enum(['float', 'base64']).optional(),
  user: z.string().optional(),
});

export interface ParsedEmbedRequest {
  request: EmbedRequest;
  /** the OpenAI SDK asks for base64 by default */
  encodingFormat: 'float' | 'base64';
}

export function parseOpenAIEmbeddingsRequest(body: unknown): ParsedEmbedRequest {
  const b = parseBody(Body, body, 'embeddings request');
  let input: Array<string | number[]>;
  if (typeof b.input === 'string') input = [b.input];
  else if (b.input.every((x) => typeof x === 'number')) input = [b.input as number[]];
  else input = b.input as Array<string | number[]>;
  const request: EmbedRequest = { model: b.model, input };
  if (b.dimensions !== undefined) request.dimensions = b.dimensions;
  if (b.user !== undefined) request.user = b.user;
  return { request, encodingFormat: b.encoding_format ?? 'float' };
}

/** Upstream body: always floats, so the gateway can re-encode for the client and inspect the result. */
export function buildOpenAIEmbeddingsBody(req: EmbedRequest, model: string): Record<string, unknown> {
  const body: Record<string, unknown> = { model, input: req.input, encoding_format: 'float' };
  if (req.dimensions !== undefined) body.dimensions = req.dimensions;
  if (req.user !== undefined) body.user = req.user;
  return body;
}

function toBase64(vector: number[]): string {
  return Buffer.from(new Float32Array(vector).buffer).toString('base64');
}

export function renderOpenAIEmbeddingsResult(result: EmbedResult, encodingFormat: 'float' | 'base64'): Record<string, unknown> {
  return {
    object: 'list',
    data: result.embeddings.map((embedding, index) => ({
      object: 'embedding',
      index,
      embedding: encodingFormat === 'base64' ? toBase64(embedding) : embedding,
    })),
    model: result.model,
    usage: { prompt_tokens: result.usage.inputTokens, total_tokens: result.usage.inputTokens },
  };
}

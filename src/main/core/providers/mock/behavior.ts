// Deterministic mock behaviour: the reply, usage, tool calls, embeddings and injected failures all
// derive from the request (and config) alone, so tests and benchmarks can predict them.
import { textOf } from '../../formats/shared.ts';
import { countTextTokens, estimateOutputTokens, estimateRequestTokens } from '../../formats/tokens.ts';
import type { ChatRequest, ToolCall, Usage } from '../../formats/types.ts';
import { mulberry32 } from '../../lib/prng.ts';
import { ProviderError } from '../errors.ts';

export interface MockProviderConfig {
  /** delay before the response / first stream event (default 0) */
  latencyMs?: number;
  /** delay between stream chunks (default 0) */
  chunkDelayMs?: number;
  /** the reply text is streamed in this many deltas (default 4) */
  chunkCount?: number;
  /** fixed reply text; default: a phrase echoing the last user message */
  reply?: string;
  /** fixed token counts; default: computed */
  usage?: { inputTokens?: number; outputTokens?: number };
  /** 'tokenizer' (gpt-tokenizer, default) or 'approx' (chars / 4, for very hot benchmarks) */
  tokenCounting?: 'tokenizer' | 'approx';
  /** how long `mock-timeout` hangs before failing with upstream_timeout (default 100) */
  timeoutMs?: number;
  /** force a failure for every model (same names as the model-name triggers, without `mock-`) */
  failWith?: MockFailure | null;
  /** embedding size when the request names none (default 16) */
  embedDimensions?: number;
}

export type MockFailure = `error-${number}` | 'timeout' | 'broken-stream';

export const MOCK_MODELS = ['mock-gpt', 'mock-claude', 'mock-embed', 'mock-tools', 'mock-error-500', 'mock-error-429', 'mock-timeout', 'mock-broken-stream'];

/** FNV-1a, 32 bit: a cheap stable hash for ids and embedding seeds. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Failure requested by the model name (`mock-error-503`, `mock-timeout`, `mock-broken-stream`) or config. */
export function mockFailure(model: string, config: MockProviderConfig): MockFailure | null {
  if (config.failWith) return config.failWith;
  const match = /^mock-(error-\d{3}|timeout|broken-stream)$/.exec(model);
  return match ? (match[1] as MockFailure) : null;
}

export function statusFailure(failure: MockFailure): ProviderError | null {
  const match = /^error-(\d{3})$/.exec(failure);
  if (!match) return null;
  const status = Number(match[1]);
  return new ProviderError(status === 504 || status === 408 ? 'upstream_timeout' : 'upstream_error', `upstream returned ${status}: mock failure`, {
    upstreamStatus: status,
    upstreamType: 'mock_error',
  });
}

export interface MockReply {
  id: string;
  text: string;
  toolCalls: ToolCall[];
  usage: Usage;
}

function lastUserText(req: ChatRequest): string {
  for (let i = req.messages.length - 1; i >= 0; i -= 1) {
    const m = req.messages[i];
    if (m && (m.role === 'user' || m.role === 'tool')) return textOf(m.content);
  }
  return '';
}

export function mockReply(req: ChatRequest, model: string, config: MockProviderConfig): MockReply {
  const prompt = lastUserText(req);
  const seed = hash32(`${model}\u0000${req.system ?? ''}\u0000${prompt}\u0000${req.messages.length}`);
  const id = `mock-${seed.toString(16).padStart(8, '0')}`;
  const tools = req.tools ?? [];
  const wantsTool =
    tools.length > 0 && req.toolChoice !== 'none' && (model === 'mock-tools' || req.toolChoice === 'required' || typeof req.toolChoice === 'object');
  // answer a tool result with text, so an agent loop terminates
  const lastRole = req.messages.at(-1)?.role;
  const toolCalls: ToolCall[] = [];
  if (wantsTool && lastRole !== 'tool') {
    const name = typeof req.toolChoice === 'object' ? req.toolChoice.name : (tools[0]?.name ?? 'tool');
    toolCalls.push({ id: `call_${id.slice(5)}`, name, arguments: JSON.stringify({ input: prompt.slice(0, 100) }) });
  }
  const text = toolCalls.length > 0 ? '' : (config.reply ?? `This is a mock response. You said: ${prompt.slice(0, 200)}`);
  const approx = config.tokenCounting === 'approx';
  const usage: Usage = {
    inputTokens: config.usage?.inputTokens ?? (approx ? approxRequestTokens(req) : estimateRequestTokens(req)),
    outputTokens: config.usage?.outputTokens ?? (approx ? Math.ceil(text.length / 4) + toolCalls.length * 8 : estimateOutputTokens(text, toolCalls)),
  };
  return { id, text, toolCalls, usage };
}

function approxRequestTokens(req: ChatRequest): number {
  let chars = req.system?.length ?? 0;
  for (const m of req.messages) chars += textOf(m.content).length + 12;
  return Math.ceil(chars / 4);
}

/** Splits text into `count` deltas of similar length (never splitting a surrogate pair). */
export function splitText(text: string, count: number): string[] {
  const chars = Array.from(text);
  const n = Math.max(1, Math.min(count, chars.length));
  const size = Math.ceil(chars.length / n);
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += size) out.push(chars.slice(i, i + size).join(''));
  return out;
}

/** Unit vector from a seeded PRNG (mulberry32): same input, same embedding. */
export function mockEmbedding(input: string | number[], dimensions: number): number[] {
  const rnd = mulberry32(hash32(typeof input === 'string' ? input : input.join(',')));
  const vector: number[] = [];
  let norm = 0;
  for (let i = 0; i < dimensions; i += 1) {
    const value = rnd() - 0.5;
    vector.push(value);
    norm += value * value;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  return vector.map((v) => v * scale);
}

export function embedTokens(input: string | number[]): number {
  return typeof input === 'string' ? countTextTokens(input) : input.length;
}

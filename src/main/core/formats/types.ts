// Canonical request/response/stream model. Every wire format (OpenAI Chat, OpenAI Responses,
// Anthropic Messages) is parsed into these types and rendered back from them, so providers and the
// gateway only ever deal with one shape.

/** The wire formats the gateway speaks, both towards clients and towards upstreams. */
export type WireFormat = 'openai-chat' | 'openai-responses' | 'anthropic-messages';

export type Role = 'system' | 'user' | 'assistant' | 'tool';

/** Images are carried as a URL; inline base64 images become `data:<media>;base64,<data>` URLs. */
export type ContentPart = { type: 'text'; text: string } | { type: 'image'; url: string };

export interface ToolCall {
  id: string;
  name: string;
  /** JSON text, exactly as the model produced it (may be invalid JSON). */
  arguments: string;
}

export interface ChatMessage {
  role: Role;
  content: ContentPart[];
  /** assistant only */
  toolCalls?: ToolCall[];
  /** tool only: the id of the call this message answers */
  toolCallId?: string;
  /** tool only: Anthropic `is_error` */
  isError?: boolean;
}

export interface ToolDef {
  name: string;
  description?: string;
  /** JSON Schema of the arguments */
  parameters: Record<string, unknown>;
}

export type ToolChoice = 'auto' | 'none' | 'required' | { name: string };

/**
 * The original body as the client sent it. A provider whose native format equals `format` forwards this
 * body (keeping fields the canonical model does not know: images in odd shapes, cache_control, thinking,
 * logprobs…) and overrides only `model`, `stream`, the stream usage option and the max-token field from
 * the canonical request. Governance may therefore change `maxTokens`; to change anything else, delete
 * `native` so the body is rebuilt from canonical fields.
 */
export interface NativeBody {
  format: WireFormat;
  body: Record<string, unknown>;
}

export interface ChatRequest {
  /** model name as the client asked for it */
  model: string;
  /** leading system/developer instructions (later system messages stay in `messages`) */
  system?: string;
  messages: ChatMessage[];
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  stop?: string[];
  tools?: ToolDef[];
  toolChoice?: ToolChoice;
  parallelToolCalls?: boolean;
  stream: boolean;
  /** OpenAI `stream_options.include_usage` as the client asked (upstreams are always asked for usage). */
  includeUsage?: boolean;
  /** end-user id (OpenAI `user`, Anthropic `metadata.user_id`) */
  user?: string;
  metadata: Record<string, string>;
  native?: NativeBody;
}

export type StopReason = 'stop' | 'length' | 'tool_calls' | 'content_filter';

/**
 * Token usage. Same semantics as @pydantic/genai-prices: `inputTokens` counts ALL input tokens including
 * cache reads and cache writes; `cacheReadTokens` / `cacheWriteTokens` are subsets of it.
 */
export interface Usage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens?: number;
  cacheWriteTokens?: number;
  /** true when the upstream reported nothing and the numbers come from gpt-tokenizer */
  estimated?: boolean;
}

export interface ChatResult {
  id: string;
  model: string;
  content: string;
  toolCalls: ToolCall[];
  stopReason: StopReason;
  /** Anthropic `stop_sequence` when a stop sequence ended the turn */
  stopSequence?: string | null;
  usage: Usage;
  /** upstream body verbatim; renderers of the same format return it as is (see NativeBody) */
  native?: { format: WireFormat; body: Record<string, unknown> };
}

/**
 * Stream events, in order: one `start`; any number of `text` / `tool_call_delta`; one `stop`; at most one
 * `usage` carrying the final totals (providers emit it whenever the upstream reports usage).
 * `native` events carry the upstream frame verbatim when the upstream format equals the client's format;
 * encoders of that format write them instead of re-encoding, others ignore them.
 */
export type StreamEvent =
  | { type: 'start'; id: string; model: string }
  | { type: 'text'; delta: string }
  | {
      type: 'tool_call_delta';
      /** position of the call among this response's tool calls (0-based) */
      index: number;
      /** present on the first delta of each call */
      id?: string;
      name?: string;
      argumentsDelta: string;
    }
  | { type: 'stop'; stopReason: StopReason; stopSequence?: string | null }
  | { type: 'usage'; usage: Usage }
  | {
      type: 'native';
      format: WireFormat;
      event?: string;
      data: string;
      /** 'usage' marks an OpenAI usage-only chunk, 'final' an Anthropic message_delta/message_stop */
      role?: 'usage' | 'final';
    };

export interface EmbedRequest {
  model: string;
  /** strings or token-id arrays (LangChain sends token ids) */
  input: Array<string | number[]>;
  dimensions?: number;
  user?: string;
}

export interface EmbedResult {
  model: string;
  embeddings: number[][];
  usage: { inputTokens: number };
}

/** Turns canonical stream events into client SSE text. The gateway writes what each call returns. */
export interface StreamEncoder {
  write(event: StreamEvent): string;
  /** closing frames (usage, message_stop, [DONE]); call after the charge is settled. `usage` overrides what the stream reported. */
  finish(usage?: Usage): string;
  /** an error frame for a stream that already started */
  error(error: { message: string; type?: string; code?: string }): string;
}

/** Turns upstream SSE messages into canonical events; `end` throws if the stream was cut short. */
export interface StreamDecoder {
  push(message: { event?: string | undefined; data: string }): StreamEvent[];
  /** returns the usage the upstream reported, or null */
  end(): Usage | null;
}

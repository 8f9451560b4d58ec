// The one interface every provider implements. The gateway parses the client body into a canonical
// ChatRequest (formats/*), calls a provider, and renders the canonical result/stream back.
import type { ChatRequest, ChatResult, EmbedRequest, EmbedResult, StreamEvent, WireFormat } from '../formats/types.ts';

export interface ProviderCredential {
  apiKey: string | null;
  /** null = the provider's default base URL */
  baseUrl: string | null;
}

export interface ProviderCallOptions {
  /** aborting it (client disconnect, gateway deadline) aborts the upstream request */
  signal: AbortSignal;
  credential: ProviderCredential;
  /** the model id sent upstream (after the gateway's alias/routing) */
  upstreamModel: string;
  /** extra upstream headers the gateway chooses to forward from the client, e.g. `anthropic-beta` */
  headers?: Record<string, string>;
}

export interface Provider {
  readonly id: string;
  /** the wire format the upstream speaks natively; null for in-process providers */
  readonly nativeFormat: WireFormat | null;
  chat(req: ChatRequest, opts: ProviderCallOptions): Promise<ChatResult>;
  /**
   * Yields start, deltas, stop, then one `usage` event (the upstream's numbers, or an estimate flagged
   * `estimated` when it reported none). Breaking out of the loop aborts the upstream.
   */
  chatStream(req: ChatRequest, opts: ProviderCallOptions): AsyncIterable<StreamEvent>;
  embed(req: EmbedRequest, opts: ProviderCallOptions): Promise<EmbedResult>;
  listModels?(opts: Omit<ProviderCallOptions, 'upstreamModel'>): Promise<string[]>;
}

export interface HttpConfig {
  /** default 10 s */
  connectTimeoutMs?: number;
  /** time to response headers; non-streaming upstreams send headers only when done (default 300 s) */
  headersTimeoutMs?: number;
  /** max silence between body chunks (default 300 s) */
  bodyTimeoutMs?: number;
  /** idle keep-alive socket lifetime (default 30 s) */
  keepAliveTimeoutMs?: number;
  /** max sockets per upstream origin (default 128) */
  connectionsPerOrigin?: number;
}

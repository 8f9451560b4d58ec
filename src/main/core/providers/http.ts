// Shared upstream HTTP: one keep-alive undici Agent per registry, abort propagation and error mapping.
import { Agent, request } from 'undici';
import type { Dispatcher } from 'undici';
import { ProviderError, abortError, redactSecrets } from './errors.ts';
import type { HttpConfig } from './types.ts';

export function createHttpAgent(config: HttpConfig = {}): Agent {
  return new Agent({
    connectTimeout: config.connectTimeoutMs ?? 10_000,
    headersTimeout: config.headersTimeoutMs ?? 300_000,
    bodyTimeout: config.bodyTimeoutMs ?? 300_000,
    keepAliveTimeout: config.keepAliveTimeoutMs ?? 30_000,
    connections: config.connectionsPerOrigin ?? 128,
  });
}

export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);

/** Maps a transport failure to a ProviderError (or the caller's abort reason, see abortError). */
export function toProviderError(err: unknown, signal: AbortSignal, apiKey: string | null): unknown {
  if (err instanceof ProviderError) return err;
  if (signal.aborted) return abortError(signal);
  const code = typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : '';
  if (TIMEOUT_CODES.has(code)) return new ProviderError('upstream_timeout', `upstream timed out (${code})`, { cause: err });
  const detail = code || (err instanceof Error ? err.message : 'unknown error');
  return new ProviderError('upstream_error', redactSecrets(`upstream connection failed (${detail})`, apiKey), { cause: err });
}

// Never forwarded from ProviderCallOptions.headers: credentials (the client's gateway key must not reach
// the upstream), hop-by-hop headers, and anything that would change how we read the body.
const BLOCKED_HEADERS = new Set([
  'authorization', 'proxy-authorization', 'x-api-key', 'cookie', 'host', 'content-length', 'content-type',
  'transfer-encoding', 'connection', 'keep-alive', 'upgrade', 'te', 'trailer', 'accept', 'accept-encoding',
]);

export function forwardableHeaders(headers: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers) return out;
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (!BLOCKED_HEADERS.has(lower)) out[lower] = value;
  }
  return out;
}

export interface UpstreamCall {
  url: string;
  method?: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: unknown;
  signal: AbortSignal;
  /** only to scrub it from error messages */
  apiKey: string | null;
}

/** Sends a request; resolves with a 2xx response, otherwise throws a ProviderError. */
export async function callUpstream(agent: Dispatcher, call: UpstreamCall): Promise<Dispatcher.ResponseData> {
  let res: Dispatcher.ResponseData;
  try {
    res = await request(call.url, {
      dispatcher: agent,
      method: call.method ?? 'POST',
      headers: call.body === undefined ? call.headers : { 'content-type': 'application/json', ...call.headers },
      ...(call.body !== undefined && { body: JSON.stringify(call.body) }),
      signal: call.signal,
    });
  } catch (err) {
    throw toProviderError(err, call.signal, call.apiKey);
  }
  if (res.statusCode >= 200 && res.statusCode < 300) return res;
  throw await upstreamStatusError(res, call);
}

async function upstreamStatusError(res: Dispatcher.ResponseData, call: UpstreamCall): Promise<unknown> {
  let text = '';
  try {
    text = await res.body.text();
  } catch (err) {
    return toProviderError(err, call.signal, call.apiKey);
  }
  let message = text.slice(0, 500);
  let type: string | null = null;
  try {
    // OpenAI: {error:{message,type,code}}; Anthropic: {type:'error', error:{type,message}}
    const json = JSON.parse(text) as { error?: { message?: unknown; type?: unknown; code?: unknown } };
    if (json.error && typeof json.error.message === 'string') message = json.error.message;
    const t = json.error?.type ?? json.error?.code;
    if (typeof t === 'string') type = t;
  } catch {
    // not JSON: keep the raw (truncated) text
  }
  const status = res.statusCode;
  const code = status === 408 || status === 504 ? 'upstream_timeout' : 'upstream_error';
  return new ProviderError(code, redactSecrets(`upstream returned ${status}: ${message || 'no body'}`, call.apiKey), {
    upstreamStatus: status,
    upstreamType: type,
  });
}

export async function readJson(res: Dispatcher.ResponseData, call: Pick<UpstreamCall, 'signal' | 'apiKey'>): Promise<unknown> {
  let text: string;
  try {
    text = await res.body.text();
  } catch (err) {
    throw toProviderError(err, call.signal, call.apiKey);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new ProviderError('upstream_error', 'upstream returned invalid JSON', { cause, upstreamStatus: res.statusCode });
  }
}

/** `{data:[{id}]}` — both OpenAI and Anthropic list models this way. */
export function parseModelList(json: unknown): string[] {
  const data = typeof json === 'object' && json !== null ? (json as { data?: unknown }).data : undefined;
  if (!Array.isArray(data)) throw new ProviderError('upstream_error', 'upstream returned an unexpected model list');
  return data.flatMap((m: unknown) => (typeof m === 'object' && m !== null && typeof (m as { id?: unknown }).id === 'string' ? [(m as { id: string }).id] : []));
}

// One error type for everything that can go wrong between the gateway and an upstream. The gateway
// translates it once at the transport edge (OpenAI or Anthropic error shape) using `code` and `status`.

export type ProviderErrorCode = 'upstream_error' | 'upstream_timeout' | 'invalid_request';

const STATUS: Record<ProviderErrorCode, 400 | 502 | 504> = {
  upstream_error: 502,
  upstream_timeout: 504,
  invalid_request: 400,
};

export interface ProviderErrorOptions {
  /** HTTP status the upstream answered with, if it answered */
  upstreamStatus?: number | null;
  /** upstream error type, e.g. 'rate_limit_error' or 'insufficient_quota' */
  upstreamType?: string | null;
  cause?: unknown;
}

export class ProviderError extends Error {
  readonly code: ProviderErrorCode;
  readonly status: 400 | 502 | 504;
  readonly upstreamStatus: number | null;
  readonly upstreamType: string | null;

  constructor(code: ProviderErrorCode, message: string, options: ProviderErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ProviderError';
    this.code = code;
    this.status = STATUS[code];
    this.upstreamStatus = options.upstreamStatus ?? null;
    this.upstreamType = options.upstreamType ?? null;
  }
}

export function invalidRequest(message: string): ProviderError {
  return new ProviderError('invalid_request', message);
}

/**
 * The error for a call whose signal fired: its reason as is (the caller knows why it aborted), except a
 * deadline (AbortSignal.timeout) which is an upstream timeout.
 */
export function abortError(signal: AbortSignal): unknown {
  const reason: unknown = signal.reason;
  if (reason instanceof DOMException && reason.name === 'TimeoutError') {
    return new ProviderError('upstream_timeout', 'upstream request timed out', { cause: reason });
  }
  return reason;
}

// Upstream messages can echo the key back (OpenAI: "Incorrect API key provided: sk-abc***xyz"), so every
// message that leaves a provider goes through this.
const KEY_PATTERNS = [/\b(sk|cpk|sk-ant|sk-proj)[-_][A-Za-z0-9_*.-]{4,}/g, /\bBearer\s+\S+/gi];

export function redactSecrets(message: string, apiKey: string | null | undefined): string {
  let out = message;
  if (apiKey && apiKey.length >= 4) out = out.split(apiKey).join('[redacted]');
  for (const pattern of KEY_PATTERNS) out = out.replace(pattern, '[redacted]');
  return out.length > 1000 ? `${out.slice(0, 1000)}…` : out;
}

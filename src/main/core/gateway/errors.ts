// Gateway errors: a stable `code` and an HTTP status, rendered in the client's own error shape.
export type GatewayErrorCode =
  | 'invalid_api_key' | 'agent_disabled' | 'model_not_allowed' | 'max_tokens_exceeded' | 'rate_limited'
  | 'budget_exceeded' | 'insufficient_credits' | 'upstream_error' | 'upstream_timeout' | 'invalid_request'
  | 'not_found' | 'payload_too_large' | 'internal_error';

const STATUS: Record<GatewayErrorCode, number> = {
  invalid_api_key: 401, agent_disabled: 403, model_not_allowed: 403, max_tokens_exceeded: 400, rate_limited: 429,
  budget_exceeded: 429, insufficient_credits: 402, upstream_error: 502, upstream_timeout: 504, invalid_request: 400,
  not_found: 404, payload_too_large: 413, internal_error: 500,
};

export class GatewayError extends Error {
  readonly code: GatewayErrorCode;
  readonly status: number;
  readonly retryAfterSec: number | null;
  /** Extra machine-readable facts (e.g. which budget level denied). */
  readonly details: Record<string, unknown>;
  constructor(code: GatewayErrorCode, message: string, opts: { retryAfterSec?: number; details?: Record<string, unknown> } = {}) {
    super(message);
    this.name = 'GatewayError';
    this.code = code;
    this.status = STATUS[code];
    this.retryAfterSec = opts.retryAfterSec ?? null;
    this.details = opts.details ?? {};
  }
}

/** OpenAI's error `type` for each code, so SDK error classes map as users expect. */
function openaiType(code: GatewayErrorCode): string {
  if (code === 'invalid_api_key') return 'authentication_error';
  if (code === 'agent_disabled' || code === 'model_not_allowed') return 'permission_error';
  if (code === 'rate_limited' || code === 'budget_exceeded' || code === 'insufficient_credits') return 'rate_limit_error';
  if (code === 'upstream_error' || code === 'upstream_timeout' || code === 'internal_error') return 'api_error';
  return 'invalid_request_error';
}

/** Anthropic's error `type` for each code. */
function anthropicType(code: GatewayErrorCode): string {
  if (code === 'invalid_api_key') return 'authentication_error';
  if (code === 'agent_disabled' || code === 'model_not_allowed') return 'permission_error';
  if (code === 'rate_limited' || code === 'budget_exceeded') return 'rate_limit_error';
  if (code === 'insufficient_credits') return 'billing_error';
  if (code === 'not_found') return 'not_found_error';
  if (code === 'payload_too_large') return 'request_too_large';
  if (code === 'upstream_timeout') return 'timeout_error';
  if (code === 'upstream_error' || code === 'internal_error') return 'api_error';
  return 'invalid_request_error';
}

export type ErrorShape = 'openai' | 'anthropic';

export function errorBody(err: GatewayError, shape: ErrorShape): Record<string, unknown> {
  if (shape === 'anthropic') {
    return { type: 'error', error: { type: anthropicType(err.code), message: err.message, code: err.code, ...err.details } };
  }
  return { error: { message: err.message, type: openaiType(err.code), code: err.code, param: null, ...err.details } };
}

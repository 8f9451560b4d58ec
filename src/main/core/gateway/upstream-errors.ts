import { ProviderError } from '../providers/errors.ts';
import { GatewayError } from './errors.ts';

/** Why the gateway aborted an upstream call: the client went away. */
export class ClientGone extends Error {
  constructor() {
    super('client disconnected');
    this.name = 'ClientGone';
  }
}

/** Provider failures in the gateway's vocabulary; anything unexpected becomes a 502 with a generic message. */
export function toGatewayError(err: unknown): GatewayError {
  if (err instanceof GatewayError) return err;
  if (err instanceof ProviderError) {
    const details: Record<string, unknown> = err.upstreamStatus ? { upstream_status: err.upstreamStatus } : {};
    return new GatewayError(err.code, err.message, { details });
  }
  return new GatewayError('upstream_error', 'the upstream request failed');
}

import type { Clock } from '../lib/clock.ts';
import type { IdGen } from '../lib/ids.ts';
import type { Logger } from '../lib/logger.ts';
import type { ProviderRegistry } from '../providers/registry.ts';
import type { Biller } from './biller.ts';
import type { ManagedKeys } from './provider-call.ts';
import type { RateLimiter } from './rate-limit.ts';
import type { GatewayState } from './state.ts';

export interface GatewayContext {
  state: GatewayState;
  limiter: RateLimiter;
  providers: ProviderRegistry;
  biller: Biller;
  managed: ManagedKeys;
  clock: Clock;
  ids: IdGen;
  logger: Logger;
  maxBodyBytes: number;
  /** Micro-credits → credits for display. */
  microPerCredit: number;
}

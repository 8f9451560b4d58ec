import type { ApiKey } from '../../trpc/types.ts';
import { toDate } from '../../lib/format.ts';

export type KeyState = 'active' | 'expired' | 'revoked';

export function keyState(k: Pick<ApiKey, 'revokedAt' | 'expiresAt'>, now: number = Date.now()): KeyState {
  if (k.revokedAt) return 'revoked';
  if (k.expiresAt && toDate(k.expiresAt).getTime() <= now) return 'expired';
  return 'active';
}

export const EXPIRY_CHOICES = [
  { value: 'never', label: 'Never' },
  { value: '7', label: 'In 7 days' },
  { value: '30', label: 'In 30 days' },
  { value: '90', label: 'In 90 days' },
  { value: '365', label: 'In 1 year' },
] as const;

export function expiryDate(choice: string, now: number = Date.now()): Date | null {
  if (choice === 'never') return null;
  return new Date(now + Number(choice) * 86_400_000);
}

import { z } from 'zod';
import { MAX_TOKENS_MODES, PERIODS, PROVIDERS, ROLES, SCOPES } from '../db/schema/enums.ts';

// Shared zod pieces: every boundary is strict (unknown fields are errors) and every string is bounded.
export const id = z.string().min(1).max(100);
export const name = z.string().trim().min(1, 'name is required').max(100);
export const email = z.string().trim().toLowerCase().email().max(254);
export const password = z.string().min(8, 'at least 8 characters').max(200);
export const role = z.enum(ROLES);
export const scope = z.enum(SCOPES);
export const period = z.enum(PERIODS);
export const provider = z.enum(PROVIDERS);
export const maxTokensMode = z.enum(MAX_TOKENS_MODES);
export const target = z.object({ scope, id }).strict();
export const modelName = z.string().trim().min(1).max(200);

/** Credits with at most 6 decimals (checked on the number's shortest decimal form), turned into micro-credits once. */
export const credits = z.number().positive().max(1e9).refine((n) => /^\d+(\.\d{1,6})?$/.test(String(n)), 'at most 6 decimals');
export const toMicro = (c: number): number => Math.round(c * 1_000_000);
/** USD with micro precision, for prices per million tokens. */
export const usd = z.number().min(0).max(10_000);
export const usdToMicro = (u: number): number => Math.round(u * 1_000_000);

export const orgInput = z.object({ orgId: id }).strict();
export const pageLimit = z.number().int().min(1).max(500).default(50);
export const isoDate = z.coerce.date();

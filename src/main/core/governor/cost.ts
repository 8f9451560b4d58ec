// Money math for requests. Prices are integer micro-USD per million tokens; ledger amounts are integer
// micro-credits. micro-credits = tokens × price × creditsPerUsd / 1e6, computed exactly in BigInt and rounded up
// once, at the end, so a cheap request is never rounded down to free.
import { modelMatches } from '../governance/policy-merge.ts';

export const DEFAULT_CREDITS_PER_USD = 100;

export interface Price {
  inputMicroUsdPerMtok: number;
  outputMicroUsdPerMtok: number;
  /** The model's output ceiling (0 for embeddings). */
  maxOutputTokens: number;
}

const MILLION = 1_000_000n;

function assertCount(name: string, n: number): bigint {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${name} must be a non-negative integer, got ${n}`);
  return BigInt(n);
}

export function assertCreditsPerUsd(creditsPerUsd: number): void {
  if (!Number.isSafeInteger(creditsPerUsd) || creditsPerUsd <= 0) {
    throw new RangeError(`creditsPerUsd must be a positive integer, got ${creditsPerUsd}`);
  }
}

/** ceil(tokens·price summed × creditsPerUsd / 1e6): the one rounding step. */
function toMicroCredits(tokenPriceSum: bigint, creditsPerUsd: number): number {
  const num = tokenPriceSum * BigInt(creditsPerUsd);
  const out = (num + MILLION - 1n) / MILLION;
  if (out > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError('cost exceeds the safe integer range');
  return Number(out);
}

/** The actual cost of a finished request, in micro-credits, rounded up once. */
export function costMicro(price: Price, usage: { inputTokens: number; outputTokens: number },
  creditsPerUsd = DEFAULT_CREDITS_PER_USD): number {
  const sum = assertCount('inputTokens', usage.inputTokens) * assertCount('input price', price.inputMicroUsdPerMtok)
    + assertCount('outputTokens', usage.outputTokens) * assertCount('output price', price.outputMicroUsdPerMtok);
  return toMicroCredits(sum, creditsPerUsd);
}

/**
 * Output tokens a request can at most produce: the request's own limit, else the effective policy cap, else the
 * model's configured maximum. When both a request limit and a policy cap exist the smaller holds, because the
 * gateway rejects or clamps requests above the cap.
 */
export function maxOutputTokens(o: { requested?: number | null; policyCap?: number | null; modelMax: number }): number {
  const req = o.requested ?? null;
  const cap = o.policyCap ?? null;
  if (req !== null && cap !== null) return Math.min(req, cap);
  return req ?? cap ?? o.modelMax;
}

/**
 * A sound upper bound of a request's cost: every prompt byte priced as an input token (a token is never shorter
 * than a byte, so bytes ≥ tokens; passing the whole request body's length is sound too) plus the most output
 * tokens it can produce priced as output.
 */
export function upperBoundMicro(o: { promptBytes: number; maxOutputTokens: number; price: Price; creditsPerUsd?: number }): number {
  return costMicro(o.price, { inputTokens: o.promptBytes, outputTokens: o.maxOutputTokens }, o.creditsPerUsd);
}

/**
 * The price row for a model: the exact name wins; otherwise the longest pattern that fits, where a `*` pattern
 * matches by glob and a plain name also prices its dated or versioned variants
 * (claude-sonnet-4-5 prices claude-sonnet-4-5-20250929).
 */
export function findPrice<T extends { modelPattern: string }>(rows: Iterable<T>, model: string): T | null {
  let best: T | null = null;
  for (const r of rows) {
    const p = r.modelPattern;
    if (p === model) return r;
    const fits = p.includes('*') ? modelMatches(p, model) : model.startsWith(`${p}-`);
    if (fits && (!best || p.length > best.modelPattern.length)) best = r;
  }
  return best;
}

import { modelMatches } from '../governance/policy-merge.ts';
import type { PriceRow } from '../services/pricing-seed.ts';

/**
 * The price row for a model: exact name, then a `*` pattern, then the longest name the model extends with a
 * dated or versioned suffix (claude-sonnet-4-5-20250929 → claude-sonnet-4-5).
 */
export function findPrice(prices: Map<string, PriceRow>, model: string): PriceRow | null {
  const exact = prices.get(model);
  if (exact) return exact;
  let best: PriceRow | null = null;
  for (const [pattern, row] of prices) {
    const fits = pattern.includes('*') ? modelMatches(pattern, model) : model.startsWith(`${pattern}-`);
    if (fits && (!best || pattern.length > best.modelPattern.length)) best = row;
  }
  return best;
}

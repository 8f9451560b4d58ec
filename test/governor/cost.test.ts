// Money math: integer units, one rounding step (up), and a sound upper bound.
import { describe, expect, it } from 'vitest';
import { costMicro, findPrice, maxOutputTokens, upperBoundMicro } from '../../src/main/core/governor/cost.ts';
import { periodBounds } from '../../src/main/core/ledger/periods.ts';

// gpt-4o-mini-like: $0.15 / $0.60 per million tokens, in micro-USD per million tokens.
const price = { inputMicroUsdPerMtok: 150_000, outputMicroUsdPerMtok: 600_000, maxOutputTokens: 16_384 };

describe('cost', () => {
  it('converts tokens × micro-USD/Mtok to micro-credits at 100 credits per USD', () => {
    // 1000 in + 500 out = 0.00015 + 0.0003 USD = 0.045 credits = 45,000 micro-credits
    expect(costMicro(price, { inputTokens: 1000, outputTokens: 500 })).toBe(45_000);
    expect(costMicro(price, { inputTokens: 1000, outputTokens: 500 }, 1000)).toBe(450_000);
  });

  it('rounds up once, so a tiny request is never free, and sums before rounding', () => {
    const cheap = { inputMicroUsdPerMtok: 1, outputMicroUsdPerMtok: 3, maxOutputTokens: 10 };
    expect(costMicro(cheap, { inputTokens: 1, outputTokens: 0 })).toBe(1); // 0.0001 micro-credits → 1
    expect(costMicro(cheap, { inputTokens: 1, outputTokens: 1 })).toBe(1); // 0.0001 + 0.0003 → 1, not 2
    expect(costMicro(price, { inputTokens: 1, outputTokens: 0 })).toBe(15);
    expect(costMicro(price, { inputTokens: 0, outputTokens: 0 })).toBe(0);
  });

  it('stays exact past 2^53 intermediate products', () => {
    const dear = { inputMicroUsdPerMtok: 9_999_999_999, outputMicroUsdPerMtok: 0, maxOutputTokens: 0 };
    // 3e6 tokens × 9,999,999,999 × 100 / 1e6 = 2,999,999,999,700 exactly
    expect(costMicro(dear, { inputTokens: 3_000_000, outputTokens: 0 })).toBe(2_999_999_999_700);
  });

  it('refuses fractional or negative counts', () => {
    expect(() => costMicro(price, { inputTokens: 1.5, outputTokens: 0 })).toThrow(RangeError);
    expect(() => costMicro(price, { inputTokens: -1, outputTokens: 0 })).toThrow(RangeError);
  });

  it('bounds output by the request, else the policy cap, else the model maximum', () => {
    expect(maxOutputTokens({ requested: 300, policyCap: null, modelMax: 16_384 })).toBe(300);
    expect(maxOutputTokens({ requested: 3000, policyCap: 1000, modelMax: 16_384 })).toBe(1000);
    expect(maxOutputTokens({ requested: null, policyCap: 1000, modelMax: 16_384 })).toBe(1000);
    expect(maxOutputTokens({ modelMax: 16_384 })).toBe(16_384);
  });

  it('is an upper bound of every cost the request can have', () => {
    const bound = upperBoundMicro({ promptBytes: 4000, maxOutputTokens: 256, price });
    for (const [inTok, outTok] of [[4000, 256], [1000, 256], [1, 0], [3999, 255]] as const) {
      expect(costMicro(price, { inputTokens: inTok, outputTokens: outTok })).toBeLessThanOrEqual(bound);
    }
  });

  it('finds exact prices before patterns, longest pattern first', () => {
    const rows = [{ modelPattern: 'gpt-*' }, { modelPattern: 'gpt-4o*' }, { modelPattern: 'gpt-4o' }];
    expect(findPrice(rows, 'gpt-4o')?.modelPattern).toBe('gpt-4o');
    expect(findPrice(rows, 'gpt-4o-mini')?.modelPattern).toBe('gpt-4o*');
    expect(findPrice(rows, 'gpt-5')?.modelPattern).toBe('gpt-*');
    expect(findPrice(rows, 'claude')).toBeNull();
  });
});

describe('period bounds', () => {
  it('follows the zone through DST: a 23-hour day and a month in two offsets', () => {
    const day = periodBounds('DAILY', Date.UTC(2026, 2, 8, 12), 'America/New_York');
    expect(new Date(day.start).toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(day.end - day.start).toBe(23 * 3_600_000);
    const month = periodBounds('MONTHLY', Date.UTC(2026, 2, 8, 12), 'America/New_York');
    expect([new Date(month.start).toISOString(), new Date(month.end).toISOString()])
      .toEqual(['2026-03-01T05:00:00.000Z', '2026-04-01T04:00:00.000Z']);
    expect(periodBounds('TOTAL', Date.UTC(2026, 2, 8), 'UTC')).toEqual({ start: 0, end: Number.POSITIVE_INFINITY });
    expect(periodBounds('DAILY', Date.UTC(2026, 2, 8, 12), 'Not/AZone').start).toBe(Date.UTC(2026, 2, 8));
  });
});

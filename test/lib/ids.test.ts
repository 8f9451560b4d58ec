// Random ids: prefixed, fixed-length base 36, and distinct across refills of the shared random pool.
import { describe, expect, it } from 'vitest';
import { randomId } from '../../src/main/core/lib/ids.ts';

describe('randomId', () => {
  it('is the prefix, an underscore and 20 base-36 characters', () => {
    expect(randomId('req')).toMatch(/^req_[0-9a-z]{20}$/);
    expect(randomId('k', 8)).toMatch(/^k_[0-9a-z]{8}$/);
  });

  it('never repeats across many refills of the 4 KiB pool', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 20_000; i += 1) seen.add(randomId('led'));
    expect(seen.size).toBe(20_000);
  });

  it('refuses a length its buffer cannot hold rather than truncating', () => {
    expect(() => randomId('x', 65)).toThrow(RangeError);
  });
});

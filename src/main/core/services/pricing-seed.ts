import { calcPrice } from '@pydantic/genai-prices';

export interface PriceRow {
  modelPattern: string;
  provider: string;
  inputMicroUsdPerMtok: number;
  outputMicroUsdPerMtok: number;
  maxOutputTokens: number;
}

// Models seeded by default, with the providers' documented output ceilings (genai-prices has no such field).
const SEEDED: [model: string, provider: 'openai' | 'anthropic', maxOutput: number][] = [
  ['gpt-5', 'openai', 128_000],
  ['gpt-5-mini', 'openai', 128_000],
  ['gpt-4.1', 'openai', 32_768],
  ['gpt-4.1-mini', 'openai', 32_768],
  ['gpt-4o', 'openai', 16_384],
  ['gpt-4o-mini', 'openai', 16_384],
  ['o3', 'openai', 100_000],
  ['text-embedding-3-small', 'openai', 0],
  ['text-embedding-3-large', 'openai', 0],
  ['claude-opus-4-1', 'anthropic', 32_000],
  ['claude-sonnet-4-5', 'anthropic', 64_000],
  ['claude-haiku-4-5', 'anthropic', 64_000],
  ['claude-3-5-haiku-latest', 'anthropic', 8_192],
];

// Mock models bill like real ones so budgets and balances can be tried offline.
const MOCK: PriceRow[] = [
  { modelPattern: 'mock-gpt', provider: 'mock', inputMicroUsdPerMtok: 1_000_000, outputMicroUsdPerMtok: 2_000_000, maxOutputTokens: 4096 },
  { modelPattern: 'mock-claude', provider: 'mock', inputMicroUsdPerMtok: 3_000_000, outputMicroUsdPerMtok: 15_000_000, maxOutputTokens: 8192 },
  { modelPattern: 'mock-embed', provider: 'mock', inputMicroUsdPerMtok: 20_000, outputMicroUsdPerMtok: 0, maxOutputTokens: 0 },
  // The mock's other models (tools, injected failures) bill like mock-gpt.
  { modelPattern: 'mock-*', provider: 'mock', inputMicroUsdPerMtok: 1_000_000, outputMicroUsdPerMtok: 2_000_000, maxOutputTokens: 4096 },
];

/** Price per million tokens in micro-USD, measured on a small request so tiered prices use their first tier. */
function perMtok(model: string, provider: string, kind: 'input_tokens' | 'output_tokens'): number | null {
  const r = calcPrice({ [kind]: 1000 }, model, { providerId: provider });
  if (!r) return null;
  return Math.round(Number(r.total_price) * 1000 * 1_000_000);
}

export function seedPrices(): PriceRow[] {
  const rows: PriceRow[] = [];
  for (const [model, provider, maxOutputTokens] of SEEDED) {
    const input = perMtok(model, provider, 'input_tokens');
    const output = perMtok(model, provider, 'output_tokens');
    if (input === null || output === null) continue;
    rows.push({ modelPattern: model, provider, inputMicroUsdPerMtok: input, outputMicroUsdPerMtok: output, maxOutputTokens });
  }
  return [...rows, ...MOCK];
}

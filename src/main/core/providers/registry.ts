// Provider registry: adding a provider is a folder plus one line in FACTORIES.
import type { Dispatcher } from 'undici';
import { createAnthropicProvider } from './anthropic/index.ts';
import type { AnthropicProviderConfig } from './anthropic/index.ts';
import { invalidRequest } from './errors.ts';
import { createHttpAgent } from './http.ts';
import { createMockProvider } from './mock/index.ts';
import type { MockProviderConfig } from './mock/index.ts';
import { createOpenAIProvider } from './openai/index.ts';
import type { OpenAIProviderConfig } from './openai/index.ts';
import type { HttpConfig, Provider } from './types.ts';

export interface ProvidersConfig {
  http?: HttpConfig;
  openai?: OpenAIProviderConfig;
  anthropic?: AnthropicProviderConfig;
  mock?: MockProviderConfig;
}

interface ProviderContext {
  agent: Dispatcher;
  config: ProvidersConfig;
}

const FACTORIES = {
  openai: (ctx: ProviderContext) => createOpenAIProvider(ctx.config.openai ?? {}, ctx.agent),
  anthropic: (ctx: ProviderContext) => createAnthropicProvider(ctx.config.anthropic ?? {}, ctx.agent),
  mock: (ctx: ProviderContext) => createMockProvider(ctx.config.mock ?? {}),
} satisfies Record<string, (ctx: ProviderContext) => Provider>;

export type ProviderId = keyof typeof FACTORIES;
export const PROVIDER_IDS = Object.keys(FACTORIES) as ProviderId[];

export interface ProviderRegistry {
  /** throws ProviderError(invalid_request) for an unknown id */
  get(id: string): Provider;
  has(id: string): id is ProviderId;
  ids(): ProviderId[];
  /** closes the shared HTTP agent (keep-alive sockets) */
  close(): Promise<void>;
}

export function createProviderRegistry(config: ProvidersConfig = {}): ProviderRegistry {
  const agent = createHttpAgent(config.http);
  const ctx: ProviderContext = { agent, config };
  const providers = new Map<string, Provider>(PROVIDER_IDS.map((id) => [id, FACTORIES[id](ctx)]));
  return {
    get(id) {
      const provider = providers.get(id);
      if (!provider) throw invalidRequest(`unknown provider "${id}"`);
      return provider;
    },
    has: (id): id is ProviderId => providers.has(id),
    ids: () => [...PROVIDER_IDS],
    close: () => agent.close(),
  };
}

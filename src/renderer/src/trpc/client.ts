import { QueryClient } from '@tanstack/react-query';
import type { TRPCLink } from '@trpc/client';
import { createTRPCClient, httpBatchLink, httpBatchStreamLink, splitLink } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import type { AppRouter } from '../../../main/core/api/root.ts';
import { ipcLink } from './ipc-link.ts';

/** Hooks for components: `const trpc = useTRPC(); useQuery(trpc.orgs.listMine.queryOptions())`. */
export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

/**
 * Inside the desktop app the preload bridge carries calls over IPC; in a browser (headless mode) they go to
 * /trpc on the same origin, where the session is an HttpOnly cookie. Neither link uses a transformer, so both
 * deliver plain JSON (dates as ISO strings).
 */
export function transportLink(): TRPCLink<AppRouter> {
  if (window.tollgate) return ipcLink<AppRouter>(window.tollgate);
  const http = { url: '/trpc', fetch: (url: URL | RequestInfo, init?: RequestInit) => fetch(url, { ...init, credentials: 'same-origin' }) };
  // Queries stream back one by one as each resolves, so a slow dashboard query never holds up the page's others.
  // Mutations stay on the plain batch link: sign-in sets its cookie in the response headers, which a stream has
  // already sent by the time the procedure finishes.
  return splitLink({
    condition: (op) => op.type === 'query',
    true: httpBatchStreamLink(http),
    false: httpBatchLink(http),
  });
}

export function createClients(): { queryClient: QueryClient; trpcClient: ReturnType<typeof createTRPCClient<AppRouter>> } {
  const queryClient = new QueryClient({
    defaultOptions: {
      // A local server answers fast: data older than a second is refetched when a page opens (other people, agents
      // and the gateway change it too), and retrying a 4xx only delays the error the user needs to see.
      queries: { retry: 1, refetchOnWindowFocus: false, staleTime: 1_000 },
    },
  });
  const trpcClient = createTRPCClient<AppRouter>({ links: [transportLink()] });
  return { queryClient, trpcClient };
}

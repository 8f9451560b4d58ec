// Direct tRPC-over-HTTP calls with the browser context's session cookie, for seeding data a test is not about.
import type { Page } from '@playwright/test';

export interface Api {
  mutate: <T = unknown>(path: string, input: unknown) => Promise<T>;
  query: <T = unknown>(path: string, input?: unknown) => Promise<T>;
}

export function api(page: Page, baseUrl: string): Api {
  const unwrap = async <T>(r: Awaited<ReturnType<Page['request']['get']>>, path: string): Promise<T> => {
    const body = (await r.json()) as { result?: { data: T }; error?: { message: string } };
    if (!r.ok() || !body.result) throw new Error(`${path}: ${r.status()} ${body.error?.message ?? ''}`);
    return body.result.data;
  };
  return {
    mutate: async (path, input) => unwrap(await page.request.post(`${baseUrl}/trpc/${path}`, { data: input }), path),
    query: async (path, input) => unwrap(await page.request.get(
      `${baseUrl}/trpc/${path}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`), path),
  };
}

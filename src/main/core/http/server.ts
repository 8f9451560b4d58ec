import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import type { AppRouter } from '../api/root.ts';
import type { ApiContext } from '../api/context.ts';
import type { Logger } from '../lib/logger.ts';
import { checkHostAndOrigin } from './origin-guard.ts';
import { readSessionToken, sessionCookie } from './session-cookie.ts';
import { serveStatic } from './static-files.ts';

/** A handler for a path prefix (the gateway plugs in at /v1); resolves true when it answered. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

export interface HttpAppOptions {
  router: AppRouter;
  baseContext: (token: string | null) => Promise<Omit<ApiContext, 'setSession'>>;
  health: () => Promise<Record<string, unknown>>;
  allowedHosts: () => Set<string>;
  rendererDir: string | null;
  maxBodyBytes: number;
  logger: Logger;
  routes: RouteHandler[];
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
}

export function createRequestListener(opts: HttpAppOptions): RequestListener {
  const trpc = createHTTPHandler({
    router: opts.router,
    basePath: '/trpc/',
    maxBodySize: opts.maxBodyBytes,
    createContext: async ({ req, res }) => {
      const base = await opts.baseContext(readSessionToken(req));
      return { ...base, setSession: (token: string | null) => res.setHeader('set-cookie', sessionCookie(token)) };
    },
    onError: ({ error, path, type }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR') {
        opts.logger.error({ path, type, err: { message: error.cause?.message ?? error.message, stack: error.cause?.stack } },
          'api procedure failed');
      }
    },
  });

  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (opts.logger.isLevelEnabled('debug')) {
      const started = performance.now();
      // Path only: query strings may carry tRPC inputs. Header secrets are redacted by the logger.
      res.once('finish', () => opts.logger.debug({ req: { method: req.method, path, headers: req.headers },
        status: res.statusCode, ms: Math.round(performance.now() - started) }, 'http'));
    }
    void (async () => {
      if (path === '/health') return json(res, 200, await opts.health());
      for (const route of opts.routes) if (await route(req, res)) return;
      const refused = checkHostAndOrigin(req, opts.allowedHosts());
      if (refused) return json(res, 403, { error: { code: 'FORBIDDEN', message: refused } });
      if (path === '/trpc' || path.startsWith('/trpc/')) return trpc(req, res);
      if (opts.rendererDir && (req.method === 'GET' || req.method === 'HEAD')) return serveStatic(opts.rendererDir, req, res);
      return json(res, 404, { error: { code: 'NOT_FOUND', message: `no route for ${req.method} ${path}` } });
    })().catch((err: unknown) => {
      opts.logger.error({ err: { message: (err as Error).message, stack: (err as Error).stack }, path }, 'request failed');
      if (!res.headersSent) json(res, 500, { error: { code: 'INTERNAL_SERVER_ERROR', message: 'internal error' } });
      else res.destroy();
    });
  };
}

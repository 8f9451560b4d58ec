import type { IncomingMessage, ServerResponse } from 'node:http';
import { countAnthropicTokens } from '../formats/anthropic-messages/index.ts';
import type { RouteHandler } from '../http/server.ts';
import { orderedId } from '../ledger/ids.ts';
import { authenticate } from './admission.ts';
import type { RequestFacts } from './biller.ts';
import { governedChat } from './chat.ts';
import type { GatewayContext } from './context.ts';
import { governedEmbeddings } from './embeddings.ts';
import type { ErrorShape } from './errors.ts';
import { GatewayError } from './errors.ts';
import { CHAT_FORMATS } from './formats.ts';
import { agentKey, parseJsonBody, readBody, sendError, sendJson } from './io.ts';
import { listModels } from './models.ts';
import { toGatewayError } from './upstream-errors.ts';

/** Anthropic clients get Anthropic-shaped errors everywhere, OpenAI clients OpenAI-shaped ones. */
function shapeFor(path: string, req: IncomingMessage): ErrorShape {
  if (path.startsWith('/v1/messages')) return 'anthropic';
  return req.headers['anthropic-version'] && req.headers['x-api-key'] ? 'anthropic' : 'openai';
}

/** The gateway: `/v1/*` on the shared HTTP server. Query strings (Claude Code's `?beta=true`) are ignored. */
export function createGatewayRoute(g: GatewayContext): RouteHandler {
  return async (req, res) => {
    const url = req.url ?? '/';
    if (!url.startsWith('/v1/') && url !== '/v1') return false;
    const path = url.split('?')[0]!;
    // Time-ordered, so usage and ledger rows land at the right edge of their indexes.
    const requestId = orderedId(g.ids, 'req', g.clock.now().getTime());
    const shape = shapeFor(path, req);
    try {
      await handle(g, path, req, res, requestId);
    } catch (err) {
      const gerr = toGatewayError(err);
      if (gerr.code === 'upstream_error' && !(err instanceof GatewayError)) {
        g.logger.error({ requestId, err: { message: (err as Error).message, stack: (err as Error).stack } }, 'gateway request failed');
      }
      if (!res.headersSent) sendError(res, gerr, shape, requestId);
      else if (!res.writableEnded) res.end();
    }
    return true;
  };
}

async function handle(g: GatewayContext, path: string, req: IncomingMessage, res: ServerResponse, requestId: string): Promise<void> {
  const method = req.method ?? 'GET';
  const chatFormat = CHAT_FORMATS[path];
  const known = chatFormat || path === '/v1/embeddings' || path === '/v1/messages/count_tokens' || path === '/v1/models';
  if (!known) throw new GatewayError('not_found', `no such endpoint: ${method} ${path}`);
  const expected = path === '/v1/models' ? 'GET' : 'POST';
  if (method !== expected) throw new GatewayError('invalid_request', `use ${expected} for ${path}`);

  const caller = await authenticate(g.state, agentKey(req), g.clock.now());
  if (path === '/v1/models') return sendJson(res, 200, listModels(caller, req), { 'x-tollgate-request-id': requestId });

  const buf = await readBody(req, g.maxBodyBytes);
  const body = parseJsonBody(buf);
  if (path === '/v1/messages/count_tokens') {
    try {
      return sendJson(res, 200, countAnthropicTokens(body), { 'x-tollgate-request-id': requestId });
    } catch (err) {
      throw new GatewayError('invalid_request', toGatewayError(err).message);
    }
  }
  const facts: RequestFacts = {
    requestId, endpoint: chatFormat?.endpoint ?? 'embeddings', model: typeof body.model === 'string' ? body.model.slice(0, 200) : '',
    provider: '', credentialSource: 'none', startedMs: g.clock.now().getTime(), startedPerf: performance.now(), ttftMs: null,
  };
  if (chatFormat) return governedChat(g, chatFormat, caller, body, buf.length, req, res, facts);
  return governedEmbeddings(g, caller, body, buf.length, req, res, facts);
}

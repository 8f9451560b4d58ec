// Pausing the gateway (the tray's "Pause gateway"): while paused, every /v1 request is answered 503 with a
// stable code in the client's own error shape, so an agent's log says why. The server keeps listening: the panel
// (/trpc, static files) and /health keep working, the port stays ours, and requests already running finish and
// are billed. Not persisted: a restart serves again.
import { EventEmitter } from 'node:events';
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';

export const PAUSED_CODE = 'gateway_paused';
export const PAUSED_MESSAGE = 'Tollgate is paused: the gateway refuses requests until it is resumed from the Tollgate menu.';

export interface GatewayPauseEvents {
  change: [paused: boolean];
}

const isGateway = (url: string | undefined): boolean => {
  const path = (url ?? '/').split('?')[0] ?? '/';
  return path === '/v1' || path.startsWith('/v1/');
};

/** Anthropic clients get Anthropic's error shape (as the gateway does), everyone else OpenAI's. */
function refuse(req: IncomingMessage, res: ServerResponse): void {
  const anthropic = (req.url ?? '').startsWith('/v1/messages') || (!!req.headers['anthropic-version'] && !!req.headers['x-api-key']);
  const body = anthropic
    ? { type: 'error', error: { type: 'overloaded_error', message: PAUSED_MESSAGE, code: PAUSED_CODE } }
    : { error: { message: PAUSED_MESSAGE, type: 'api_error', code: PAUSED_CODE, param: null } };
  const text = JSON.stringify(body);
  req.resume(); // drain the body so the connection can be reused
  res.writeHead(503, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'x-tollgate-paused': '1' })
    .end(text);
}

export class GatewayPause extends EventEmitter<GatewayPauseEvents> {
  private state = false;

  get paused(): boolean {
    return this.state;
  }

  set(paused: boolean): void {
    if (paused === this.state) return;
    this.state = paused;
    this.emit('change', paused);
  }

  /**
   * Puts the switch in front of a server's request listeners (the core's server is built before any host sees it,
   * so it wraps rather than registers a route). Returns a function that takes it out again.
   */
  install(server: Server): () => void {
    const inner = server.listeners('request') as RequestListener[];
    server.removeAllListeners('request');
    const gate: RequestListener = (req, res) => {
      if (this.state && isGateway(req.url)) return refuse(req, res);
      for (const l of inner) l(req, res);
    };
    server.on('request', gate);
    return () => {
      server.off('request', gate);
      for (const l of inner) server.on('request', l);
    };
  }
}

import type { IncomingMessage } from 'node:http';

/**
 * A localhost server is reachable from any web page the user visits. Management endpoints therefore accept only
 * requests whose Host is one of ours (defeats DNS rebinding) and whose Origin, when sent, is one of ours
 * (defeats cross-site requests).
 */
export function allowedHostSet(host: string, port: number, extra: string[]): Set<string> {
  const names = new Set(['127.0.0.1', 'localhost', '[::1]', ...extra.map((h) => h.toLowerCase())]);
  if (host !== '0.0.0.0' && host !== '::') names.add(host.includes(':') ? `[${host}]` : host.toLowerCase());
  const out = new Set<string>();
  for (const n of names) {
    out.add(`${n}:${port}`);
    if (port === 80) out.add(n);
  }
  return out;
}

export function checkHostAndOrigin(req: IncomingMessage, allowed: Set<string>): string | null {
  const host = (req.headers.host ?? '').toLowerCase();
  if (!allowed.has(host)) return `host "${host.slice(0, 100)}" is not allowed`;
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== 'null') {
    let originHost: string;
    try {
      const u = new URL(origin);
      originHost = u.protocol === 'http:' || u.protocol === 'https:' ? u.host.toLowerCase() : '';
    } catch {
      originHost = '';
    }
    if (!allowed.has(originHost)) return `origin "${origin.slice(0, 100)}" is not allowed`;
  } else if (origin === 'null') {
    return 'opaque origin is not allowed';
  }
  // Browsers also send Sec-Fetch-Site; a cross-site fetch without Origin (should not happen) is refused too.
  const site = req.headers['sec-fetch-site'];
  if (site === 'cross-site') return 'cross-site request refused';
  return null;
}

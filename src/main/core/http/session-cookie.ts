import type { IncomingMessage } from 'node:http';

export const SESSION_COOKIE = 'tollgate_session';

/** The session token from `Authorization: Bearer tgs_…` (API clients) or the HttpOnly cookie (the panel). */
export function readSessionToken(req: IncomingMessage): string | null {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer tgs_')) return auth.slice(7);
  const cookie = req.headers.cookie;
  if (!cookie) return null;
  for (const part of cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === SESSION_COOKIE) return decodeURIComponent(v.join('='));
  }
  return null;
}

export function sessionCookie(token: string | null): string {
  const base = `${SESSION_COOKIE}=${token ? encodeURIComponent(token) : ''}; Path=/; HttpOnly; SameSite=Strict`;
  return token ? `${base}; Max-Age=${30 * 86400}` : `${base}; Max-Age=0`;
}

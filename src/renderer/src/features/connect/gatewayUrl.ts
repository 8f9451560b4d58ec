let reported: string | null = null;

/** Called with `auth.session`'s gatewayUrl: the server knows the address it listens on. */
export function setReportedGatewayUrl(url: string | null | undefined): void {
  if (url) reported = url;
}

/**
 * Where agents reach the gateway. In a browser the panel is served by the same server, so it is this page's
 * origin. Inside the desktop app the page is file://, so it is the address the server reported in the session.
 */
export function gatewayBaseUrl(): string {
  const { protocol, origin } = window.location;
  if (protocol === 'http:' || protocol === 'https:') return origin;
  return reported ?? 'http://127.0.0.1:8787';
}

/** The model the first call uses: the mock provider answers offline, with no provider key. */
export const FIRST_MODEL = 'mock-gpt';

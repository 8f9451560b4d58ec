/**
 * Where agents reach the gateway. In a browser the panel is served by the same server, so it is this page's
 * origin. Inside the desktop app the page is file:// and the bridge does not tell the port yet; the default port
 * is the best guess (see the report: the shell should expose the listening URL).
 */
export function gatewayBaseUrl(): string {
  const { protocol, origin } = window.location;
  if (protocol === 'http:' || protocol === 'https:') return origin;
  return 'http://127.0.0.1:8787';
}

/** The model the first call uses: the mock provider answers offline, with no provider key. */
export const FIRST_MODEL = 'mock-gpt';

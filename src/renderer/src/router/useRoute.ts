import { useSyncExternalStore } from 'react';
import type { Route } from './routes.ts';
import { hrefOf, parseHash } from './routes.ts';

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};
const snapshot = () => window.location.hash;

/** The current route, re-rendering on every hash change (links, back/forward, navigate()). */
export function useRoute(): Route {
  return parseHash(useSyncExternalStore(subscribe, snapshot));
}

export function navigate(route: Route | string, opts: { replace?: boolean } = {}): void {
  const href = typeof route === 'string' ? route : hrefOf(route);
  if (opts.replace) window.location.replace(href);
  else window.location.hash = href.replace(/^#/, '');
}

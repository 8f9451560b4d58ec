// A hash router: the panel is served from http://host/ in a browser and from file:// in Electron, so the path part
// of the URL is not ours to use; `#/o/<orgId>/<page>` works in both without a server rewrite or a dependency.

export const ORG_PAGES = [
  'dashboard', 'agents', 'policies', 'budgets', 'credentials', 'credits', 'routing', 'pricing', 'audit', 'members',
  'settings', 'welcome',
] as const;
export type OrgPage = (typeof ORG_PAGES)[number];

export type Route =
  | { name: 'home' }
  | { name: 'org'; orgId: string; page: OrgPage }
  | { name: 'agent'; orgId: string; agentId: string }
  | { name: 'notFound'; path: string };

const isOrgPage = (s: string): s is OrgPage => (ORG_PAGES as readonly string[]).includes(s);

export function parseHash(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return { name: 'home' };
  if (parts[0] === 'o' && parts[1]) {
    const orgId = parts[1];
    if (parts.length === 2) return { name: 'org', orgId, page: 'dashboard' };
    if (parts[2] === 'agents' && parts[3] && parts.length === 4) return { name: 'agent', orgId, agentId: parts[3] };
    if (parts.length === 3 && parts[2] && isOrgPage(parts[2])) return { name: 'org', orgId, page: parts[2] };
  }
  return { name: 'notFound', path };
}

export function hrefOf(route: Route): string {
  const e = encodeURIComponent;
  switch (route.name) {
    case 'home': return '#/';
    case 'org': return `#/o/${e(route.orgId)}/${route.page}`;
    case 'agent': return `#/o/${e(route.orgId)}/agents/${e(route.agentId)}`;
    case 'notFound': return `#${route.path}`;
  }
}

export const orgHref = (orgId: string, page: OrgPage): string => hrefOf({ name: 'org', orgId, page });
export const agentHref = (orgId: string, agentId: string): string => hrefOf({ name: 'agent', orgId, agentId });

import { BUILTIN_ALIASES } from '../gateway/routing.ts';
import { notFound } from '../lib/errors.ts';
import type { ServiceDeps } from './deps.ts';
import type { Actor } from './orgs.ts';
import { getSettings, updateSettings } from './settings.ts';

export async function listRoutes(deps: ServiceDeps, orgId: string) {
  const { modelAliases } = await getSettings(deps, orgId);
  const all = { ...BUILTIN_ALIASES, ...modelAliases };
  return Object.entries(all).sort(([a], [b]) => a.localeCompare(b)).map(([alias, target]) => ({
    alias, target, builtin: alias in BUILTIN_ALIASES && !(alias in modelAliases), overridden: alias in BUILTIN_ALIASES && alias in modelAliases,
  }));
}

export async function setRoute(deps: ServiceDeps, actor: Actor, orgId: string, alias: string, target: string) {
  const { modelAliases } = await getSettings(deps, orgId);
  await updateSettings(deps, actor, orgId, { modelAliases: { ...modelAliases, [alias]: target } });
  return listRoutes(deps, orgId);
}

export async function deleteRoute(deps: ServiceDeps, actor: Actor, orgId: string, alias: string) {
  const { modelAliases } = await getSettings(deps, orgId);
  if (!(alias in modelAliases)) throw notFound('alias');
  const { [alias]: _gone, ...rest } = modelAliases;
  await updateSettings(deps, actor, orgId, { modelAliases: rest });
  return listRoutes(deps, orgId);
}

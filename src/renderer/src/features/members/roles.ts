import type { Role } from '../orgs/OrgContext.tsx';
import { atLeast } from '../orgs/OrgContext.tsx';

export const ROLE_HELP: Record<Role, string> = {
  viewer: 'sees everything except the audit log',
  member: 'manages agents and keys',
  admin: 'also policies, budgets, credits, members',
  owner: 'also ownership',
};

/** Roles the caller may grant: never above their own; ownership only by an owner (the server's rule). */
export function roleOptions(mine: Role) {
  return (['viewer', 'member', 'admin', 'owner'] as Role[]).map((r) => ({
    value: r, label: `${r} — ${ROLE_HELP[r]}`, disabled: !atLeast(mine, r) || (r === 'owner' && mine !== 'owner'),
  }));
}

import type { ReactNode } from 'react';
import { createContext, useContext } from 'react';
import type { RouterOutputs } from '../../trpc/types.ts';

export type Role = RouterOutputs['orgs']['get']['role'];
export type Org = RouterOutputs['orgs']['get'];

const RANK: Record<Role, number> = { viewer: 0, member: 1, admin: 2, owner: 3 };

/** Same rule as the server's `atLeast`: used to hide actions the caller may not take (the server still checks). */
export const atLeast = (role: Role, needed: Role): boolean => RANK[role] >= RANK[needed];

interface OrgValue {
  orgId: string;
  org: Org;
  role: Role;
  can: (needed: Role) => boolean;
}

const OrgCtx = createContext<OrgValue | null>(null);

export function OrgProvider({ org, children }: { org: Org; children: ReactNode }) {
  const value: OrgValue = { orgId: org.id, org, role: org.role, can: (needed) => atLeast(org.role, needed) };
  return <OrgCtx.Provider value={value}>{children}</OrgCtx.Provider>;
}

/** The org the current page belongs to; only pages under /o/<orgId> render inside the provider. */
export function useOrg(): OrgValue {
  const v = useContext(OrgCtx);
  if (!v) throw new Error('useOrg outside an org page');
  return v;
}

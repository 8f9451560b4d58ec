import type { ComponentType } from 'react';
import {
  BuildingIcon, ChartIcon, CoinsIcon, GaugeIcon, KeyIcon, ListIcon, RocketIcon, RouteIcon, SettingsIcon, ShieldIcon, TagIcon,
  TreeIcon, UsersIcon,
} from '../../components/icons.tsx';
import type { OrgPage } from '../../router/routes.ts';
import type { Role } from '../orgs/OrgContext.tsx';

export interface NavItem {
  page: OrgPage;
  label: string;
  icon: ComponentType<{ size?: number }>;
  /** Lowest role that can open the page (the server refuses the rest anyway). */
  role: Role;
  section: 'Monitor' | 'Manage' | 'Configure';
}

export const NAV: NavItem[] = [
  { page: 'dashboard', label: 'Dashboard', icon: ChartIcon, role: 'viewer', section: 'Monitor' },
  { page: 'credits', label: 'Credits', icon: CoinsIcon, role: 'viewer', section: 'Monitor' },
  { page: 'audit', label: 'Audit log', icon: ListIcon, role: 'admin', section: 'Monitor' },
  { page: 'agents', label: 'Agents', icon: TreeIcon, role: 'viewer', section: 'Manage' },
  { page: 'policies', label: 'Policies', icon: ShieldIcon, role: 'viewer', section: 'Manage' },
  { page: 'budgets', label: 'Budgets', icon: GaugeIcon, role: 'viewer', section: 'Manage' },
  { page: 'members', label: 'Members', icon: UsersIcon, role: 'viewer', section: 'Manage' },
  { page: 'credentials', label: 'Provider keys', icon: KeyIcon, role: 'viewer', section: 'Configure' },
  { page: 'routing', label: 'Routing', icon: RouteIcon, role: 'viewer', section: 'Configure' },
  { page: 'pricing', label: 'Pricing', icon: TagIcon, role: 'viewer', section: 'Configure' },
  { page: 'settings', label: 'Settings', icon: SettingsIcon, role: 'viewer', section: 'Configure' },
  { page: 'welcome', label: 'Get started', icon: RocketIcon, role: 'member', section: 'Configure' },
];

export const PAGE_TITLE: Record<OrgPage, string> = Object.fromEntries(NAV.map((n) => [n.page, n.label])) as Record<OrgPage, string>;
export { BuildingIcon };

import type { ComponentType } from 'react';
import { lazy, Suspense } from 'react';
import { Center, Loader } from '@mantine/core';
import type { OrgPage, Route } from '../../router/routes.ts';
import { AgentPage } from '../agents/AgentPage.tsx';
import { AuditPage } from '../audit/AuditPage.tsx';
import { BudgetsPage } from '../budgets/BudgetsPage.tsx';
import { CredentialsPage } from '../credentials/CredentialsPage.tsx';
import { CreditsPage } from '../credits/CreditsPage.tsx';
import { HierarchyPage } from '../hierarchy/HierarchyPage.tsx';
import { MembersPage } from '../members/MembersPage.tsx';
import { OnboardingPage } from '../onboarding/OnboardingPage.tsx';
import { PoliciesPage } from '../policies/PoliciesPage.tsx';
import { PricingPage } from '../pricing/PricingPage.tsx';
import { RoutingPage } from '../routing/RoutingPage.tsx';
import { SettingsPage } from '../settings/SettingsPage.tsx';

// The dashboard carries the chart library (most of the bundle): loaded on first use, so sign-in and the other pages
// start faster. Relative chunk URLs work from file:// (Electron) and http:// alike.
const AnalyticsPage = lazy(() => import('../analytics/AnalyticsPage.tsx').then((m) => ({ default: m.AnalyticsPage })));

const PAGES: Record<OrgPage, ComponentType> = {
  dashboard: AnalyticsPage, agents: HierarchyPage, policies: PoliciesPage, budgets: BudgetsPage,
  credentials: CredentialsPage, credits: CreditsPage, routing: RoutingPage, pricing: PricingPage, audit: AuditPage,
  members: MembersPage, settings: SettingsPage, welcome: OnboardingPage,
};

/** The page for a route inside an org. Keyed by route so a page's local state resets when the address changes. */
export function OrgPageView({ route }: { route: Extract<Route, { name: 'org' | 'agent' }> }) {
  if (route.name === 'agent') return <AgentPage key={route.agentId} agentId={route.agentId} />;
  const Page = PAGES[route.page];
  return (
    <Suspense fallback={<Center p="xl"><Loader size="sm" aria-label="Loading page" /></Center>}>
      <Page key={`${route.orgId}/${route.page}`} />
    </Suspense>
  );
}

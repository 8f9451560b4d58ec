import { alertsRouter } from './routers/alerts.ts';
import { authRouter } from './routers/auth.ts';
import { budgetsRouter, policiesRouter } from './routers/governance.ts';
import { agentGroupsRouter, agentsRouter, workspacesRouter } from './routers/hierarchy.ts';
import { apiKeysRouter, credentialsRouter } from './routers/keys.ts';
import { auditRouter, pricingRouter, settingsRouter } from './routers/admin.ts';
import { orgsRouter } from './routers/orgs.ts';
import { creditsRouter, ledgerRouter } from './routers/money.ts';
import { routingRouter } from './routers/routing.ts';
import { usageRouter } from './routers/usage.ts';
import { createCallerFactory, router } from './trpc.ts';

export const appRouter = router({
  auth: authRouter,
  orgs: orgsRouter,
  workspaces: workspacesRouter,
  agentGroups: agentGroupsRouter,
  agents: agentsRouter,
  apiKeys: apiKeysRouter,
  credentials: credentialsRouter,
  policies: policiesRouter,
  budgets: budgetsRouter,
  pricing: pricingRouter,
  settings: settingsRouter,
  audit: auditRouter,
  credits: creditsRouter, ledger: ledgerRouter,
  routing: routingRouter,
  usage: usageRouter,
  alerts: alertsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);

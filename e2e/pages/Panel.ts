import type { Page } from '@playwright/test';
import { AgentPage } from './AgentPage.ts';
import { AuditPage } from './AuditPage.ts';
import { AuthPage } from './AuthPage.ts';
import { BudgetsPage } from './BudgetsPage.ts';
import { CreditsPage } from './CreditsPage.ts';
import { HierarchyPage } from './HierarchyPage.ts';
import { OnboardingPage } from './OnboardingPage.ts';
import { PoliciesPage } from './PoliciesPage.ts';
import { SettingsPage } from './SettingsPage.ts';
import { Shell } from './Shell.ts';

/** Every page object of the control panel, sharing one Playwright page. Locators live only in these classes. */
export class Panel {
  readonly page: Page;
  readonly auth: AuthPage;
  readonly shell: Shell;
  readonly onboarding: OnboardingPage;
  readonly hierarchy: HierarchyPage;
  readonly agent: AgentPage;
  readonly budgets: BudgetsPage;
  readonly credits: CreditsPage;
  readonly audit: AuditPage;
  readonly policies: PoliciesPage;
  readonly settings: SettingsPage;

  constructor(page: Page) {
    this.page = page;
    this.auth = new AuthPage(page);
    this.shell = new Shell(page);
    this.onboarding = new OnboardingPage(page);
    this.hierarchy = new HierarchyPage(page);
    this.agent = new AgentPage(page);
    this.budgets = new BudgetsPage(page);
    this.credits = new CreditsPage(page);
    this.audit = new AuditPage(page);
    this.policies = new PoliciesPage(page);
    this.settings = new SettingsPage(page);
  }
}

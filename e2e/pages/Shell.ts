import type { Page } from '@playwright/test';

/** Header and navigation, present on every org page. */
export class Shell {
  private readonly page: Page;
  constructor(page: Page) { this.page = page; }

  readonly nav = () => this.page.getByRole('navigation', { name: 'Organization' });
  readonly heading = (name: string | RegExp) => this.page.getByRole('heading', { level: 1, name });
  readonly currentOrg = () => this.page.getByTestId('current-org');
  readonly orgNotFound = () => this.page.getByTestId('org-not-found');

  /** Opens a page from the navigation and waits for its title. */
  async go(label: string, title: string | RegExp = label): Promise<void> {
    await this.nav().getByRole('link', { name: label, exact: true }).click();
    await this.heading(title).waitFor();
  }

  async signOut(): Promise<void> {
    await this.page.getByRole('button', { name: 'Sign out' }).click();
    await this.page.getByRole('heading', { name: 'Welcome to Tollgate' }).waitFor();
  }

  /** The org id in the address (#/o/<id>/…). */
  orgId(): string {
    const m = /#\/o\/([^/]+)/.exec(this.page.url());
    if (!m?.[1]) throw new Error(`not on an org page: ${this.page.url()}`);
    return decodeURIComponent(m[1]);
  }

  async switchTheme(to: 'light' | 'dark'): Promise<void> {
    await this.page.getByRole('button', { name: `Switch to ${to} theme` }).click();
    await this.page.locator(`html[data-mantine-color-scheme="${to}"]`).waitFor({ state: 'attached' });
  }
}

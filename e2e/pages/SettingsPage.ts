import type { Locator, Page } from '@playwright/test';

/** The instance administrator's start-up settings on the Settings page. */
export class SettingsPage {
  private readonly page: Page;
  constructor(page: Page) { this.page = page; }

  readonly database = (): Locator => this.page.getByRole('combobox', { name: 'Database', exact: true });
  readonly databaseUrl = (): Locator => this.page.getByRole('textbox', { name: 'PostgreSQL URL' });

  async savePort(port: number): Promise<void> {
    await this.page.getByRole('textbox', { name: 'Gateway port' }).fill(String(port));
    await this.page.getByRole('button', { name: 'Save for next start' }).click();
    await this.page.getByText('Saved; applies at the next start').waitFor();
  }
}

import type { Locator, Page } from '@playwright/test';

export class AuditPage {
  private readonly page: Page;
  constructor(page: Page) { this.page = page; }

  readonly rows = (action?: string): Locator =>
    action ? this.page.locator(`[data-testid="audit-row"][data-action="${action}"]`) : this.page.getByTestId('audit-row');

  async filterAction(action: string): Promise<void> {
    const input = this.page.getByRole('combobox', { name: 'Action' });
    await input.fill(action);
    await input.press('Escape');
  }
}

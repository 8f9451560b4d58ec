import type { Locator, Page } from '@playwright/test';

export class BudgetsPage {
  private readonly page: Page;
  constructor(page: Page) { this.page = page; }

  readonly rows = (): Locator => this.page.getByTestId('budget-row');

  /** `level` is the label in the level picker, e.g. "Engineering / Coding agents / my-first-agent". */
  async create(level: string, period: 'Daily' | 'Monthly' | 'Total', limit: string): Promise<void> {
    await this.page.getByRole('button', { name: 'New budget' }).click();
    const d = this.page.getByRole('dialog', { name: 'New budget' });
    await d.getByRole('combobox', { name: 'Applies to' }).click();
    await this.page.getByRole('option', { name: level, exact: true }).click();
    await d.getByRole('combobox', { name: 'Period' }).click();
    await this.page.getByRole('option', { name: period, exact: true }).click();
    await d.getByRole('textbox', { name: 'Limit (credits)' }).fill(limit);
    await d.getByRole('button', { name: 'Create budget' }).click();
    await d.waitFor({ state: 'detached' });
  }
}

import type { Locator, Page } from '@playwright/test';

export class CreditsPage {
  private readonly page: Page;
  constructor(page: Page) { this.page = page; }

  readonly balance = (): Locator => this.page.getByTestId('balance-value');
  readonly ledgerRows = (kind?: string): Locator =>
    kind ? this.page.locator(`[data-testid="ledger-row"][data-kind="${kind}"]`) : this.page.getByTestId('ledger-row');

  async buy(amount: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Buy credits' }).click();
    const d = this.page.getByRole('dialog', { name: 'Buy credits' });
    await d.getByRole('textbox', { name: 'Amount (credits)' }).fill(amount);
    await d.getByRole('button', { name: /^Buy / }).click();
    await d.waitFor({ state: 'detached' });
  }
}

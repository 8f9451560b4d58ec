import type { Locator, Page } from '@playwright/test';

/** One agent: keys, effective policy, budgets, refusals, recent requests. */
export class AgentPage {
  private readonly page: Page;
  constructor(page: Page) { this.page = page; }

  readonly keyRow = (name: string): Locator => this.page.locator(`[data-testid="key-row"][data-key-name="${name}"]`);
  readonly effectiveRow = (limit: string): Locator => this.page.locator(`[data-testid="effective-row"][data-limit="${limit}"]`);
  readonly denials = (): Locator => this.page.getByTestId('denial');
  readonly requests = (): Locator => this.page.getByTestId('request-row');
  readonly chainBudgets = (): Locator => this.page.getByTestId('chain-budget-row');

  /** Creates a key and returns its plaintext from the shown-once dialog, then closes the dialog. */
  async createKey(name: string): Promise<string> {
    await this.page.getByRole('button', { name: 'New key' }).click();
    const d = this.page.getByRole('dialog', { name: 'New API key' });
    await d.getByRole('textbox', { name: 'Key name' }).fill(name);
    await d.getByRole('button', { name: 'Create key' }).click();
    const shown = this.page.getByRole('dialog', { name: `API key “${name}” created` });
    const plaintext = (await shown.getByTestId('api-key').innerText()).trim();
    await shown.getByRole('button', { name: 'I have copied the key' }).click();
    await shown.waitFor({ state: 'detached' });
    return plaintext;
  }

  async revokeKey(name: string): Promise<void> {
    await this.page.getByRole('button', { name: `Revoke key ${name}` }).click();
    await this.page.getByRole('dialog').getByRole('button', { name: 'Revoke key' }).click();
    await this.keyRow(name).getByText('revoked', { exact: true }).waitFor();
  }
}

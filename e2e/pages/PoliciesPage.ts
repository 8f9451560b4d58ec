import type { Locator, Page } from '@playwright/test';

/** The policy editor (one level at a time) and its merged preview. */
export class PoliciesPage {
  private readonly page: Page;
  constructor(page: Page) { this.page = page; }

  readonly previewRow = (limit: string): Locator =>
    this.page.locator('#policy-preview').locator(`[data-testid="effective-row"][data-limit="${limit}"]`);
  readonly unsaved = (): Locator => this.page.getByText('includes unsaved changes');
  readonly field = (label: string): Locator => this.page.getByRole('textbox', { name: label });

  async level(label: string): Promise<void> {
    await this.page.getByRole('combobox', { name: 'Level to edit' }).click();
    await this.page.getByRole('option', { name: label, exact: true }).click();
  }

  async save(): Promise<void> {
    await this.page.getByRole('button', { name: 'Save policy' }).click();
    await this.page.getByText('saved', { exact: true }).waitFor();
  }
}

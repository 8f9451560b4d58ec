import type { Page } from '@playwright/test';

export const SNIPPET_TABS = { 'curl': 'curl', 'OpenAI SDK (Python)': 'python', 'OpenAI SDK (JS)': 'js', 'Claude Code': 'claude' } as const;

export interface Onboarded { apiKey: string; curl: string }

/** The first-run flow: org → workspace → group → agent → provider and credits → key. */
export class OnboardingPage {
  private readonly page: Page;
  constructor(page: Page) { this.page = page; }

  readonly heading = () => this.page.getByRole('heading', { level: 1, name: 'Get started' });
  private readonly field = (name: string) => this.page.getByRole('textbox', { name });
  private readonly button = (name: string) => this.page.getByRole('button', { name, exact: true });

  readonly apiKey = () => this.page.getByTestId('api-key');
  readonly curl = () => this.page.getByTestId('snippet-curl');

  async complete(names: { org?: string; workspace: string; group: string; agent: string }, opts: { starterCredits?: boolean } = {}): Promise<Onboarded> {
    await this.heading().waitFor();
    if (names.org) await this.field('Organization name').fill(names.org);
    await this.button('Continue').click();
    await this.field('Workspace name').fill(names.workspace);
    await this.button('Create workspace').click();
    await this.field('Agent group name').fill(names.group);
    await this.button('Create group').click();
    await this.field('Agent name').fill(names.agent);
    await this.button('Create agent').click();
    await this.page.getByRole('radio', { name: /Mock provider/ }).check();
    const starter = this.page.getByRole('checkbox', { name: /starter credits/ });
    if (opts.starterCredits === false) await starter.uncheck();
    await this.button('Continue').click();
    await this.apiKey().waitFor();
    return { apiKey: (await this.apiKey().innerText()).trim(), curl: (await this.curl().innerText()).trim() };
  }

  /** Shows one of the connect snippets and returns its text. */
  async snippet(tab: keyof typeof SNIPPET_TABS): Promise<string> {
    await this.page.getByRole('tab', { name: tab }).click();
    return (await this.page.getByTestId(`snippet-${SNIPPET_TABS[tab]}`).innerText()).trim();
  }

  async openAgent(): Promise<void> {
    await this.page.getByRole('link', { name: 'Open the agent' }).click();
  }
}

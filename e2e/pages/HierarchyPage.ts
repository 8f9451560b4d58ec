import type { Locator, Page } from '@playwright/test';

type Kind = 'Workspace' | 'Agent group' | 'Agent';
const KIND_ID = { 'Workspace': 'workspace', 'Agent group': 'group', 'Agent': 'agent' } as const;

/** The Agents page: the tree of workspaces → groups → agents and its dialogs. */
export class HierarchyPage {
  private readonly page: Page;
  constructor(page: Page) { this.page = page; }

  readonly search = () => this.page.getByRole('searchbox', { name: 'Search' });
  readonly node = (kind: Kind, name: string): Locator => this.page.locator(`[data-testid="node-${KIND_ID[kind]}"][data-name="${name}"]`);
  readonly nodes = (kind: Kind): Locator => this.page.getByTestId(`node-${KIND_ID[kind]}`);
  private readonly dialog = () => this.page.getByRole('dialog');

  private async nameDialog(label: string, value: string, submit: string): Promise<void> {
    const d = this.dialog();
    await d.getByRole('textbox', { name: label }).fill(value);
    await d.getByRole('button', { name: submit }).click();
    await d.waitFor({ state: 'detached' });
  }

  async createWorkspace(name: string): Promise<void> {
    await this.page.getByRole('button', { name: 'New workspace' }).click();
    await this.nameDialog('Workspace name', name, 'Create workspace');
    await this.node('Workspace', name).waitFor();
  }

  async addGroup(workspace: string, name: string): Promise<void> {
    await this.page.getByRole('button', { name: `Add agent group to ${workspace}` }).click();
    await this.nameDialog('Agent group name', name, 'Create agent group');
    await this.node('Agent group', name).waitFor();
  }

  async addAgent(group: string, name: string): Promise<void> {
    await this.page.getByRole('button', { name: `Add agent to ${group}` }).click();
    await this.nameDialog('Agent name', name, 'Create agent');
    await this.node('Agent', name).waitFor();
  }

  private async menu(kind: Kind, name: string, item: string): Promise<void> {
    await this.page.getByRole('button', { name: `Actions for ${kind} ${name}` }).click();
    await this.page.getByRole('menuitem', { name: item }).click();
  }

  async rename(kind: Kind, from: string, to: string): Promise<void> {
    await this.menu(kind, from, 'Rename…');
    await this.nameDialog('New name', to, 'Rename');
    await this.node(kind, to).waitFor();
  }

  async disable(kind: Kind, name: string): Promise<void> {
    await this.menu(kind, name, 'Disable');
    await this.node(kind, name).getByText('disabled', { exact: true }).waitFor();
  }

  async enable(kind: Kind, name: string): Promise<void> {
    await this.menu(kind, name, 'Enable');
    await this.node(kind, name).getByText('active', { exact: true }).waitFor();
  }

  async delete(kind: Kind, name: string): Promise<void> {
    await this.menu(kind, name, 'Delete…');
    await this.dialog().getByRole('button', { name: 'Delete' }).click();
    await this.node(kind, name).waitFor({ state: 'detached' });
  }

  async openAgent(name: string): Promise<void> {
    await this.node('Agent', name).getByRole('link', { name }).click();
    await this.page.getByRole('heading', { level: 1, name }).waitFor();
  }
}

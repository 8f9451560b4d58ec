import type { Page } from '@playwright/test';

export interface User { name: string; email: string; password: string }

export class AuthPage {
  private readonly page: Page;
  constructor(page: Page) { this.page = page; }

  readonly welcome = () => this.page.getByRole('heading', { name: 'Welcome to Tollgate' });
  private readonly field = (name: string) => this.page.getByRole('textbox', { name, exact: true });

  async open(): Promise<void> {
    await this.page.goto('/');
    await this.welcome().waitFor();
  }

  async register(u: User): Promise<void> {
    await this.page.getByRole('tab', { name: 'Create account' }).click();
    await this.field('Name').fill(u.name);
    await this.field('Email').fill(u.email);
    await this.field('Password').fill(u.password);
    await this.page.getByRole('button', { name: 'Create account' }).click();
    await this.welcome().waitFor({ state: 'detached' });
  }

  async signIn(u: Pick<User, 'email' | 'password'>): Promise<void> {
    await this.field('Email').fill(u.email);
    await this.field('Password').fill(u.password);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
    await this.welcome().waitFor({ state: 'detached' });
  }
}

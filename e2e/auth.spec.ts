// Sign-in and the theme: validation errors by their field, wrong password, the session as an HttpOnly cookie that
// survives a reload, the panel following the OS theme until toggled.
import { expect, newUser, shoot, test } from './fixtures.ts';

test('register, validation, sign out and in, theme', async ({ panel, page, context }) => {
  const u = newUser('theme');
  await panel.auth.open();
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'light');

  // A server-side validation error lands on its field.
  await page.getByRole('tab', { name: 'Create account' }).click();
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill(u.name);
  await page.getByRole('textbox', { name: 'Email', exact: true }).fill(u.email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill('short');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('textbox', { name: 'Password', exact: true })).toHaveAttribute('aria-invalid', 'true');
  await shoot(page, 'register-error');
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(u.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await panel.onboarding.heading().waitFor();

  // The OS goes dark: so does the panel. The toggle then overrides the OS.
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await panel.shell.switchTheme('light');
  await panel.shell.switchTheme('dark');

  await page.reload();
  await panel.onboarding.heading().waitFor();
  const cookie = (await context.cookies()).find((c) => c.name === 'tollgate_session');
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.sameSite).toBe('Strict');

  await panel.shell.signOut();
  await page.getByRole('textbox', { name: 'Email', exact: true }).fill(u.email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill('wrong password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Wrong email or password' })).toBeVisible();
  await panel.auth.signIn(u);
  await expect(panel.shell.currentOrg()).toHaveText('My organization');
});

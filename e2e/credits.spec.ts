// Credits: buying is idempotent per dialog (a retry after a lost answer buys once), the ledger pages and filters.
import { api } from './api.ts';
import { expect, newUser, test } from './fixtures.ts';

const amount = (text: string): number => Number(text.replace(/[^\d.-]/g, ''));

test('a purchase retried after a lost answer is recorded once; the ledger pages and filters', async ({ panel, page, server }) => {
  await panel.auth.open();
  await panel.auth.register(newUser('buyer'));
  await panel.onboarding.complete({ workspace: 'Ops', group: 'Jobs', agent: 'payer' });
  const orgId = panel.shell.orgId();
  await panel.shell.go('Credits');
  await expect.poll(async () => amount(await panel.credits.balance().innerText())).toBe(10);

  // The first answer is lost on the way back (the server did record the purchase); the user clicks Buy again in
  // the same dialog, which resends the same idempotency key: one purchase, and the panel says so.
  let lost = false;
  await page.route('**/trpc/credits.purchase**', async (route) => {
    if (lost) return route.continue();
    lost = true;
    await route.fetch();
    await route.abort('connectionreset');
  });
  await page.getByRole('button', { name: 'Buy credits' }).click();
  const d = page.getByRole('dialog', { name: 'Buy credits' });
  await d.getByRole('textbox', { name: 'Amount (credits)' }).fill('25');
  await d.getByRole('button', { name: /^Buy / }).click();
  await expect(d.getByRole('alert')).toBeVisible();
  await d.getByRole('button', { name: /^Buy / }).click();
  await expect(d).toBeHidden();
  await expect(page.getByText('Already bought: this purchase was recorded once')).toBeVisible();
  await expect(panel.credits.ledgerRows('purchase')).toHaveCount(2);
  await expect.poll(async () => amount(await panel.credits.balance().innerText())).toBe(35);

  // 30 more purchases: the ledger shows 25 a page, newest first.
  const t = api(page, server.url);
  for (let i = 1; i <= 30; i++) await t.mutate('credits.purchase', { orgId, amountCredits: i, idempotencyKey: `seed-${i}` });
  await page.reload();
  await expect(panel.credits.ledgerRows()).toHaveCount(25);
  await expect(panel.credits.ledgerRows().first().getByTestId('ledger-amount')).toHaveText('+30.00');
  await page.getByRole('button', { name: 'Older' }).click();
  await expect(panel.credits.ledgerRows()).toHaveCount(7);
  await expect(page.getByText('Page 2')).toBeVisible();
  await page.getByRole('button', { name: 'Newer' }).click();
  await expect(panel.credits.ledgerRows()).toHaveCount(25);

  // Filter by kind: no charges yet.
  await page.getByRole('combobox', { name: 'Kind' }).click();
  await page.getByRole('option', { name: 'charge', exact: true }).click();
  await expect(page.getByText('Nothing matches these filters.')).toBeVisible();
});

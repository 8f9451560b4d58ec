// A newcomer's path: register → guided setup → key shown once → run the curl the panel shows → see the request,
// its charge and the new balance in the panel, without reloading.
import { expect, newUser, shoot, test } from './fixtures.ts';
import { runCurl } from './gateway.ts';

const credits = (text: string): number => Number(text.replace(/[^\d.-]/g, ''));

test('newcomer: onboard, call the gateway with the shown curl, see request, charge and balance', async ({ panel, page, server }) => {
  await panel.auth.open();
  await panel.auth.register(newUser('newcomer'));
  // First run lands on the guided setup.
  await panel.onboarding.heading().waitFor();
  const { apiKey, curl } = await panel.onboarding.complete({ workspace: 'Engineering', group: 'Coding agents', agent: 'my-first-agent' });
  expect(apiKey).toMatch(/^cpk_/);
  expect(curl).toContain(`${server.url}/v1/chat/completions`);
  expect(curl).toContain(apiKey);

  // Exactly as shown, in a shell.
  const res = await runCurl(curl);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const charged = (res.body as { x_platform?: { credits_charged?: number } }).x_platform?.credits_charged;
  expect(charged).toBeGreaterThan(0);

  // The agent page picks it up by polling (no reload): the request, answered, with its charge.
  await panel.onboarding.openAgent();
  await expect(panel.agent.requests()).toHaveCount(1);
  const row = panel.agent.requests().first();
  await expect(row).toHaveAttribute('data-status', '200');
  expect(credits(await row.getByTestId('request-charge').innerText())).toBeCloseTo(charged!, 6);
  await shoot(page, 'newcomer-agent');

  // Credits: the starter purchase, one charge, and the balance after it.
  await panel.shell.go('Credits');
  await expect(panel.credits.ledgerRows('charge')).toHaveCount(1);
  await expect(panel.credits.ledgerRows('purchase')).toHaveCount(1);
  await expect.poll(async () => credits(await panel.credits.balance().innerText())).toBeCloseTo(10 - charged!, 6);
  await shoot(page, 'newcomer-credits');
});

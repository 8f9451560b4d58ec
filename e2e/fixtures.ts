// Test fixtures: a fresh headless server per test (own port and data folder), page objects, and a watch on the
// browser console that fails the test on page errors, CSP violations and React warnings.
import { test as base, expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Panel } from './pages/Panel.ts';
import type { RunningServer } from './server.ts';
import { ROOT, startServer } from './server.ts';

export const ARTIFACTS = join(ROOT, 'e2e', 'artifacts');

interface Fixtures {
  server: RunningServer;
  panel: Panel;
  problems: string[];
}

/**
 * Console lines that are expected: HTTP errors the tests provoke on purpose (404 pages, 401 signed-out checks) and
 * the connection reset credits.spec.ts simulates. A 5xx is never expected.
 */
const EXPECTED = /Failed to load resource: (the server responded with a status of 4\d\d|net::ERR_CONNECTION_RESET)/;

export function watchProblems(page: Page, into: string[]): void {
  page.on('console', (m) => {
    if (m.type() === 'error' && !EXPECTED.test(m.text())) into.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => into.push(`page error: ${e.message}`));
  void page.addInitScript(`document.addEventListener('securitypolicyviolation',
    (e) => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));`);
}

export const test = base.extend<Fixtures>({
  server: async ({}, use) => {
    const s = await startServer();
    await use(s);
    await s.stop();
  },
  baseURL: async ({ server }, use) => { await use(server.url); },
  problems: async ({ page }, use) => {
    const problems: string[] = [];
    watchProblems(page, problems);
    await use(problems);
    expect(problems, 'no console errors, page errors or CSP violations').toEqual([]);
  },
  panel: async ({ page, problems: _watch }, use) => { await use(new Panel(page)); },
});

export { expect };

let n = 0;
/** A unique user per call, so parallel tests never collide (each also has its own server). */
export function newUser(prefix = 'ada') {
  n += 1;
  return { name: `${prefix[0]!.toUpperCase()}${prefix.slice(1)} Tester`, email: `${prefix}${n}-${Date.now()}@example.com`, password: 'correct horse battery' };
}

/** Writes the page in light and in dark to e2e/artifacts/<name>-<scheme>.png, once nothing is loading. */
export async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.locator(`html[data-mantine-color-scheme="${scheme}"]`).waitFor({ state: 'attached' });
    await expect(page.locator('[aria-label^="Loading"]')).toHaveCount(0);
    // Toasts from earlier steps would cover the page; they are not what the screenshot is about.
    await page.screenshot({ path: join(ARTIFACTS, `${name}-${scheme}.png`), fullPage: true, animations: 'disabled',
      style: '.mantine-Notifications-root { display: none !important; }' });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/**
 * Every visible form control and button on the page has an accessible name: aria-label, aria-labelledby, a <label>,
 * its text, or a title. Computed in one pass in the page, so controls coming and going (notifications) cannot race.
 */
export async function expectLabelled(page: Page): Promise<void> {
  const unlabelled = await page.evaluate<string[]>(`(() => {
    const bad = [];
    const text = (id) => (document.getElementById(id)?.textContent ?? '');
    for (const e of document.querySelectorAll('input:not([type=hidden]), textarea, select, button, [role=combobox]')) {
      if (!(e.offsetWidth || e.offsetHeight || e.getClientRects().length) || e.closest('[aria-hidden="true"]')) continue;
      const name = (e.getAttribute('aria-label') ?? '').trim()
        || (e.getAttribute('aria-labelledby') ?? '').split(/\\s+/).filter(Boolean).map(text).join('').trim()
        || [...(e.labels ?? [])].map((l) => l.textContent).join('').trim()
        || (e.tagName === 'BUTTON' ? e.textContent.trim() : '')
        || (e.getAttribute('title') ?? '').trim();
      if (!name) bad.push(e.outerHTML.slice(0, 200));
    }
    return bad;
  })()`);
  expect(unlabelled, 'controls without an accessible name').toEqual([]);
}

// Smoke check of the built control panel in a real browser:
//   node e2e/smoke.ts [--port 18899]      (builds first if out/ is stale)
// 1. Headless mode over HTTP: registers, sees the org list, a validation error, the theme (OS-driven and toggled),
//    sign out and in. 2. The desktop path: the same build from file:// with its meta CSP, talking tRPC through a
//    stand-in for the preload bridge to the real IPC handler (local owner mode). Both fail on any CSP violation
//    or console error. Screenshots go to e2e/artifacts/. No sleeps: every step waits on a locator.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { appRouter } from '../src/main/core/api/root.ts';
import { createTollgate } from '../src/main/core/app.ts';
import { silentLogger } from '../src/main/core/lib/logger.ts';
import { ensureBuilt } from '../scripts/ensure-built.ts';
import type { IpcInvokeEvent } from '../src/main/shell/ipc.ts';
import { handleTrpcIpc } from '../src/main/shell/ipc.ts';
import { ipcContextFactory } from '../src/main/shell/ipc-context.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const ARTIFACTS = join(ROOT, 'e2e', 'artifacts');
const portArg = process.argv.indexOf('--port');
const PORT = portArg > 0 ? Number(process.argv[portArg + 1]) : 0;

function check(ok: unknown, what: string): void {
  if (!ok) throw new Error(`smoke check failed: ${what}`);
}

/** Starts `serve` on a fresh data folder and resolves with the URL it prints. */
function startServer(dataDir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath,
    [join(ROOT, 'src/main/serve.ts'), '--port', String(PORT), '--data-dir', dataDir, '--log-level', 'warn'],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m?.[1]) resolve({ url: m[1], child });
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code} before listening:\n${out}`)));
  });
}

const BROWSER_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update'];
const launch = (extraArgs: string[] = []): Promise<Browser> =>
  chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: [...BROWSER_ARGS, ...extraArgs] });

/** Collects console errors, page errors and CSP violations; `expected` filters deliberate failures. */
async function watchProblems(page: Page, expected?: RegExp): Promise<string[]> {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !expected?.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  // Runs in the page (a string, so this Node-typed file needs no DOM types).
  await page.addInitScript(`document.addEventListener('securitypolicyviolation',
    (e) => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));`);
  return problems;
}

const colorScheme = (page: Page) => page.locator('html').getAttribute('data-mantine-color-scheme');
const waitForScheme = (page: Page, scheme: 'light' | 'dark') =>
  page.locator(`html[data-mantine-color-scheme="${scheme}"]`).waitFor({ state: 'attached' });

async function main(): Promise<void> {
  ensureBuilt();
  mkdirSync(ARTIFACTS, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'tollgate-smoke-'));
  const { url, child } = await startServer(dataDir);
  const browser = await launch();
  try {
    const context = await browser.newContext({ colorScheme: 'light', viewport: { width: 1100, height: 720 } });
    const page = await context.newPage();
    // The 400 and 401 this script provokes on purpose show up as failed-resource lines; anything else counts.
    const problems = await watchProblems(page, /^Failed to load resource: the server responded with a status of 40[01]/);

    await page.goto(`${url}/`);
    await page.getByRole('heading', { name: 'Welcome to Tollgate' }).waitFor();
    check(await colorScheme(page) === 'light', 'follows a light OS theme');
    await page.screenshot({ path: join(ARTIFACTS, 'smoke-signin-light.png') });

    // Register; first a server-side validation error shown next to its field.
    await page.getByRole('tab', { name: 'Create account' }).click();
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Ada Lovelace');
    await page.getByRole('textbox', { name: 'Email', exact: true }).fill('ada@example.com');
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    const password = page.getByRole('textbox', { name: 'Password', exact: true });
    await password.and(page.locator('[aria-invalid="true"]')).waitFor();
    check(await page.getByText('At least 8 characters', { exact: true }).count() === 1, 'the field error replaces the hint');
    await page.screenshot({ path: join(ARTIFACTS, 'smoke-register-error-light.png') });
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill('correct horse battery');
    await page.getByRole('button', { name: 'Create account' }).click();

    // Signed in: the org list from orgs.listMine.
    await page.getByRole('heading', { name: 'Organizations' }).waitFor();
    const orgs = page.getByRole('list', { name: 'Your organizations' }).getByRole('listitem');
    await orgs.first().waitFor();
    check(await orgs.count() === 1, 'one organization listed');
    check((await orgs.first().innerText()).includes('My organization'), 'the first user owns "My organization"');
    check(/\bowner\b/i.test(await orgs.first().innerText()), 'with the owner role');
    await page.screenshot({ path: join(ARTIFACTS, 'smoke-orgs-light.png') });

    // The OS switches to dark: the panel follows. Then the toggle overrides it.
    await page.emulateMedia({ colorScheme: 'dark' });
    await waitForScheme(page, 'dark');
    await page.screenshot({ path: join(ARTIFACTS, 'smoke-orgs-dark.png') });
    await page.getByRole('button', { name: 'Switch to light theme' }).click();
    await waitForScheme(page, 'light');
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    await waitForScheme(page, 'dark');

    // The session is an HttpOnly cookie: it survives a reload and is invisible to scripts.
    await page.reload();
    await page.getByRole('heading', { name: 'Organizations' }).waitFor();
    const cookie = (await context.cookies()).find((c) => c.name === 'tollgate_session');
    check(cookie?.httpOnly && cookie.sameSite === 'Strict', 'session cookie is HttpOnly and SameSite=Strict');

    // Sign out, a wrong password, then back in.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Welcome to Tollgate' }).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'smoke-signin-dark.png') });
    await page.getByRole('textbox', { name: 'Email', exact: true }).fill('ada@example.com');
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Wrong email or password' }).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'smoke-signin-error-dark.png') });
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill('correct horse battery');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await orgs.first().waitFor();

    check(problems.length === 0, `no console errors or CSP violations:\n  ${problems.join('\n  ')}`);

    // color-scheme.js applies a dark OS theme before the app bundle runs (no white flash): shown here with the
    // bundle blocked.
    const bare = await browser.newPage({ colorScheme: 'dark' });
    await bare.route('**/assets/*.js', (route) => route.abort());
    await bare.goto(`${url}/`);
    await waitForScheme(bare, 'dark');
    await bare.close();
    process.stdout.write(`smoke ok (headless over HTTP): ${url}\n`);
  } finally {
    await browser.close();
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * The Electron path without Electron: out/renderer/index.html from file://, and a `window.tollgate` whose invoke
 * goes (via Playwright's exposeFunction, which copies values like IPC does) to the real main-process handler.
 */
async function desktopOverIpc(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tollgate-smoke-ipc-'));
  const core = await createTollgate({
    masterKey: randomBytes(32), logger: silentLogger(),
    config: { dataDir, databaseUrl: null, migrationsRoot: join(ROOT, 'drizzle'), rendererDir: null, localOwnerMode: true },
  });
  let handler: ((event: IpcInvokeEvent, ...args: unknown[]) => Promise<unknown>) | null = null;
  handleTrpcIpc({
    ipcMain: { handle: (_channel, listener) => { handler = listener; }, removeHandler: () => { handler = null; } },
    router: appRouter, createContext: ipcContextFactory(core).createContext,
  });
  // Electron lets file:// pages load module scripts; plain Chromium needs this switch for the same.
  const browser = await launch(['--allow-file-access-from-files']);
  try {
    const page = await browser.newPage({ colorScheme: 'light', viewport: { width: 1100, height: 720 } });
    const problems = await watchProblems(page);
    const event: IpcInvokeEvent = { sender: { id: 1 }, senderFrame: { url: 'file://', parent: null } };
    await page.exposeFunction('__tollgateIpc', (request: unknown) => handler?.(event, request));
    await page.addInitScript('window.tollgate = { invoke: (request) => window.__tollgateIpc(request) };');
    await page.goto(pathToFileURL(join(ROOT, 'out/renderer/index.html')).href);

    await page.getByRole('heading', { name: 'Organizations' }).waitFor();
    await page.getByText('Local owner', { exact: true }).waitFor();
    const orgs = page.getByRole('list', { name: 'Your organizations' }).getByRole('listitem');
    await orgs.first().waitFor();
    check((await orgs.first().innerText()).includes('My organization'), 'the local owner owns "My organization"');
    check(await page.getByRole('button', { name: 'Sign out' }).count() === 0, 'no sign-out for the local owner');
    await page.screenshot({ path: join(ARTIFACTS, 'smoke-desktop-ipc-light.png') });
    check(problems.length === 0, `no console errors or CSP violations:\n  ${problems.join('\n  ')}`);
    process.stdout.write('smoke ok (desktop renderer from file:// over IPC)\n');
  } finally {
    await browser.close();
    await core.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(desktopOverIpc).then(() => {
  process.stdout.write(`screenshots in ${ARTIFACTS}\n`);
}).catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});

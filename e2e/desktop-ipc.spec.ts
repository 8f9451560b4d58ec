// The desktop path without Electron: the built renderer from file:// (with its meta CSP), talking tRPC through a
// stand-in for the preload bridge to the real main-process IPC handler, as the local owner (no sign-in).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { appRouter } from '../src/main/core/api/root.ts';
import { createTollgate } from '../src/main/core/app.ts';
import { silentLogger } from '../src/main/core/lib/logger.ts';
import type { IpcInvokeEvent } from '../src/main/shell/ipc.ts';
import { handleTrpcIpc } from '../src/main/shell/ipc.ts';
import { ipcContextFactory } from '../src/main/shell/ipc-context.ts';
import { expect, shoot, test, watchProblems } from './fixtures.ts';
import { Panel } from './pages/Panel.ts';
import { ROOT } from './server.ts';

test.use({ launchOptions: {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  // Electron lets file:// pages load module scripts; plain Chromium needs this switch for the same.
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--allow-file-access-from-files'],
} });

test('the desktop renderer over IPC, signed in as the local owner', async ({ page }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tollgate-e2e-ipc-'));
  const core = await createTollgate({
    masterKey: randomBytes(32), logger: silentLogger(),
    config: { dataDir, databaseUrl: null, migrationsRoot: join(ROOT, 'drizzle'), rendererDir: null, localOwnerMode: true },
  });
  let handler: ((event: IpcInvokeEvent, ...args: unknown[]) => Promise<unknown>) | null = null;
  handleTrpcIpc({
    ipcMain: { handle: (_channel, listener) => { handler = listener; }, removeHandler: () => { handler = null; } },
    router: appRouter, createContext: ipcContextFactory(core).createContext,
  });
  const problems: string[] = [];
  watchProblems(page, problems);
  try {
    const event: IpcInvokeEvent = { sender: { id: 1 }, senderFrame: { url: 'file://', parent: null } };
    await page.exposeFunction('__tollgateIpc', (request: unknown) => handler?.(event, request));
    await page.addInitScript('window.tollgate = { invoke: (request) => window.__tollgateIpc(request) };');
    await page.goto(pathToFileURL(join(ROOT, 'out/renderer/index.html')).href);
    const panel = new Panel(page);
    await expect(page.getByText('Local owner', { exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
    // The local owner's org, empty, opens the guided setup; the hash router works from file:// too.
    await panel.onboarding.heading().waitFor();
    await expect(panel.shell.currentOrg()).toHaveText('My organization');
    await panel.shell.go('Agents');
    await panel.hierarchy.createWorkspace('Desktop workspace');
    await shoot(page, 'desktop-ipc-agents');
    expect(problems).toEqual([]);
  } finally {
    await core.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

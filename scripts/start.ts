// `npm start`: the desktop app when Electron can run here, otherwise headless mode (gateway + panel in a browser).
// Flags after `--` pass through to either (e.g. `npm start -- --port 9000`); `--headless` forces headless mode.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ensureBuilt, ROOT } from './ensure-built.ts';

const ELECTRON_DIR = join(ROOT, 'node_modules', 'electron');
/** Remembers a failed download so every later start does not wait on the network again. */
const INSTALL_FAILED_MARK = join(ROOT, 'node_modules', '.cache', 'tollgate', 'electron-install-failed');
const INSTALL_TIMEOUT_MS = 30_000;

/** The Electron executable if its binary was downloaded (electron's own index.js resolves it the same way). */
export function electronBinary(electronDir: string = ELECTRON_DIR): string | null {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const bin = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(bin) ? bin : null;
}

export function displayProblem(platform: NodeJS.Platform, env: Record<string, string | undefined>): string | null {
  if (platform === 'darwin' || platform === 'win32') return null;
  return env.DISPLAY || env.WAYLAND_DISPLAY ? null : 'no display (DISPLAY and WAYLAND_DISPLAY are unset)';
}

export type Launch = { mode: 'electron'; binary: string } | { mode: 'headless'; why: string };

/** Pure decision, so it can be tested; `install` makes the one download attempt and says why it failed. */
export function decideLaunch(opts: {
  forceHeadless: boolean;
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  binary: () => string | null;
  install: () => string | null;
}): Launch {
  if (opts.forceHeadless) return { mode: 'headless', why: '--headless was given' };
  const noDisplay = displayProblem(opts.platform, opts.env);
  if (noDisplay) return { mode: 'headless', why: noDisplay };
  const present = opts.binary();
  if (present) return { mode: 'electron', binary: present };
  const failure = opts.install();
  const installed = failure === null ? opts.binary() : null;
  if (installed) return { mode: 'electron', binary: installed };
  return { mode: 'headless', why: `the Electron binary is not installed and could not be downloaded (${failure ?? 'installer finished without a binary'})` };
}

/**
 * One attempt with electron's own installer, bounded in time. A failure is remembered, so later starts go
 * straight to headless instead of waiting on the network again. Returns why it failed, or null.
 */
export function installElectron(opts: { installer: string; mark: string; timeoutMs: number } = {
  installer: join(ELECTRON_DIR, 'install.js'), mark: INSTALL_FAILED_MARK, timeoutMs: INSTALL_TIMEOUT_MS,
}): string | null {
  if (existsSync(opts.mark)) return `an earlier download failed; run "node node_modules/electron/install.js" to retry`;
  process.stderr.write('tollgate: downloading the Electron binary (one attempt)…\n');
  const r = spawnSync(process.execPath, [opts.installer], { cwd: ROOT, stdio: 'ignore', timeout: opts.timeoutMs });
  if (r.status === 0) return null;
  const why = r.signal ? `timed out after ${opts.timeoutMs / 1000}s` : `installer exited with ${r.status}`;
  mkdirSync(dirname(opts.mark), { recursive: true });
  writeFileSync(opts.mark, `${new Date().toISOString()} ${why}\n`);
  return why;
}

function run(command: string, args: string[]): void {
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE; // would make the Electron binary behave as plain Node
  const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit', env });
  // Pass stop requests on so the child drains and flushes the ledger before exiting.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    });
  }
  child.on('error', (err) => {
    process.stderr.write(`tollgate: could not start ${command}: ${err.message}\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal === 'SIGINT' ? 130 : signal ? 143 : 1)));
}

if (import.meta.main) {
  const args = process.argv.slice(2);
  const forceHeadless = args.includes('--headless');
  const passThrough = args.filter((a) => a !== '--headless');
  try {
    ensureBuilt();
  } catch (err) {
    process.stderr.write(`tollgate: ${(err as Error).message}\n`);
    process.exit(1);
  }
  const launch = decideLaunch({
    forceHeadless, platform: process.platform, env: process.env, binary: () => electronBinary(), install: () => installElectron(),
  });
  if (launch.mode === 'electron') {
    run(launch.binary, [ROOT, ...passThrough]);
  } else {
    process.stderr.write(`tollgate: starting headless because ${launch.why}; open the control panel URL below in a browser.\n`);
    run(process.execPath, [join(ROOT, 'src', 'main', 'serve.ts'), ...passThrough]);
  }
}

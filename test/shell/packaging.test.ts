// electron-builder cannot run here (it downloads Electron), so its config is checked by reading it: every file it
// names exists, and every path the packaged app opens (shell/paths.ts) is where the config puts something.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../electron.vite.config.ts';
import type { DesktopPaths } from '../../src/main/shell/paths.ts';
import { desktopPaths, WORKER_ENTRIES } from '../../src/main/shell/paths.ts';
import { ROOT } from '../helpers/engines.ts';
import { parseYamlSubset } from './yaml-subset.ts';

interface BuilderConfig {
  appId: string;
  productName: string;
  directories: { output: string; buildResources: string };
  files: string[];
  extraResources: { from: string; to: string; filter?: string[] }[];
  asarUnpack: string[];
  npmRebuild: boolean;
  linux: { target: string[]; icon: string };
  mac: { target: string[]; icon: string };
  win: { target: string[]; icon: string };
}

const builder = parseYamlSubset(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const vite = config as unknown as Record<'main' | 'preload' | 'renderer', { [k: string]: any }>;
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string };

/** electron-builder's globs, as far as this config uses them. */
function globRe(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*\//g, '\u0000').replace(/\*\*/g, '.*').replace(/\*/g, '[^/]*')
    .replace(/\u0000/g, '(?:.*/)?');
  return new RegExp(`^${body}$`);
}
const inAsar = (file: string) => builder.files.some((g) => !g.startsWith('!') && globRe(g).test(file))
  && !builder.files.some((g) => g.startsWith('!') && globRe(g.slice(1)).test(file));

/** The repo file electron-vite builds to `out/...`, or null when no configured entry produces it. */
function builtFrom(outFile: string): string | null {
  const main = vite.main.build.rolldownOptions.input as Record<string, string>;
  const m = /^out\/main\/([^/]+)\.js$/.exec(outFile);
  if (m) return main[m[1]!] ?? null;
  if (outFile === 'out/preload/index.cjs') {
    return vite.preload.build.rolldownOptions.output.entryFileNames === '[name].cjs' ? vite.preload.build.rolldownOptions.input.index : null;
  }
  if (outFile === 'out/renderer/index.html' && relative(ROOT, vite.renderer.build.outDir) === 'out/renderer') {
    return vite.renderer.build.rolldownOptions.input;
  }
  return null;
}

/** Where a packaged path comes from in the repo: an extraResources source, or a source electron-vite builds into app.asar. */
function sourceOf(packagedPath: string, resourcesPath: string): string {
  const rel = posix.normalize(relative(resourcesPath, packagedPath).split('\\').join('/'));
  if (rel.startsWith('app.asar/')) {
    const file = rel.slice('app.asar/'.length);
    expect(inAsar(file), `${file} is not in electron-builder's files`).toBe(true);
    const src = builtFrom(file);
    expect(src, `${file} is not built by electron.vite.config.ts`).not.toBeNull();
    return src!;
  }
  const res = builder.extraResources.find((r) => rel === r.to || rel.startsWith(`${r.to}/`));
  expect(res, `${rel} is not shipped by extraResources`).toBeDefined();
  return join(ROOT, res!.from, rel.slice(res!.to.length));
}

describe('electron-builder.yml', () => {
  it('names the app and builds AppImage + deb, dmg and nsis', () => {
    expect(builder).toMatchObject({ appId: expect.stringMatching(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/), productName: 'Tollgate', npmRebuild: false });
    expect(builder.linux.target).toEqual(['AppImage', 'deb']);
    expect(builder.mac.target).toEqual(['dmg']);
    expect(builder.win.target).toEqual(['nsis']);
    expect(pkg.main).toBe('out/main/index.js');
    expect(inAsar(pkg.main)).toBe(true);
  });

  it('points at icons that exist and are what their extension says', () => {
    const bytes = (p: string) => readFileSync(join(ROOT, p));
    expect(bytes(builder.mac.icon).subarray(0, 4).toString('latin1')).toBe('icns');
    expect([...bytes(builder.win.icon).subarray(0, 4)]).toEqual([0, 0, 1, 0]);
    const png = bytes(builder.linux.icon);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(512); // width: electron-builder wants 512+ for Linux/mac
    expect(statSync(join(ROOT, builder.directories.buildResources)).isDirectory()).toBe(true);
  });

  it('ships every extra resource it names, the migrations of both engines among them', () => {
    for (const r of builder.extraResources) expect(existsSync(join(ROOT, r.from)), r.from).toBe(true);
    const drizzle = builder.extraResources.find((r) => r.to === 'drizzle')!;
    for (const dialect of ['sqlite', 'pg']) expect(existsSync(join(ROOT, drizzle.from, dialect, 'meta', '_journal.json'))).toBe(true);
  });

  it('keeps better-sqlite3 (with a prebuild for every target) outside the archive', () => {
    expect(builder.asarUnpack).toContain('node_modules/better-sqlite3/**');
    for (const p of ['linux-x64', 'darwin-x64', 'darwin-arm64', 'win32-x64']) {
      expect(existsSync(join(ROOT, 'node_modules/better-sqlite3/prebuilds', `${p}.node`)), p).toBe(true);
    }
  });
});

describe('packaged paths (shell/paths.ts)', () => {
  const R = '/opt/Tollgate/resources';
  const packaged = (platform: NodeJS.Platform) => desktopPaths({ packaged: true, resourcesPath: R, appPath: `${R}/app.asar`,
    mainDir: `${R}/app.asar/out/main`, userData: '/home/ada/.config/Tollgate', platform });
  const files: (keyof DesktopPaths)[] = ['migrationsRoot', 'rendererFile', 'preload', 'ledgerWorker', 'analyticsWorker', 'windowIcon', 'trayIcon'];

  it.each(['linux', 'darwin', 'win32'] as const)('resolves every file the %s app opens to something the package holds', (platform) => {
    const p = packaged(platform);
    for (const key of files) expect(existsSync(sourceOf(p[key], R)), `${key} → ${p[key]}`).toBe(true);
    expect(sourceOf(p.ledgerWorker, R)).toMatch(/src\/main\/core\/ledger\/writer\.worker\.ts$/);
    expect(sourceOf(p.analyticsWorker, R)).toMatch(/src\/main\/core\/analytics\/reader\.worker\.ts$/);
    expect(p.rendererDir).toBe(`${R}/app.asar/out/renderer`);
  });

  it('keeps data in the injected userData folder, never next to the app', () => {
    expect(packaged('linux')).toMatchObject({ dataDir: '/home/ada/.config/Tollgate', logsDir: '/home/ada/.config/Tollgate/logs' });
  });

  it('uses the repo in development', () => {
    const p = desktopPaths({ packaged: false, resourcesPath: '/electron/resources', appPath: ROOT, mainDir: join(ROOT, 'out/main'),
      userData: '/tmp/u', platform: 'darwin' });
    for (const key of ['migrationsRoot', 'windowIcon', 'trayIcon'] as const) expect(existsSync(p[key]), key).toBe(true);
    expect(p.ledgerWorker).toBe(join(ROOT, 'out/main', `${WORKER_ENTRIES.ledger}.js`));
  });

  it('is what main.ts uses, and main.ts hands the core the bundled workers', () => {
    const main = readFileSync(join(ROOT, 'src/main/shell/main.ts'), 'utf8');
    expect(main).toMatch(/desktopPaths\(\{/);
    expect(main).toMatch(/ledgerWorkerPath: paths\.ledgerWorker/);
    expect(main).toMatch(/analyticsWorkerPath: paths\.analyticsWorker/);
    expect(main).toMatch(/migrationsRoot: paths\.migrationsRoot/);
  });
});

import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OUTPUTS, staleReason } from '../../scripts/ensure-built.ts';
import { decideLaunch, electronBinary, installElectron } from '../../scripts/start.ts';

const dirs: string[] = [];
const fresh = () => {
  const d = mkdtempSync(join(tmpdir(), 'tollgate-start-'));
  dirs.push(d);
  return d;
};
const touch = (path: string, seconds: number) => {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, '');
  utimesSync(path, seconds, seconds);
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('npm start: choosing desktop or headless', () => {
  const base = { forceHeadless: false, platform: 'linux' as const, env: { DISPLAY: ':0' } };

  it('launches Electron when the binary and a display are there, without downloading', () => {
    const install = vi.fn(() => null);
    expect(decideLaunch({ ...base, binary: () => '/e/electron', install })).toEqual({ mode: 'electron', binary: '/e/electron' });
    expect(install).not.toHaveBeenCalled();
  });

  it('goes headless without a display, and never downloads for nothing', () => {
    const install = vi.fn(() => null);
    const r = decideLaunch({ ...base, env: {}, binary: () => null, install });
    expect(r).toEqual({ mode: 'headless', why: expect.stringMatching(/no display/) });
    expect(install).not.toHaveBeenCalled();
    expect(decideLaunch({ ...base, env: { WAYLAND_DISPLAY: 'wayland-0' }, binary: () => '/e', install }).mode).toBe('electron');
    expect(decideLaunch({ ...base, platform: 'darwin', env: {}, binary: () => '/e', install }).mode).toBe('electron');
  });

  it('tries the installer once when the binary is missing, then falls back with the reason', () => {
    let installed = false;
    const install = vi.fn(() => {
      installed = true;
      return null;
    });
    expect(decideLaunch({ ...base, binary: () => (installed ? '/e/new' : null), install })).toEqual({ mode: 'electron', binary: '/e/new' });

    const failing = vi.fn(() => 'timed out after 30s');
    const r = decideLaunch({ ...base, binary: () => null, install: failing });
    expect(failing).toHaveBeenCalledTimes(1);
    expect(r).toEqual({ mode: 'headless', why: expect.stringMatching(/could not be downloaded \(timed out after 30s\)/) });
  });

  it('honours --headless', () => {
    expect(decideLaunch({ ...base, forceHeadless: true, binary: () => '/e', install: () => null }).mode).toBe('headless');
  });

  it('finds the binary the way electron/index.js does', () => {
    const dir = fresh();
    expect(electronBinary(dir)).toBeNull();
    writeFileSync(join(dir, 'path.txt'), 'electron');
    expect(electronBinary(dir)).toBeNull(); // path.txt without dist/ = interrupted download
    touch(join(dir, 'dist', 'electron'), 1000);
    expect(electronBinary(dir)).toBe(join(dir, 'dist', 'electron'));
  });
});

describe('npm start: the one download attempt', () => {
  it('succeeds when the installer does, gives up on a timeout or failure, and does not try again', () => {
    const dir = fresh();
    const script = (name: string, body: string) => {
      writeFileSync(join(dir, name), body);
      return join(dir, name);
    };
    const mark = join(dir, 'cache', 'failed');
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(installElectron({ installer: script('ok.cjs', ''), mark, timeoutMs: 5000 })).toBeNull();

    const hang = script('hang.cjs', 'setTimeout(() => {}, 60000);');
    expect(installElectron({ installer: hang, mark, timeoutMs: 300 })).toBe('timed out after 0.3s');
    const again = installElectron({ installer: script('ok2.cjs', ''), mark, timeoutMs: 5000 });
    expect(again).toMatch(/earlier download failed/);

    rmSync(mark);
    expect(installElectron({ installer: script('fail.cjs', 'process.exit(3)'), mark, timeoutMs: 5000 }))
      .toBe('installer exited with 3');
    vi.restoreAllMocks();
  });
});

describe('ensure-built: when to rebuild', () => {
  it('builds when out/ is missing or older than any source, not otherwise', () => {
    const root = fresh();
    touch(join(root, 'src/renderer/src/App.tsx'), 1000);
    touch(join(root, 'package.json'), 1000);
    for (const d of ['src/renderer/src', 'src/renderer', 'src']) utimesSync(join(root, d), 1000, 1000);
    expect(staleReason(root)).toBe('out/ is missing');
    for (const o of OUTPUTS) touch(join(root, o), 2000);
    expect(staleReason(root)).toBeNull();
    touch(join(root, 'src/renderer/src/App.tsx'), 3000);
    expect(staleReason(root)).toMatch(/sources changed/);
    touch(join(root, 'src/renderer/src/App.tsx'), 1000);
    rmSync(join(root, 'src/renderer/src/App.tsx')); // a deletion shows only on the folder
    expect(staleReason(root)).toMatch(/sources changed/);
  });
});

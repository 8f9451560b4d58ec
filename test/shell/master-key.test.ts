import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SafeStorageLike } from '../../src/main/shell/master-key.ts';
import { ENCRYPTED_KEY_FILE, loadDesktopMasterKey } from '../../src/main/shell/master-key.ts';

/** A stand-in for safeStorage: "encrypts" by XOR so the file on disk is not the key in the clear. */
function fakeSafeStorage(available: boolean, backend = 'gnome_libsecret'): SafeStorageLike {
  const xor = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a));
  return {
    isEncryptionAvailable: () => available,
    encryptString: (s) => xor(Buffer.from(s, 'utf8')),
    decryptString: (b) => xor(b).toString('utf8'),
    getSelectedStorageBackend: () => backend,
  };
}

describe('desktop master key', () => {
  const dirs: string[] = [];
  const fresh = () => {
    const d = mkdtempSync(join(tmpdir(), 'tollgate-key-'));
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('seals a new key with the OS keychain and reads the same key back', () => {
    const dir = fresh();
    const first = loadDesktopMasterKey(dir, fakeSafeStorage(true), 'linux');
    expect(first.protection).toBe('os-keychain');
    expect(first.key).toHaveLength(32);
    const file = join(dir, ENCRYPTED_KEY_FILE);
    expect(readFileSync(file).toString('utf8')).not.toContain(first.key.toString('hex'));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(existsSync(join(dir, 'master.key'))).toBe(false);
    expect(loadDesktopMasterKey(dir, fakeSafeStorage(true), 'linux').key.equals(first.key)).toBe(true);
  });

  it('falls back to the 0600 plain file without a keychain (or with Linux basic_text)', () => {
    for (const safe of [fakeSafeStorage(false), fakeSafeStorage(true, 'basic_text')]) {
      const dir = fresh();
      const r = loadDesktopMasterKey(dir, safe, 'linux');
      expect(r.protection).toBe('file');
      expect(statSync(join(dir, 'master.key')).mode & 0o777).toBe(0o600);
      expect(loadDesktopMasterKey(dir, safe, 'linux').key.equals(r.key)).toBe(true);
    }
  });

  it('keeps using a plain key a headless run created, so both modes still open the folder', () => {
    const dir = fresh();
    const key = 'ab'.repeat(32);
    writeFileSync(join(dir, 'master.key'), key, { mode: 0o600 });
    const r = loadDesktopMasterKey(dir, fakeSafeStorage(true), 'darwin');
    expect(r).toMatchObject({ protection: 'file' });
    expect(r.key.toString('hex')).toBe(key);
    expect(existsSync(join(dir, ENCRYPTED_KEY_FILE))).toBe(false);
  });

  it('refuses to start rather than mint a new key when the sealed key cannot be opened', () => {
    const dir = fresh();
    loadDesktopMasterKey(dir, fakeSafeStorage(true), 'win32');
    expect(() => loadDesktopMasterKey(dir, fakeSafeStorage(false), 'win32')).toThrow(/keychain/);
    expect(existsSync(join(dir, 'master.key'))).toBe(false);
  });
});

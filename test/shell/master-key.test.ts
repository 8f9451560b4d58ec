import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/core/db/open.ts';
import { SecretBox } from '../../src/main/core/lib/secrets.ts';
import { rotateStoredKey } from '../../src/main/core/services/rekey.ts';
import type { SafeStorageLike } from '../../src/main/shell/master-key.ts';
import { desktopKeyForRotation, ENCRYPTED_KEY_FILE, keychainKeyStore, loadDesktopMasterKey } from '../../src/main/shell/master-key.ts';
import { MIGRATIONS } from '../helpers/engines.ts';

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

  it('rotates a keychain-sealed key (--rotate-master-key): credentials re-sealed, the new key sealed in its place', async () => {
    const dir = fresh();
    const safe = fakeSafeStorage(true);
    const { key } = loadDesktopMasterKey(dir, safe, 'darwin');
    const url = join(dir, 'tollgate.db');
    const database = await openDatabase({ url, migrationsRoot: MIGRATIONS });
    const { t } = database;
    await database.db.insert(t.organizations).values({ id: 'org_k', name: 'k', createdAt: new Date() });
    await database.db.insert(t.providerCredentials).values({ id: 'cred_k', orgId: 'org_k', provider: 'anthropic', label: 'main',
      baseUrl: null, secretCiphertext: new SecretBox(key).seal('sk-ant-secret'), secretLast4: 'cret', createdAt: new Date() });
    await database.close();

    const current = desktopKeyForRotation(dir, safe);
    expect(current).toMatchObject({ protection: 'os-keychain' });
    const report = await rotateStoredKey({ databaseUrl: url, migrationsRoot: MIGRATIONS, store: current.store, currentKey: current.key });
    expect(report).toMatchObject({ outcome: 'rotated', credentials: 1 });
    const next = loadDesktopMasterKey(dir, safe, 'darwin');
    expect(next.key.equals(key)).toBe(false);
    expect(readFileSync(join(dir, ENCRYPTED_KEY_FILE)).toString('utf8')).not.toContain(next.key.toString('hex'));
    expect(statSync(join(dir, ENCRYPTED_KEY_FILE)).mode & 0o777).toBe(0o600);
    const reopened = await openDatabase({ url, migrationsRoot: MIGRATIONS });
    const [row] = await reopened.db.select().from(reopened.t.providerCredentials);
    await reopened.close();
    expect(new SecretBox(next.key).open(row!.secretCiphertext)).toBe('sk-ant-secret');
    expect(() => new SecretBox(key).open(row!.secretCiphertext)).toThrow();
  });

  it('refuses to start while a keychain rotation is half done, instead of picking a key', () => {
    const dir = fresh();
    const safe = fakeSafeStorage(true);
    loadDesktopMasterKey(dir, safe, 'win32');
    keychainKeyStore(dir, safe).stage(Buffer.alloc(32, 7));
    expect(() => loadDesktopMasterKey(dir, safe, 'win32')).toThrow(/interrupted/);
    expect(desktopKeyForRotation(dir, safe).store.staged()?.equals(Buffer.alloc(32, 7))).toBe(true);
  });
});

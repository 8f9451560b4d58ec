import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyStore } from '../core/lib/master-key.ts';
import { assertNoPendingRotation, fileKeyStore, KEY_FILE, loadOrCreateKeyFile, parseMasterKey } from '../core/lib/master-key.ts';

/** The parts of Electron's safeStorage used here; tests pass a fake. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: 'basic_text' means a hard-coded password, no better than a plain file. */
  getSelectedStorageBackend?(): string;
}

export type KeyProtection = 'os-keychain' | 'file';

export const ENCRYPTED_KEY_FILE = 'master.key.enc';

function keychainUsable(safe: SafeStorageLike, platform: NodeJS.Platform): boolean {
  if (!safe.isEncryptionAvailable()) return false;
  return platform !== 'linux' || safe.getSelectedStorageBackend?.() !== 'basic_text';
}

function keychainUnavailable(encFile: string): Error {
  return new Error(`${encFile} is sealed by the OS keychain, which is not available now; unlock it and restart`);
}

/** The sealed key file's store: the same stage/promote steps as a plain key file, each key sealed by the keychain. */
export function keychainKeyStore(dataDir: string, safe: SafeStorageLike): KeyStore {
  return fileKeyStore(dataDir, ENCRYPTED_KEY_FILE, {
    encode: (key) => safe.encryptString(key.toString('hex')),
    decode: (data) => parseMasterKey(safe.decryptString(data)),
  });
}

/**
 * The master key that seals provider credentials. With an OS keychain it is stored encrypted by it (Keychain,
 * DPAPI, libsecret/kwallet); otherwise in the same 0600 `master.key` file headless mode uses. An existing plain
 * file is kept as is, so a data folder first used headless still opens in both modes. Call after app 'ready'
 * (safeStorage cannot answer before that on Linux). Refuses while a key rotation is half done.
 */
export function loadDesktopMasterKey(
  dataDir: string,
  safe: SafeStorageLike,
  platform: NodeJS.Platform = process.platform,
): { key: Buffer; protection: KeyProtection } {
  const encFile = join(dataDir, ENCRYPTED_KEY_FILE);
  assertNoPendingRotation(dataDir, ENCRYPTED_KEY_FILE);
  if (existsSync(encFile)) {
    if (!safe.isEncryptionAvailable()) throw keychainUnavailable(encFile);
    return { key: parseMasterKey(safe.decryptString(readFileSync(encFile))), protection: 'os-keychain' };
  }
  if (existsSync(join(dataDir, KEY_FILE)) || !keychainUsable(safe, platform)) {
    return { key: loadOrCreateKeyFile(dataDir), protection: 'file' };
  }
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  // 'wx': never overwrite a key another process wrote a moment ago; losing it would orphan every secret.
  writeFileSync(encFile, safe.encryptString(key.toString('hex')), { mode: 0o600, flag: 'wx' });
  return { key, protection: 'os-keychain' };
}

/**
 * For `--rotate-master-key`: the key in use and the store its successor goes to, whichever way it is kept. Unlike
 * loadDesktopMasterKey it tolerates a staged key (the rotation settles it) and never creates a key.
 */
export function desktopKeyForRotation(dataDir: string, safe: SafeStorageLike): { key: Buffer; store: KeyStore; protection: KeyProtection } {
  const encFile = join(dataDir, ENCRYPTED_KEY_FILE);
  if (existsSync(encFile)) {
    if (!safe.isEncryptionAvailable()) throw keychainUnavailable(encFile);
    return { key: parseMasterKey(safe.decryptString(readFileSync(encFile))), store: keychainKeyStore(dataDir, safe), protection: 'os-keychain' };
  }
  const file = join(dataDir, KEY_FILE);
  if (!existsSync(file)) throw new Error(`no master key in ${dataDir}: nothing to rotate`);
  return { key: parseMasterKey(readFileSync(file, 'utf8')), store: fileKeyStore(dataDir), protection: 'file' };
}

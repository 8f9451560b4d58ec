import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync,
  writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const KEY_FILE = 'master.key';
/** A key written by a rotation that has not finished: present only between its first step and its last. */
export const STAGED_SUFFIX = '.new';
/** The replaced key, kept until the new one is in place. */
export const OLD_SUFFIX = '.old';

/** Parses a 32-byte key given as 64 hex characters or base64. */
export function parseMasterKey(text: string): Buffer {
  const s = text.trim();
  const buf = /^[0-9a-fA-F]{64}$/.test(s) ? Buffer.from(s, 'hex') : Buffer.from(s, 'base64');
  if (buf.length !== 32) throw new Error('master key must be 32 bytes (64 hex characters or base64)');
  return buf;
}

/** Refuses to go on while a rotation is half done: picking either key blindly could leave secrets unreadable. */
export function assertNoPendingRotation(dataDir: string, keyFile: string): void {
  const staged = join(dataDir, keyFile + STAGED_SUFFIX);
  if (existsSync(staged)) {
    throw new Error(`${staged} exists: a master-key rotation was interrupted. Run "node src/main/rekey.ts --data-dir `
      + `${dataDir}" (add --database-url if you use PostgreSQL) to finish or undo it; do not delete the file.`);
  }
}

/** Headless mode keeps the master key in a 0600 file in the data folder, created on first start. */
export function loadOrCreateKeyFile(dataDir: string): Buffer {
  assertNoPendingRotation(dataDir, KEY_FILE);
  const file = join(dataDir, KEY_FILE);
  if (existsSync(file)) return parseMasterKey(readFileSync(file, 'utf8'));
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key.toString('hex'), { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return key;
}

/**
 * Where a rotation keeps the new key while the database changes. The order (see services/rekey.ts) is: stage the
 * new key durably, commit the re-sealed credentials, then promote it. A crash at any point leaves a key that opens
 * every credential on disk; the next rekey run finishes or undoes the rotation.
 */
export interface KeyStore {
  /** Where the keys live, for messages. */
  readonly label: string;
  /** Writes the new key beside the current one (0600, flushed to disk) before the database is touched. */
  stage(key: Buffer): void;
  /** The staged key of an interrupted rotation, or null. */
  staged(): Buffer | null;
  /** After the commit: the staged key becomes the current one. */
  promote(): void;
  /** Drops the staged key; called only once the current key is known to open every credential. */
  discard(): void;
}

/** Writes a file and flushes it and its folder, so a power cut cannot leave a renamed but empty key. */
export function writeDurable(file: string, data: string | Buffer, flag: 'w' | 'wx' = 'wx'): void {
  const fd = openSync(file, flag, 0o600);
  try {
    writeFileSync(fd, data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  chmodSync(file, 0o600);
}

export function syncDir(dir: string): void {
  // Windows cannot open a folder for fsync; its renames are durable once they return.
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * A key kept in `dataDir/name` (`encode`/`decode` seal it, e.g. with the OS keychain; plain hex by default).
 * Promote copies the current file to `.old`, renames `.new` over it (atomic: the name always holds a whole key),
 * then deletes `.old`.
 */
export function fileKeyStore(dataDir: string, name: string = KEY_FILE, codec: {
  encode: (key: Buffer) => string | Buffer;
  decode: (data: Buffer) => Buffer;
} = { encode: (k) => k.toString('hex'), decode: (d) => parseMasterKey(d.toString('utf8')) }): KeyStore {
  const current = join(dataDir, name);
  const staged = current + STAGED_SUFFIX;
  const old = current + OLD_SUFFIX;
  return {
    label: current,
    stage(key) {
      mkdirSync(dataDir, { recursive: true });
      writeDurable(staged, codec.encode(key), 'wx');
      syncDir(dataDir);
    },
    staged: () => (existsSync(staged) ? codec.decode(readFileSync(staged)) : null),
    promote() {
      if (existsSync(current)) {
        copyFileSync(current, old);
        chmodSync(old, 0o600);
      }
      renameSync(staged, current);
      syncDir(dataDir);
      rmSync(old, { force: true });
    },
    discard() {
      rmSync(staged, { force: true });
      syncDir(dataDir);
    },
  };
}

/**
 * For a key given in TOLLGATE_MASTER_KEY: the new key is staged in `dataDir/master.key.new` and stays there after
 * the commit, because only the operator can change the environment. Promote is a no-op; the CLI says what to do.
 */
export function envKeyStore(dataDir: string): KeyStore {
  const files = fileKeyStore(dataDir);
  return { ...files, label: join(dataDir, KEY_FILE + STAGED_SUFFIX), promote: () => undefined };
}

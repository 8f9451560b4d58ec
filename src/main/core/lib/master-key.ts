import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Parses a 32-byte key given as 64 hex characters or base64. */
export function parseMasterKey(text: string): Buffer {
  const s = text.trim();
  const buf = /^[0-9a-fA-F]{64}$/.test(s) ? Buffer.from(s, 'hex') : Buffer.from(s, 'base64');
  if (buf.length !== 32) throw new Error('master key must be 32 bytes (64 hex characters or base64)');
  return buf;
}

/** Headless mode keeps the master key in a 0600 file in the data folder, created on first start. */
export function loadOrCreateKeyFile(dataDir: string): Buffer {
  const file = join(dataDir, 'master.key');
  if (existsSync(file)) return parseMasterKey(readFileSync(file, 'utf8'));
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key.toString('hex'), { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return key;
}

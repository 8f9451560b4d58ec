import { randomBytes, randomFillSync } from 'node:crypto';

/** Injected so tests can make ids predictable. Prefixes make ids self-describing in logs and URLs. */
export interface IdGen {
  id(prefix: string): string;
  /** Random bytes for secrets (API keys, session tokens). */
  secret(bytes: number): Buffer;
}

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

// Ids are minted several times per gateway request; one 4 KiB draw from the CSPRNG serves ~200 of them instead
// of a system call each.
const POOL = Buffer.alloc(4096);
let poolAt = POOL.length;

export function randomId(prefix: string, length = 20): string {
  if (poolAt + length > POOL.length) {
    randomFillSync(POOL);
    poolAt = 0;
  }
  let out = '';
  for (let i = poolAt; i < poolAt + length; i += 1) out += ALPHABET[POOL[i]! % 36];
  poolAt += length;
  return `${prefix}_${out}`;
}

export const randomIds: IdGen = {
  id: (prefix) => randomId(prefix),
  secret: (n) => randomBytes(n),
};

export function sequentialIds(seed = 0): IdGen {
  let n = seed;
  return {
    id: (prefix) => `${prefix}_${(++n).toString().padStart(8, '0')}`,
    secret: (bytes) => {
      const buf = Buffer.alloc(bytes);
      buf.writeUInt32BE(++n % 0xffffffff, 0);
      return buf;
    },
  };
}

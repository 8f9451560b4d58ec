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

/** The id's characters are written here, then read out as one string (not 20 concatenations). */
const CHARS = Buffer.from(ALPHABET, 'latin1');
const OUT = Buffer.alloc(64);

export function randomId(prefix: string, length = 20): string {
  if (length > OUT.length) throw new RangeError(`ids are at most ${OUT.length} characters`);
  if (poolAt + length > POOL.length) {
    randomFillSync(POOL);
    poolAt = 0;
  }
  for (let i = 0; i < length; i += 1) OUT[i] = CHARS[POOL[poolAt + i]! % 36]!;
  poolAt += length;
  return `${prefix}_${OUT.toString('latin1', 0, length)}`;
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

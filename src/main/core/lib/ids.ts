import { randomBytes } from 'node:crypto';

/** Injected so tests can make ids predictable. Prefixes make ids self-describing in logs and URLs. */
export interface IdGen {
  id(prefix: string): string;
  /** Random bytes for secrets (API keys, session tokens). */
  secret(bytes: number): Buffer;
}

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

export function randomId(prefix: string, length = 20): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += ALPHABET[b % 36];
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

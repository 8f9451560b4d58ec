// Master-key rotation. Every provider credential is re-sealed with the new key in ONE transaction, so the database
// holds all old or all new ciphertexts, never a mix. Where keys live is the host's business (a KeyStore); the order
// below makes sure that at every instant some key on disk opens every stored credential:
//
//   1. stage    the new key is written beside the current one (0600, fsynced)       crash: DB on old key, old key current
//   2. commit   one transaction re-seals every credential (and audits it)           crash: DB on new key, new key staged
//   3. promote  the staged key replaces the current one (old kept until then)       crash: either file holds the new key
//
// A run that finds a staged key first works out which key the database is on, then finishes (promote) or undoes
// (discard) the interrupted rotation. A staged key is deleted only when the current key opens everything.
import { createHash, randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { openDatabase } from '../db/open.ts';
import type { Database } from '../db/types.ts';
import type { Clock } from '../lib/clock.ts';
import { systemClock } from '../lib/clock.ts';
import type { IdGen } from '../lib/ids.ts';
import { randomIds } from '../lib/ids.ts';
import type { KeyStore } from '../lib/master-key.ts';
import { SecretBox } from '../lib/secrets.ts';
import type { ServiceDeps } from './deps.ts';
import { CoreEvents, writeAudit } from './deps.ts';

/** A short, non-secret name for a key, for audit rows and messages. */
export const keyFingerprint = (key: Buffer): string => createHash('sha256').update(key).digest('hex').slice(0, 12);

export interface RotateOptions {
  /** Called before each credential is re-sealed; tests throw here to prove a failure mid-way changes nothing. */
  beforeRow?: (index: number, credentialId: string) => void;
  /** Called when every write is done and only COMMIT remains: an error before this point provably changed nothing. */
  beforeCommit?: () => void;
}

export class KeyMismatchError extends Error {
  constructor(credentialId: string) {
    super(`credential ${credentialId} does not open with the current master key; nothing was changed`);
    this.name = 'KeyMismatchError';
  }
}

/** Re-seals every provider credential with `newKey`, all or nothing. Returns how many there were. */
export async function rotateMasterKey(deps: ServiceDeps, oldBox: SecretBox, newKey: Buffer, opts: RotateOptions = {}):
  Promise<{ credentials: number }> {
  const newBox = new SecretBox(newKey);
  const c = deps.database.t.providerCredentials;
  return deps.database.tx(async (db) => {
    const rows = await db.select({ id: c.id, sealed: c.secretCiphertext }).from(c).orderBy(c.id);
    for (const [i, row] of rows.entries()) {
      opts.beforeRow?.(i, row.id);
      let plain: string;
      try {
        plain = oldBox.open(row.sealed);
      } catch {
        throw new KeyMismatchError(row.id);
      }
      // Matching on the old ciphertext too: a row changed under us fails the whole rotation instead of being lost.
      const done = await db.update(c).set({ secretCiphertext: newBox.seal(plain) })
        .where(and(eq(c.id, row.id), eq(c.secretCiphertext, row.sealed))).returning({ id: c.id });
      if (done.length !== 1) throw new Error(`credential ${row.id} changed during the rotation; nothing was changed`);
    }
    await writeAudit(deps, db, { orgId: null, actorType: 'system', actorId: null, action: 'master_key.rotate',
      targetType: 'instance', targetId: null, details: { credentials: rows.length, newKey: keyFingerprint(newKey) } });
    opts.beforeCommit?.();
    return { credentials: rows.length };
  });
}

export type KeyVerdict = 'first' | 'second' | 'empty';

/** Which of two keys opens every stored credential ('empty': there are none). Throws when neither does. */
export async function whichKeyOpens(database: Database, first: Buffer, second: Buffer): Promise<KeyVerdict> {
  const c = database.t.providerCredentials;
  const rows = await database.db.select({ id: c.id, sealed: c.secretCiphertext }).from(c);
  if (rows.length === 0) return 'empty';
  const opensAll = (key: Buffer) => {
    const box = new SecretBox(key);
    return rows.every((r) => {
      try {
        box.open(r.sealed);
        return true;
      } catch {
        return false;
      }
    });
  };
  if (opensAll(first)) return 'first';
  if (opensAll(second)) return 'second';
  throw new Error('neither the current nor the staged master key opens every stored credential; nothing was changed');
}

export interface RotationReport {
  /** What was done: a fresh rotation, or finishing one that was interrupted after its commit. */
  outcome: 'rotated' | 'resumed';
  credentials: number;
  /** Fingerprints (never the keys). */
  oldKey: string;
  newKey: string;
  /** An interrupted rotation that never committed was undone before this one. */
  undidInterrupted: boolean;
}

export interface KeyRotation {
  deps: ServiceDeps;
  store: KeyStore;
  currentKey: Buffer;
  /** Injected by tests; random otherwise. */
  newKey?: Buffer;
  beforeRow?: RotateOptions['beforeRow'];
}

/** Steps 1–3 above, after first settling any rotation a crash interrupted. */
export async function rotateKeyStore(o: KeyRotation): Promise<RotationReport> {
  const oldKey = keyFingerprint(o.currentKey);
  let undidInterrupted = false;
  const leftover = o.store.staged();
  if (leftover) {
    const verdict = leftover.equals(o.currentKey) ? 'first' : await whichKeyOpens(o.deps.database, o.currentKey, leftover);
    if (verdict === 'second') {
      o.store.promote();
      const credentials = await countCredentials(o.deps.database);
      return { outcome: 'resumed', credentials, oldKey, newKey: keyFingerprint(leftover), undidInterrupted };
    }
    // The database never left the current key (or holds nothing): the staged key is not needed.
    o.store.discard();
    undidInterrupted = true;
  }
  const newKey = o.newKey ?? randomBytes(32);
  if (newKey.equals(o.currentKey)) throw new Error('the new master key must differ from the current one');
  o.store.stage(newKey);
  let credentials: number;
  let committing = false;
  try {
    ({ credentials } = await rotateMasterKey(o.deps, new SecretBox(o.currentKey), newKey, {
      beforeRow: o.beforeRow, beforeCommit: () => { committing = true; } }));
  } catch (err) {
    // Failed before COMMIT: rolled back, the staged key is useless. Failed at COMMIT: ask the database.
    if (committing) await settleAfterFailure(o, newKey);
    else o.store.discard();
    throw err;
  }
  o.store.promote();
  return { outcome: 'rotated', credentials, oldKey, newKey: keyFingerprint(newKey), undidInterrupted };
}

/**
 * A failed COMMIT normally changed nothing, but a lost connection can hide one that happened. The staged key is
 * dropped only when the current key provably still opens everything; if the database cannot be asked, it stays
 * (loading the key then refuses until a rekey run settles it).
 */
async function settleAfterFailure(o: KeyRotation, newKey: Buffer): Promise<void> {
  try {
    const verdict = await whichKeyOpens(o.deps.database, o.currentKey, newKey);
    if (verdict === 'second') o.store.promote();
    else o.store.discard();
  } catch {
    // Keep the staged key: it may be the only one that opens the credentials.
  }
}

async function countCredentials(database: Database): Promise<number> {
  const c = database.t.providerCredentials;
  return (await database.db.select({ id: c.id }).from(c)).length;
}

/** Opens the database on its own (the app must not be running), rotates, closes. Used by rekey.ts and the shell. */
export async function rotateStoredKey(o: {
  databaseUrl: string;
  migrationsRoot: string;
  store: KeyStore;
  currentKey: Buffer;
  newKey?: Buffer;
  clock?: Clock;
  ids?: IdGen;
  beforeRow?: RotateOptions['beforeRow'];
}): Promise<RotationReport> {
  const database = await openDatabase({ url: o.databaseUrl, migrationsRoot: o.migrationsRoot });
  try {
    const deps: ServiceDeps = { database, clock: o.clock ?? systemClock, ids: o.ids ?? randomIds, box: new SecretBox(o.currentKey),
      events: new CoreEvents() };
    return await rotateKeyStore({ deps, store: o.store, currentKey: o.currentKey, newKey: o.newKey, beforeRow: o.beforeRow });
  } finally {
    await database.close();
  }
}

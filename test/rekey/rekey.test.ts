import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTollgate } from '../../src/main/core/app.ts';
import { openDatabase } from '../../src/main/core/db/open.ts';
import { silentLogger } from '../../src/main/core/lib/logger.ts';
import type { KeyStore } from '../../src/main/core/lib/master-key.ts';
import { fileKeyStore, loadOrCreateKeyFile } from '../../src/main/core/lib/master-key.ts';
import { SecretBox } from '../../src/main/core/lib/secrets.ts';
import { KeyMismatchError, rotateStoredKey } from '../../src/main/core/services/rekey.ts';
import type { Engine, TestDatabase } from '../helpers/engines.ts';
import { engines, MIGRATIONS } from '../helpers/engines.ts';

interface Seeded {
  db: TestDatabase;
  key: Buffer;
  /** credential id → plaintext secret */
  secrets: Map<string, string>;
}

/** Two orgs with provider credentials sealed by a key kept in DATA_DIR/master.key (written straight to the tables). */
async function seed(engine: Engine): Promise<Seeded> {
  const db = await engine.fresh();
  const key = randomBytes(32);
  writeFileSync(join(db.dataDir, 'master.key'), key.toString('hex'), { mode: 0o600 });
  const database = await openDatabase({ url: db.url, migrationsRoot: MIGRATIONS });
  const box = new SecretBox(key);
  const secrets = new Map<string, string>();
  try {
    const { t } = database;
    for (const who of ['ada', 'grace']) {
      const orgId = `org_${who}`;
      await database.db.insert(t.organizations).values({ id: orgId, name: who, createdAt: new Date() });
      for (const provider of ['openai', 'anthropic']) {
        const id = `cred_${who}_${provider}`;
        const secret = `sk-${who}-${provider}-${randomBytes(8).toString('hex')}`;
        await database.db.insert(t.providerCredentials).values({ id, orgId, provider, label: `${who} ${provider}`, baseUrl: null,
          secretCiphertext: box.seal(secret), secretLast4: secret.slice(-4), createdAt: new Date() });
        secrets.set(id, secret);
      }
    }
  } finally {
    await database.close();
  }
  return { db, key, secrets };
}

/** Every stored ciphertext, by credential id. */
async function stored(db: TestDatabase): Promise<Map<string, string>> {
  const database = await openDatabase({ url: db.url, migrationsRoot: MIGRATIONS });
  try {
    const c = database.t.providerCredentials;
    const rows = await database.db.select({ id: c.id, sealed: c.secretCiphertext }).from(c);
    return new Map(rows.map((r) => [r.id, r.sealed]));
  } finally {
    await database.close();
  }
}

function opensAll(rows: Map<string, string>, key: Buffer, secrets: Map<string, string>): boolean {
  const box = new SecretBox(key);
  return [...rows].every(([id, sealed]) => {
    try {
      return box.open(sealed) === secrets.get(id);
    } catch {
      return false;
    }
  });
}

function opensNone(rows: Map<string, string>, key: Buffer): boolean {
  const box = new SecretBox(key);
  return [...rows.values()].every((sealed) => {
    try {
      box.open(sealed);
      return false;
    } catch {
      return true;
    }
  });
}

const keyFile = (s: Seeded) => join(s.db.dataDir, 'master.key');
const readKey = (s: Seeded) => Buffer.from(readFileSync(keyFile(s), 'utf8'), 'hex');
const rotate = (s: Seeded, store: KeyStore, extra: { newKey?: Buffer; currentKey?: Buffer; beforeRow?: (i: number) => void } = {}) =>
  rotateStoredKey({ databaseUrl: s.db.url, migrationsRoot: MIGRATIONS, store, currentKey: extra.currentKey ?? s.key,
    ...(extra.newKey ? { newKey: extra.newKey } : {}), ...(extra.beforeRow ? { beforeRow: extra.beforeRow } : {}) });

describe.each(engines())('master-key rotation on $name', (engine) => {
  const open: Seeded[] = [];
  afterEach(async () => {
    for (const s of open.splice(0)) await s.db.drop();
  });
  const seeded = async () => {
    const s = await seed(engine);
    open.push(s);
    return s;
  };

  it.skipIf(!engine.available)('re-seals every credential: all open with the new key, none with the old; the key file is replaced', async () => {
    const s = await seeded();
    expect(s.secrets.size).toBe(4);
    const report = await rotate(s, fileKeyStore(s.db.dataDir));
    expect(report).toMatchObject({ outcome: 'rotated', credentials: 4, undidInterrupted: false });
    const newKey = readKey(s);
    expect(newKey.equals(s.key)).toBe(false);
    const rows = await stored(s.db);
    expect(opensAll(rows, newKey, s.secrets)).toBe(true);
    expect(opensNone(rows, s.key)).toBe(true);
    expect(statSync(keyFile(s)).mode & 0o777).toBe(0o600);
    expect(existsSync(`${keyFile(s)}.new`) || existsSync(`${keyFile(s)}.old`)).toBe(false);

    // The app starts on the new key and hands the gateway the same plaintexts.
    const app = await createTollgate({ masterKey: loadOrCreateKeyFile(s.db.dataDir), logger: silentLogger(),
      config: { dataDir: s.db.dataDir, databaseUrl: s.db.url, migrationsRoot: MIGRATIONS, rendererDir: null, port: 0 } });
    try {
      const c = app.database.t.providerCredentials;
      for (const r of await app.database.db.select().from(c)) expect(app.deps.box.open(r.secretCiphertext)).toBe(s.secrets.get(r.id));
      const audit = await app.database.db.select().from(app.database.t.auditLog);
      expect(audit.filter((a) => a.action === 'master_key.rotate')).toMatchObject([{ actorType: 'system', details: { credentials: 4 } }]);
    } finally {
      await app.close();
    }
  });

  it.skipIf(!engine.available)('a failure mid-way changes nothing: same ciphertexts, same key file, no staged key left', async () => {
    const s = await seeded();
    const before = await stored(s.db);
    await expect(rotate(s, fileKeyStore(s.db.dataDir), { beforeRow: (i) => {
      if (i === 2) throw new Error('disk on fire');
    } })).rejects.toThrow('disk on fire');
    expect(await stored(s.db)).toEqual(before);
    expect(readKey(s).equals(s.key)).toBe(true);
    expect(existsSync(`${keyFile(s)}.new`)).toBe(false);
    expect(opensAll(before, loadOrCreateKeyFile(s.db.dataDir), s.secrets)).toBe(true);
  });

  it.skipIf(!engine.available)('a wrong current key is refused before anything changes', async () => {
    const s = await seeded();
    const before = await stored(s.db);
    await expect(rotate(s, fileKeyStore(s.db.dataDir), { currentKey: randomBytes(32) })).rejects.toBeInstanceOf(KeyMismatchError);
    expect(await stored(s.db)).toEqual(before);
    expect(existsSync(`${keyFile(s)}.new`)).toBe(false);
  });

  it.skipIf(!engine.available)('a crash before the commit: the next start refuses, the next rekey undoes it and rotates', async () => {
    const s = await seeded();
    const before = await stored(s.db);
    fileKeyStore(s.db.dataDir).stage(randomBytes(32)); // the process died right after staging
    expect(() => loadOrCreateKeyFile(s.db.dataDir)).toThrow(/interrupted/);
    const report = await rotate(s, fileKeyStore(s.db.dataDir));
    expect(report).toMatchObject({ outcome: 'rotated', undidInterrupted: true, credentials: 4 });
    const rows = await stored(s.db);
    expect(rows).not.toEqual(before);
    expect(opensAll(rows, loadOrCreateKeyFile(s.db.dataDir), s.secrets)).toBe(true);
  });

  it.skipIf(!engine.available)('a crash after the commit: the staged key is kept and the next rekey finishes the rotation', async () => {
    const s = await seeded();
    const store = fileKeyStore(s.db.dataDir);
    const newKey = randomBytes(32);
    const crashing: KeyStore = { ...store, promote: () => {
      throw new Error('killed between commit and promote');
    } };
    await expect(rotate(s, crashing, { newKey })).rejects.toThrow('killed');
    const rows = await stored(s.db);
    expect(opensAll(rows, newKey, s.secrets)).toBe(true); // committed
    expect(readKey(s).equals(s.key)).toBe(true); // but not promoted
    expect(() => loadOrCreateKeyFile(s.db.dataDir)).toThrow(/interrupted/); // so nothing starts on the stale key

    const report = await rotate(s, fileKeyStore(s.db.dataDir));
    expect(report).toMatchObject({ outcome: 'resumed', credentials: 4 });
    expect(loadOrCreateKeyFile(s.db.dataDir).equals(newKey)).toBe(true);
    expect(await stored(s.db)).toEqual(rows);
  });
});

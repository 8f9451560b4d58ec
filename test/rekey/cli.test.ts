import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/core/db/open.ts';
import { SecretBox } from '../../src/main/core/lib/secrets.ts';
import { currentKeyStore, parseRekeyArgs } from '../../src/main/rekey.ts';
import type { TestDatabase } from '../helpers/engines.ts';
import { engines, MIGRATIONS, ROOT } from '../helpers/engines.ts';

const CLI = join(ROOT, 'src/main/rekey.ts');

function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const clean = { ...process.env };
  delete clean.TOLLGATE_MASTER_KEY;
  delete clean.TOLLGATE_DATABASE_URL;
  delete clean.TOLLGATE_DATA_DIR;
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { env: { ...clean, ...env }, timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** One org with one credential sealed by `key`; returns the credential's plaintext. */
async function seedOne(db: TestDatabase, key: Buffer): Promise<string> {
  const database = await openDatabase({ url: db.url, migrationsRoot: MIGRATIONS });
  const secret = `sk-${randomBytes(6).toString('hex')}`;
  try {
    const { t } = database;
    await database.db.insert(t.organizations).values({ id: 'org_cli', name: 'cli', createdAt: new Date() });
    await database.db.insert(t.providerCredentials).values({ id: 'cred_cli', orgId: 'org_cli', provider: 'openai', label: 'main',
      baseUrl: null, secretCiphertext: new SecretBox(key).seal(secret), secretLast4: secret.slice(-4), createdAt: new Date() });
  } finally {
    await database.close();
  }
  return secret;
}

async function openWith(db: TestDatabase, key: Buffer): Promise<string | null> {
  const database = await openDatabase({ url: db.url, migrationsRoot: MIGRATIONS });
  try {
    const [row] = await database.db.select().from(database.t.providerCredentials);
    return new SecretBox(key).open(row!.secretCiphertext);
  } catch {
    return null;
  } finally {
    await database.close();
  }
}

describe.each(engines())('node src/main/rekey.ts on $name', (engine) => {
  const dbs: TestDatabase[] = [];
  afterEach(async () => {
    for (const d of dbs.splice(0)) await d.drop();
  });
  const urlArgs = (db: TestDatabase) => (engine.name === 'pg' ? ['--database-url', db.url] : []);

  it.skipIf(!engine.available)('rotates a key file in place, headless', async () => {
    const db = await engine.fresh();
    dbs.push(db);
    const key = randomBytes(32);
    writeFileSync(join(db.dataDir, 'master.key'), key.toString('hex'), { mode: 0o600 });
    const secret = await seedOne(db, key);
    const r = await run(['--data-dir', db.dataDir, ...urlArgs(db)]);
    expect(r, r.stderr).toMatchObject({ code: 0 });
    expect(r.stdout).toMatch(/1 credential\(s\) re-encrypted in one transaction/);
    const file = join(db.dataDir, 'master.key');
    const newKey = Buffer.from(readFileSync(file, 'utf8'), 'hex');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await openWith(db, newKey)).toBe(secret);
    expect(await openWith(db, key)).toBeNull();
    expect(r.stdout + r.stderr).not.toContain(newKey.toString('hex'));
  });

  it.skipIf(!engine.available)('with TOLLGATE_MASTER_KEY, leaves the new key in master.key.new and says what to do', async () => {
    const db = await engine.fresh();
    dbs.push(db);
    const key = randomBytes(32);
    const secret = await seedOne(db, key);
    const r = await run(['--data-dir', db.dataDir, ...urlArgs(db)], { TOLLGATE_MASTER_KEY: key.toString('base64') });
    expect(r, r.stderr).toMatchObject({ code: 0 });
    expect(r.stdout).toContain('Set TOLLGATE_MASTER_KEY');
    const newKey = Buffer.from(readFileSync(join(db.dataDir, 'master.key.new'), 'utf8'), 'hex');
    expect(await openWith(db, newKey)).toBe(secret);
    expect(existsSync(join(db.dataDir, 'master.key'))).toBe(false);
  });
});

describe('rekey CLI refusals', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const fresh = () => {
    const d = mkdtempSync(join(tmpdir(), 'tollgate-rekey-'));
    dirs.push(d);
    return d;
  };

  it('never mints a key: no key file and no env is an error, and a keychain-sealed folder points at the desktop app', () => {
    const dir = fresh();
    expect(() => currentKeyStore(dir, {})).toThrow(/nothing to rotate/);
    writeFileSync(join(dir, 'master.key.enc'), 'sealed');
    expect(() => currentKeyStore(dir, {})).toThrow(/--rotate-master-key/);
    expect(existsSync(join(dir, 'master.key'))).toBe(false);
  });

  it('refuses a data folder without a database instead of creating an empty one', async () => {
    const dir = fresh();
    writeFileSync(join(dir, 'master.key'), randomBytes(32).toString('hex'), { mode: 0o600 });
    const r = await run(['--data-dir', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no database at .*tollgate\.db/);
    expect(existsSync(join(dir, 'tollgate.db'))).toBe(false);
  });

  it('takes flags over env and rejects unknown ones', () => {
    expect(parseRekeyArgs(['--data-dir', '/a'], { TOLLGATE_DATA_DIR: '/b', TOLLGATE_DATABASE_URL: 'postgres://x/y' }))
      .toEqual({ dataDir: '/a', databaseUrl: 'postgres://x/y' });
    expect(() => parseRekeyArgs(['--nope'], {})).toThrow();
  });
});

// Headless master-key rotation: `node src/main/rekey.ts --data-dir DIR [--database-url postgres://…]`.
// Stop Tollgate first (every instance, on PostgreSQL): a running one keeps using the key it started with.
// The order of steps and what a crash at each leaves behind are in core/services/rekey.ts.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, Option } from 'commander';
import { redactUrl } from './core/db/types.ts';
import { envKeyStore, fileKeyStore, KEY_FILE, parseMasterKey } from './core/lib/master-key.ts';
import type { KeyStore } from './core/lib/master-key.ts';
import { defaultDataDir } from './core/lib/paths.ts';
import type { RotationReport } from './core/services/rekey.ts';
import { rotateStoredKey } from './core/services/rekey.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

export interface RekeyOptions {
  dataDir: string;
  databaseUrl: string | null;
}

export function parseRekeyArgs(argv: string[], env: Record<string, string | undefined>): RekeyOptions {
  const cmd = new Command('tollgate-rekey')
    .description('Re-encrypt every stored provider credential with a new master key, in one transaction. '
      + 'Stop Tollgate first. The current key comes from TOLLGATE_MASTER_KEY or DATA_DIR/master.key.')
    .addOption(new Option('--data-dir <dir>', 'the data folder holding master.key (and the SQLite database)'))
    .addOption(new Option('--database-url <url>', 'postgres://… when the instance uses PostgreSQL'))
    .exitOverride()
    .allowExcessArguments(false);
  cmd.parse(argv, { from: 'user' });
  const o = cmd.opts<{ dataDir?: string; databaseUrl?: string }>();
  return {
    dataDir: resolve(o.dataDir ?? env.TOLLGATE_DATA_DIR ?? defaultDataDir(process.platform, env)),
    databaseUrl: o.databaseUrl ?? env.TOLLGATE_DATABASE_URL ?? null,
  };
}

/** The key in use now and where the rotation keeps the new one. Never creates a key: there must be one to rotate. */
export function currentKeyStore(dataDir: string, env: Record<string, string | undefined>): { key: Buffer; store: KeyStore; fromEnv: boolean } {
  if (env.TOLLGATE_MASTER_KEY) return { key: parseMasterKey(env.TOLLGATE_MASTER_KEY), store: envKeyStore(dataDir), fromEnv: true };
  const file = join(dataDir, KEY_FILE);
  if (!existsSync(file)) {
    if (existsSync(join(dataDir, 'master.key.enc'))) {
      throw new Error('this folder\'s master key is sealed in the desktop app\'s OS keychain; rotate it by starting the '
        + 'desktop app once with --rotate-master-key');
    }
    throw new Error(`no master key at ${file} and TOLLGATE_MASTER_KEY is unset: nothing to rotate`);
  }
  return { key: parseMasterKey(readFileSync(file, 'utf8')), store: fileKeyStore(dataDir), fromEnv: false };
}

export function describeReport(r: RotationReport, o: { fromEnv: boolean; keyFile: string }): string {
  const lines = [r.outcome === 'resumed'
    ? `Finished an interrupted rotation: ${r.credentials} credential(s) were already sealed with key ${r.newKey}.`
    : `Rotated the master key ${r.oldKey} → ${r.newKey}: ${r.credentials} credential(s) re-encrypted in one transaction.`];
  if (r.undidInterrupted) lines.push('An earlier rotation that never committed was undone first.');
  if (o.fromEnv) {
    lines.push(`The new key is in ${o.keyFile}. Set TOLLGATE_MASTER_KEY to its contents on every instance, restart, `
      + 'then delete the file.');
  } else {
    lines.push(`The new key is in ${o.keyFile} (mode 0600); the old one is gone.`);
  }
  return `${lines.join('\n')}\n`;
}

async function main(): Promise<void> {
  let opts: RekeyOptions;
  try {
    opts = parseRekeyArgs(process.argv.slice(2), process.env);
  } catch (err) {
    const code = (err as { code?: string }).code;
    process.exit(code === 'commander.helpDisplayed' || code === 'commander.version' ? 0 : 2);
  }
  const { key, store, fromEnv } = currentKeyStore(opts.dataDir, process.env);
  const databaseUrl = opts.databaseUrl ?? join(opts.dataDir, 'tollgate.db');
  // Opening a missing SQLite file would create an empty database and "rotate" nothing: a wrong --data-dir.
  if (!opts.databaseUrl && !existsSync(databaseUrl)) throw new Error(`no database at ${databaseUrl}; check --data-dir`);
  process.stderr.write(`tollgate-rekey: rotating the master key of ${redactUrl(databaseUrl)}\n`);
  const report = await rotateStoredKey({ databaseUrl, migrationsRoot: join(root, 'drizzle'), store, currentKey: key });
  process.stdout.write(describeReport(report, { fromEnv, keyFile: store.label }));
}

if (import.meta.main) {
  main().catch((err: unknown) => {
    process.stderr.write(`tollgate-rekey: ${(err as Error).message}\n`);
    process.exit(1);
  });
}

import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import { defaultDataDir } from './core/lib/paths.ts';
import { readInstanceFile } from './core/services/instance.ts';

export interface ServeOptions {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  logLevel: string;
  demo: boolean;
  sqliteSync: 'FULL' | 'NORMAL';
}

/** Flags win over env twins, env over defaults. */
export function parseServeArgs(argv: string[], env: Record<string, string | undefined>): ServeOptions {
  const cmd = new Command('tollgate serve')
    .description('Run the Tollgate gateway and control panel headless (no Electron).')
    .addOption(new Option('--port <port>', 'port to listen on').env('TOLLGATE_PORT').default('8787'))
    .addOption(new Option('--host <host>', 'address to bind').env('TOLLGATE_HOST').default('127.0.0.1'))
    .addOption(new Option('--data-dir <dir>', 'folder for the SQLite database, logs and master key').env('TOLLGATE_DATA_DIR'))
    .addOption(new Option('--database-url <url>', 'postgres://… to use PostgreSQL instead of SQLite').env('TOLLGATE_DATABASE_URL'))
    .addOption(new Option('--log-level <level>', 'fatal|error|warn|info|debug|trace|silent').env('TOLLGATE_LOG_LEVEL').default('info'))
    .addOption(new Option('--sqlite-sync <mode>', 'FULL: a commit survives power loss; NORMAL: process crashes only, faster')
      .env('TOLLGATE_SQLITE_SYNC').choices(['FULL', 'NORMAL']).default('FULL'))
    .addOption(new Option('--demo', 'create a demo org, agent and key on the mock provider and print how to call it'))
    .exitOverride()
    .allowExcessArguments(false);
  // commander reads process.env for .env(); pass ours explicitly so tests can inject.
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    cmd.parse(argv, { from: 'user' });
  } finally {
    process.env = saved;
  }
  const o = cmd.opts<{ port: string; host: string; dataDir?: string; databaseUrl?: string; logLevel: string; demo?: boolean; sqliteSync: 'FULL' | 'NORMAL' }>();
  const dataDir = resolve(o.dataDir ?? defaultDataDir(process.platform, env));
  // Settings saved from the panel apply where neither a flag nor an env twin says otherwise.
  const stored = readInstanceFile(dataDir);
  const fromUser = (name: string) => ['cli', 'env'].includes(cmd.getOptionValueSource(name) ?? '');
  if (!fromUser('port') && stored.port !== undefined) o.port = String(stored.port);
  if (!fromUser('host') && stored.host !== undefined) o.host = stored.host;
  if (!fromUser('databaseUrl') && stored.databaseUrl !== undefined) o.databaseUrl = stored.databaseUrl ?? undefined;
  const port = Number(o.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid --port: ${o.port}`);
  return {
    port,
    host: o.host,
    dataDir,
    databaseUrl: o.databaseUrl ?? null,
    logLevel: o.logLevel,
    demo: o.demo ?? false,
    sqliteSync: o.sqliteSync,
  };
}

// Headless entry: gateway + control panel in plain Node. `npm run serve -- --help` lists the flags.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createTollgate } from './core/app.ts';
import { demoInstructions, ensureDemo } from './core/demo.ts';
import { createLogger } from './core/lib/logger.ts';
import { loadOrCreateKeyFile, parseMasterKey } from './core/lib/master-key.ts';
import { redactUrl } from './core/db/types.ts';
import { parseServeArgs } from './serve-options.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Instance-wide provider keys (used when an org has no BYOK key): TOLLGATE_<PROVIDER>_API_KEY / _BASE_URL. */
function managedKeysFromEnv(env: NodeJS.ProcessEnv): Record<string, { apiKey: string | null; baseUrl: string | null }> {
  const out: Record<string, { apiKey: string | null; baseUrl: string | null }> = {};
  for (const p of ['openai', 'anthropic']) {
    const apiKey = env[`TOLLGATE_${p.toUpperCase()}_API_KEY`] ?? null;
    const baseUrl = env[`TOLLGATE_${p.toUpperCase()}_BASE_URL`] ?? null;
    if (apiKey || baseUrl) out[p] = { apiKey, baseUrl };
  }
  return out;
}

async function main(): Promise<void> {
  let opts;
  try {
    opts = parseServeArgs(process.argv.slice(2), process.env);
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'commander.helpDisplayed' || code === 'commander.version') process.exit(0);
    console.error((err as Error).message);
    process.exit(2);
  }
  const logger = createLogger({ level: opts.logLevel, dir: `${opts.dataDir}/logs`, stdout: true });
  if (!process.env.TOLLGATE_MASTER_KEY && existsSync(`${opts.dataDir}/master.key.enc`) && !existsSync(`${opts.dataDir}/master.key`)) {
    // The desktop app sealed this folder's key in the OS keychain; a new key would make stored provider keys unreadable.
    console.error('tollgate: this data folder\'s master key is sealed in the desktop app\'s keychain; '
      + 'set TOLLGATE_MASTER_KEY or start the desktop app');
    process.exit(2);
  }
  const masterKey = process.env.TOLLGATE_MASTER_KEY ? parseMasterKey(process.env.TOLLGATE_MASTER_KEY) : loadOrCreateKeyFile(opts.dataDir);
  const rendererDir = `${root}out/renderer`;
  if (!existsSync(`${rendererDir}/index.html`)) logger.warn('control panel not built (run npm run build); serving the API only');
  const app = await createTollgate({
    masterKey, logger,
    config: {
      dataDir: opts.dataDir, databaseUrl: opts.databaseUrl, host: opts.host, port: opts.port,
      migrationsRoot: `${root}drizzle`, rendererDir, logLevel: opts.logLevel as 'info',
      managedKeys: managedKeysFromEnv(process.env), sqliteSynchronous: opts.sqliteSync,
    },
  });
  const url = await app.listen();
  logger.info({ url, engine: app.database.dialect, dataDir: opts.dataDir,
    database: opts.databaseUrl ? redactUrl(opts.databaseUrl) : 'sqlite' }, 'tollgate listening');
  process.stdout.write(`Tollgate is listening on ${url}\n  control panel: ${url}/\n  gateway:       ${url}/v1\n`);
  // Printed to the terminal only (never the logger): the demo key and password are meant to be copied.
  if (opts.demo) process.stdout.write(demoInstructions(url, await ensureDemo(app)));

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'draining and shutting down');
    await app.close();
    logger.flush();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err: unknown) => {
  console.error(`tollgate: ${(err as Error).message}`);
  process.exit(1);
});

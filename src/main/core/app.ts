import { join } from 'node:path';
import type { Server } from 'node:http';
import { createServer } from 'node:http';
import { AlertMonitor } from './alerts/monitor.ts';
import type { ApiContext } from './api/context.ts';
import { appRouter } from './api/root.ts';
import type { CoreConfig, CoreConfigInput } from './config.ts';
import { coreConfigSchema } from './config.ts';
import { openDatabase } from './db/open.ts';
import type { Database } from './db/types.ts';
import { allowedHostSet } from './http/origin-guard.ts';
import type { Money } from './ledger/money.ts';
import { startMoney, stopMoney } from './ledger/money.ts';
import { attachAnalyticsReader } from './analytics/reader.ts';
import { createGatewayRoute } from './gateway/route.ts';
import { RateLimiter } from './gateway/rate-limit.ts';
import { GatewayState } from './gateway/state.ts';
import { createBiller } from './governor/biller.ts';
import { createProviderRegistry } from './providers/registry.ts';
import type { RouteHandler } from './http/server.ts';
import { createRequestListener } from './http/server.ts';
import type { Clock } from './lib/clock.ts';
import { systemClock } from './lib/clock.ts';
import type { IdGen } from './lib/ids.ts';
import { randomIds } from './lib/ids.ts';
import type { Logger } from './lib/logger.ts';
import { SecretBox } from './lib/secrets.ts';
import { ensureLocalOwner, sessionUser } from './services/auth.ts';
import type { ServiceDeps } from './services/deps.ts';
import { CoreEvents } from './services/deps.ts';
import { loadManagedKeys } from './services/instance.ts';
import { seedPricing } from './services/pricing.ts';

export const VERSION = '0.1.0';

export interface TollgateOptions {
  config: CoreConfigInput;
  masterKey: Buffer;
  logger: Logger;
  clock?: Clock;
  ids?: IdGen;
}

/** The whole core: database, services, API and HTTP listener. Hosts (serve.ts, the Electron shell) own the process. */
export interface Tollgate {
  config: CoreConfig;
  deps: ServiceDeps;
  database: Database;
  logger: Logger;
  server: Server;
  /** Ledger writer (`ledger`), governor (`governor`) and credits service (`credits`). */
  money: Money;
  /** Budget and balance alerts: the desktop shell notifies on its 'alert' events; alerts.list reads them back. */
  alerts: AlertMonitor;
  /** Context for in-process callers (IPC, tests); `userId` null = signed out. */
  context(userId: string | null): ApiContext;
  listen(): Promise<string>;
  /** Stops accepting, drains in-flight requests, then closes the database. */
  close(): Promise<void>;
  addRoute(route: RouteHandler): void;
  /** Writes state kept in memory between periodic flushes (key last-used times). */
  flush(): Promise<void>;
  localOwnerId: string | null;
}

export function databaseUrlOf(config: CoreConfig): string {
  return config.databaseUrl ?? join(config.dataDir, 'tollgate.db');
}

export async function createTollgate(opts: TollgateOptions): Promise<Tollgate> {
  const config = coreConfigSchema.parse(opts.config);
  const logger = opts.logger;
  const database = await openDatabase({
    url: databaseUrlOf(config), migrationsRoot: config.migrationsRoot, sqliteSynchronous: config.sqliteSynchronous,
  });
  const deps: ServiceDeps = {
    database, clock: opts.clock ?? systemClock, ids: opts.ids ?? randomIds, box: new SecretBox(opts.masterKey),
    events: new CoreEvents(),
  };
  await seedPricing(deps);
  const money = await startMoney({ deps, logger, databaseUrl: databaseUrlOf(config), sqliteSynchronous: config.sqliteSynchronous,
    workerPath: config.ledgerWorkerPath ?? new URL('./ledger/writer.worker.ts', import.meta.url),
  }).catch(async (err: unknown) => {
    await database.close();
    throw err;
  });
  // Dashboards query SQLite on their own thread so a heavy range never stalls the gateway's event loop.
  const stopAnalytics = database.dialect === 'sqlite'
    ? attachAnalyticsReader(deps, { databaseUrl: databaseUrlOf(config), logger,
      workerPath: config.analyticsWorkerPath ?? new URL('./analytics/reader.worker.ts', import.meta.url) })
    : async () => undefined;
  const localOwnerId = config.localOwnerMode ? await ensureLocalOwner(deps) : null;
  // Alerts hook: watches the governor's budgets and balances (core/alerts); stopped in close() before the ledger.
  const alerts = await new AlertMonitor({ deps, governor: money.governor, ledger: money.ledger, logger }).start();
  const gatewayState = new GatewayState(deps);
  await gatewayState.start();
  const providers = createProviderRegistry({ mock: config.mock });
  deps.providers = providers;
  await loadManagedKeys(deps, config.managedKeys);
  deps.instance = { dataDir: config.dataDir, port: () => boundPort, host: config.host, databaseLabel: database.label,
    engine: database.dialect === 'pg' ? 'postgresql' : 'sqlite', managedKeys: config.managedKeys };
  const routes: RouteHandler[] = [createGatewayRoute({
    state: gatewayState, limiter: new RateLimiter(() => deps.clock.now().getTime()), providers,
    biller: createBiller(money, deps.clock), managed: config.managedKeys, clock: deps.clock, ids: deps.ids, logger,
    maxBodyBytes: config.maxBodyBytes, microPerCredit: 1_000_000,
  })];
  let boundPort = config.port;

  const context = (userId: string | null): ApiContext => ({
    deps, userId, sessionToken: null, setSession: () => undefined, localOwner: localOwnerId !== null,
  });

  const listener = createRequestListener({
    router: appRouter,
    baseContext: async (token) => {
      const userId = token ? await sessionUser(deps, token) : localOwnerId;
      return { deps, userId, sessionToken: token, localOwner: localOwnerId !== null };
    },
    health: async () => ({
      status: money.ledger.status().state === 'ok' ? 'ok' : 'degraded', version: VERSION,
      engine: database.dialect === 'pg' ? 'postgresql' : 'sqlite', migration: await database.migrationVersion(),
      ledger: money.ledger.status(),
    }),
    allowedHosts: () => allowedHostSet(config.host, boundPort, config.allowedHosts),
    rendererDir: config.rendererDir,
    maxBodyBytes: config.maxBodyBytes,
    logger,
    routes,
  });
  const server = createServer({ keepAliveTimeout: 65_000 }, listener);

  return {
    config, deps, database, logger, server, context, localOwnerId, money, alerts,
    addRoute: (r) => routes.push(r),
    flush: () => gatewayState.flushUsed(),
    listen: () => new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => {
        const addr = server.address();
        boundPort = typeof addr === 'object' && addr ? addr.port : config.port;
        const host = config.host.includes(':') ? `[${config.host}]` : config.host;
        resolve(`http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${boundPort}`);
      });
    }),
    close: async () => {
      await new Promise<void>((resolve) => {
        if (!server.listening) return resolve();
        // Keep-alive sockets go idle as their last response ends; close them then, not after keepAliveTimeout.
        const sweep = setInterval(() => server.closeIdleConnections(), 50);
        server.close(() => {
          clearInterval(sweep);
          resolve();
        });
        server.closeIdleConnections();
      });
      await gatewayState.stop();
      await providers.close();
      await alerts.stop(); // records its last alerts through the ledger, so before stopMoney
      await stopMoney(money); // commits what the drained requests queued
      await stopAnalytics();
      await database.close();
    },
  };
}

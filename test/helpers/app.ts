import { randomBytes } from 'node:crypto';
import type { Tollgate } from '../../src/main/core/app.ts';
import { createTollgate } from '../../src/main/core/app.ts';
import type { CoreConfigInput } from '../../src/main/core/config.ts';
import type { Clock } from '../../src/main/core/lib/clock.ts';
import type { Logger } from '../../src/main/core/lib/logger.ts';
import { silentLogger } from '../../src/main/core/lib/logger.ts';
import { createCaller } from '../../src/main/core/api/root.ts';
import type { Engine, TestDatabase } from './engines.ts';
import { MIGRATIONS } from './engines.ts';

export interface TestApp {
  app: Tollgate;
  db: TestDatabase;
  /** A tRPC caller acting as the given user (null = signed out). */
  as(userId: string | null): ReturnType<typeof createCaller>;
  close(): Promise<void>;
}

export async function startApp(engine: Engine, opts: { clock?: Clock; logger?: Logger; config?: Partial<CoreConfigInput> } = {}): Promise<TestApp> {
  const db = await engine.fresh();
  const app = await createTollgate({
    masterKey: randomBytes(32),
    logger: opts.logger ?? silentLogger(),
    ...(opts.clock ? { clock: opts.clock } : {}),
    config: {
      dataDir: db.dataDir, databaseUrl: engine.name === 'pg' ? db.url : db.url, migrationsRoot: MIGRATIONS,
      rendererDir: null, port: 0, ...opts.config,
    },
  });
  return {
    app, db,
    as: (userId) => createCaller(app.context(userId)),
    async close() {
      await app.close();
      await db.drop();
    },
  };
}

/** Registers a user and returns its id and token. */
export async function registerUser(t: TestApp, email: string, name = email.split('@')[0] ?? 'user') {
  const r = await t.as(null).auth.register({ email, name, password: 'correct horse battery' });
  return { id: r.user.id, token: r.token };
}

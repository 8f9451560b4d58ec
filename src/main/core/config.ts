import { z } from 'zod';

/** Everything the core needs, resolved by the host (serve.ts or the Electron shell). Core reads no env. */
export const coreConfigSchema = z.object({
  dataDir: z.string().min(1),
  /** null = SQLite file `tollgate.db` in dataDir. */
  databaseUrl: z.string().min(1).nullable(),
  host: z.string().min(1).default('127.0.0.1'),
  port: z.number().int().min(0).max(65535).default(8787),
  /** Extra Host names the panel may be reached by (e.g. a team box's DNS name). */
  allowedHosts: z.array(z.string()).default([]),
  migrationsRoot: z.string().min(1),
  /** Built renderer folder served at `/`; null = no panel. */
  rendererDir: z.string().nullable(),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  sqliteSynchronous: z.enum(['FULL', 'NORMAL']).default('FULL'),
  /** Largest request body accepted, in bytes. */
  maxBodyBytes: z.number().int().positive().default(4 * 1024 * 1024),
  /**
   * The ledger writer's worker file. null = `ledger/writer.worker.ts` beside app.ts, right for source runs (serve,
   * tests); the Electron build passes its bundled worker (`?modulePath`).
   */
  ledgerWorkerPath: z.string().min(1).nullable().default(null),
  /** The analytics reader's worker file (SQLite only), injected like ledgerWorkerPath. */
  analyticsWorkerPath: z.string().min(1).nullable().default(null),
  /** Provider keys the instance supplies when an org has no BYOK key of its own (from settings or env). */
  managedKeys: z.record(z.string(), z.object({ apiKey: z.string().nullable(), baseUrl: z.string().nullable() })).default({}),
  /** Mock provider behaviour (latency, pacing), for demos and benchmarks. */
  mock: z.object({ latencyMs: z.number().int().min(0).optional(), chunkDelayMs: z.number().int().min(0).optional(),
    chunkCount: z.number().int().min(1).optional() }).strict().default({}),
  /** Set by the desktop shell: the local owner is signed in without a password. */
  localOwnerMode: z.boolean().default(false),
});

export type CoreConfig = z.infer<typeof coreConfigSchema>;
export type CoreConfigInput = z.input<typeof coreConfigSchema>;

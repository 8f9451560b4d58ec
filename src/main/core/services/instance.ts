import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { access, constants } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { and, asc, eq } from 'drizzle-orm';
import pg from 'pg';
import { z } from 'zod';
import { isPostgresUrl, redactUrl } from '../db/types.ts';
import type { ServiceDeps } from './deps.ts';
import { mutate } from './deps.ts';
import type { Actor } from './orgs.ts';

/** Saved start-up settings, read by the host at the next start; flags and env still win over them. */
export const instanceFileSchema = z.object({
  port: z.number().int().min(1).max(65535).optional(),
  host: z.string().min(1).max(100).optional(),
  /** null = SQLite in the data folder */
  databaseUrl: z.string().min(1).max(1000).nullable().optional(),
}).strict();
export type InstanceFile = z.infer<typeof instanceFileSchema>;

export const INSTANCE_FILE = 'instance.json';

/** The saved settings, or none; a file that is not valid says so (with its path) instead of being half-applied. */
export function readInstanceFile(dataDir: string): InstanceFile {
  const file = join(dataDir, INSTANCE_FILE);
  if (!existsSync(file)) return {};
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file} is not valid JSON (${(err as Error).message}); fix or delete it`);
  }
  const parsed = instanceFileSchema.safeParse(json);
  if (!parsed.success) throw new Error(`${file} has invalid settings (${parsed.error.issues[0]?.message ?? 'unknown'}); fix or delete it`);
  return parsed.data;
}

/** What the host tells the core about the running instance. `managedKeys` is the live object the gateway reads. */
export interface InstanceHost {
  dataDir: string;
  port: () => number;
  host: string;
  databaseLabel: string;
  engine: 'sqlite' | 'postgresql';
  managedKeys: Record<string, { apiKey: string | null; baseUrl: string | null }>;
}

/** The instance's administrator: the desktop's local owner, or an owner of the instance's first organization. */
export async function isInstanceAdmin(deps: ServiceDeps, userId: string): Promise<boolean> {
  const { db, t } = deps.database;
  const [first] = await db.select({ id: t.organizations.id }).from(t.organizations).orderBy(asc(t.organizations.createdAt), asc(t.organizations.id)).limit(1);
  if (!first) return false;
  const [m] = await db.select({ role: t.memberships.role }).from(t.memberships)
    .where(and(eq(t.memberships.orgId, first.id), eq(t.memberships.userId, userId)));
  return m?.role === 'owner';
}

/** Settings row key prefix of the instance's managed provider keys (org id '' = the instance). */
const MANAGED_KEY = 'managedKey:';

/** Managed keys saved from the panel (encrypted), applied over those from the environment. */
export async function loadManagedKeys(deps: ServiceDeps, into: InstanceHost['managedKeys']): Promise<void> {
  const { db, t } = deps.database;
  const rows = await db.select().from(t.settings).where(eq(t.settings.orgId, ''));
  for (const r of rows) {
    if (!r.key.startsWith(MANAGED_KEY)) continue;
    const v = r.value as { sealed: string | null; baseUrl: string | null };
    into[r.key.slice(MANAGED_KEY.length)] = { apiKey: v.sealed ? deps.box.open(v.sealed) : null, baseUrl: v.baseUrl };
  }
}

export function getInstance(deps: ServiceDeps, host: InstanceHost) {
  const saved = readInstanceFile(host.dataDir);
  const running = { port: host.port(), host: host.host, engine: host.engine, database: host.databaseLabel };
  return {
    dataDir: host.dataDir,
    running,
    saved: { port: saved.port ?? null, host: saved.host ?? null,
      databaseUrl: saved.databaseUrl === undefined ? undefined : saved.databaseUrl === null ? null : redactUrl(saved.databaseUrl) },
    restartRequired: (saved.port !== undefined && saved.port !== running.port) || (saved.host !== undefined && saved.host !== running.host)
      || (saved.databaseUrl !== undefined && (saved.databaseUrl === null) !== (running.engine === 'sqlite')),
    managedKeys: Object.entries(host.managedKeys).map(([provider, k]) => ({ provider, baseUrl: k.baseUrl, last4: k.apiKey ? k.apiKey.slice(-4) : null })),
  };
}

export async function saveInstance(deps: ServiceDeps, actor: Actor, host: InstanceHost, patch: InstanceFile) {
  await mutate(deps, async () => {
    const next = { ...readInstanceFile(host.dataDir), ...patch };
    const file = join(host.dataDir, INSTANCE_FILE);
    writeFileSync(`${file}.tmp`, JSON.stringify(next, null, 2), { mode: 0o600 }); // may hold a database password
    renameSync(`${file}.tmp`, file);
    return null;
  }, () => ({ orgId: null, actorType: 'user', actorId: actor.userId, action: 'instance.update', targetType: 'instance', targetId: null,
    details: { port: patch.port, host: patch.host, database: patch.databaseUrl === undefined ? undefined : patch.databaseUrl ? redactUrl(patch.databaseUrl) : 'sqlite' } }));
  return getInstance(deps, host);
}

export async function setManagedKey(
  deps: ServiceDeps, actor: Actor, host: InstanceHost, input: { provider: string; apiKey: string | null; baseUrl: string | null },
) {
  const { t } = deps.database;
  const value = { sealed: input.apiKey ? deps.box.seal(input.apiKey) : null, baseUrl: input.baseUrl };
  await mutate(deps, async (db) => {
    await db.insert(t.settings).values({ orgId: '', key: `${MANAGED_KEY}${input.provider}`, value, updatedAt: deps.clock.now() })
      .onConflictDoUpdate({ target: [t.settings.orgId, t.settings.key], set: { value, updatedAt: deps.clock.now() } });
    return null;
  }, () => ({ orgId: null, actorType: 'user', actorId: actor.userId, action: 'instance.managed_key', targetType: 'instance',
    targetId: input.provider, details: { provider: input.provider, baseUrl: input.baseUrl, set: input.apiKey !== null } }));
  host.managedKeys[input.provider] = { apiKey: input.apiKey, baseUrl: input.baseUrl }; // live: the next request uses it
  return getInstance(deps, host);
}

/** Can this instance use that database? PostgreSQL: connect and ask its version; SQLite: the folder is writable. */
export async function testDatabase(url: string | null, dataDir: string): Promise<{ ok: boolean; message: string }> {
  if (url && isPostgresUrl(url)) {
    const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
    try {
      await c.connect();
      const r = await c.query('SELECT version() AS v');
      return { ok: true, message: String((r.rows[0] as { v: string }).v).split(' on ')[0] ?? 'connected' };
    } catch (err) {
      return { ok: false, message: `${(err as Error).message} (${redactUrl(url)})` };
    } finally {
      await c.end().catch(() => undefined);
    }
  }
  const file = url ?? join(dataDir, 'tollgate.db');
  try {
    await access(dirname(file), constants.W_OK);
    return { ok: true, message: `SQLite at ${file}` };
  } catch {
    return { ok: false, message: `cannot write to ${dirname(file)}` };
  }
}

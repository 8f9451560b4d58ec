import { and, desc, eq } from 'drizzle-orm';
import { notFound } from '../lib/errors.ts';
import type { ServiceDeps } from './deps.ts';
import { mutate } from './deps.ts';
import type { Actor } from './orgs.ts';

function publicColumns(deps: ServiceDeps) {
  const { t } = deps.database;
  const c = t.providerCredentials;
  return { id: c.id, provider: c.provider, label: c.label, baseUrl: c.baseUrl, secretLast4: c.secretLast4, createdAt: c.createdAt };
}

export async function createCredential(
  deps: ServiceDeps, actor: Actor, orgId: string,
  input: { provider: string; label: string; baseUrl?: string | null; secret: string },
) {
  const { t } = deps.database;
  return mutate(deps, async (db) => {
    const [row] = await db.insert(t.providerCredentials).values({
      id: deps.ids.id('cred'), orgId, provider: input.provider, label: input.label, baseUrl: input.baseUrl ?? null,
      secretCiphertext: deps.box.seal(input.secret), secretLast4: input.secret.slice(-4), createdAt: deps.clock.now(),
    }).returning(publicColumns(deps));
    return row!;
  }, (r) => ({ orgId, actorType: 'user', actorId: actor.userId, action: 'credential.create',
    targetType: 'credential', targetId: r.id, details: { provider: input.provider, label: input.label } }));
}

export async function listCredentials(deps: ServiceDeps, orgId: string) {
  const { db, t } = deps.database;
  return db.select(publicColumns(deps)).from(t.providerCredentials)
    .where(eq(t.providerCredentials.orgId, orgId)).orderBy(desc(t.providerCredentials.createdAt));
}

export async function deleteCredential(deps: ServiceDeps, actor: Actor, orgId: string, credentialId: string) {
  const { t } = deps.database;
  return mutate(deps, async (db) => {
    const [row] = await db.delete(t.providerCredentials)
      .where(and(eq(t.providerCredentials.id, credentialId), eq(t.providerCredentials.orgId, orgId)))
      .returning({ id: t.providerCredentials.id });
    if (!row) throw notFound('credential');
    return row;
  }, () => ({ orgId, actorType: 'user', actorId: actor.userId, action: 'credential.delete',
    targetType: 'credential', targetId: credentialId }));
}

/**
 * Asks the provider to list its models with this key: proves the key, the base URL and the network path in one call,
 * without spending anything. The answer never contains the key (provider errors are redacted at the source).
 */
export async function testCredential(deps: ServiceDeps, actor: Actor, orgId: string, credentialId: string) {
  const { db, t } = deps.database;
  const [row] = await db.select().from(t.providerCredentials)
    .where(and(eq(t.providerCredentials.id, credentialId), eq(t.providerCredentials.orgId, orgId)));
  if (!row) throw notFound('credential');
  const provider = deps.providers?.get(row.provider);
  const started = Date.now();
  let result: { ok: boolean; message: string; models: number; latencyMs: number };
  try {
    if (!provider?.listModels) throw new Error(`the ${row.provider} provider cannot be tested`);
    const models = await provider.listModels({ signal: AbortSignal.timeout(10_000),
      credential: { apiKey: deps.box.open(row.secretCiphertext), baseUrl: row.baseUrl } });
    result = { ok: true, message: `connected: ${models.length} models available`, models: models.length, latencyMs: Date.now() - started };
  } catch (err) {
    result = { ok: false, message: (err as Error).message || 'the provider did not answer', models: 0, latencyMs: Date.now() - started };
  }
  await mutate(deps, async () => result, (r) => ({ orgId, actorType: 'user', actorId: actor.userId, action: 'credential.test',
    targetType: 'credential', targetId: credentialId, details: { ok: r.ok, message: r.message } }));
  return result;
}

/** Decrypts an org's key for a provider, in memory only, for the gateway. */
export async function resolveCredential(deps: ServiceDeps, orgId: string, provider: string) {
  const { db, t } = deps.database;
  const [row] = await db.select().from(t.providerCredentials)
    .where(and(eq(t.providerCredentials.orgId, orgId), eq(t.providerCredentials.provider, provider)))
    .orderBy(desc(t.providerCredentials.createdAt)).limit(1);
  return row ? { id: row.id, apiKey: deps.box.open(row.secretCiphertext), baseUrl: row.baseUrl } : null;
}

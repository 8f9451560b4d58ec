import { and, desc, eq, isNull } from 'drizzle-orm';
import { badRequest, notFound } from '../lib/errors.ts';
import { sha256 } from '../lib/secrets.ts';
import type { ServiceDeps } from './deps.ts';
import { mutate } from './deps.ts';
import { getNode } from './hierarchy.ts';
import type { Actor } from './orgs.ts';

export const KEY_PREFIX = 'cpk_';

/** Columns safe to show: never the hash. */
function publicColumns(deps: ServiceDeps) {
  const { t } = deps.database;
  return {
    id: t.apiKeys.id, agentId: t.apiKeys.agentId, name: t.apiKeys.name, prefix: t.apiKeys.prefix, last4: t.apiKeys.last4,
    createdAt: t.apiKeys.createdAt, expiresAt: t.apiKeys.expiresAt, revokedAt: t.apiKeys.revokedAt, lastUsedAt: t.apiKeys.lastUsedAt,
  };
}

export async function createKey(
  deps: ServiceDeps, actor: Actor, orgId: string, input: { agentId: string; name: string; expiresAt?: Date | null },
) {
  const { t } = deps.database;
  await getNode(deps, 'agent', orgId, input.agentId);
  const now = deps.clock.now();
  if (input.expiresAt && input.expiresAt.getTime() <= now.getTime()) throw badRequest('expiresAt must be in the future');
  const plaintext = `${KEY_PREFIX}${deps.ids.secret(30).toString('base64url')}`;
  const key = await mutate(deps, async (db) => {
    const [row] = await db.insert(t.apiKeys).values({
      id: deps.ids.id('key'), orgId, agentId: input.agentId, name: input.name, prefix: plaintext.slice(0, 8),
      keyHash: sha256(plaintext), last4: plaintext.slice(-4), createdAt: now, expiresAt: input.expiresAt ?? null,
      revokedAt: null, lastUsedAt: null,
    }).returning(publicColumns(deps));
    return row!;
  }, (r) => ({ orgId, actorType: 'user', actorId: actor.userId, action: 'api_key.create',
    targetType: 'api_key', targetId: r.id, details: { agentId: input.agentId, name: input.name } }));
  // The only time the plaintext leaves the server.
  return { key, plaintext };
}

export async function listKeys(deps: ServiceDeps, orgId: string, agentId: string) {
  const { db, t } = deps.database;
  return db.select(publicColumns(deps)).from(t.apiKeys)
    .where(and(eq(t.apiKeys.orgId, orgId), eq(t.apiKeys.agentId, agentId))).orderBy(desc(t.apiKeys.createdAt));
}

export async function revokeKey(deps: ServiceDeps, actor: Actor, orgId: string, apiKeyId: string) {
  const { t } = deps.database;
  return mutate(deps, async (db) => {
    const [row] = await db.update(t.apiKeys).set({ revokedAt: deps.clock.now() })
      .where(and(eq(t.apiKeys.id, apiKeyId), eq(t.apiKeys.orgId, orgId), isNull(t.apiKeys.revokedAt))).returning(publicColumns(deps));
    if (row) return row;
    const [existing] = await db.select(publicColumns(deps)).from(t.apiKeys).where(and(eq(t.apiKeys.id, apiKeyId), eq(t.apiKeys.orgId, orgId)));
    if (!existing) throw notFound('api key');
    return existing; // already revoked: revoking again is a no-op
  }, (k) => ({ orgId, actorType: 'user', actorId: actor.userId, action: 'api_key.revoke', targetType: 'api_key',
    targetId: apiKeyId, details: { name: k.name, agentId: k.agentId, last4: k.last4 } }));
}

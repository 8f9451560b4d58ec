import { and, asc, eq, inArray } from 'drizzle-orm';
import { notFound } from '../lib/errors.ts';
import type { ServiceDeps } from './deps.ts';
import { mutate } from './deps.ts';
import type { Actor } from './orgs.ts';
import type { PriceRow } from './pricing-seed.ts';
import { seedPrices } from './pricing-seed.ts';

/** Built-in prices live under org_id '' and are refreshed at start; org overrides are never touched. */
export async function seedPricing(deps: ServiceDeps): Promise<number> {
  const { t } = deps.database;
  const rows = seedPrices();
  await deps.database.tx(async (db) => {
    const now = deps.clock.now();
    for (const r of rows) {
      await db.insert(t.pricing).values({ id: deps.ids.id('prc'), orgId: '', ...r, updatedAt: now })
        .onConflictDoUpdate({ target: [t.pricing.orgId, t.pricing.modelPattern], set: { ...r, updatedAt: now } });
    }
  });
  return rows.length;
}

/** Built-in prices with the org's overrides applied; `overridden` says which. */
export async function listPricing(deps: ServiceDeps, orgId: string) {
  const { db, t } = deps.database;
  const rows = await db.select().from(t.pricing).where(inArray(t.pricing.orgId, ['', orgId])).orderBy(asc(t.pricing.modelPattern));
  const byPattern = new Map<string, (typeof rows)[number]>();
  for (const r of rows) if (r.orgId === orgId || !byPattern.has(r.modelPattern)) byPattern.set(r.modelPattern, r);
  return [...byPattern.values()].map((r) => ({ ...r, overridden: r.orgId === orgId }));
}

export async function upsertPrice(deps: ServiceDeps, actor: Actor, orgId: string, input: PriceRow) {
  const { t } = deps.database;
  return mutate(deps, async (db) => {
    const now = deps.clock.now();
    const { modelPattern, ...values } = input;
    const [row] = await db.insert(t.pricing).values({ id: deps.ids.id('prc'), orgId, modelPattern, ...values, updatedAt: now })
      .onConflictDoUpdate({ target: [t.pricing.orgId, t.pricing.modelPattern], set: { ...values, updatedAt: now } }).returning();
    return row!;
  }, (r) => ({ orgId, actorType: 'user', actorId: actor.userId, action: 'pricing.set', targetType: 'pricing',
    targetId: r.id, details: { ...input } }));
}

export async function deletePriceOverride(deps: ServiceDeps, actor: Actor, orgId: string, modelPattern: string) {
  const { t } = deps.database;
  return mutate(deps, async (db) => {
    const [row] = await db.delete(t.pricing).where(and(eq(t.pricing.orgId, orgId), eq(t.pricing.modelPattern, modelPattern)))
      .returning({ id: t.pricing.id });
    if (!row) throw notFound('price override');
    return row;
  }, () => ({ orgId, actorType: 'user', actorId: actor.userId, action: 'pricing.reset', targetType: 'pricing',
    targetId: modelPattern }));
}

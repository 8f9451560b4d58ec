import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { ServiceDeps } from './deps.ts';
import { mutate } from './deps.ts';
import type { Actor } from './orgs.ts';

/** Org settings: every key is known and validated; unknown keys are rejected at the API edge. */
export const orgSettingsSchema = z.object({
  lowBalanceCredits: z.number().min(0).max(1e9),
  budgetAlertPercents: z.array(z.number().int().min(1).max(100)).max(5),
  defaultModel: z.string().min(1).max(200),
  /** model alias → `provider:upstream-model`, e.g. claude-sonnet → anthropic:claude-sonnet-4-5 */
  modelAliases: z.record(z.string().min(1).max(200), z.string().regex(/^(openai|anthropic|mock):.{1,200}$/, 'use provider:model'))
    .refine((r) => Object.keys(r).length <= 200, 'at most 200 aliases'),
});
export type OrgSettings = z.infer<typeof orgSettingsSchema>;
export const orgSettingsPatch = orgSettingsSchema.partial().strict();

export const DEFAULT_ORG_SETTINGS: OrgSettings = {
  lowBalanceCredits: 10,
  budgetAlertPercents: [80, 100],
  defaultModel: 'mock-gpt',
  modelAliases: {},
};

export async function getSettings(deps: ServiceDeps, orgId: string): Promise<OrgSettings> {
  const { db, t } = deps.database;
  const rows = await db.select().from(t.settings).where(eq(t.settings.orgId, orgId));
  const stored = Object.fromEntries(rows.map((r) => [r.key, r.value]));
  // Values written by an older version that no longer validate fall back to the default.
  const parsed = orgSettingsSchema.partial().safeParse(stored);
  return { ...DEFAULT_ORG_SETTINGS, ...(parsed.success ? parsed.data : {}) };
}

export async function updateSettings(deps: ServiceDeps, actor: Actor, orgId: string, patch: Partial<OrgSettings>) {
  const { t } = deps.database;
  await mutate(deps, async (db) => {
    const now = deps.clock.now();
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) continue;
      await db.insert(t.settings).values({ orgId, key, value, updatedAt: now })
        .onConflictDoUpdate({ target: [t.settings.orgId, t.settings.key], set: { value, updatedAt: now } });
    }
    return null;
  }, () => ({ orgId, actorType: 'user', actorId: actor.userId, action: 'settings.update', targetType: 'settings',
    targetId: orgId, details: patch }));
  return getSettings(deps, orgId);
}

export async function getSetting(deps: ServiceDeps, orgId: string, key: string): Promise<unknown> {
  const { db, t } = deps.database;
  const [row] = await db.select().from(t.settings).where(and(eq(t.settings.orgId, orgId), eq(t.settings.key, key)));
  return row?.value;
}

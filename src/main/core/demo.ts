import { and, eq, isNull } from 'drizzle-orm';
import type { Tollgate } from './app.ts';
import { hashPassword } from './lib/secrets.ts';
import { createKey, revokeKey } from './services/api-keys.ts';
import { register } from './services/auth.ts';
import type { ServiceDeps } from './services/deps.ts';
import { createAgent, createGroup, createWorkspace } from './services/hierarchy.ts';
import { createOrg } from './services/orgs.ts';

export const DEMO_EMAIL = 'demo@tollgate.local';
const MARKER = 'demo';
const STARTER_CREDITS = 100;

export interface DemoInfo {
  email: string;
  password: string;
  orgId: string;
  agentId: string;
  key: string;
  credits: number;
}

async function marker(deps: ServiceDeps): Promise<{ orgId: string; agentId: string } | null> {
  const { db, t } = deps.database;
  const [row] = await db.select().from(t.settings).where(and(eq(t.settings.orgId, ''), eq(t.settings.key, MARKER)));
  const v = row?.value as { orgId?: string; agentId?: string } | undefined;
  if (!v?.orgId || !v.agentId) return null;
  const [agent] = await db.select({ id: t.agents.id }).from(t.agents).where(eq(t.agents.id, v.agentId));
  return agent ? { orgId: v.orgId, agentId: v.agentId } : null;
}

/**
 * `serve --demo`: a demo org → workspace → group → agent on the mock provider with starter credits, created once.
 * Each start issues a fresh key (only key hashes are stored, so an old key cannot be shown again) and a fresh
 * password for the demo account, and revokes the previous demo key.
 */
export async function ensureDemo(app: Tollgate): Promise<DemoInfo> {
  const deps = app.deps;
  const { db, t } = deps.database;
  const password = deps.ids.secret(12).toString('base64url');
  let [user] = await db.select({ id: t.users.id }).from(t.users).where(eq(t.users.email, DEMO_EMAIL));
  if (!user) user = (await register(deps, { email: DEMO_EMAIL, name: 'Demo', password })).user;
  else await db.update(t.users).set({ passwordHash: await hashPassword(password) }).where(eq(t.users.id, user.id));
  const actor = { userId: user.id };

  let m = await marker(deps);
  if (!m) {
    const org = await createOrg(deps, actor, { name: 'Demo' });
    const ws = await createWorkspace(deps, actor, org.id, 'Demo workspace');
    const grp = await createGroup(deps, actor, org.id, ws.id, 'Demo agents');
    const agent = await createAgent(deps, actor, org.id, grp.id, 'demo-agent');
    m = { orgId: org.id, agentId: agent.id };
    await db.insert(t.settings).values({ orgId: '', key: MARKER, value: m, updatedAt: deps.clock.now() })
      .onConflictDoUpdate({ target: [t.settings.orgId, t.settings.key], set: { value: m, updatedAt: deps.clock.now() } });
  }
  // Idempotent by key: bought once however often the demo starts.
  await app.money.credits.purchase(actor, m.orgId, STARTER_CREDITS * 1_000_000, 'demo-starter-credits');
  const old = await db.select({ id: t.apiKeys.id }).from(t.apiKeys)
    .where(and(eq(t.apiKeys.agentId, m.agentId), eq(t.apiKeys.name, 'demo key'), isNull(t.apiKeys.revokedAt)));
  for (const k of old) await revokeKey(deps, actor, m.orgId, k.id);
  const { plaintext } = await createKey(deps, actor, m.orgId, { agentId: m.agentId, name: 'demo key' });
  const balance = await app.money.credits.balance(m.orgId);
  return { email: DEMO_EMAIL, password, orgId: m.orgId, agentId: m.agentId, key: plaintext, credits: balance.balanceCredits };
}

/** What `serve --demo` prints: commands that work as printed. */
export function demoInstructions(url: string, d: DemoInfo): string {
  const body = JSON.stringify({ model: 'mock-gpt', messages: [{ role: 'user', content: 'Hello from Tollgate' }] });
  return [
    '',
    `Demo ready: org "Demo", agent "demo-agent", ${d.credits} credits, mock provider (works offline).`,
    `  control panel: ${url}/  (sign in as ${d.email} / ${d.password})`,
    '',
    '  Try it with curl:',
    `    curl ${url}/v1/chat/completions -H "Authorization: Bearer ${d.key}" -H "Content-Type: application/json" -d '${body}'`,
    '',
    '  OpenAI SDKs (Python or JS):',
    `    export OPENAI_BASE_URL=${url}/v1`,
    `    export OPENAI_API_KEY=${d.key}`,
    '',
    '  Claude Code:',
    `    export ANTHROPIC_BASE_URL=${url}`,
    `    export ANTHROPIC_AUTH_TOKEN=${d.key}`,
    '    export ANTHROPIC_MODEL=mock-claude ANTHROPIC_SMALL_FAST_MODEL=mock-claude   # offline; drop these to use real models',
    '',
  ].join('\n');
}

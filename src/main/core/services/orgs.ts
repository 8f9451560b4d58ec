import { and, asc, eq } from 'drizzle-orm';
import type { Role } from '../db/schema/enums.ts';
import type { Db } from '../db/types.ts';
import { badRequest, conflict, forbidden, notFound } from '../lib/errors.ts';
import type { ServiceDeps } from './deps.ts';
import { mutate, writeAudit } from './deps.ts';
import { atLeast } from './tenancy.ts';

export interface Actor {
  userId: string;
}

/** Creates an org, its billing account and the owner membership inside the caller's transaction. */
export async function createOrgRows(deps: ServiceDeps, db: Db, ownerId: string, name: string) {
  const { t } = deps.database;
  const now = deps.clock.now();
  const org = { id: deps.ids.id('org'), name, timezone: 'UTC', status: 'active' as const, createdAt: now };
  await db.insert(t.organizations).values(org);
  await db.insert(t.billingAccounts).values({ id: deps.ids.id('bil'), orgId: org.id, lowBalanceMicro: 0, createdAt: now });
  await db.insert(t.memberships).values({ orgId: org.id, userId: ownerId, role: 'owner', createdAt: now });
  await writeAudit(deps, db, {
    orgId: org.id, actorType: 'user', actorId: ownerId, action: 'org.create', targetType: 'org', targetId: org.id,
    details: { name },
  });
  return org;
}

export async function createOrg(deps: ServiceDeps, actor: Actor, input: { name: string }) {
  return deps.database.tx((db) => createOrgRows(deps, db, actor.userId, input.name));
}

export async function listMine(deps: ServiceDeps, actor: Actor) {
  const { db, t } = deps.database;
  return db
    .select({ id: t.organizations.id, name: t.organizations.name, timezone: t.organizations.timezone,
      status: t.organizations.status, role: t.memberships.role, createdAt: t.organizations.createdAt })
    .from(t.memberships)
    .innerJoin(t.organizations, eq(t.organizations.id, t.memberships.orgId))
    .where(eq(t.memberships.userId, actor.userId))
    .orderBy(asc(t.organizations.createdAt), asc(t.organizations.id));
}

export async function getOrg(deps: ServiceDeps, orgId: string) {
  const { db, t } = deps.database;
  const [org] = await db.select().from(t.organizations).where(eq(t.organizations.id, orgId));
  if (!org) throw notFound('organization');
  return org;
}

export async function updateOrg(deps: ServiceDeps, actor: Actor, orgId: string, patch: { name?: string; timezone?: string }) {
  const { t } = deps.database;
  return mutate(deps, async (db) => {
    const [row] = await db.update(t.organizations).set(patch).where(eq(t.organizations.id, orgId)).returning();
    if (!row) throw notFound('organization');
    return row;
  }, () => ({ orgId, actorType: 'user', actorId: actor.userId, action: 'org.update', targetType: 'org',
    targetId: orgId, details: patch }));
}

export async function setOrgStatus(deps: ServiceDeps, actor: Actor, orgId: string, status: 'active' | 'disabled') {
  const { t } = deps.database;
  return mutate(deps, async (db) => {
    const [row] = await db.update(t.organizations).set({ status }).where(eq(t.organizations.id, orgId)).returning();
    if (!row) throw notFound('organization');
    return row;
  }, () => ({ orgId, actorType: 'user', actorId: actor.userId, action: `org.${status === 'active' ? 'enable' : 'disable'}`,
    targetType: 'org', targetId: orgId }));
}

export async function listMembers(deps: ServiceDeps, orgId: string) {
  const { db, t } = deps.database;
  const members = await db
    .select({ userId: t.users.id, email: t.users.email, name: t.users.name, role: t.memberships.role,
      joinedAt: t.memberships.createdAt })
    .from(t.memberships)
    .innerJoin(t.users, eq(t.users.id, t.memberships.userId))
    .where(eq(t.memberships.orgId, orgId))
    .orderBy(asc(t.memberships.createdAt));
  const invites = await db.select({ id: t.invites.id, email: t.invites.email, role: t.invites.role, createdAt: t.invites.createdAt })
    .from(t.invites).where(and(eq(t.invites.orgId, orgId)));
  return { members, invites: invites.filter((i) => !members.some((m) => m.email === i.email)) };
}

/** Only an owner may hand out or take away ownership. */
function assertCanGrant(actorRole: Role, from: Role | null, to: Role): void {
  if ((to === 'owner' || from === 'owner') && actorRole !== 'owner') throw forbidden('only an owner can grant or revoke ownership');
  if (!atLeast(actorRole, to)) throw forbidden('cannot grant a role above your own');
}

export async function invite(deps: ServiceDeps, actor: Actor & { role: Role }, orgId: string, input: { email: string; role: Role }) {
  const { t } = deps.database;
  const email = input.email.trim().toLowerCase();
  assertCanGrant(actor.role, null, input.role);
  return mutate(deps, async (db) => {
    const now = deps.clock.now();
    const [u] = await db.select({ id: t.users.id }).from(t.users).where(eq(t.users.email, email));
    if (u) {
      const [m] = await db.select().from(t.memberships).where(and(eq(t.memberships.orgId, orgId), eq(t.memberships.userId, u.id)));
      if (m) throw conflict('this user is already a member');
      await db.insert(t.memberships).values({ orgId, userId: u.id, role: input.role, createdAt: now });
      return { status: 'added' as const, userId: u.id as string | null };
    }
    await db.insert(t.invites).values({ id: deps.ids.id('inv'), orgId, email, role: input.role, invitedBy: actor.userId, createdAt: now })
      .onConflictDoUpdate({ target: [t.invites.orgId, t.invites.email], set: { role: input.role, createdAt: now } });
    return { status: 'invited' as const, userId: null as string | null };
  }, (r) => ({ orgId, actorType: 'user', actorId: actor.userId, action: 'member.invite', targetType: 'user',
    targetId: r.userId, details: { email, role: input.role, status: r.status } }));
}

async function ownerCount(db: Db, deps: ServiceDeps, orgId: string): Promise<number> {
  const { t } = deps.database;
  const rows = await db.select({ u: t.memberships.userId }).from(t.memberships)
    .where(and(eq(t.memberships.orgId, orgId), eq(t.memberships.role, 'owner')));
  return rows.length;
}

export async function changeRole(deps: ServiceDeps, actor: Actor & { role: Role }, orgId: string, input: { userId: string; role: Role }) {
  const { t } = deps.database;
  return mutate(deps, async (db) => {
    const [m] = await db.select().from(t.memberships).where(and(eq(t.memberships.orgId, orgId), eq(t.memberships.userId, input.userId)));
    if (!m) throw notFound('member');
    assertCanGrant(actor.role, m.role, input.role);
    if (m.role === 'owner' && input.role !== 'owner' && (await ownerCount(db, deps, orgId)) <= 1) {
      throw badRequest('an organization needs at least one owner');
    }
    await db.update(t.memberships).set({ role: input.role }).where(and(eq(t.memberships.orgId, orgId), eq(t.memberships.userId, input.userId)));
    return { userId: input.userId, role: input.role };
  }, () => ({ orgId, actorType: 'user', actorId: actor.userId, action: 'member.change_role', targetType: 'user',
    targetId: input.userId, details: { role: input.role } }));
}

export async function removeMember(deps: ServiceDeps, actor: Actor & { role: Role }, orgId: string, input: { userId: string }) {
  const { t } = deps.database;
  return mutate(deps, async (db) => {
    const [m] = await db.select().from(t.memberships).where(and(eq(t.memberships.orgId, orgId), eq(t.memberships.userId, input.userId)));
    if (!m) throw notFound('member');
    if (m.role === 'owner') {
      if (actor.role !== 'owner') throw forbidden('only an owner can remove an owner');
      if ((await ownerCount(db, deps, orgId)) <= 1) throw badRequest('an organization needs at least one owner');
    }
    await db.delete(t.memberships).where(and(eq(t.memberships.orgId, orgId), eq(t.memberships.userId, input.userId)));
    return { userId: input.userId };
  }, () => ({ orgId, actorType: 'user', actorId: actor.userId, action: 'member.remove', targetType: 'user',
    targetId: input.userId }));
}

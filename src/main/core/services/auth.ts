import { and, count, eq, gt, isNull } from 'drizzle-orm';
import { badRequest, conflict, unauthorized } from '../lib/errors.ts';
import { hashPassword, sha256, verifyPassword } from '../lib/secrets.ts';
import type { ServiceDeps } from './deps.ts';
import { writeAudit } from './deps.ts';
import { createOrgRows } from './orgs.ts';

const SESSION_DAYS = 30;

export interface PublicUser {
  id: string;
  email: string;
  name: string;
  createdAt: Date;
}

function newSession(deps: ServiceDeps): { token: string; id: string } {
  const token = `tgs_${deps.ids.secret(32).toString('base64url')}`;
  return { token, id: sha256(token) };
}

async function startSession(deps: ServiceDeps, userId: string): Promise<string> {
  const { db, t } = deps.database;
  const s = newSession(deps);
  const now = deps.clock.now();
  await db.insert(t.sessions).values({
    id: s.id, userId, createdAt: now, expiresAt: new Date(now.getTime() + SESSION_DAYS * 86_400_000),
  });
  return s.token;
}

export async function register(
  deps: ServiceDeps,
  input: { email: string; name: string; password: string },
): Promise<{ user: PublicUser; token: string }> {
  const { t } = deps.database;
  const email = input.email.trim().toLowerCase();
  const passwordHash = await hashPassword(input.password);
  const user = await deps.database.tx(async (db) => {
    const [existing] = await db.select({ id: t.users.id }).from(t.users).where(eq(t.users.email, email));
    if (existing) throw conflict('an account with this email already exists');
    const now = deps.clock.now();
    const u = { id: deps.ids.id('usr'), email, name: input.name.trim(), passwordHash, createdAt: now };
    await db.insert(t.users).values(u);
    await writeAudit(deps, db, {
      orgId: null, actorType: 'user', actorId: u.id, action: 'user.register', targetType: 'user', targetId: u.id,
    });
    // Pending invites for this address become memberships.
    const pending = await db.select().from(t.invites).where(and(eq(t.invites.email, email), isNull(t.invites.acceptedAt)));
    for (const inv of pending) {
      await db.insert(t.memberships).values({ orgId: inv.orgId, userId: u.id, role: inv.role, createdAt: now });
      await db.update(t.invites).set({ acceptedAt: now }).where(eq(t.invites.id, inv.id));
      await writeAudit(deps, db, {
        orgId: inv.orgId, actorType: 'user', actorId: u.id, action: 'member.join', targetType: 'user', targetId: u.id,
        details: { role: inv.role, inviteId: inv.id },
      });
    }
    // The first user of an empty instance owns its first organization.
    const [orgCount] = await db.select({ n: count() }).from(t.organizations);
    if ((orgCount?.n ?? 0) === 0) await createOrgRows(deps, db, u.id, 'My organization');
    return u;
  });
  const token = await startSession(deps, user.id);
  return { user: publicUser(user), token };
}

export async function login(
  deps: ServiceDeps,
  input: { email: string; password: string },
): Promise<{ user: PublicUser; token: string }> {
  const { db, t } = deps.database;
  const [u] = await db.select().from(t.users).where(eq(t.users.email, input.email.trim().toLowerCase()));
  // Same error for unknown email and wrong password, so accounts cannot be probed.
  if (!u?.passwordHash || !(await verifyPassword(input.password, u.passwordHash))) {
    throw unauthorized('wrong email or password');
  }
  return { user: publicUser(u), token: await startSession(deps, u.id) };
}

/** Resolves a bearer token to a user id, or null when unknown, expired or revoked. */
export async function sessionUser(deps: ServiceDeps, token: string): Promise<string | null> {
  if (!token.startsWith('tgs_') || token.length > 200) return null;
  const { db, t } = deps.database;
  const [s] = await db
    .select({ userId: t.sessions.userId })
    .from(t.sessions)
    .where(and(eq(t.sessions.id, sha256(token)), isNull(t.sessions.revokedAt), gt(t.sessions.expiresAt, deps.clock.now())));
  return s?.userId ?? null;
}

export async function logout(deps: ServiceDeps, token: string, userId: string, everywhere: boolean): Promise<void> {
  const { t } = deps.database;
  await deps.database.tx(async (db) => {
    const now = deps.clock.now();
    const where = everywhere
      ? and(eq(t.sessions.userId, userId), isNull(t.sessions.revokedAt))
      : and(eq(t.sessions.id, sha256(token)), eq(t.sessions.userId, userId));
    await db.update(t.sessions).set({ revokedAt: now }).where(where);
    await writeAudit(deps, db, {
      orgId: null, actorType: 'user', actorId: userId, action: everywhere ? 'session.revoke_all' : 'session.revoke',
      targetType: 'user', targetId: userId,
    });
  });
}

export async function me(deps: ServiceDeps, userId: string): Promise<PublicUser> {
  const { db, t } = deps.database;
  const [u] = await db.select().from(t.users).where(eq(t.users.id, userId));
  if (!u) throw unauthorized();
  return publicUser(u);
}

/** The desktop app's local owner: created once, signs in without a password. */
export async function ensureLocalOwner(deps: ServiceDeps): Promise<string> {
  const { db, t } = deps.database;
  const email = 'owner@local';
  const [u] = await db.select({ id: t.users.id }).from(t.users).where(eq(t.users.email, email));
  if (u) return u.id;
  return deps.database.tx(async (tx) => {
    const id = deps.ids.id('usr');
    await tx.insert(t.users).values({ id, email, name: 'Local owner', passwordHash: null, createdAt: deps.clock.now() });
    const [orgCount] = await tx.select({ n: count() }).from(t.organizations);
    if ((orgCount?.n ?? 0) === 0) await createOrgRows(deps, tx, id, 'My organization');
    return id;
  });
}

function publicUser(u: { id: string; email: string; name: string; createdAt: Date }): PublicUser {
  if (!u.email) throw badRequest('user has no email');
  return { id: u.id, email: u.email, name: u.name, createdAt: u.createdAt };
}

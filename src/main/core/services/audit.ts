import { and, desc, eq, gte, lt, lte, or } from 'drizzle-orm';
import type { ServiceDeps } from './deps.ts';

export interface AuditFilter {
  actorId?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  from?: Date;
  to?: Date;
  cursor?: string;
  limit: number;
}

/** Cursor = "<createdAt ms>:<id>" of the last row seen; newest first. */
export async function listAudit(deps: ServiceDeps, orgId: string, f: AuditFilter) {
  const { db, t } = deps.database;
  const a = t.auditLog;
  const conds = [eq(a.orgId, orgId)];
  if (f.actorId) conds.push(eq(a.actorId, f.actorId));
  if (f.action) conds.push(eq(a.action, f.action));
  if (f.targetType) conds.push(eq(a.targetType, f.targetType));
  if (f.targetId) conds.push(eq(a.targetId, f.targetId));
  if (f.from) conds.push(gte(a.createdAt, f.from));
  if (f.to) conds.push(lte(a.createdAt, f.to));
  if (f.cursor) {
    const [ms, id] = f.cursor.split(':');
    const at = new Date(Number(ms));
    if (id && !Number.isNaN(at.getTime())) conds.push(or(lt(a.createdAt, at), and(eq(a.createdAt, at), lt(a.id, id)))!);
  }
  const rows = await db.select().from(a).where(and(...conds)).orderBy(desc(a.createdAt), desc(a.id)).limit(f.limit + 1);
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  return { items: page, nextCursor: rows.length > f.limit && last ? `${last.createdAt.getTime()}:${last.id}` : null };
}

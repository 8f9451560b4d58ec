import { and, desc, eq, gte, lte } from 'drizzle-orm';
import type { ServiceDeps } from './deps.ts';
import { olderThan, pageOf, parseCursor } from './paging.ts';

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

/** Newest first, paged by cursor (services/paging.ts). */
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
  const cursor = f.cursor ? parseCursor(f.cursor) : null;
  if (cursor) conds.push(olderThan(a.createdAt, a.id, cursor));
  const rows = await db.select().from(a).where(and(...conds)).orderBy(desc(a.createdAt), desc(a.id)).limit(f.limit + 1);
  return pageOf(rows, f.limit);
}

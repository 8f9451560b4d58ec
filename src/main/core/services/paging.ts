import { and, eq, lt, or } from 'drizzle-orm';
import type { Column, SQL } from 'drizzle-orm';

/** Newest-first keyset paging over (created_at, id): a cursor is "<created_at ms>:<id>" of the last row seen. */
export function parseCursor(cursor: string): { at: Date; id: string } | null {
  const [ms, id] = cursor.split(':');
  const at = new Date(Number(ms));
  return id && !Number.isNaN(at.getTime()) ? { at, id } : null;
}

/** Rows strictly after the cursor in (created_at DESC, id DESC) order. */
export function olderThan(createdAt: Column, id: Column, c: { at: Date; id: string }): SQL {
  return or(lt(createdAt, c.at), and(eq(createdAt, c.at), lt(id, c.id)))!;
}

/** Callers fetch `limit + 1` rows; the extra one only says whether there is a next page. */
export function pageOf<T extends { createdAt: Date; id: string }>(rows: T[], limit: number): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? `${last.createdAt.getTime()}:${last.id}` : null };
}

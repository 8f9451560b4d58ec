import { getTableColumns, getTableName } from 'drizzle-orm';
import { describe, expect, expectTypeOf, it } from 'vitest';
import * as pgSchema from '../../src/main/core/db/schema/pg.ts';
import * as sqliteSchema from '../../src/main/core/db/schema/sqlite.ts';

type Pg = typeof pgSchema;
type Lite = typeof sqliteSchema;
type Rows<S> = { [K in keyof S]: S[K] extends { $inferSelect: infer R } ? R : never };
type Inserts<S> = { [K in keyof S]: S[K] extends { $inferInsert: infer R } ? R : never };

describe('the SQLite and PostgreSQL schemas agree', () => {
  it('have the same tables with the same TypeScript row types (checked by tsc)', () => {
    expectTypeOf<keyof Pg>().toEqualTypeOf<keyof Lite>();
    expectTypeOf<Rows<Pg>>().toEqualTypeOf<Rows<Lite>>();
    expectTypeOf<Inserts<Pg>>().toEqualTypeOf<Inserts<Lite>>();
  });

  it('have the same table names, column names, nullability and defaults at runtime', () => {
    const describeSchema = (s: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(s).map(([k, table]) => {
        const cols = getTableColumns(table as never) as Record<string, { name: string; notNull: boolean; hasDefault: boolean; primary: boolean }>;
        return [k, { name: getTableName(table as never), cols: Object.fromEntries(Object.entries(cols).map(([ck, c]) =>
          [ck, { name: c.name, notNull: c.notNull, hasDefault: c.hasDefault, primary: c.primary }])) }];
      }));
    expect(describeSchema(sqliteSchema)).toEqual(describeSchema(pgSchema));
  });
});

import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.ts';
import { registerUser, startApp } from '../helpers/app.ts';
import { engines } from '../helpers/engines.ts';

/** drizzle wraps driver errors ("Failed query: …"); the reason is on the cause. */
async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'accepted';
  } catch (err) {
    const e = err as Error & { cause?: Error };
    return `${e.message} ${e.cause?.message ?? ''}`;
  }
}

describe.each(engines())('ledger and audit rows are append-only on $name', (engine) => {
  let t: TestApp;
  let orgId: string;

  beforeAll(async () => {
    if (!engine.available) return;
    t = await startApp(engine);
    const u = await registerUser(t, 'ledger@example.com');
    orgId = (await t.as(u.id).orgs.listMine())[0]!.id;
    const { db, t: tb } = t.app.database;
    await db.insert(tb.ledgerEntries).values({ id: 'led_1', orgId, kind: 'purchase', amountMicro: 5_000_000,
      idempotencyKey: 'k1', description: 'seed', createdAt: new Date() });
  });
  afterAll(async () => t?.close());

  it.skipIf(!engine.available)('refuses UPDATE and DELETE through the ORM', async () => {
    const { db, t: tb } = t.app.database;
    expect(await refusal(db.update(tb.ledgerEntries).set({ amountMicro: 1 }))).toMatch(/append-only/);
    expect(await refusal(db.delete(tb.ledgerEntries))).toMatch(/append-only/);
    expect(await refusal(db.update(tb.auditLog).set({ action: 'forged' }))).toMatch(/append-only/);
    expect(await refusal(db.delete(tb.auditLog))).toMatch(/append-only/);
    const rows = await db.select().from(tb.ledgerEntries);
    expect(rows.map((r) => r.amountMicro)).toEqual([5_000_000]);
  });

  it.skipIf(!engine.available || engine.name !== 'pg')('refuses raw SQL UPDATE, DELETE and TRUNCATE in PostgreSQL', async () => {
    const c = new pg.Client({ connectionString: t.db.url });
    await c.connect();
    try {
      for (const stmt of ['UPDATE ledger_entries SET amount_micro = 0', 'DELETE FROM ledger_entries', 'TRUNCATE ledger_entries',
        'UPDATE audit_log SET action = \'x\'', 'DELETE FROM audit_log', 'TRUNCATE audit_log CASCADE']) {
        await expect(c.query(stmt), stmt).rejects.toThrow(/append-only/);
      }
      const r = await c.query('SELECT sum(amount_micro)::bigint AS s FROM ledger_entries');
      expect(Number(r.rows[0].s)).toBe(5_000_000);
    } finally {
      await c.end();
    }
  });

  it.skipIf(!engine.available)('still accepts inserts', async () => {
    const { db, t: tb } = t.app.database;
    await db.insert(tb.ledgerEntries).values({ id: 'led_2', orgId, kind: 'charge', amountMicro: -1, idempotencyKey: 'k2',
      description: '', createdAt: new Date() });
    const [row] = await db.select({ s: sql<number>`sum(${tb.ledgerEntries.amountMicro})`.mapWith(Number) }).from(tb.ledgerEntries);
    expect(row!.s).toBe(4_999_999);
  });
});

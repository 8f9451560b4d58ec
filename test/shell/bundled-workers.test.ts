// The desktop app runs the bundled worker files (out/main/*.worker.js, from `npm run build`), not the TypeScript
// sources the other tests load. This drives the bundled ledger writer end to end on a real SQLite file: a purchase,
// a run of one-op charges (the writer thread's polling path) and a concurrent burst, then a verify on the bundled
// reader. CI builds first and fails here without a current bundle; elsewhere a missing or stale build is skipped
// with a message (`npm test` builds before its run).
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/core/db/open.ts';
import type { Database } from '../../src/main/core/db/types.ts';
import { BucketCache } from '../../src/main/core/ledger/periods.ts';
import type { LedgerOp } from '../../src/main/core/ledger/types.ts';
import { LedgerWriter } from '../../src/main/core/ledger/writer.ts';
import { silentLogger } from '../../src/main/core/lib/logger.ts';
import { WORKER_ENTRIES } from '../../src/main/shell/paths.ts';
import type { TestDatabase } from '../helpers/engines.ts';
import { engines, MIGRATIONS, ROOT } from '../helpers/engines.ts';
import { staleReason } from '../../scripts/ensure-built.ts';

const BUNDLE = join(ROOT, 'out', 'main', `${WORKER_ENTRIES.ledger}.js`);
// A stale bundle would test old code: missing and out-of-date count alike.
const stale = staleReason(ROOT);
const built = stale === null;
if (!built && process.env.CI === 'true') throw new Error(`out/ is not usable (${stale}): CI must run \`npm run build\` before the tests`);
if (!built) console.log(`[tollgate] out/ is not usable (${stale}; npm run build): skipping the bundled-worker test`);

const ORG = 'org_bundle';
let seq = 0;
const buckets = new BucketCache('UTC');

function op(kind: 'purchase' | 'charge', amountMicro: number): LedgerOp {
  const n = ++seq;
  const now = Date.now();
  const charge = kind === 'charge';
  return { entry: { id: `led_b${n}`, orgId: ORG, kind, amountMicro, idempotencyKey: `${kind}:b${n}`, workspaceId: null,
    agentGroupId: null, agentId: null, requestId: charge ? `req_b${n}` : null, actorUserId: null, description: 'bundle',
    createdAtMs: now }, ...(charge ? { buckets: buckets.buckets(now) } : {}) };
}

describe.skipIf(!built)('the bundled ledger worker', () => {
  let tdb: TestDatabase;
  let database: Database;
  let writer: LedgerWriter;
  beforeAll(async () => {
    tdb = await engines()[0]!.fresh();
    database = await openDatabase({ url: tdb.url, migrationsRoot: MIGRATIONS, sqliteSynchronous: 'FULL' });
    await database.db.insert(database.t.organizations).values({ id: ORG, name: 'bundle', createdAt: new Date() });
    writer = await LedgerWriter.start({ workerPath: BUNDLE, databaseUrl: tdb.url, sqliteSynchronous: 'FULL', logger: silentLogger() });
  });
  afterAll(async () => {
    await writer?.close();
    await database?.close();
    await tdb?.drop();
  });

  it('commits, replays and verifies through the built file', async () => {
    const first = op('purchase', 1_000_000);
    expect((await writer.submit(first)).replayed).toBe(false);
    for (let i = 0; i < 20; i += 1) await writer.submit(op('charge', -1_000)); // one op per batch
    await Promise.all(Array.from({ length: 200 }, () => writer.submit(op('charge', -500))));
    const again = await writer.submit({ ...first, entry: { ...first.entry!, id: 'led_other' } });
    expect(again.replayed).toBe(true);
    expect(again.entry?.id).toBe(first.entry!.id);

    const rows = await database.db.select().from(database.t.ledgerEntries);
    expect(rows).toHaveLength(221);
    expect(rows.reduce((s, r) => s + r.amountMicro, 0)).toBe(1_000_000 - 20 * 1_000 - 200 * 500);
    const report = await writer.verify(ORG);
    expect(report.ok).toBe(true);
  });
});

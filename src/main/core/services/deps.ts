import { EventEmitter } from 'node:events';
import type { Database, Db } from '../db/types.ts';
import type { Clock } from '../lib/clock.ts';
import type { IdGen } from '../lib/ids.ts';
import type { SecretBox } from '../lib/secrets.ts';
import type { ProviderRegistry } from '../providers/registry.ts';
import type { InstanceHost } from './instance.ts';

/** What changed, so in-memory caches (gateway key/policy cache, governor) can drop stale state. */
export interface ChangeEvent {
  orgId: string;
  entity: string;
  id: string | null;
}

export interface CoreEventMap {
  change: [ChangeEvent];
}

export class CoreEvents extends EventEmitter<CoreEventMap> {}

/** One audit row. Written in the same transaction as the change it describes. */
export interface AuditInput {
  orgId: string | null;
  actorType: 'user' | 'system' | 'agent';
  actorId: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  details?: Record<string, unknown>;
}

export interface ServiceDeps {
  database: Database;
  clock: Clock;
  ids: IdGen;
  box: SecretBox;
  events: CoreEvents;
  /** The gateway's providers, for connection tests; set by the host once they exist. */
  providers?: ProviderRegistry;
  /** The running instance, for its settings procedures; set by the host. */
  instance?: InstanceHost;
}

export async function writeAudit(deps: ServiceDeps, db: Db, a: AuditInput): Promise<void> {
  const { t } = deps.database;
  await db.insert(t.auditLog).values({
    id: deps.ids.id('aud'),
    orgId: a.orgId,
    actorType: a.actorType,
    actorId: a.actorId,
    action: a.action,
    targetType: a.targetType,
    targetId: a.targetId,
    details: a.details ?? {},
    createdAt: deps.clock.now(),
  });
}

/** Runs a mutation and its audit entry in one transaction, then tells caches what changed. */
export async function mutate<T>(
  deps: ServiceDeps,
  fn: (db: Db) => Promise<T>,
  audit: (result: T) => AuditInput,
): Promise<T> {
  let entry: AuditInput | null = null;
  const out = await deps.database.tx(async (db) => {
    const result = await fn(db);
    entry = audit(result);
    await writeAudit(deps, db, entry);
    return result;
  });
  const a = entry as AuditInput | null;
  if (a?.orgId) deps.events.emit('change', { orgId: a.orgId, entity: a.targetType, id: a.targetId });
  return out;
}

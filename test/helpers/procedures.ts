import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { AuthRule } from '../../src/main/core/api/trpc.ts';
import { appRouter } from '../../src/main/core/api/root.ts';
import type { Database } from '../../src/main/core/db/types.ts';

export interface ProcInfo {
  path: string;
  type: 'query' | 'mutation' | 'subscription';
  auth: AuthRule | undefined;
  /** JSON schema of the input (null = takes no input). */
  schema: JsonSchema | null;
}

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  anyOf?: JsonSchema[];
  items?: JsonSchema;
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  format?: string;
  default?: unknown;
}

interface ProcDef {
  _def: { type: ProcInfo['type']; meta?: { auth?: AuthRule }; inputs: z.ZodType[] };
}

/** Every procedure of the root router, discovered from the router itself (never listed by hand). */
export function allProcedures(): ProcInfo[] {
  const procs = (appRouter as unknown as { _def: { procedures: Record<string, ProcDef> } })._def.procedures;
  return Object.entries(procs).map(([path, p]) => ({
    path,
    type: p._def.type,
    auth: p._def.meta?.auth,
    schema: p._def.inputs[0]
      ? (z.toJSONSchema(p._def.inputs[0], { io: 'input', unrepresentable: 'any' }) as JsonSchema)
      : null,
  }));
}

/** Fills a schema with valid values; fields named like ids take the given fixture ids. */
export function sample(schema: JsonSchema, ids: Record<string, string>, key = ''): unknown {
  if (key in ids) return ids[key];
  if (key === 'target') return schema.type === 'object' ? { scope: 'workspace', id: ids.workspaceId } : 'mock:mock-gpt';
  if (schema.anyOf) return sample(schema.anyOf.find((s) => s.type && s.type !== 'null') ?? {}, ids, key);
  if (schema.enum) return key === 'role' ? 'member' : key === 'provider' ? 'openai' : schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, s] of Object.entries(schema.properties ?? {})) {
        if (schema.required?.includes(k) || k in ids) out[k] = sample(s, ids, k);
      }
      return out;
    }
    case 'string':
      if (key === 'email' || schema.format === 'email') return 'someone@example.com';
      if (key === 'timezone') return 'Europe/Paris';
      if (key === 'baseUrl') return 'http://127.0.0.1:9/v1';
      return `sample-${key || 'value'}`;
    case 'number':
    case 'integer':
      return Math.max(1, schema.minimum ?? 1);
    case 'boolean':
      return false;
    case 'array':
      return [];
    default:
      // z.coerce.date() has no JSON-schema type; range fields get a valid window ending now.
      if (key === 'from' || key === 'to') return new Date(Date.now() + (key === 'to' ? 0 : -86_400_000)).toISOString();
      return key.endsWith('At') ? new Date(Date.now() + 86_400_000).toISOString() : 'x';
  }
}

/** A hash of every row of every table: equal before and after means nothing changed. */
export async function snapshot(database: Database): Promise<string> {
  const h = createHash('sha256');
  for (const [name, table] of Object.entries(database.t)) {
    if (typeof table !== 'object' || table === null || !('$inferSelect' in table)) continue;
    const rows = await database.db.select().from(table as typeof database.t.users);
    const lines = rows.map((r) => JSON.stringify(r)).sort();
    h.update(`${name}:${lines.join('\n')}\n`);
  }
  return h.digest('hex');
}

/** Calls a procedure by its dotted path on a tRPC caller. */
export async function callPath(caller: unknown, path: string, input: unknown): Promise<unknown> {
  let fn: unknown = caller;
  for (const part of path.split('.')) fn = (fn as Record<string, unknown>)[part];
  return (fn as (i: unknown) => Promise<unknown>)(input);
}

export async function errorCode(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'OK';
  } catch (err) {
    return (err as { code?: string }).code ?? `THREW:${(err as Error).message}`;
  }
}

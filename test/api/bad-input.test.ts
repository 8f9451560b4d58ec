import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.ts';
import { startApp } from '../helpers/app.ts';
import { engines } from '../helpers/engines.ts';
import type { JsonSchema, ProcInfo } from '../helpers/procedures.ts';
import { allProcedures, callPath, errorCode, sample, snapshot } from '../helpers/procedures.ts';
import type { Tenant } from '../helpers/tenant.ts';
import { seedTenant } from '../helpers/tenant.ts';

const ID_FIELDS = ['orgId', 'workspaceId', 'agentGroupId', 'agentId', 'apiKeyId', 'credentialId', 'policyId', 'budgetId', 'userId'];

function wrongType(s: JsonSchema): unknown {
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  return type === 'string' ? 12345 : type === 'number' || type === 'integer' ? 'not-a-number' : type === 'boolean' ? 'yes'
    : type === 'array' ? 'not-an-array' : type === 'object' ? 'not-an-object' : { unexpected: true };
}

/** Variants of a valid input that must all be refused: name → input. */
function badVariants(p: ProcInfo, valid: Record<string, unknown>, other: Record<string, string>): [string, unknown][] {
  const props = p.schema?.properties ?? {};
  const out: [string, unknown][] = [['unknown field', { ...valid, bogusField: 1 }], ['not an object', 'hello']];
  for (const [k, s] of Object.entries(props)) {
    out.push([`${k}: wrong type`, { ...valid, [k]: wrongType(s) }]);
    if (p.schema?.required?.includes(k)) {
      const { [k]: _drop, ...rest } = valid;
      out.push([`${k}: missing`, rest]);
    }
    const type = Array.isArray(s.type) ? s.type[0] : s.type;
    if (type === 'string' || ID_FIELDS.includes(k)) out.push([`${k}: oversized`, { ...valid, [k]: 'x'.repeat(100_000) }]);
    if (ID_FIELDS.includes(k)) out.push([`${k}: unknown id`, { ...valid, [k]: `${k.replace(/Id$/, '')}_doesnotexist` }]);
    // Another tenant's id in a secondary field (the tenant field itself is covered by the tenancy test).
    if (ID_FIELDS.includes(k) && k !== (p.auth?.kind === 'org' ? p.auth.via : '') && other[k]) {
      out.push([`${k}: other tenant's id`, { ...valid, [k]: other[k] }]);
    }
    if (k === 'target') {
      out.push(['target: other tenant\'s workspace', { ...valid, target: { scope: 'workspace', id: other.workspaceId } }]);
      out.push(['target: scope/id mismatch', { ...valid, target: { scope: 'agent', id: valid.orgId } }]);
    }
  }
  return out;
}

describe.each(engines())('bad input on $name', (engine) => {
  let t: TestApp;
  let a: Tenant;
  let b: Tenant;

  beforeAll(async () => {
    if (!engine.available) return;
    t = await startApp(engine);
    a = await seedTenant(t, 'ann@a.example');
    b = await seedTenant(t, 'bob@b.example');
  });
  afterAll(async () => t?.close());

  const mutations = allProcedures().filter((p) => p.type === 'mutation' && p.schema);

  it.skipIf(!engine.available).each(mutations.map((p) => [p.path, p] as const))(
    '%s refuses every malformed input with a typed error and changes nothing', async (path, p) => {
      const valid = sample(p.schema!, a.ids) as Record<string, unknown>;
      const before = await snapshot(t.app.database);
      const caller = t.as(a.ownerId);
      for (const [label, input] of badVariants(p, valid, b.ids)) {
        const code = await errorCode(callPath(caller, path, input));
        // user-level filters may legitimately accept a foreign id only for reads; for mutations all must fail
        expect(['BAD_REQUEST', 'NOT_FOUND', 'FORBIDDEN', 'CONFLICT', 'UNAUTHORIZED'], `${path} / ${label} → ${code}`).toContain(code);
      }
      expect(await snapshot(t.app.database)).toBe(before);
    });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../src/main/core/db/schema/enums.ts';
import { TARGET_FIELDS } from '../../src/main/core/services/tenancy.ts';
import type { TestApp } from '../helpers/app.ts';
import { registerUser, startApp } from '../helpers/app.ts';
import { engines } from '../helpers/engines.ts';
import { seedTenant } from '../helpers/tenant.ts';
import type { Tenant } from '../helpers/tenant.ts';
import { allProcedures, callPath, errorCode, sample, snapshot } from '../helpers/procedures.ts';

const procedures = allProcedures();

describe('every procedure declares an authorization rule', () => {
  it.each(procedures.map((p) => [p.path, p] as const))('%s', (_path, p) => {
    expect(p.auth, 'procedure has no authorization rule').toBeDefined();
    expect(['public', 'user', 'org', 'instance']).toContain(p.auth!.kind);
    if (p.auth!.kind === 'org') {
      expect(ROLES).toContain(p.auth!.role);
      expect(TARGET_FIELDS).toContain(p.auth!.via);
      // The field the rule resolves the tenant from must be a required input field.
      expect(p.schema?.required ?? []).toContain(p.auth!.via);
    }
  });
  it('public procedures are only the sign-in ones', () => {
    expect(procedures.filter((p) => p.auth?.kind === 'public').map((p) => p.path).sort())
      .toEqual(['auth.login', 'auth.register', 'auth.session']);
  });
});

describe.each(engines())('tenant isolation on $name', (engine) => {
  let t: TestApp;
  let a: Tenant;
  let outsider: string;

  beforeAll(async () => {
    if (!engine.available) return;
    t = await startApp(engine);
    a = await seedTenant(t, 'alice@a.example');
    outsider = (await registerUser(t, 'mallory@b.example')).id;
    const [own] = await t.as(outsider).orgs.listMine();
    if (!own) await t.as(outsider).orgs.create({ name: 'Mallory Corp' });
  });
  afterAll(async () => t?.close());

  const orgProcs = procedures.filter((p) => p.auth?.kind === 'org');

  it.skipIf(!engine.available).each(orgProcs.map((p) => [p.path, p] as const))(
    '%s refuses another org\'s user and changes nothing', async (path, p) => {
      const input = sample(p.schema!, a.ids);
      const before = await snapshot(t.app.database);
      const code = await errorCode(callPath(t.as(outsider), path, input));
      expect(['FORBIDDEN', 'NOT_FOUND']).toContain(code);
      expect(await snapshot(t.app.database)).toBe(before);
    });

  const mutations = orgProcs.filter((p) => p.type === 'mutation');
  it.skipIf(!engine.available).each(mutations.map((p) => [p.path, p] as const))(
    '%s refuses a viewer and changes nothing', async (path, p) => {
      const input = sample(p.schema!, a.ids);
      const before = await snapshot(t.app.database);
      expect(await errorCode(callPath(t.as(a.viewerId), path, input))).toBe('FORBIDDEN');
      expect(await snapshot(t.app.database)).toBe(before);
    });

  it.skipIf(!engine.available).each(orgProcs.filter((p) => p.type === 'query').map((p) => [p.path, p] as const))(
    '%s answers the org\'s own viewer (so the refusals above are about tenancy, not bad input)', async (path, p) => {
      expect(await errorCode(callPath(t.as(a.viewerId), path, sample(p.schema!, a.ids)))).toBe(
        p.auth?.kind === 'org' && p.auth.role === 'viewer' ? 'OK' : 'FORBIDDEN');
    });

  const instanceProcs = procedures.filter((p) => p.auth?.kind === 'instance');
  it.skipIf(!engine.available).each(instanceProcs.map((p) => [p.path, p] as const))(
    '%s is refused to everyone but the instance administrator, and changes nothing', async (path, p) => {
      const input = p.schema ? sample(p.schema, a.ids) : undefined;
      const before = await snapshot(t.app.database);
      expect(await errorCode(callPath(t.as(outsider), path, input))).toBe('FORBIDDEN'); // owner of a later org
      expect(await errorCode(callPath(t.as(a.viewerId), path, input))).toBe('FORBIDDEN');
      expect(await snapshot(t.app.database)).toBe(before);
    });

  it.skipIf(!engine.available)('the owner of the first org administers the instance', async () => {
    expect(instanceProcs.length).toBeGreaterThan(0);
    const info = await t.as(a.ownerId).settings.instance.get();
    expect(info.running.engine).toBe(engine.name === 'pg' ? 'postgresql' : 'sqlite');
  });

  it.skipIf(!engine.available)('user-level procedures show only the caller\'s own orgs', async () => {
    const mine = await t.as(outsider).orgs.listMine();
    expect(mine.map((o) => o.id)).not.toContain(a.ids.orgId);
    expect(JSON.stringify(mine)).not.toContain(a.ids.workspaceId);
  });

  it.skipIf(!engine.available)('signed-out callers get UNAUTHORIZED from every non-public procedure', async () => {
    for (const p of procedures.filter((x) => x.auth?.kind !== 'public')) {
      const input = p.schema ? sample(p.schema, a.ids) : undefined;
      expect(await errorCode(callPath(t.as(null), p.path, input)), p.path).toBe('UNAUTHORIZED');
    }
  });
});

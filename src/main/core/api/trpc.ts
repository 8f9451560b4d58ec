import { initTRPC, TRPCError } from '@trpc/server';
import type { Role } from '../db/schema/enums.ts';
import { AppError } from '../lib/errors.ts';
import type { TargetField } from '../services/tenancy.ts';
import { isInstanceAdmin } from '../services/instance.ts';
import { atLeast, orgOf, roleIn } from '../services/tenancy.ts';
import type { ApiContext } from './context.ts';
import { translateDbError } from './db-errors.ts';

/** Every procedure declares who may call it. A procedure without a rule is refused (fail closed). */
export type AuthRule =
  | { kind: 'public' }
  | { kind: 'user' }
  | { kind: 'org'; role: Role; via: TargetField }
  /** The instance's administrator (desktop local owner, or an owner of the first org): ports, database, managed keys. */
  | { kind: 'instance' };

export interface ApiMeta {
  auth?: AuthRule;
}

const t = initTRPC
  .context<ApiContext>()
  .meta<ApiMeta>()
  .create({
    isDev: false,
    errorFormatter({ shape, error }) {
      const internal = error.code === 'INTERNAL_SERVER_ERROR';
      const cause = error.cause as { issues?: unknown } | undefined;
      return {
        ...shape,
        message: internal ? 'internal error' : shape.message,
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          issues: error.code === 'BAD_REQUEST' && cause?.issues ? cause.issues : null,
        },
      };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Domain errors and constraint violations become typed tRPC errors, once, here. */
const translateErrors = t.middleware(async ({ next }) => {
  const res = await next();
  if (!res.ok) {
    const cause = translateDbError(res.error.cause);
    if (cause instanceof AppError) {
      const code = cause.kind === 'INTERNAL' ? 'INTERNAL_SERVER_ERROR' : cause.kind;
      throw new TRPCError({ code, message: cause.message, cause });
    }
  }
  return res;
});

const requireRule = t.middleware(({ meta, next }) => {
  if (!meta?.auth) throw new TRPCError({ code: 'FORBIDDEN', message: 'procedure has no authorization rule' });
  return next();
});

const requireUser = t.middleware(({ ctx, next }) => {
  if (!ctx.userId) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'sign in required' });
  return next({ ctx: { userId: ctx.userId } });
});

/** Resolves the org that owns the object named in the input and checks the caller's role there. */
const requireOrgRole = t.middleware(async ({ ctx, meta, getRawInput, next }) => {
  const rule = meta?.auth;
  if (rule?.kind !== 'org') throw new TRPCError({ code: 'FORBIDDEN', message: 'procedure has no org rule' });
  if (!ctx.userId) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'sign in required' });
  const raw = (await getRawInput()) as Record<string, unknown> | undefined;
  const id = raw && typeof raw === 'object' ? raw[rule.via] : undefined;
  if (typeof id !== 'string' || id.length === 0 || id.length > 100) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: `${rule.via} is required` });
  }
  const orgId = await orgOf(ctx.deps, rule.via, id);
  // Not a member looks the same as not existing: ids of other tenants reveal nothing.
  const role = orgId ? await roleIn(ctx.deps, orgId, ctx.userId) : null;
  if (!orgId || !role) throw new TRPCError({ code: 'NOT_FOUND', message: `${rule.via.replace(/Id$/, '')} not found` });
  if (!atLeast(role, rule.role)) throw new TRPCError({ code: 'FORBIDDEN', message: `requires the ${rule.role} role` });
  return next({ ctx: { userId: ctx.userId, orgId, role, targetId: id, actor: { userId: ctx.userId, role } } });
});

const requireInstanceAdmin = t.middleware(async ({ ctx, next }) => {
  if (!ctx.userId) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'sign in required' });
  if (!(await isInstanceAdmin(ctx.deps, ctx.userId))) {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'only the instance administrator (an owner of its first organization) may do this' });
  }
  if (!ctx.deps.instance) throw new TRPCError({ code: 'PRECONDITION_FAILED', message: 'no instance settings in this host' });
  return next({ ctx: { userId: ctx.userId, actor: { userId: ctx.userId }, instance: ctx.deps.instance } });
});

const base = t.procedure.use(translateErrors).use(requireRule);

export const publicProcedure = base.meta({ auth: { kind: 'public' } });
export const userProcedure = base.meta({ auth: { kind: 'user' } }).use(requireUser);
export const instanceProcedure = base.meta({ auth: { kind: 'instance' } }).use(requireInstanceAdmin);
export const orgProcedure = (role: Role, via: TargetField) =>
  base.meta({ auth: { kind: 'org', role, via } }).use(requireOrgRole);

import { z } from 'zod';
import * as auth from '../../services/auth.ts';
import { email, name, password } from '../schemas.ts';
import type { InstanceHost } from '../../services/instance.ts';
import { publicProcedure, router, userProcedure } from '../trpc.ts';

function gatewayUrlOf(i: InstanceHost | undefined): string | null {
  if (!i) return null;
  const host = i.host === '0.0.0.0' || i.host === '::' ? '127.0.0.1' : i.host.includes(':') ? `[${i.host}]` : i.host;
  return `http://${host}:${i.port()}`;
}

export const authRouter = router({
  register: publicProcedure
    .input(z.object({ email, name, password }).strict())
    .mutation(async ({ ctx, input }) => {
      const r = await auth.register(ctx.deps, input);
      ctx.setSession(r.token);
      return r;
    }),
  login: publicProcedure
    .input(z.object({ email, password: z.string().min(1).max(200) }).strict())
    .mutation(async ({ ctx, input }) => {
      const r = await auth.login(ctx.deps, input);
      ctx.setSession(r.token);
      return r;
    }),
  logout: userProcedure
    .input(z.object({ everywhere: z.boolean().default(false) }).strict().optional())
    .mutation(async ({ ctx, input }) => {
      await auth.logout(ctx.deps, ctx.sessionToken ?? '', ctx.userId, input?.everywhere ?? false);
      ctx.setSession(null);
      return { ok: true };
    }),
  me: userProcedure.query(({ ctx }) => auth.me(ctx.deps, ctx.userId)),
  /** Whether a session is present; callable signed out so the panel knows to show sign-in. */
  session: publicProcedure.query(async ({ ctx }) => ({
    signedIn: ctx.userId !== null,
    localOwner: ctx.localOwner,
    user: ctx.userId ? await auth.me(ctx.deps, ctx.userId) : null,
    /** Where agents reach the gateway: the desktop panel (a file:// page) cannot learn it from its own URL. */
    gatewayUrl: gatewayUrlOf(ctx.deps.instance),
  })),
});

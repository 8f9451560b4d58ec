import { z } from 'zod';
import { LEDGER_KINDS } from '../../db/schema/enums.ts';
import { moneyOf } from '../../ledger/money.ts';
import { id, isoDate, pageLimit, toMicro } from '../schemas.ts';
import { orgProcedure, router } from '../trpc.ts';

/** Caller-chosen key that makes a retried mutation a no-op answering with the original entry. */
const idempotencyKey = z.string().trim().min(1).max(200);
const reason = z.string().trim().min(1, 'a reason is required').max(500);
// Whole micro-credits only, checked on the number's shortest decimal form (exact, unlike float arithmetic).
const microExact = (n: number): boolean => /^-?\d+(\.\d{1,6})?$/.test(String(n));
const credits = z.number().positive().max(1e9).refine(microExact, 'at most 6 decimals');
/** Signed credits for adjustments: non-zero, at most 6 decimals. */
const signedCredits = z.number().min(-1e9).max(1e9).refine((n) => n !== 0, 'must not be zero').refine(microExact, 'at most 6 decimals');

export const creditsRouter = router({
  purchase: orgProcedure('admin', 'orgId')
    .input(z.object({ orgId: id, amountCredits: credits, idempotencyKey }).strict())
    .mutation(({ ctx, input }) => moneyOf(ctx.deps).credits.purchase(ctx.actor, ctx.orgId, toMicro(input.amountCredits), input.idempotencyKey)),
  balance: orgProcedure('viewer', 'orgId').input(z.object({ orgId: id }).strict())
    .query(({ ctx }) => moneyOf(ctx.deps).credits.balance(ctx.orgId)),
  refund: orgProcedure('admin', 'orgId')
    .input(z.object({ orgId: id, entryId: id, amountCredits: credits.optional(), reason, idempotencyKey }).strict())
    .mutation(({ ctx, input }) => moneyOf(ctx.deps).credits.refund(ctx.actor, ctx.orgId, {
      entryId: input.entryId, reason: input.reason, key: input.idempotencyKey,
      ...(input.amountCredits !== undefined ? { amountMicro: toMicro(input.amountCredits) } : {}),
    })),
  adjust: orgProcedure('admin', 'orgId')
    .input(z.object({ orgId: id, amountCredits: signedCredits, reason, idempotencyKey }).strict())
    .mutation(({ ctx, input }) => moneyOf(ctx.deps).credits.adjust(ctx.actor, ctx.orgId, {
      amountMicro: Math.round(input.amountCredits * 1_000_000), reason: input.reason, key: input.idempotencyKey,
    })),
});

export const ledgerRouter = router({
  list: orgProcedure('viewer', 'orgId')
    .input(z.object({
      orgId: id, kind: z.enum(LEDGER_KINDS).optional(), agentId: id.optional(), from: isoDate.optional(), to: isoDate.optional(),
      cursor: z.string().max(200).optional(), limit: pageLimit,
    }).strict())
    .query(({ ctx, input }) => {
      const { orgId: _org, ...filter } = input;
      return moneyOf(ctx.deps).credits.list(ctx.orgId, filter);
    }),
  verify: orgProcedure('admin', 'orgId').input(z.object({ orgId: id }).strict())
    .query(({ ctx }) => moneyOf(ctx.deps).credits.verify(ctx.orgId)),
});
